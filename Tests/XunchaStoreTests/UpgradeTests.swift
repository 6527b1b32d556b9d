import Foundation
import SQLKit
import Testing
import XunchaCore

@testable import XunchaStore

/// A data folder written by an older Xuncha opens with what the newer one needs, found from the
/// data already there: the schema is rolled back to the version before, with the old data as that
/// version wrote it, and opened again.
@Suite struct UpgradeTests {
    @Test func anOlderDatabaseGetsMessageIDDigestsAndTheExclusionsOfItsReports() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        var store = try await installation.open()
        let at = Date(timeIntervalSince1970: 1_678_420_800)
        let report = Report(
            id: "r1",
            inspectionID: nil,
            channel: .email,
            receivedAt: at,
            content: "反映王建国在物资采购中收受回扣。",
            subjects: [],
            status: .received,
            isRealName: false
        )
        try await store.saveReport(NewReport(report: report, sealedIdentity: nil, queryCodeHash: nil), actor: .system)
        let user = StaffUser(id: "u1", username: "wang", displayName: "王建国", role: .member, inspectionID: nil, mustChangePassword: false)
        try await store.createUser(user, passwordHash: "h", actor: .system, at: at)
        // As version 21 left them: the Message-ID in plain text, no exclusions, no identity requests.
        try await store.engine.transaction { db in
            try await db.raw("INSERT INTO report_sources (source_key, report_id, recorded_at) VALUES ('message-id:<a1@mail.example>', 'r1', 0)").run()
            try await db.raw("DROP TABLE report_exclusions").run()
            try await db.raw("DROP TABLE identity_requests").run()
            // Versions 22 (digests), 23 (exclusions) and 24 (identity requests) run again; later ones stay.
            try await db.raw("DELETE FROM schema_migrations WHERE version IN (22, 23, 24)").run()
        }
        try await store.close()

        store = try await installation.open()
        #expect(try await store.reportID(sourceKeys: [ReportSourceKey.messageID("<a1@mail.example>")]) == "r1")
        let plain = try await store.engine.reader.raw("SELECT COUNT(*) AS n FROM report_sources WHERE source_key LIKE 'message-id:%'").first()
        #expect(try plain?.decode(column: "n", as: Int.self) == 0, "no Message-ID is left in plain text")
        #expect(try await store.exclusions(reportID: "r1") == [ReportExclusion(reportID: "r1", userID: "u1", kind: .named, reason: "王建国")])
        #expect(try await store.identityRequests(reportID: "r1").isEmpty)
        try await store.close()
    }
}
