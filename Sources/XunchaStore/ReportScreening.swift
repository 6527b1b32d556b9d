import Foundation
import XunchaCore
import XunchaText

/// Screens reports against their inspection's stored roster and earlier reports: on arrival
/// (every channel, through `ReportIntake`), and again on demand after the roster or the
/// inspection changed. Screeners are cached per inspection and rebuilt when the store says the
/// inputs changed, whether this process or another (the CLI beside a running server) changed them.
public actor ReportScreening {
    private struct Prepared {
        var screener: Screener
        var earlier: ArrivedReports
        var generation: ScreeningGeneration
        /// Reports screened and added to `earlier` whose save has not committed yet.
        var pending: Set<String>
    }

    private let store: any Store
    private let calendar: WorkCalendar
    private let now: @Sendable () -> Date
    private var prepared: [String: Prepared] = [:]

    public init(store: any Store, calendar: WorkCalendar = .official, now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.calendar = calendar
        self.now = now
    }

    /// Screens a report about to be saved and counts it among the earlier reports of its
    /// inspection; call `saved` or `abandoned` after the save.
    public func screenArrival(
        reportID: String,
        content: String,
        arrival: ScreeningArrival,
        inspectionID: String?
    ) async throws
        -> StoredScreening
    {
        var p = try await preparedScreener(inspectionID)
        let normalized = p.screener.normalizer.normalizeWithOffsets(content)
        let record = ScreeningRecord(p.screener.screen(normalized: normalized, arrival: arrival))
        p.earlier.add(id: reportID, text: normalized, receivedAt: arrival.receivedAt)
        p.pending.insert(reportID)
        prepared[Self.key(inspectionID)] = p
        return StoredScreening(record: record, screenedAt: now())
    }

    /// The report screened by `screenArrival` is in the store now.
    public func saved(reportID: String, inspectionID: String?) {
        let key = Self.key(inspectionID)
        guard var p = prepared[key], p.pending.remove(reportID) != nil else { return }
        p.generation.reports += 1
        prepared[key] = p
    }

    /// The save failed: the cached earlier reports hold one that does not exist, so start over.
    public func abandoned(reportID: String, inspectionID: String?) {
        prepared[Self.key(inspectionID)] = nil
    }

    /// Screens every report of an inspection again, oldest first (each against the ones before
    /// it), and stores the results in batches, one audit event per report.
    /// - Returns: how many reports got each suggestion.
    @discardableResult
    public func rescreen(
        inspectionID: String?,
        actor: String,
        batchSize: Int = 200,
        progress: @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }
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

    /// Screens one stored report again (after the reporter added to it) against the reports that
    /// came before it, and stores the result with its audit event.
    public func rescreen(report: Report, postmark: CivilDate?, actor: String) async throws -> ScreeningRecord {
        let p = try await preparedScreener(report.inspectionID)
        let before = EarlierThan(reports: p.earlier, reportID: report.id, receivedAt: report.receivedAt)
        let screener = Screener(
            finder: p.screener.finder,
            inspection: p.screener.inspection,
            calendar: calendar,
            earlierReports: before,
            classifier: p.screener.classifier
        )
        let arrival = ScreeningArrival(channel: report.channel, receivedAt: report.receivedAt, postmark: postmark)
        let record = ScreeningRecord(screener.screen(report.screeningText, arrival: arrival))
        try await store.saveScreenings([(report.id, StoredScreening(record: record, screenedAt: now()))], actor: actor)
        return record
    }

    /// A screener for one text judged against the inspection's roster and stored reports, as the
    /// CLI's `screen --data` uses it; nothing is added or stored.
    public func screen(_ content: String, arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord {
        let p = try await preparedScreener(inspectionID)
        return ScreeningRecord(p.screener.screen(content, arrival: arrival))
    }

    /// The cached screener when its inputs have not changed; otherwise a new one over the stored
    /// roster and inspection, its earlier reports being `earlierReports` or else every stored one.
    private func preparedScreener(_ inspectionID: String?, earlierReports: [ReportText]? = nil) async throws -> Prepared {
        let key = Self.key(inspectionID)
        let generation = try await store.screeningGeneration(inspectionID: inspectionID)
        if let p = prepared[key], earlierReports == nil, p.generation == generation { return p }
        var inspection: Inspection?
        var roster: [RosterPerson] = []
        if let inspectionID {
            inspection = try await store.inspection(id: inspectionID)
            roster = try await store.roster(inspectionID: inspectionID, rules: .standard)
        }
        let texts: [ReportText]
        if let earlierReports { texts = earlierReports } else { texts = try await store.reportTexts(inspectionID: inspectionID) }
        let earlier = ArrivedReports()
        let screener = Screener(roster: roster, inspection: inspection, calendar: calendar, earlierReports: earlier)
        for report in texts {
            earlier.add(id: report.id, text: screener.normalizer.normalizeWithOffsets(report.content), receivedAt: report.arrival.receivedAt)
        }
        let p = Prepared(screener: screener, earlier: earlier, generation: generation, pending: [])
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
