import Foundation
import XunchaCore
import XunchaStore
import XunchaText

/// Screens reports against their inspection's stored roster and earlier reports: on arrival
/// (every channel, through `ReportIntake`), after a reporter's addition, and again on demand after
/// the roster or the inspection changed. One screener per inspection is kept: reports this process
/// saves join it as they commit, and before each use it reads the audit events since it last
/// looked, adding the reports another process (the CLI beside a running server) saved and
/// rebuilding only when the inspection, its roster or scope changed. Arrivals of one inspection
/// are screened one at a time, each against every report screened before it (saved, or waiting
/// for its commit); one whose commit fails is taken out of the index again.
public actor ReportScreening {
    private struct Prepared {
        var screener: Screener
        var earlier: ArrivedReports
        /// The last audit event this screener has taken into account.
        var seq: Int
        /// The learned model's version the screener was built with.
        var learnedVersion: Int
    }

    private let store: any Store
    private let calendar: WorkCalendar
    private let now: @Sendable () -> Date
    /// The layer learned from decisions; nil for the lexicon alone.
    private let learning: DecisionLearning?
    private var prepared: [String: Prepared] = [:]
    /// A refresh under way per inspection, which every caller that needs the screener meanwhile
    /// awaits instead of starting its own.
    private var refreshing: [String: Task<Prepared, any Error>] = [:]
    private var turns: [String: AsyncLock] = [:]

    public init(store: any Store, calendar: WorkCalendar = .official, learning: DecisionLearning? = nil, now: @escaping @Sendable () -> Date) {
        self.store = store
        self.learning = learning
        self.calendar = calendar
        self.now = now
    }

    /// A report's screening as it arrived, with the reception window's judgement the channel
    /// record keeps (judged once, at the call's or visit's own moment).
    public struct Screened: Sendable {
        public var stored: StoredScreening
        public var reception: ReceptionVerdict?
    }

    /// Screens a report about to be saved and hands the result to `save`, which writes the report
    /// with it in one transaction. The report joins its inspection's earlier reports as soon as it
    /// is screened, so arrivals screened while it waits for its commit are compared with it, and
    /// is taken out again if `save` fails. Only the screening waits its turn: the commit does
    /// not, so the store can write many arrivals of one inspection together.
    public func screenAndSave(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        save: @escaping @Sendable (Screened) async throws -> Void
    ) async throws -> Screened {
        let (screened, earlier) = try await turn(inspectionID).withLock {
            try await self.screenInTurn(reportID: reportID, content: content, arrival: arrival, inspectionID: inspectionID)
        }
        do {
            try await save(screened)
        } catch {
            earlier.withdraw(id: reportID)
            throw error
        }
        return screened
    }

    private func screenInTurn(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?
    ) async throws -> (Screened, ArrivedReports) {
        let p = try await preparedScreener(inspectionID)
        let normalized = p.screener.normalizer.normalizeWithOffsets(content)
        let screening = p.screener.screen(normalized: normalized, arrival: arrival)
        let screened = Screened(stored: StoredScreening(record: ScreeningRecord(screening), screenedAt: now()), reception: screening.reception)
        p.earlier.add(id: reportID, text: normalized, receivedAt: arrival.receivedAt)
        return (screened, p.earlier)
    }

    /// Screens one stored report again with its text as it is now (after the reporter added to
    /// it), against the reports that came before it. The caller stores the result.
    public func screenAgain(_ report: Report, arrival: ScreeningArrival) async throws -> StoredScreening {
        try await turn(report.inspectionID).withLock { try await self.screenAgainInTurn(report, arrival: arrival) }
    }

    private func screenAgainInTurn(_ report: Report, arrival: ScreeningArrival) async throws -> StoredScreening {
        let p = try await preparedScreener(report.inspectionID)
        let before = EarlierThan(reports: p.earlier, reportID: report.id, receivedAt: report.receivedAt)
        let screener = Screener(
            finder: p.screener.finder,
            inspection: p.screener.inspection,
            calendar: calendar,
            earlierReports: before,
            classifier: p.screener.classifier
        )
        return StoredScreening(record: ScreeningRecord(screener.screen(report.screeningText, arrival: arrival)), screenedAt: now())
    }

    /// Screens every report of an inspection again, oldest first (each against the ones before
    /// it), and stores the results in batches, one audit event per report.
    /// - Returns: how many reports got each suggestion.
    @discardableResult
    public func rescreen(
        inspectionID: String?,
        actor: AuditActor,
        batchSize: Int = 200,
        progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws -> [SuggestionKind: Int] {
        try await turn(inspectionID).withLock {
            try await self.rescreenInTurn(inspectionID: inspectionID, actor: actor, batchSize: batchSize, progress: progress)
        }
    }

    private func rescreenInTurn(
        inspectionID: String?,
        actor: AuditActor,
        batchSize: Int,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void
    ) async throws -> [SuggestionKind: Int] {
        // Events after this head (another process's reports among them) are read at the next use.
        let seq = try await store.auditHead()
        let reports = try await store.reportTexts(inspectionID: inspectionID)
        // Starts with no earlier reports and grows in arrival order, replacing the cached one.
        let learned: (model: LearnedModel?, version: Int) = await learning?.current() ?? (nil, 0)
        let p = try await build(inspectionID, earlier: [], seq: seq, learned: learned)
        var tally: [SuggestionKind: Int] = [:]
        var batch: [(reportID: String, screening: StoredScreening)] = []
        progress(0, reports.count)
        for (i, report) in reports.enumerated() {
            let normalized = p.screener.normalizer.normalizeWithOffsets(report.content)
            let record = ScreeningRecord(p.screener.screen(normalized: normalized, arrival: report.arrival))
            p.earlier.add(id: report.id, text: normalized, receivedAt: report.arrival.receivedAt)
            tally[record.suggestion, default: 0] += 1
            batch.append((report.id, StoredScreening(record: record, screenedAt: now())))
            if batch.count == batchSize || i == reports.count - 1 {
                try await store.saveScreenings(batch, actor: actor)
                batch.removeAll(keepingCapacity: true)
                progress(i + 1, reports.count)
            }
        }
        prepared[Self.key(inspectionID)] = p
        return tally
    }

    /// One text judged against the inspection's roster and stored reports, as the CLI's
    /// `screen --data` uses it; nothing is added or stored.
    public func screen(_ content: String, arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord {
        let p = try await preparedScreener(inspectionID)
        return ScreeningRecord(p.screener.screen(content, arrival: arrival))
    }

    private func turn(_ inspectionID: String?) -> AsyncLock {
        let key = Self.key(inspectionID)
        if let lock = turns[key] { return lock }
        let lock = AsyncLock()
        turns[key] = lock
        return lock
    }

    /// The cached screener brought up to date with the audit events since it last looked, or a
    /// new one over the stored roster, inspection and reports. Callers arriving while a refresh is
    /// under way share it.
    private func preparedScreener(_ inspectionID: String?) async throws -> Prepared {
        let key = Self.key(inspectionID)
        if let running = refreshing[key] { return try await running.value }
        let task = Task { try await self.refreshed(inspectionID) }
        refreshing[key] = task
        defer { refreshing[key] = nil }
        return try await task.value
    }

    private func refreshed(_ inspectionID: String?) async throws -> Prepared {
        let key = Self.key(inspectionID)
        let learned: (model: LearnedModel?, version: Int) = await learning?.current() ?? (nil, 0)
        if var p = prepared[key] {
            let changes = try await store.screeningChanges(inspectionID: inspectionID, after: p.seq)
            if !changes.rebuild {
                // Reports this process saved are in already; only another process's are read.
                let missing = changes.arrived.filter { !p.earlier.contains(id: $0) }
                for report in try await store.reportTexts(ids: missing, inspectionID: inspectionID) {
                    p.earlier.add(
                        id: report.id,
                        text: p.screener.normalizer.normalizeWithOffsets(report.content),
                        receivedAt: report.arrival.receivedAt
                    )
                }
                p.seq = changes.seq
                // A new model alone changes only the classifier: the roster and the index stay.
                if p.learnedVersion != learned.version {
                    p.screener = Screener(
                        finder: p.screener.finder,
                        inspection: p.screener.inspection,
                        calendar: calendar,
                        earlierReports: p.earlier,
                        classifier: .standard.learning(from: learned.model)
                    )
                    p.learnedVersion = learned.version
                }
                prepared[key] = p
                return p
            }
        }
        // The head before the reports: one saved in between is read again later and skipped.
        let seq = try await store.auditHead()
        let p = try await build(inspectionID, earlier: try await store.reportTexts(inspectionID: inspectionID), seq: seq, learned: learned)
        prepared[key] = p
        return p
    }

    /// A screener over the stored roster and inspection with `earlier` as its earlier reports.
    private func build(
        _ inspectionID: String?,
        earlier texts: [ReportText],
        seq: Int,
        learned: (model: LearnedModel?, version: Int)
    ) async throws -> Prepared {
        var inspection: Inspection?
        var scope: InspectionScope?
        var roster: [RosterPerson] = []
        if let inspectionID {
            inspection = try await store.inspection(id: inspectionID)
            scope = try await store.scope(inspectionID: inspectionID)
            roster = try await store.roster(inspectionID: inspectionID, rules: .standard)
        }
        let earlier = ArrivedReports()
        let screener = Screener(
            roster: roster,
            inspection: inspection,
            scope: scope,
            calendar: calendar,
            earlierReports: earlier,
            classifier: .standard.learning(from: learned.model)
        )
        for report in texts {
            earlier.add(id: report.id, text: screener.normalizer.normalizeWithOffsets(report.content), receivedAt: report.arrival.receivedAt)
        }
        return Prepared(screener: screener, earlier: earlier, seq: seq, learnedVersion: learned.version)
    }

    private static func key(_ inspectionID: String?) -> String { inspectionID.map { "i:" + $0 } ?? "unassigned" }
}

/// The arrived reports as one report saw them when it came in: never itself, never a later one.
private struct EarlierThan: EarlierReports {
    let reports: ArrivedReports
    let reportID: String
    let receivedAt: Date

    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        guard let match = reports.nearDuplicate(of: text, excluding: reportID) else { return nil }
        return (match.receivedAt ?? .distantPast) <= receivedAt ? match : nil
    }
}
