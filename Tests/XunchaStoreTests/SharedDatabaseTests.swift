import Foundation
import SQLKit
import Testing
import XunchaCore
import XunchaTestSupport

@testable import XunchaStore

/// Two servers on one PostgreSQL database (two stores here, each with its own connections, as two
/// processes have): they take turns to migrate, and the register and the audit chain stay one.
/// PostgreSQL only (`XUNCHA_TEST_POSTGRES`): several servers are what it is for; two stores on one
/// SQLite file in a loaded test run were seen to fail with "database is locked".
@Suite(.enabled(if: TestDatabase.server != nil, "several servers on one database need PostgreSQL")) struct SharedDatabaseTests {
    @Test func twoStoresStartingAtOnceApplyEachVersionOnce() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        async let first = installation.open()
        async let second = installation.open()
        let stores = try await [first, second]
        let counts = try await stores[0].engine.reader.raw("SELECT version, COUNT(*) AS n FROM schema_migrations GROUP BY version").all()
            .map { (try $0.decode(column: "version", as: Int.self), try $0.decode(column: "n", as: Int.self)) }
        #expect(counts.count == SQLStore.migrations.count)
        #expect(counts.allSatisfy { $0.1 == 1 })
        for store in stores { try await store.close() }
    }

    @Test func twoStoresSavingAtOnceKeepOneGaplessRegisterAndOneChain() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let a = try await installation.open()
        let b = try await installation.open()
        try await a.createInspection(BulkLoadTests.inspection, actor: .system, at: BulkLoadTests.march10)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 1...60 {
                group.addTask { try await (i % 2 == 0 ? a : b).saveReport(GroupCommitTests.report(i), actor: .system) }
            }
            try await group.waitForAll()
        }
        let numbers = try await b.reports(inspectionID: BulkLoadTests.inspection.id, includeUnassigned: false, limit: 100, offset: 0)
            .compactMap(\.number)
        #expect(numbers.count == 60)
        #expect(Set(numbers) == Set((1...60).map { BulkLoadTests.inspection.registerNumber($0).text }))
        let head = try await a.auditHead()
        for store in [a, b] {
            let verified = try await store.verifyAudit(headFile: nil)
            #expect(verified.problem == nil)
            #expect(verified.events == head)
        }
        let received = try await a.engine.reader.raw(
            "SELECT COUNT(*) AS n FROM audit_events WHERE action = \(bind: AuditAction.reportReceived.rawValue)"
        ).first()
        #expect(try received?.decode(column: "n", as: Int.self) == 60)
        try await a.close()
        try await b.close()
    }

    @Test func guessesSpreadOverTwoStoresMeetOneLimit() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let a = try await installation.open()
        let b = try await installation.open()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        var answers: [AttemptCount] = []
        for i in 0..<7 {
            answers.append(try await (i % 2 == 0 ? a : b).countAttempt([(key: "query-code|client", limit: 5)], at: now, window: 60))
        }
        #expect(answers.prefix(5).allSatisfy { $0 == .counted(since: [now]) })
        #expect(Array(answers.suffix(2)) == [.wait(seconds: 60), .wait(seconds: 60)])
        // A right code refunded through one server frees a guess on the other.
        try await a.refundAttempt([(key: "query-code|client", since: now)])
        #expect(try await b.countAttempt([(key: "query-code|client", limit: 5)], at: now, window: 60) == .counted(since: [now]))
        // Once the window has passed the count starts afresh.
        #expect(try await b.countAttempt([(key: "query-code|client", limit: 5)], at: now + 60, window: 60) == .counted(since: [now + 60]))
        try await a.close()
        try await b.close()
    }
}
