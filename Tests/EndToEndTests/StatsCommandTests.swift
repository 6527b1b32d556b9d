import Foundation
import Testing

/// `xuncha stats` as a user runs it, on the data folder `serve --demo` made.
@Suite(.serialized) struct StatsCommandTests {
    @Test func theStatisticsAreOneJSONObjectWithExactlyTheReportsKeysOrATable() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let run = try XunchaProcess.run(["stats", "--json", "--data", data.path])
        #expect(run.status == 0, "\(run.output)")
        let start = try #require(run.output.firstIndex(of: "{"))
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any])
        #expect(
            Set(stats.keys) == [
                "inspection", "reports", "threads", "by_channel", "named", "anonymous", "first", "repeat", "in_scope", "out_of_scope",
                "no_substance", "by_discipline", "by_rank", "by_disposition", "referrals", "leads", "by_week",
            ]
        )
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", data.path]).output
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
        #expect(stats["reports"] as? Int == reports.count)
        #expect(Set((stats["by_channel"] as? [String: Int])?.keys ?? [:].keys) == ["web", "phone", "letter", "visit", "email"])
        #expect((stats["by_channel"] as? [String: Int])?.values.reduce(0, +) == reports.count)
        #expect(
            Set((stats["by_disposition"] as? [String: Int])?.keys ?? [:].keys) == ["accept", "refer", "file", "duplicate", "reject", "undecided"]
        )

        let table = try XunchaProcess.run(["stats", "--data", data.path])
        #expect(table.status == 0 && table.output.contains("共受理信访举报\(reports.count)件次"))
        let misuse = try XunchaProcess.run(["stats", "--all", "--inspection", "x", "--data", data.path])
        #expect(misuse.status != 0 && misuse.output.contains("--all"))
        let unknown = try XunchaProcess.run(["stats", "--inspection", "nope", "--data", data.path])
        #expect(unknown.status != 0 && unknown.output.contains("nope"))
    }
}
