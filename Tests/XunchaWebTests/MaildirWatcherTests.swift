import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

@Suite struct MaildirWatcherTests {
    private static func message(_ n: Int) -> String {
        """
        From: reporter\(n)@example.cn\r
        Subject: =?UTF-8?B?5Li+5oql?=\r
        Message-ID: <watch-\(n)@example.cn>\r
        Date: \(Self.rfc822(Date()))\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        第\(n)封：某局长违规收受礼金。\r

        """
    }

    private static func rfc822(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }

    @Test func theServerRegistersMailThatArrivesWhileItRuns() async throws {
        let installation = try await TestInstallation.make()
        let maildir = installation.folder.path + "-maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: maildir) }
        let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
        let app = try await buildApplication(
            configuration: installation.configuration,
            desks: installation.desks(),
            maildir: MaildirWatch(path: maildir, interval: .milliseconds(200)),
            logger: Logger(label: "test")
        )
        let store = installation.store
        try await app.test(.live) { client in
            func waitForCount(_ expected: Int) async throws -> Int {
                var count = 0
                for _ in 0..<100 {
                    count = try await store.reportCount(inspectionID: nil, includeUnassigned: true)
                    if count >= expected { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
                return count
            }
            // Delivered the way a fetcher does: written in tmp/, then renamed into new/.
            for n in 1...2 {
                let name = "\(Int(Date().timeIntervalSince1970)).M\(n)P1.test"
                try Data(Self.message(n).utf8).write(to: URL(fileURLWithPath: maildir + "/tmp/" + name))
                try FileManager.default.moveItem(atPath: maildir + "/tmp/" + name, toPath: maildir + "/new/" + name)
            }
            #expect(try await waitForCount(before + 2) == before + 2)
            // The fetcher marks mail seen (new/ → cur/ with a flag suffix): still the same messages.
            for name in try FileManager.default.contentsOfDirectory(atPath: maildir + "/new") {
                try FileManager.default.moveItem(atPath: maildir + "/new/" + name, toPath: maildir + "/cur/" + name + ":2,S")
            }
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await store.reportCount(inspectionID: nil, includeUnassigned: true) == before + 2)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
        let newest = try await store.reports(inspectionID: nil, includeUnassigned: true, limit: 2, offset: 0)
        #expect(Set(newest.map(\.channel)) == [.email])
        for report in newest {
            #expect(
                try await AttachmentStore(store: store, keys: installation.keys, dataFolder: installation.folder).list(reportID: report.id).map(
                    \.filename
                ) == ["原始邮件.eml"]
            )
        }
        try await store.close()
        try? FileManager.default.removeItem(atPath: installation.folder.path)
    }
}
