import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The whole demo (`serve --demo`) played on real SQLite, read back as a user of the console would
/// find it on 1 December 2026: an inspection in every state, its trail in order and unbroken.
@Suite struct DemoStoryTests {
    static let today = CivilDate(year: 2026, month: 12, day: 1)!
    static let todayMoment = Date(timeIntervalSince1970: TimeInterval(today.dayNumber * 86400 + 2 * 3600))

    /// A fresh installation's store, closed afterwards whatever happens (SQLite insists).
    static func withStore(_ body: (TemporaryInstallation, SQLStore) async throws -> Void) async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        do {
            try await body(installation, store)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    @Test func theWholeDemoIsAnInspectionInEveryState() async throws {
        try await Self.withStore { installation, store in try await checkWholeDemo(installation, store) }
    }

    func checkWholeDemo(_ installation: TemporaryInstallation, _ store: SQLStore) async throws {
        let desks = installation.desks(store, now: { Self.todayMoment })
        let setup = try await FirstRun.prepare(desks, demo: .whole)
        #expect(setup.demoLoaded)
        #expect(setup.newAccounts.map(\.username) == ["admin", "zuzhang", "fuzuzhang", "zuyuan", "lianluo"])
        #expect(setup.newAccounts.map(\.role) == ["系统管理员", "组长", "副组长", "组员", "转办联络员"])
        let users = try await store.users()
        #expect(users.allSatisfy { $0.mustChangePassword }, "every one-time password is still to be changed at first login")
        func caller(_ username: String) throws -> Caller {
            var user = try #require(users.first { $0.username == username })
            user.mustChangePassword = false
            return .staff(user)
        }
        let leader = try caller("zuzhang")
        let id = DemoData.inspection.id

        // Sixty reports over every channel, numbered in the order they came, the seed among them.
        let reports = try await store.reports(inspectionID: id, includeUnassigned: false, limit: 1000, offset: 0)
        #expect(reports.count == 60)
        #expect(Set(reports.map(\.channel)) == Set(Channel.allCases))
        #expect(reports.contains { $0.isRealName } && reports.contains { !$0.isRealName })
        #expect(reports.sorted { ($0.number ?? "") < ($1.number ?? "") }.map(\.id) == reports.sorted { $0.receivedAt < $1.receivedAt }.map(\.id))
        for seed in DemoData.submissions(inspectionID: id) {
            #expect(reports.contains { $0.content == seed.content && $0.channel == seed.channel && $0.receivedAt == seed.receivedAt })
        }
        let days = reports.map { CivilDate(beijingDayOf: $0.receivedAt) }
        #expect(days.min()! >= DemoData.inspection.periodStart && days.max()! <= DemoData.inspection.periodEnd.adding(days: 1))

        // Decided and approved of every outcome, proposals waiting for the leader, some undecided.
        let latest = try await store.latestDecisions(reportIDs: reports.map(\.id))
        let approved = latest.values.filter { $0.state == .approved }
        #expect(Set(approved.map(\.outcome)) == Set(SuggestionKind.allCases))
        #expect(approved.count > 30)
        #expect(latest.values.filter { $0.state == .proposed }.count == 5)
        #expect(reports.count - latest.count == 8)
        let agenda = try await desks.staff.agenda(leader)
        #expect(agenda.awaitingApproval.count == 5)
        let statistics = try await desks.staff.statistics(leader)
        #expect(statistics.reports == 60 && statistics.byDisposition["undecided"] == 13)
        #expect(statistics.repeat > 0 && statistics.outOfScope > 0 && statistics.noSubstance > 0)

        // Leads gathered by person; the principal's is the leader's alone.
        let leads = try await store.leads(inspectionID: id)
        #expect(Set(leads.map(\.subject.name)) == ["欧阳明辉", "谭志刚", "曾丽君", "罗小平", "肖红英", "邓国华", "孙美玲", "黄德胜", "张某某"])
        #expect(leads.filter { $0.aboutPrincipal }.map { $0.subject.name } == ["欧阳明辉"])
        let memberLeads = try await desks.staff.leads(try caller("zuyuan"))
        #expect(memberLeads.count == leads.count - 1 && !memberLeads.contains { $0.aboutPrincipal })

        // Two papers: one signed by the leader, one resubmitted after a return, waiting for the deputy.
        let papers = try await store.papers(inspectionID: id)
        #expect(papers.count == 2)
        let person = Dictionary(uniqueKeysWithValues: leads.map { ($0.id, $0) })
        let signed = try #require(papers.first { $0.state == .signed })
        let waiting = try #require(papers.first { $0.state == .submitted })
        #expect(person[signed.leadID]?.subject.name == "谭志刚" && person[waiting.leadID]?.subject.name == "肖红英")
        #expect(waiting.steps.map(\.kind) == [.drafted, .submitted, .returned, .submitted])
        #expect(try await desks.staff.lead(try caller("fuzuzhang"), id: waiting.leadID).moves.review)
        // The signed paper's lead is the only one for 组织部: its handover can be made.
        #expect(leads.filter { $0.kind == LeadKind.organization.rawValue }.map(\.id) == [signed.leadID])
        #expect(try await desks.staff.handoverPlan(leader, recipient: .organization, aboutPrincipal: false).refusal == nil)

        // Referrals sent within their clocks and answered, all but one: overdue today.
        let referrals = try await store.referrals(inspectionID: id)
        #expect(referrals.count == 8)
        #expect(referrals.filter { $0.state == .answered }.count == 7 && referrals.filter { $0.state == .sent }.count == 1)
        #expect(referrals.filter { $0.isOverdue(on: Self.today) }.count == 1)
        #expect(statistics.referrals.overdue == 1 && statistics.referrals.closed == 6)
        #expect(statistics.referrals.outcomes.true == 4 && statistics.referrals.outcomes.partlyTrue == 2 && statistics.referrals.outcomes.untrue == 1)
        #expect(Set(referrals.compactMap(\.finding)).count == ReferralFinding.allCases.count)
        #expect(Set(referrals.compactMap(\.closure)).count == ReferralClosure.allCases.count)
        #expect(agenda.clocks.filter { $0.standing.isOverdue }.count == 1)
        let liaison = try await desks.staff.referralList(try caller("lianluo"))
        #expect(liaison.rows.count == 6 && liaison.rows.filter { $0.referral.state == .sent }.count == 1)
        // Nothing of any reporter in what was sent.
        for referral in referrals {
            for report in DemoStory.reports {
                let r = report.reporter
                for secret in [r.name, r.phone, r.address, r.email] where !secret.isEmpty {
                    #expect(!referral.content.contains(secret), "referral \(referral.number) holds \(secret)")
                }
                if case .phone(let number, _) = report.way { #expect(!referral.content.contains(number)) }
            }
            for secret in ["龙建军", "13800001140", "郑建新"] { #expect(!referral.content.contains(secret)) }
        }

        // The rectification ledger, kept by the liaison and the staff, in several states.
        let items = try await store.rectificationItems(inspectionID: id)
        #expect(items.count == 5)
        #expect(Set(items.map(\.state)) == [.notStarted, .inProgress, .closed, .ongoing])
        let keepers = Set(items.map(\.updatedBy))
        #expect(keepers.contains(AuditActor.user(id: try #require(users.first { $0.role == .liaison }).id).stored) && keepers.count > 1)

        // The trail: unbroken, and in the order of its moments, all in 2023.
        var events: [AuditEvent] = []
        while true {
            let page = try await store.auditEvents(afterSeq: events.last?.seq ?? 0, limit: 1000)
            if page.isEmpty { break }
            events += page
        }
        #expect(try await store.verifyAudit(headFile: nil).problem == nil)
        #expect(events.count > 300)
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.at <= $1.at }, "the trail's moments go forward")
        #expect(CivilDate(beijingDayOf: events.last!.at).year == 2023)

        // The two-person rule, played as part of the story: the operator who starts the demo
        // confirms the leader, the leader the deputy, member and liaison.
        let leaderID = try #require(users.first { $0.role == .leader }).id
        let confirmations = events.filter { $0.knownAction == .staffAccessConfirmed }
        #expect(confirmations.map(\.actor) == ["cli:serve --demo"] + Array(repeating: "user:\(leaderID)", count: 3))
        #expect(users.allSatisfy { $0.access == .confirmed })
    }

    @Test func anInstallationWithAnAdminKeepsItAndGetsTheRest() async throws {
        try await Self.withStore { installation, store in
            let desks = installation.desks(store)
            let first = try await FirstRun.prepare(desks, demo: .off)
            #expect(first.newAccounts.map(\.username) == ["admin"] && !first.demoLoaded)
            let second = try await FirstRun.prepare(desks, demo: .whole)
            #expect(second.demoLoaded && second.newAccounts.map(\.username) == ["zuzhang", "fuzuzhang", "zuyuan", "lianluo"])
            // Loaded once: a second start changes nothing.
            let third = try await FirstRun.prepare(desks, demo: .whole)
            #expect(!third.demoLoaded && third.newAccounts.isEmpty)
            #expect(try await store.reportCount(inspectionID: DemoData.inspection.id, includeUnassigned: false) == 60)
        }
    }
}
