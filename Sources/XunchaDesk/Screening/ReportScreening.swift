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
/// process sees every other's reports.
///
/// Arrivals are screened side by side, on as many cores as there are; only their place in line is
/// taken one at a time. An arrival takes its place before it asks the store, and stays among the
/// pending ones until its transaction has ended either way. It is compared with the pending ones
/// that took their place before it and with what the store has committed when it asks: an earlier
/// arrival no longer pending had ended its transaction before this one took its place, so the store
/// has it. Of two arrivals, exactly the later compares itself with the earlier.
public actor ReportScreening {
    private struct Prepared {
        var screener: Screener
        /// The last audit event this screener has taken into account.
        var seq: Int
        /// The learned model's version the screener was built with.
        var learnedVersion: Int
    }

    /// A report screened and not yet committed.
    private struct Pending: Sendable {
        var id: String
        var receivedAt: Date?
        var text: PreparedText
        var keys: Set<Int64>

        init(id: String, receivedAt: Date?, text: PreparedText, inspectionID: String?) {
            self.id = id
            self.receivedAt = receivedAt
            self.text = text
            keys = Set(NearDuplicateFiling.keys(text, inspectionID: inspectionID))
        }
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
    /// ones later arrivals are compared with. Nothing here waits for another arrival's screening or
    /// commit, so the store can write many arrivals of one inspection together.
    public nonisolated func screenAndSave(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        save: @escaping @Sendable (Screened) async throws -> Void
    ) async throws -> Screened {
        let screener = try await preparedScreener(inspectionID).screener
        let normalized = screener.normalizer.normalizeWithOffsets(content)
        let text = nearDuplicates.signature(of: normalized.text)
        let ahead = await takePlace(Pending(id: reportID, receivedAt: arrival.receivedAt, text: text, inspectionID: inspectionID), inspectionID)
        do {
            let screening = try await judged(
                normalized,
                text,
                arrival: arrival,
                inspectionID: inspectionID,
                before: nil,
                ahead: ahead,
                with: screener
            )
            let screened = Screened(
                stored: StoredScreening(record: ScreeningRecord(screening), screenedAt: now()),
                reception: screening.reception,
                nearDuplicateText: text
            )
            try await save(screened)
            await leave(reportID, inspectionID)
            return screened
        } catch {
            await leave(reportID, inspectionID)
            throw error
        }
    }

    /// Puts an arrival among the pending ones and returns those ahead of it that share a key with it.
    private func takePlace(_ arrival: Pending, _ inspectionID: String?) -> [Pending] {
        let key = Self.key(inspectionID)
        let ahead = pending[key, default: []].filter { !$0.keys.isDisjoint(with: arrival.keys) }
        pending[key, default: []].append(arrival)
        return ahead
    }

    private func leave(_ reportID: String, _ inspectionID: String?) {
        pending[Self.key(inspectionID)]?.removeAll { $0.id == reportID }
    }

    /// A text judged by `screener` against the reports filed under its keys: with `before`, a
    /// stored report's, against those that came in before it; without, a new one's, against every
    /// stored report and the pending ones `ahead` of it.
    private nonisolated func judged(
        _ normalized: NormalizedText,
        _ text: PreparedText,
        arrival: ScreeningArrival,
        inspectionID: String?,
        before: (receivedAt: Date, reportID: String)?,
        ahead: [Pending] = [],
        with screener: Screener
    ) async throws -> Screening {
        var earlier = try await store.filedReports(like: text, inspectionID: inspectionID, before: before)
        if !ahead.isEmpty {
            let stored = Set(earlier.map(\.id))
            // One that committed after it took its place may be both for a moment.
            for report in ahead where !stored.contains(report.id) {
                earlier.append(FiledEarlierReports.Report(id: report.id, receivedAt: report.receivedAt, text: report.text))
            }
        }
        return screener.screen(
            normalized: normalized,
            arrival: arrival,
            earlierReports: FiledEarlierReports(earlier, query: (normalized.text, text), index: nearDuplicates)
        )
    }

    /// A text judged as above, normalized first.
    private nonisolated func judged(
        _ content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        before: (receivedAt: Date, reportID: String)?,
        with screener: Screener
    ) async throws -> Screening {
        let normalized = screener.normalizer.normalizeWithOffsets(content)
        return try await judged(
            normalized,
            nearDuplicates.signature(of: normalized.text),
            arrival: arrival,
            inspectionID: inspectionID,
            before: before,
            with: screener
        )
    }

    /// Screens one stored report again with its text as it is now (after the reporter added to
    /// it), against the reports that came before it. The caller stores the result.
    public nonisolated func screenAgain(_ report: Report, arrival: ScreeningArrival) async throws -> StoredScreening {
        let screener = try await preparedScreener(report.inspectionID).screener
        let screening = try await judged(
            report.screeningText,
            arrival: arrival,
            inspectionID: report.inspectionID,
            before: (report.receivedAt, report.id),
            with: screener
        )
        return StoredScreening(record: ScreeningRecord(screening), screenedAt: now())
    }

    /// Screens every report of an inspection again, oldest first (each against the ones before
    /// it), and stores the results in batches, one audit event per report. The reports are read a
    /// batch at a time and each batch is screened on every core, so memory stays that of a batch.
    /// Two rescreens of one inspection take turns.
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
        let total = try await store.reportTextCount(inspectionID: inspectionID)
        let learned: (model: LearnedModel?, version: Int) = await learning?.current() ?? (nil, 0)
        let p = try await build(inspectionID, seq: seq, learned: learned)
        var tally: [SuggestionKind: Int] = [:]
        var done = 0
        var after: ReportText?
        progress(0, total)
        while case let reports = try await store.reportTexts(inspectionID: inspectionID, after: after, limit: batchSize), let last = reports.last {
            let batch = try await screenedSideBySide(reports, inspectionID: inspectionID, with: p.screener)
            for (_, stored) in batch { tally[stored.record.suggestion, default: 0] += 1 }
            try await store.saveScreenings(batch, actor: actor)
            done += reports.count
            after = last
            progress(done, max(total, done))
        }
        prepared[Self.key(inspectionID)] = p
        return tally
    }

    /// Stored reports screened again, each against the ones before it, on every core; in their order.
    private nonisolated func screenedSideBySide(
        _ reports: [ReportText],
        inspectionID: String?,
        with screener: Screener
    ) async throws -> [(reportID: String, screening: StoredScreening)] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var results = [StoredScreening?](repeating: nil, count: reports.count)
        try await withThrowingTaskGroup(of: [(Int, StoredScreening)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var part: [(Int, StoredScreening)] = []
                    for i in stride(from: worker, to: reports.count, by: workers) {
                        let report = reports[i]
                        let screening = try await self.judged(
                            report.content,
                            arrival: report.arrival,
                            inspectionID: inspectionID,
                            before: (report.arrival.receivedAt ?? .distantPast, report.id),
                            with: screener
                        )
                        part.append((i, StoredScreening(record: ScreeningRecord(screening), screenedAt: self.now())))
                    }
                    return part
                }
            }
            for try await part in group { for (i, screening) in part { results[i] = screening } }
        }
        return zip(reports, results).map { ($0.id, $1!) }
    }

    /// One text judged against the inspection's roster and stored reports, as the CLI's
    /// `screen --data` uses it; nothing is added or stored.
    public nonisolated func screen(_ content: String, arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord {
        let screener = try await preparedScreener(inspectionID).screener
        return ScreeningRecord(try await judged(content, arrival: arrival, inspectionID: inspectionID, before: nil, with: screener))
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
