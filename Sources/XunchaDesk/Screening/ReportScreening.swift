import Foundation
import XunchaCore
import XunchaStore
import XunchaText

/// Screens reports against their inspection's stored roster and earlier reports: on arrival
/// (every channel, through `ReportIntake`), after a reporter's addition, and again on demand after
/// the roster or the inspection changed. One screener per inspection is kept, over its roster and
/// scope; before each use it reads the audit events since it last looked and is built again only
/// when the inspection, its roster or scope changed. Earlier reports are not kept in memory: each
/// screening asks the store for the reports filed under its text's keys (the near-duplicate index
/// is in the database, `SQLStore+NearDuplicates.swift`), so a start builds nothing and every
/// process sees every other's reports. Arrivals of one inspection are screened one at a time; one
/// that waits for its commit is kept among the pending ones, so that arrivals screened meanwhile
/// are compared with it too, until its transaction has ended either way.
public actor ReportScreening {
    private struct Prepared {
        var screener: Screener
        /// The last audit event this screener has taken into account.
        var seq: Int
        /// The learned model's version the screener was built with.
        var learnedVersion: Int
    }

    /// A report screened and not yet committed.
    private struct Pending {
        var id: String
        var receivedAt: Date?
        var keys: Set<Int64>
        var text: PreparedText
    }

    private let store: any Store
    private let calendar: WorkCalendar
    private let now: @Sendable () -> Date
    /// The layer learned from decisions; nil for the lexicon alone.
    private let learning: DecisionLearning?
    /// What a text is filed and compared as (the store's configuration, the standard one).
    private let nearDuplicates = NearDuplicateIndex()
    private var prepared: [String: Prepared] = [:]
    private var pending: [String: [Pending]] = [:]
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
    /// record keeps (judged once, at the call's or visit's own moment), and what the
    /// near-duplicate index files for it (`NewReport.nearDuplicateText`).
    public struct Screened: Sendable {
        public var stored: StoredScreening
        public var reception: ReceptionVerdict?
        public var nearDuplicateText: PreparedText
    }

    /// Screens a report about to be saved and hands the result to `save`, which writes the report
    /// with it in one transaction. Until `save` returns or throws, the report is among the pending
    /// ones later arrivals are compared with. Only the screening waits its turn: the commit does
    /// not, so the store can write many arrivals of one inspection together.
    public func screenAndSave(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        save: @escaping @Sendable (Screened) async throws -> Void
    ) async throws -> Screened {
        let screened = try await turn(inspectionID).withLock {
            try await self.screenInTurn(reportID: reportID, content: content, arrival: arrival, inspectionID: inspectionID)
        }
        defer { pending[Self.key(inspectionID)]?.removeAll { $0.id == reportID } }
        try await save(screened)
        return screened
    }

    private func screenInTurn(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?
    ) async throws -> Screened {
        let p = try await preparedScreener(inspectionID)
        let (screening, text) = try await judged(content, arrival: arrival, inspectionID: inspectionID, before: nil, with: p.screener)
        let keys = Set(NearDuplicateFiling.keys(text, inspectionID: inspectionID))
        pending[Self.key(inspectionID), default: []].append(Pending(id: reportID, receivedAt: arrival.receivedAt, keys: keys, text: text))
        return Screened(
            stored: StoredScreening(record: ScreeningRecord(screening), screenedAt: now()),
            reception: screening.reception,
            nearDuplicateText: text
        )
    }

    /// A text judged by `screener` against the reports filed under its keys: with `before`, a
    /// stored report's, against those that came in before it; without, a new one's, against every
    /// stored report and the pending ones. Returns what the index made of the text as well.
    private func judged(
        _ content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        before: (receivedAt: Date, reportID: String)?,
        with screener: Screener
    ) async throws -> (Screening, PreparedText) {
        let normalized = screener.normalizer.normalizeWithOffsets(content)
        let text = nearDuplicates.signature(of: normalized.text)
        var earlier = try await store.filedReports(like: text, inspectionID: inspectionID, before: before)
        if before == nil, let waiting = pending[Self.key(inspectionID)], !waiting.isEmpty {
            let keys = Set(NearDuplicateFiling.keys(text, inspectionID: inspectionID))
            let stored = Set(earlier.map(\.id))
            // The pending ones are newer than anything committed; one may be both for a moment.
            for report in waiting where !stored.contains(report.id) && !report.keys.isDisjoint(with: keys) {
                earlier.append(FiledEarlierReports.Report(id: report.id, receivedAt: report.receivedAt, text: report.text))
            }
        }
        let screening = screener.screen(
            normalized: normalized,
            arrival: arrival,
            earlierReports: FiledEarlierReports(earlier, query: (normalized.text, text), index: nearDuplicates)
        )
        return (screening, text)
    }

    /// Screens one stored report again with its text as it is now (after the reporter added to
    /// it), against the reports that came before it. The caller stores the result.
    public func screenAgain(_ report: Report, arrival: ScreeningArrival) async throws -> StoredScreening {
        try await turn(report.inspectionID).withLock { try await self.screenAgainInTurn(report, arrival: arrival) }
    }

    private func screenAgainInTurn(_ report: Report, arrival: ScreeningArrival) async throws -> StoredScreening {
        let p = try await preparedScreener(report.inspectionID)
        let (screening, _) = try await judged(
            report.screeningText,
            arrival: arrival,
            inspectionID: report.inspectionID,
            before: (report.receivedAt, report.id),
            with: p.screener
        )
        return StoredScreening(record: ScreeningRecord(screening), screenedAt: now())
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
        // Events after this head are read at the next use.
        let seq = try await store.auditHead()
        let reports = try await store.reportTexts(inspectionID: inspectionID)
        let learned: (model: LearnedModel?, version: Int) = await learning?.current() ?? (nil, 0)
        let p = try await build(inspectionID, seq: seq, learned: learned)
        var tally: [SuggestionKind: Int] = [:]
        var batch: [(reportID: String, screening: StoredScreening)] = []
        progress(0, reports.count)
        for (i, report) in reports.enumerated() {
            let (screening, _) = try await judged(
                report.content,
                arrival: report.arrival,
                inspectionID: inspectionID,
                before: (report.arrival.receivedAt ?? .distantPast, report.id),
                with: p.screener
            )
            let record = ScreeningRecord(screening)
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
        return ScreeningRecord(try await judged(content, arrival: arrival, inspectionID: inspectionID, before: nil, with: p.screener).0)
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
                p.seq = changes.seq
                // A new model alone changes only the classifier: the roster stays.
                if p.learnedVersion != learned.version {
                    p.screener = Screener(
                        finder: p.screener.finder,
                        inspection: p.screener.inspection,
                        calendar: calendar,
                        classifier: .standard.learning(from: learned.model)
                    )
                    p.learnedVersion = learned.version
                }
                prepared[key] = p
                return p
            }
        }
        let p = try await build(inspectionID, seq: try await store.auditHead(), learned: learned)
        prepared[key] = p
        return p
    }

    /// A screener over the stored roster and inspection.
    private func build(_ inspectionID: String?, seq: Int, learned: (model: LearnedModel?, version: Int)) async throws -> Prepared {
        var inspection: Inspection?
        var scope: InspectionScope?
        var roster: [RosterPerson] = []
        if let inspectionID {
            inspection = try await store.inspection(id: inspectionID)
            scope = try await store.scope(inspectionID: inspectionID)
            roster = try await store.roster(inspectionID: inspectionID, rules: .standard)
        }
        let screener = Screener(
            roster: roster,
            inspection: inspection,
            scope: scope,
            calendar: calendar,
            classifier: .standard.learning(from: learned.model)
        )
        return Prepared(screener: screener, seq: seq, learnedVersion: learned.version)
    }

    private static func key(_ inspectionID: String?) -> String { inspectionID.map { "i:" + $0 } ?? "unassigned" }
}
