import Foundation
import XunchaCore
import XunchaStore
import XunchaText

/// Screens reports against their inspection's stored roster and earlier reports: on arrival
/// (every channel, through `ReportIntake`), after a reporter's addition, and again on demand after
/// the roster or the inspection changed. One screener per inspection is kept and rebuilt when the
/// store says its inputs changed, whether this process or another (the CLI beside a running
/// server) changed them. Arrivals of one inspection are screened and saved one at a time, so each
/// is screened against every report saved before it and the index never holds one that failed.
public actor ReportScreening {
    private struct Prepared {
        var screener: Screener
        var earlier: ArrivedReports
        var generation: ScreeningGeneration
        /// The learned model's version the screener was built with.
        var learnedVersion: Int
    }

    private let store: any Store
    private let calendar: WorkCalendar
    private let now: @Sendable () -> Date
    /// The layer learned from decisions; nil for the lexicon alone.
    private let learning: DecisionLearning?
    private var prepared: [String: Prepared] = [:]
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
    /// with it in one transaction; only once that has committed does the report count among the
    /// earlier reports of its inspection.
    public func screenAndSave(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        save: @escaping @Sendable (Screened) async throws -> Void
    ) async throws -> Screened {
        try await turn(inspectionID).withLock {
            try await self.screenAndSaveInTurn(reportID: reportID, content: content, arrival: arrival, inspectionID: inspectionID, save: save)
        }
    }

    private func screenAndSaveInTurn(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?,
        save: @Sendable (Screened) async throws -> Void
    ) async throws -> Screened {
        var p = try await preparedScreener(inspectionID)
        let normalized = p.screener.normalizer.normalizeWithOffsets(content)
        let screening = p.screener.screen(normalized: normalized, arrival: arrival)
        let screened = Screened(stored: StoredScreening(record: ScreeningRecord(screening), screenedAt: now()), reception: screening.reception)
        try await save(screened)
        p.earlier.add(id: reportID, text: normalized, receivedAt: arrival.receivedAt)
        p.generation.reports += 1
        prepared[Self.key(inspectionID)] = p
        return screened
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
        let reports = try await store.reportTexts(inspectionID: inspectionID)
        // Starts with no earlier reports and grows in arrival order, replacing the cached one.
        var p = try await preparedScreener(inspectionID, earlierReports: [])
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
        p.generation = try await store.screeningGeneration(inspectionID: inspectionID)
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

    /// The cached screener when its inputs have not changed; otherwise a new one over the stored
    /// roster and inspection, its earlier reports being `earlierReports` or else every stored one.
    private func preparedScreener(_ inspectionID: String?, earlierReports: [ReportText]? = nil) async throws -> Prepared {
        let key = Self.key(inspectionID)
        let generation = try await store.screeningGeneration(inspectionID: inspectionID)
        let learned: (model: LearnedModel?, version: Int) = await learning?.current() ?? (nil, 0)
        if var p = prepared[key], earlierReports == nil, p.generation == generation {
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
                prepared[key] = p
            }
            return p
        }
        var inspection: Inspection?
        var scope: InspectionScope?
        var roster: [RosterPerson] = []
        if let inspectionID {
            inspection = try await store.inspection(id: inspectionID)
            scope = try await store.scope(inspectionID: inspectionID)
            roster = try await store.roster(inspectionID: inspectionID, rules: .standard)
        }
        let texts: [ReportText]
        if let earlierReports { texts = earlierReports } else { texts = try await store.reportTexts(inspectionID: inspectionID) }
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
        let p = Prepared(screener: screener, earlier: earlier, generation: generation, learnedVersion: learned.version)
        prepared[key] = p
        return p
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
