import Foundation
import Testing

/// `xuncha report add` as staff run it: the text on stdin, the report id on stdout.
@Suite(.serialized) struct ReportAddTests {
    @Test func aLetterIsRegisteredAndListedWithoutItsIdentity() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        server.stop()

        let scan = data.path + "-page1.png"
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0]).write(to: URL(fileURLWithPath: scan))
        let added = try XunchaProcess.run(
            [
                "report", "add", "--channel", "letter", "--received-at", "2023-04-10T09:30:00+08:00", "--postmark", "2023-04-08",
                "--subject", "李四,市委老干部局,副局长", "--reporter-name", "王五", "--reporter-phone", "13700001111",
                "--sender-as-written", "东风路8号 王", "--scan", scan, "--received-by", "zuyuan", "--data", data.path,
            ],
            input: "来信反映李四副局长违规使用公车。\n"
        )
        #expect(added.status == 0, "\(added.output)")
        let id = try #require(added.output.split(separator: "\n").map(String.init).first { $0.count == 36 && $0.contains("-") })
        #expect(id.count == 36)
        #expect(added.output.contains("saved"))

        let listed = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"])
        #expect(listed.output.contains(id))
        #expect(listed.output.contains("违规使用公车"))
        #expect(listed.output.contains("\"channel\" : \"letter\""))
        #expect(listed.output.contains("\"is_real_name\" : true"))
        for secret in ["王五", "13700001111", "东风路8号"] {
            #expect(!listed.output.contains(secret))
            #expect(!added.output.contains(secret))
        }
        var database = Data()
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: data.path + "/xuncha.sqlite" + suffix) { database.append(bytes) }
        }
        #expect(database.range(of: Data("13700001111".utf8)) == nil)
        // The scan is kept sealed with the report.
        let kept = try FileManager.default.contentsOfDirectory(atPath: data.path + "/attachments/" + id)
        #expect(kept.count == 1)
        #expect(try XunchaProcess.run(["audit", "verify", "--data", data.path]).status == 0)
    }

    @Test func badInputIsRefusedAndNothingIsSaved() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        server.stop()
        let before = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"]).output

        let cases: [([String], String, String)] = [
            (["--channel", "fax", "--received-at", "2023-04-10T09:30"], "text", "channel must be one of"),
            (["--channel", "phone", "--received-at", "2099-01-01T09:30"], "text", "收到时间不能晚于现在"),
            (["--channel", "phone", "--received-at", "yesterday"], "text", "收到时间格式不正确"),
            (["--channel", "letter", "--received-at", "2023-04-10T09:30", "--postmark", "2023-04-11"], "text", "邮戳日期不能晚于收到日期"),
            (["--channel", "phone", "--received-at", "2023-04-10T09:30", "--call-duration=-3"], "text", "通话时长不能为负数"),
            (["--channel", "visit", "--received-at", "2023-04-10T09:30"], "  \n", "请填写反映的内容"),
            (["--channel", "visit", "--received-at", "2023-04-10T09:30"], String(repeating: "长", count: 20_001), "不能超过20000个字"),
        ]
        for (arguments, input, message) in cases {
            let result = try XunchaProcess.run(["report", "add"] + arguments + ["--data", data.path], input: input)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.output.contains(message), "\(arguments): \(result.output)")
        }
        #expect(try XunchaProcess.run(["report", "list", "--data", data.path, "--json"]).output == before)
    }
}

extension XunchaProcess {
    /// `run` with `input` on standard input.
    static func run(_ arguments: [String], input: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let output = Pipe()
        let stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
