import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

private let inspection = Inspection(
    id: "insp-screening",
    group: "县委第二巡察组",
    units: ["县财政局"],
    periodStart: CivilDate(year: 2024, month: 3, day: 1)!,
    periodEnd: CivilDate(year: 2024, month: 5, day: 31)!,
    deadline: CivilDate(year: 2024, month: 5, day: 31)!
)
/// 10 March 2024, 12:00 in Beijing.
private let march10 = Date(timeIntervalSince1970: 1_710_043_200)
private let director = RosterPerson(name: "王建国", unit: "县财政局", post: "党组书记、局长")
private let gifts = "县财政局局长王建国2024年春节收受下属单位送的购物卡三万元，有转账记录。"

private func submit(_ intake: ReportIntake, _ content: String, at: Date = march10, sourceKeys: [String] = []) async throws -> String {
    let submission = Submission(channel: .email, content: content, inspectionID: inspection.id, receivedAt: at)
    return try await intake.take(submission, caller: .system, .init(sourceKeys: sourceKeys)).reportID
}

/// Screening results in the store: made on arrival in the report's own transaction, kept as the
/// record the API shows, screened again on demand, and the staff's decisions on them.
@Suite struct ScreeningIntakeTests {
    @Test func aReportIsStoredWithItsScreeningWhichReadsBackUnchanged() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        try await store.replaceRoster(inspectionID: inspection.id, people: [director], source: "t", actor: .commandLine(name: "t"), at: march10)
        let intake = installation.desks(store).intake
        let id = try await submit(intake, gifts)

        let stored = try #require(try await store.screening(reportID: id))
        // The stored roster is read at its units' level in the scope, as screening reads it.
        let roster = try await store.roster(inspectionID: inspection.id, rules: .standard)
        let expected = ScreeningRecord(
            Screener(roster: roster, inspection: inspection)
                .screen(gifts, arrival: ScreeningArrival(channel: .email, receivedAt: march10))
        )
        #expect(stored.record == expected)
        #expect(stored.record.suggestion == .accept)
        #expect(stored.record.subjects.contains { $0.candidates.first?.name == "王建国" })
        let summary = try #require(try await store.screeningSummaries(reportIDs: [id, "nope"])[id])
        #expect(summary.suggestion == .accept && summary.topDiscipline == .integrity && summary.rulesVersion == Screener.rulesVersion)
        let event = try #require(try await store.auditEvents(subject: .report, id: id).last)
        #expect(event.action == "report.screened")
        #expect(event.detail.hasPrefix("accept ("))
        try await store.close()
    }

    @Test func rescreeningJudgesEachReportAgainstTheOnesBeforeIt() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        let first = try await submit(intake, gifts, at: march10)
        let repeatID = try await submit(intake, gifts + "\n", at: march10.addingTimeInterval(60))
        #expect(try await store.screening(reportID: repeatID)?.record.suggestion == .duplicate)
        #expect(try await store.screening(reportID: first)?.record.suggestion != .duplicate)

        try await store.replaceRoster(inspectionID: inspection.id, people: [director], source: "t", actor: .commandLine(name: "t"), at: march10)
        let progress = ProgressLog()
        let tally = try await installation.desks(store).screening.rescreen(
            inspectionID: inspection.id,
            actor: .commandLine(name: "test"),
            batchSize: 1
        ) {
            progress.add($0, $1)
        }
        #expect(tally == [.accept: 1, .duplicate: 1])
        #expect(progress.steps == [[0, 2], [1, 2], [2, 2]])
        let repeatRecord = try #require(try await store.screening(reportID: repeatID)).record
        #expect(repeatRecord.reasons.first { $0.family == "repeat" }?.evidence.first?.text == first)
        #expect(
            try await store.auditEvents(subject: .report, id: first).map(\.action) == [
                "report.received", "report.screened", "report.screened",
            ]
        )
        try await store.close()
    }

    @Test func aReportThatFailedToSaveIsNoEarlierReport() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        _ = try await submit(intake, "第一封邮件：财政局某股长上班时间炒股。", sourceKeys: ["message-id:a"])
        await #expect(throws: StoreError.self) {
            try await submit(intake, "第二封邮件重复了第一封的 Message-ID。", sourceKeys: ["message-id:a"])
        }
        let retried = try await submit(intake, "第二封邮件重复了第一封的 Message-ID。", sourceKeys: ["message-id:b"])
        #expect(try await store.screening(reportID: retried)?.record.suggestion != .duplicate)
        try await store.close()
    }

    /// Arrivals are screened side by side, not one at a time; of any two, the later must still be
    /// compared with the earlier, committed or not. Twenty copies sent at once: one first, the
    /// rest its repeats, whatever order their screenings and commits take.
    @Test func copiesSentAtOnceAreAllRepeatsButOne() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for i in 0..<20 {
                group.addTask { try await submit(intake, gifts + String(repeating: "\n", count: i % 3)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var suggestions: [SuggestionKind: Int] = [:]
        for id in ids { suggestions[try #require(try await store.screening(reportID: id)).record.suggestion, default: 0] += 1 }
        #expect(suggestions[.duplicate] == 19, "\(suggestions)")
        try await store.close()
    }

    /// Rescreening reads the reports a batch at a time, from where the last batch ended: reports
    /// received at the same moment are each screened once, in the order of their ids.
    @Test func rescreeningPagesThroughReportsReceivedAtOneMoment() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        var ids: [String] = []
        for text in [gifts, "县财政局办公室主任公车私用，周末开公车接送孩子。", gifts + "。"] { ids.append(try await submit(intake, text)) }
        let progress = ProgressLog()
        let tally = try await installation.desks(store).screening.rescreen(
            inspectionID: inspection.id,
            actor: .commandLine(name: "test"),
            batchSize: 2
        ) {
            progress.add($0, $1)
        }
        #expect(tally.values.reduce(0, +) == 3 && tally[.duplicate] == 1)
        #expect(progress.steps == [[0, 3], [2, 3], [3, 3]])
        // The later of the two copies by id is the repeat, whichever was sent last.
        let copies = [ids[0], ids[2]].sorted()
        #expect(try await store.screening(reportID: copies[1])?.record.suggestion == .duplicate)
        #expect(try await store.screening(reportID: copies[0])?.record.suggestion != .duplicate)
        for id in ids {
            #expect(try await store.auditEvents(subject: .report, id: id).filter { $0.action == "report.screened" }.count == 2)
        }
        try await store.close()
    }

    /// An arrival screened while an earlier one still waits for its commit is compared with it;
    /// once that transaction has ended (here: nothing was written), it is no earlier report.
    @Test func anArrivalIsComparedWithOneStillWaitingForItsCommit() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let screening = ReportScreening(store: store, now: { march10 })
        let arrival = ScreeningArrival(channel: .web, receivedAt: march10)
        @Sendable func screened(_ id: String, while waiting: @escaping @Sendable () async throws -> Void = {}) async throws -> ScreeningRecord {
            try await screening.screenAndSave(reportID: id, content: gifts, arrival: arrival, inspectionID: inspection.id) { _ in
                try await waiting()
            }.stored.record
        }
        _ = try await screened("a") {
            let meanwhile = try await screened("b")
            #expect(meanwhile.suggestion == .duplicate)
            #expect(meanwhile.reasons.first { $0.family == "repeat" }?.evidence.first?.text == "a")
        }
        #expect(try await screened("c").suggestion != .duplicate, "neither a nor b was ever committed")
        try await store.close()
    }

    @Test func decisionsAreAppendedMoveTheStatusWhenApprovedAndAreAudited() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let intake = installation.desks(store).intake
        let id = try await submit(intake, gifts)
        let overrule = Decision(
            ordinal: 0,
            outcome: .file,
            reason: "已另案处理",
            suggestion: .accept,
            rulesVersion: Screener.rulesVersion,
            proposedBy: "user:u1",
            proposedAt: march10
        )
        let proposed = try await store.proposeDecision(reportID: id, overrule, effect: .none, actor: .user(id: "u1"))
        #expect(proposed.state == .proposed)
        #expect(try await store.report(id: id)?.status == .received, "a proposal changes nothing")
        let approved = try await store.reviewDecision(
            reportID: id,
            ordinal: 0,
            approve: true,
            comment: "",
            effect: .none,
            actor: .user(id: "l1"),
            at: march10
        )
        #expect(approved.state == .approved && approved.reviewedBy == "user:l1")
        #expect(try await store.report(id: id)?.status == .filed)
        await #expect(throws: StoreError.self) {
            _ = try await store.proposeDecision(reportID: id, overrule, effect: .none, actor: .user(id: "u1"))
        }
        try await store.reopenDecision(reportID: id, ordinal: 0, reason: "需核实", actor: .user(id: "l1"), at: march10)
        #expect(try await store.report(id: id)?.status == .received)
        #expect(try await store.decisions(reportID: id).map(\.state) == [.reopened])
        let details = try await store.auditEvents(subject: .report, id: id).filter { $0.action.hasPrefix("report.decision") }.map(\.detail)
        #expect(details == ["overrules accept → file: 已另案处理", "0: file", "0: 需核实"])
        try await store.close()
    }

    @Test func theChangesSinceAnEventTellWhetherTheScreenerIsBuiltAgain() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let start = try await store.auditHead()
        #expect(try await store.screeningChanges(inspectionID: inspection.id, after: start) == ScreeningChanges(seq: start))
        try await store.replaceRoster(inspectionID: inspection.id, people: [director], source: "t", actor: .commandLine(name: "t"), at: march10)
        let afterRoster = try await store.screeningChanges(inspectionID: inspection.id, after: start)
        #expect(afterRoster.rebuild && afterRoster.seq > start)
        #expect(try await store.screeningChanges(inspectionID: nil, after: start).rebuild == false)
        // An arrival is filed in the database, which every screening reads: no rebuild.
        _ = try await submit(installation.desks(store).intake, gifts)
        let arrivals = try await store.screeningChanges(inspectionID: inspection.id, after: afterRoster.seq)
        let head = try await store.auditHead()
        #expect(!arrivals.rebuild && arrivals.seq == head)
        try await store.close()
    }

    /// A report another process saved (the CLI beside a running server) is an earlier report
    /// for the next arrival here: both file their reports in the one database.
    @Test func aReportAnotherProcessSavedIsAnEarlierReportHere() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        let here = installation.desks(store)
        _ = try await submit(here.intake, "财政局某股长上班时间炒股，群众意见很大。")
        let otherStore = try await installation.open()
        let first = try await submit(installation.desks(otherStore).intake, gifts)
        try await otherStore.close()
        let repeatID = try await submit(here.intake, gifts + "\n", at: march10.addingTimeInterval(60))
        let record = try #require(try await store.screening(reportID: repeatID)).record
        #expect(record.suggestion == .duplicate)
        #expect(record.reasons.first { $0.family == "repeat" }?.evidence.first?.text == first)
        try await store.close()
    }

    /// What a reporter adds is screened with the report, and the addition and its new screening
    /// are written in one transaction: their audit events are consecutive links of the chain.
    @Test func anAdditionAndItsScreeningAreOneTransaction() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        try await store.replaceRoster(inspectionID: inspection.id, people: [director], source: "t", actor: .commandLine(name: "t"), at: march10)
        let desks = installation.desks(store, now: { march10.addingTimeInterval(3600) })
        let receipt = try await desks.intake.submit(
            Submission(channel: .web, content: "反映财政局有领导作风不好。", inspectionID: inspection.id, receivedAt: march10),
            from: .reporter(nil)
        )
        #expect(try await store.screening(reportID: receipt.reportID)?.record.suggestion != .accept)
        let code = try #require(receipt.queryCode)
        let status = try await desks.reporters.add(AdditionInput(queryCode: code.digits, content: gifts), client: nil)
        #expect(status.status.additions.map(\.content) == [gifts])
        let trail = try await store.auditEvents(subject: .report, id: receipt.reportID)
        #expect(trail.map(\.action) == ["report.received", "report.screened", "report.added_to", "report.screened"])
        #expect(trail[3].seq == trail[2].seq + 1 && trail[3].at == trail[2].at)
        let screened = try #require(try await store.screening(reportID: receipt.reportID))
        #expect(screened.record.suggestion == .accept, "the addition names the director and the gift")
        try await store.close()
    }
}

/// Progress callbacks as they came.
private final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var log: [[Int]] = []
    func add(_ done: Int, _ total: Int) { lock.withLock { log.append([done, total]) } }
    var steps: [[Int]] { lock.withLock { log } }
}
