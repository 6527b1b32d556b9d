import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The generated data set is what the console reads: counts add up, search finds what the texts
/// say, numbers follow arrival, identities open, the audit chain holds.
@Suite struct SyntheticInspectionTests {
    @Test func theGeneratedInspectionIsWhatTheInboxAndTheStatisticsRead() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        do {
            try await check(store, installation.desks(store, now: { SyntheticInspection.moment }))
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    func check(_ store: SQLStore, _ services: DeskServices) async throws {
        var plan = SyntheticInspection.Plan(reports: 2_000, seed: 7, decisions: 40)
        plan.chunk = 700
        let summary = try await SyntheticInspection(store: store, services: services).generate(plan)
        #expect(summary.reportsAdded == 2_000)
        #expect(summary.decisions == 40)
        #expect(summary.newAccounts.map(\.username) == [SyntheticInspection.leaderUsername, SyntheticInspection.memberUsername])

        let leader = try #require(try await store.users().first { $0.username == SyntheticInspection.leaderUsername })
        let caller = Caller.staff(leader)
        let staff = services.staff
        let all = try await store.reports(inspectionID: SyntheticInspection.inspectionID, includeUnassigned: false, limit: 5_000, offset: 0)
        #expect(all.count == 2_000)
        // Every channel, named and anonymous, texts of report length, numbers in arrival order.
        #expect(Set(all.map(\.channel)) == Set(Channel.allCases))
        let named = all.filter(\.isRealName).count
        #expect(named > 400 && named < 1_200)
        let lengths = all.map(\.content.count)
        #expect(lengths.min()! >= 100 && lengths.max()! <= 320)
        let byArrival = all.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
        #expect(byArrival.map(\.number) == (1...2_000).map { SyntheticInspection.inspection.registerNumber($0).text })
        #expect(byArrival.first!.receivedAt >= SyntheticInspection.inspection.periodStart.beijingMidnight)

        // The statistics count every report, and every one was screened.
        let stats = try await staff.statistics(caller)
        #expect(stats.reports == 2_000)
        #expect(stats.byChannel.values.reduce(0, +) == 2_000)
        #expect(stats.named == named && stats.anonymous == 2_000 - named)
        #expect(stats.inScope + stats.outOfScope + stats.noSubstance == 2_000)
        #expect(stats.byDisposition["undecided"] == 2_000 - 36, "the leader's 36 decisions are in force, the members' 4 wait")
        #expect(stats.threads == 2_000 - stats.byDisposition["duplicate", default: 0])

        // The inbox pages through all of them; search finds exactly the texts with the word.
        let first = try await staff.inbox(caller, InboxInput())
        #expect(first.total == 2_000 && first.pageCount == 40)
        var last = InboxInput()
        last.page = 40
        #expect(try await staff.inbox(caller, last).reports.last?.id == byArrival.first?.id)
        var search = InboxInput()
        search.q = "红包"
        let found = try await staff.inbox(caller, search)
        #expect(found.total == all.filter { $0.content.contains("红包") }.count)
        #expect(found.total > 100)
        // The agenda lists the most urgent, not hundreds: the oldest named reports still unanswered.
        let agenda = try await staff.agenda(caller)
        #expect(agenda.awaitingApproval.count == 4)
        #expect(agenda.clocks.count == StaffDesk.agendaLength && agenda.more)
        #expect(agenda.clocks.first?.reportID == byArrival.first { $0.isRealName && $0.inspectionID != nil }?.id)

        // A named reporter's identity is sealed to its report; the chain of 2,000 arrivals holds.
        let someone = try #require(all.first { $0.isRealName })
        let sealed = try #require(try await store.sealedIdentity(reportID: someone.id, viewedBy: .system, at: SyntheticInspection.moment).identity)
        #expect(try services.sealer.openValue(ReporterIdentity.self, sealed, .identity(reportID: someone.id)).isRealName)
        var events: [AuditEvent] = []
        while case let page = try await store.auditEvents(afterSeq: events.last?.seq ?? 0, limit: 2_000), !page.isEmpty { events += page }
        #expect(try await store.verifyAudit(headFile: nil).problem == nil)
        #expect(events.filter { $0.action == AuditAction.reportReceived.rawValue }.count == 2_000)

        // Run again: the inspection and accounts are reused, numbers go on.
        let again = try await SyntheticInspection(store: store, services: services).generate(.init(reports: 50, seed: 8, decisions: 0))
        #expect(again.reportsBefore == 2_000 && again.newAccounts.isEmpty)
        let more = try await store.reports(inspectionID: SyntheticInspection.inspectionID, includeUnassigned: false, limit: 5_000, offset: 0)
        #expect(more.count == 2_050)
        #expect(
            more.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }.map(\.number).last
                == SyntheticInspection.inspection.registerNumber(2_050).text
        )
    }
}
