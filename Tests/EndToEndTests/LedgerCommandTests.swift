import Foundation
import Testing

/// `xuncha ledger export` as a user runs it, on the data folder `serve --demo` made.
@Suite(.serialized) struct LedgerCommandTests {
    @Test func aLedgerIsWrittenAsXLSXOrCSVWithoutIdentitiesAndAudited() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let csvPath = data.path + "-web.csv"
        let csv = try XunchaProcess.run(["ledger", "export", "--kind", "web", "--format", "csv", "--out", csvPath, "--by", "王明", "--data", data.path])
        #expect(csv.status == 0 && csv.output.contains("网上及电子邮件举报登记簿：2 条"), "\(csv.output)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: csvPath)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("序号,编号,收到时间,方式,实名/匿名,被反映人及职务,问题类别,反映的主要问题,处理意见,去向\r\n"))
        #expect(text.split(separator: "\r\n").count == 3 && !text.contains("李示例") && !text.contains("13800000000"))

        let xlsxPath = data.path + "-letters.xlsx"
        let xlsx = try XunchaProcess.run(["ledger", "export", "--kind", "letters", "--out", xlsxPath, "--from", "2023-04-01", "--data", data.path])
        #expect(xlsx.status == 0 && xlsx.output.contains("来信登记簿：1 条"), "\(xlsx.output)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: xlsxPath)).prefix(2) == Data("PK".utf8))

        let trail = try XunchaProcess.run(["audit", "verify", "--data", data.path])
        #expect(trail.status == 0, "\(trail.output)")

        for (arguments, said) in [
            (["--kind", "receipts"], "--kind"), (["--kind", "web", "--format", "pdf"], "--format"),
            (["--kind", "web", "--from", "2023-02-30"], "起始日期格式不正确"), (["--kind", "web", "--inspection", "nope"], "nope"),
        ] {
            let refused = try XunchaProcess.run(["ledger", "export", "--out", data.path + "-x", "--data", data.path] + arguments)
            #expect(refused.status != 0 && refused.output.contains(said), "\(arguments): \(refused.output)")
        }
        #expect(!FileManager.default.fileExists(atPath: data.path + "-x"), "nothing is written when refused")
    }
}
