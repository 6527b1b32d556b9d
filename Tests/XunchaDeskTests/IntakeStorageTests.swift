import Foundation
import SQLKit
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

private let inspection = Inspection(
    id: "insp-1",
    group: "市委第一巡察组",
    units: ["市某局"],
    periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
    periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
    deadline: CivilDate(year: 2023, month: 5, day: 31)!
)
private let march10 = Date(timeIntervalSince1970: 1_678_420_800)  // 2023-03-10 12:00 Beijing

/// The intake path on a real SQLite file: what a report leaves in the store, and what it never does.
@Suite struct IntakeStorageTests {
    @Test func aSubmittedReportIsStoredWithItsSubjectsAndFoundByItsCode() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        let receipt = try await intake.submit(
            Submission(
                channel: .web,
                content: "反映某局长收受购物卡。",
                subjects: [Subject(name: "王某", post: "局长")],
                reporter: ReporterIdentity(name: "赵六", phone: "13912345678"),
                receivedAt: march10
            ),
            from: .reporter(nil)
        )
        #expect(receipt.inspectionID == inspection.id)
        let code = try #require(receipt.queryCode)
        #expect(try await intake.reportID(for: code) == receipt.reportID)
        var other = SplitMix64(seed: 7)
        #expect(try await intake.reportID(for: QueryCode.generate(using: &other)) == nil)

        let report = try #require(try await store.report(id: receipt.reportID))
        #expect(report.content == "反映某局长收受购物卡。")
        #expect(report.subjects == [Subject(name: "王某", post: "局长")])
        #expect(report.isRealName && report.status == .received)
        #expect(abs(report.receivedAt.timeIntervalSince(march10)) < 0.001)
        try await store.close()
    }

    @Test func identityAndCodeNeverReachTheDatabaseFileInTheClear() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let intake = installation.desks(store).intake
        let receipt = try await intake.submit(
            Submission(
                channel: .web,
                content: "内容",
                reporter: ReporterIdentity(name: "欧阳秘密", phone: "13987654321", idNumber: "11010519491231002X"),
                receivedAt: march10
            ),
            from: .reporter(nil)
        )
        try await store.close()
        let bytes = try await installation.databaseBytes()
        for secret in ["欧阳秘密", "13987654321", "11010519491231002X", try #require(receipt.queryCode).digits] {
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in the database file")
        }
        #expect(bytes.range(of: Data("内容".utf8)) != nil)
    }

    @Test func everyChangeWritesOneLinkOfAChainThatVerifies() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        // Concurrent submissions must still extend the chain one link at a time.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for i in 0..<20 {
                group.addTask {
                    _ = try await intake.submit(
                        Submission(channel: .web, content: "并发反映\(i)", receivedAt: march10),
                        from: .reporter(nil)
                    )
                }
            }
            try await group.waitForAll()
        }
        let reportIDs = try await store.reports(inspectionID: nil, includeUnassigned: true, limit: 100, offset: 0).map(\.id)
        try await store.addToReport(id: reportIDs[0], content: "补充", at: march10, actor: .reporter, screening: nil)
        let events = try await store.auditEvents(afterSeq: 0, limit: 1000)
        // Each report: received and screened; then the inspection before and the addition after.
        #expect(events.count == 42)
        #expect(try await store.verifyAudit(headFile: nil).problem == nil)
        #expect(
            try await store.auditEvents(subject: .report, id: reportIDs[0]).map(\.action) == [
                "report.received", "report.screened", "report.added_to",
            ]
        )
        #expect(try await store.report(id: reportIDs[0])?.additions.map(\.content) == ["补充"])
        try await store.close()
    }

    @Test func reportsListNewestFirstInPagesAndByInbox() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        var other = inspection
        other.id = "insp-2"
        try await store.createInspection(other, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        for i in 0..<5 {
            _ = try await intake.take(
                Submission(
                    channel: .phone,
                    content: "第\(i)件",
                    inspectionID: i == 4 ? "insp-2" : nil,
                    receivedAt: march10.addingTimeInterval(Double(i) * 60)
                ),
                caller: .system,
                .init()
            )
        }
        // Two inspections open that day and none chosen: left unassigned rather than guessed.
        let unassigned = try await store.reports(inspectionID: "", includeUnassigned: true, limit: 10, offset: 0)
        #expect(unassigned.map(\.content) == ["第3件", "第2件", "第1件", "第0件"])
        #expect(try await store.reportCount(inspectionID: "insp-2", includeUnassigned: false) == 1)
        #expect(try await store.reportCount(inspectionID: "insp-2", includeUnassigned: true) == 5)
        let page2 = try await store.reports(inspectionID: nil, includeUnassigned: true, limit: 2, offset: 2)
        #expect(page2.map(\.content) == ["第2件", "第1件"])
        await #expect(throws: DeskError.self) {
            _ = try await intake.submit(
                Submission(channel: .web, content: "x", inspectionID: "nope", receivedAt: march10),
                from: .reporter(nil)
            )
        }
        try await store.close()
    }
}
