import Foundation
import Testing

@testable import XunchaIntake

/// Keeps registered messages in memory, one per Message-ID or per byte string, like the store.
actor MemorySink: MailIntakeSink {
    var reports: [(id: String, mail: MailSubmission)] = []
    private var keys: [String: String] = [:]

    func register(_ mail: MailSubmission, raw: [UInt8], messageID: String?) async throws -> MailIngestOutcome {
        let candidates = ["bytes:" + raw.map(String.init).joined(separator: ",")] + (messageID.map { ["id:" + $0] } ?? [])
        if let earlier = candidates.lazy.compactMap({ self.keys[$0] }).first { return .duplicate(reportID: earlier) }
        let id = "r\(reports.count + 1)"
        for c in candidates { keys[c] = id }
        reports.append((id, mail))
        return .registered(reportID: id)
    }
}

@Suite struct MailMaildirTests {
    /// A Maildir in a fresh temporary folder, removed by `remove()`.
    struct TemporaryMaildir {
        let path = NSTemporaryDirectory() + "xuncha-maildir-\(UUID().uuidString)"

        init() throws {
            for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: path + "/" + sub, withIntermediateDirectories: true) }
        }

        func deliver(_ name: String, _ bytes: [UInt8], folder: String = "new") throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path + "/" + folder + "/" + name))
        }

        func remove() { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func namesFlagsAndDeliveryTimes() {
        #expect(Maildir.split("1741051202.M20P3.host,S=1234,U=7:2,S") == ("1741051202.M20P3.host,S=1234,U=7", "S"))
        #expect(Maildir.split("1741051202.M20P3.host!2,RS") == ("1741051202.M20P3.host", "RS"))
        #expect(Maildir.split("plainname") == ("plainname", ""))
        #expect(Maildir.deliveryTime("1741051202.M20P3.host") == Date(timeIntervalSince1970: 1_741_051_202))
        #expect(Maildir.deliveryTime("12.host") == nil)
        #expect(Maildir.deliveryTime("9999999999.future") == nil)
    }

    @Test func ingestsNewAndCurOnceEach() async throws {
        let dir = try TemporaryMaildir()
        defer { dir.remove() }
        try dir.deliver(".uidvalidity", Array("1\n".utf8), folder: "cur")
        try dir.deliver("1741051300.M1P1.host", mail(["Message-ID: <b@x>", "Date: Tue, 04 Mar 2025 09:21:00 +0800", "Subject: second", "", "第二封"]))
        try dir.deliver(
            "1741051202.M2P1.host:2,S",
            mail(["Message-ID: <a@x>", "Date: Tue, 04 Mar 2025 09:19:00 +0800", "Subject: first", "", "第一封"]),
            folder: "cur"
        )
        // The same message fetched again under another name, and one without a Message-ID twice.
        try dir.deliver("1741051400.M3P1.host", mail(["Message-ID: <a@x>", "Date: Tue, 04 Mar 2025 09:19:00 +0800", "Subject: first", "", "第一封"]))
        try dir.deliver("1741051500.M4P1.host", mail(["Subject: no id", "", "没有编号"]))
        try dir.deliver("1741051501.M5P1.host", mail(["Subject: no id", "", "没有编号"]))
        try dir.deliver("ignored-while-writing", mail(["Subject: tmp", "", "x"]), folder: "tmp")

        let sink = MemorySink()
        var seen: [Int] = []
        let summary = try await MaildirIngest(maildir: Maildir(path: dir.path)).run(into: sink) { seen.append($0.done) }
        #expect(summary.registered == ["r1", "r2", "r3"])
        #expect(summary.duplicates == 2)
        #expect(summary.failed.isEmpty)
        #expect(seen == [0, 1, 2, 3, 4, 5])
        let contents = await sink.reports.map(\.mail.submission.content)
        #expect(contents == ["主题：first\n\n第一封", "主题：second\n\n第二封", "主题：no id\n\n没有编号"])
        // No Date header: the delivery time in the name is the received time.
        let third = try #require(await sink.reports.last?.mail)
        #expect(third.submission.receivedAt == Date(timeIntervalSince1970: 1_741_051_500))
        #expect(third.receivedAtSource == .arrival)

        // A second run registers nothing.
        let again = try await MaildirIngest(maildir: Maildir(path: dir.path)).run(into: sink)
        #expect(again.registered.isEmpty)
        #expect(again.duplicates == 5)
    }

    @Test func aFolderThatIsNotAMaildirIsRefused() async throws {
        let path = NSTemporaryDirectory() + "xuncha-not-maildir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect(throws: Maildir.Failure.notAMaildir(path)) {
            _ = try await MaildirIngest(maildir: Maildir(path: path)).run(into: MemorySink())
        }
    }

    @Test func problemsAreKeptAsJSONWithoutContent() throws {
        let m = try MailFixture.read("malformed-base64.eml")
        let json = try #require(MailProblem.json(m.problems))
        #expect(json.hasPrefix("[{\"detail\":\"5 characters that are not base64 were skipped"))
        #expect(json.contains("\"kind\":\"malformed_base64\",\"part\":\"1\""))
        #expect(!json.contains("举报"))
    }
}
