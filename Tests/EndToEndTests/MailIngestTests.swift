import Foundation
import Testing

/// `xuncha mail ingest` as a person runs it, on a Maildir filled with the MIME reader's fixtures.
@Suite(.serialized) struct MailIngestTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("XunchaIntakeTests/Fixtures")

    @Test func ingestRegistersEachMessageOnceAndSealsTheSender() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        server.stop()

        let maildir = data.path + "-maildir"
        for sub in ["new", "cur", "tmp"] { try FileManager.default.createDirectory(atPath: maildir + "/" + sub, withIntermediateDirectories: true) }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).filter { $0.hasSuffix(".eml") }.sorted()
        for (k, name) in names.enumerated() {
            try FileManager.default.copyItem(atPath: Self.fixtures.path + "/" + name, toPath: maildir + "/new/\(1_741_051_202 + k).M\(k)P1.host")
        }

        let first = try XunchaProcess.run(["mail", "ingest", maildir, "--data", data.path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("registered \(names.count), duplicates 0, failed 0"))
        // One fixture has a broken base64 part: registered, and counted as partly unreadable.
        #expect(first.output.contains("partly unreadable 1"))

        let again = try XunchaProcess.run(["mail", "ingest", maildir, "--data", data.path])
        #expect(again.status == 0)
        #expect(again.output.contains("registered 0, duplicates \(names.count), failed 0"))

        let listed = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"])
        #expect(listed.output.contains("巡察組您好"))  // the Big5 letter, decoded
        #expect(listed.output.contains("\"channel\" : \"email\""))

        // The sender's address is sealed: in neither the database nor the output.
        var database = Data()
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: data.path + "/xuncha.sqlite" + suffix) { database.append(bytes) }
        }
        #expect(!database.isEmpty)
        #expect(database.range(of: Data("wangzhe@example.cn".utf8)) == nil)
        #expect(!first.output.contains("wangzhe@example.cn"))
    }

    @Test func aFolderThatIsNotAMaildirIsRefusedWithAReason() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path)
        server.stop()
        let result = try XunchaProcess.run(["mail", "ingest", data.path, "--data", data.path])
        #expect(result.status != 0)
        #expect(result.output.contains("不是 Maildir"))
    }
}
