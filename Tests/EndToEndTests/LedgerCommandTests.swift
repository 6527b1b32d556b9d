import Foundation
import Testing

/// `xuncha ledger export` as a user runs it, on the data folder `serve --demo` made.
@Suite(.serialized) struct LedgerCommandTests {
    @Test func aLedgerIsWrittenAsXLSXOrCSVWithoutIdentitiesAndAudited() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        // What the registers should hold, counted from the demo's reports.
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", data.path]).output
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        let webOrMail = reports.filter { ["web", "email"].contains($0["channel"] as? String) }.count
        let april = try #require(ISO8601DateFormatter().date(from: "2023-04-01T00:00:00+08:00"))
        let lettersSinceApril = reports.filter {
            $0["channel"] as? String == "letter"
                && ($0["received_at"] as? String).flatMap(ISO8601DateFormatter().date(from:)).map { $0 >= april } == true
        }.count
        #expect(webOrMail > 0 && lettersSinceApril > 0)
        let csvPath = data.path + "-web.csv"
        let csv = try XunchaProcess.run(["ledger", "export", "--kind", "web", "--format", "csv", "--out", csvPath, "--by", "王明", "--data", data.path])
        #expect(csv.status == 0 && csv.output.contains("网上及电子邮件举报登记簿：\(webOrMail) 条"), "\(csv.output)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: csvPath)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("序号,编号,收到时间,方式,实名/匿名,被反映人及职务,问题类别,反映的主要问题,处理意见,去向\r\n"))
        #expect(Self.records(text) == webOrMail + 1 && !text.contains("李示例") && !text.contains("13800000000"))

        let xlsxPath = data.path + "-letters.xlsx"
        let xlsx = try XunchaProcess.run(["ledger", "export", "--kind", "letters", "--out", xlsxPath, "--from", "2023-04-01", "--data", data.path])
        #expect(xlsx.status == 0 && xlsx.output.contains("来信登记簿：\(lettersSinceApril) 条"), "\(xlsx.output)")
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

    /// The CSV's records: lines ended by CR LF outside quotes (a cell may hold line breaks).
    static func records(_ csv: String) -> Int {
        var count = 0
        var quoted = false
        for c in csv {
            if c == "\"" { quoted.toggle() } else if c == "\r\n", !quoted { count += 1 }
        }
        return csv.hasSuffix("\r\n") ? count : count + 1
    }
}
