import Foundation
import Testing

/// `xuncha screen --data` and `xuncha report rescreen` run as a user runs them, on the data folder
/// `serve --demo` made (one inspection, of 市委老干部局, with its reports and roster).
@Suite(.serialized) struct ScreenCommandTests {
    func json(_ output: String) throws -> [String: Any] {
        let line = try #require(output.split(separator: "\n").last { $0.hasPrefix("{") })
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func screeningAgainstTheDataFolderUsesItsRosterInspectionAndReports() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let text = data.path + "-report.txt"
        try Data("王建国在办公室收受红包两万元，知情人可以作证。".utf8).write(to: URL(fileURLWithPath: text))

        // From the text alone the name is nobody in particular.
        let alone = try json(try XunchaProcess.run(["screen", "--json", text]).output)
        let aloneSubjects = try #require(alone["subjects"] as? [[String: Any]])
        #expect(aloneSubjects.allSatisfy { ($0["candidates"] as? [Any])?.isEmpty ?? true })

        let roster = data.path + "-roster.csv"
        try Data("姓名,单位,职务\n王建国,市委老干部局,党组书记、局长\n".utf8).write(to: URL(fileURLWithPath: roster))
        #expect(try XunchaProcess.run(["roster", "import", roster, "--data", data.path, "--yes"]).status == 0)

        let screened = try XunchaProcess.run(["screen", "--json", text, "--data", data.path])
        #expect(screened.status == 0, "\(screened.output)")
        let record = try json(screened.output)
        let subjects = try #require(record["subjects"] as? [[String: Any]])
        let candidates: [[String: Any]] = subjects.flatMap { $0["candidates"] as? [[String: Any]] ?? [] }
        let candidate = try #require(candidates.first)
        #expect(candidate["name"] as? String == "王建国")
        #expect(candidate["role"] as? String == "leadership_member")
        #expect(record["rules_version"] as? String != nil)

        // A demo report's own words come back as a repeat of it.
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", data.path]).output
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        let demo = try #require(reports.first { ($0["content"] as? String)?.contains("退休待遇") == true })
        let line = String(
            decoding: try JSONSerialization.data(withJSONObject: ["text": demo["content"]!, "received_at": "2023-04-10T10:00:00+08:00"]),
            as: UTF8.self
        )
        let repeated = try XunchaProcess.run(
            ["screen", "--jsonl", "--data", data.path],
            input: line + "\n{\"text\":\"x\",\"inspection\":\"nope\"}\n"
        )
        #expect(repeated.status == 1)
        let lines = repeated.output.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(lines.count == 2)
        #expect(try json(String(lines[0]))["suggestion"] as? String == "duplicate")
        #expect(lines[1].contains(#""line":2"#) && lines[1].contains("no inspection nope"))

        let rescreened = try XunchaProcess.run(["report", "rescreen", "--data", data.path])
        #expect(rescreened.status == 0, "\(rescreened.output)")
        #expect(rescreened.output.contains("screened \(reports.count)"), "\(rescreened.output)")

        let misuse = try XunchaProcess.run(["screen", "--json", text, "--inspection", "x"])
        #expect(misuse.status != 0)
        #expect(misuse.output.contains("--inspection needs --data"))
    }
}
