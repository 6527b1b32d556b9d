import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Writes (or replaces) a report's screening and its audit event `report.screened` inside
    /// an open transaction; `saveReport` and `saveScreenings` share it.
    static func insertScreening(_ db: any SQLDatabase, reportID: String, _ screening: StoredScreening, actor: AuditActor) async throws {
        try await db.raw("DELETE FROM report_screenings WHERE report_id = \(bind: reportID)").run()
        try await db.raw("DELETE FROM report_screening_records WHERE report_id = \(bind: reportID)").run()
        var rows = NewReportRows()
        rows.addScreening(reportID: reportID, screening)
        try await rows.screenings.insert(db)
        try await rows.screeningRecords.insert(db)
        try await Self.appendAudit(db, screenedEvent(reportID: reportID, screening, actor: actor))
    }

    static func screenedEvent(reportID: String, _ screening: StoredScreening, actor: AuditActor) -> PendingAuditEvent {
        let r = screening.record
        return PendingAuditEvent(
            at: screening.screenedAt,
            actor: actor,
            action: .reportScreened,
            subjectID: reportID,
            detail: "\(r.suggestion.rawValue) (\(r.decidingRule ?? "-"); \(r.rulesVersion))"
        )
    }

    /// Re-screenings of several reports in one transaction, one audit event each.
    public func saveScreenings(_ screenings: [(reportID: String, screening: StoredScreening)], actor: AuditActor) async throws {
        guard !screenings.isEmpty else { return }
        try await transaction { db in
            for (id, screening) in screenings { try await Self.insertScreening(db, reportID: id, screening, actor: actor) }
        }
    }

    public func screening(reportID: String) async throws -> StoredScreening? {
        guard
            let row = try await engine.reader.raw(
                """
                SELECT c.record, s.screened_at FROM report_screenings s JOIN report_screening_records c ON c.report_id = s.report_id
                WHERE s.report_id = \(bind: reportID)
                """
            ).first()
        else { return nil }
        guard let record = try? JSONDecoder().decode(ScreeningRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
        else { throw StoreError.unreadableRow(table: "report_screenings", key: reportID) }
        return StoredScreening(record: record, screenedAt: Self.date(try row.decode(column: "screened_at", as: Int64.self)))
    }

    /// Suggestion and top discipline per report, for lists; reports never screened are absent.
    public func screeningSummaries(reportIDs: [String]) async throws -> [String: ScreeningSummary] {
        guard !reportIDs.isEmpty else { return [:] }
        let rows = try await engine.reader.raw(
            """
            SELECT report_id, suggestion, top_discipline, rules_version FROM report_screenings
            WHERE report_id IN (\(SQLList(reportIDs.map { SQLBind($0) })))
            """
        ).all()
        var result: [String: ScreeningSummary] = [:]
        for row in rows {
            let id = try row.decode(column: "report_id", as: String.self)
            guard let suggestion = SuggestionKind(rawValue: try row.decode(column: "suggestion", as: String.self)) else {
                throw StoreError.unreadableRow(table: "report_screenings", key: id)
            }
            result[id] = ScreeningSummary(
                suggestion: suggestion,
                topDiscipline: try row.decode(column: "top_discipline", as: String?.self).flatMap(Discipline.init(rawValue:)),
                rulesVersion: try row.decode(column: "rules_version", as: String.self)
            )
        }
        return result
    }

    /// Id, arrival and screening text (content and additions) of an inspection's reports, oldest
    /// first: a page of at most `limit`, after `after` (the last of the page before). What
    /// re-screening reads. `inspectionID` nil means the reports no inspection claimed.
    public func reportTexts(inspectionID: String?, after: ReportText?, limit: Int) async throws -> [ReportText] {
        let filter: SQLQueryString = inspectionID.map { "r.inspection_id = \(bind: $0)" } ?? "r.inspection_id IS NULL"
        let start: SQLQueryString =
            after.map { " AND (r.received_at, r.id) > (\(bind: Self.millis($0.arrival.receivedAt ?? .distantPast)), \(bind: $0.id))" } ?? ""
        let db = engine.reader
        let rows = try await db.raw(
            """
            SELECT r.id, r.channel, r.received_at, r.content, d.postmark, d.call_started_at, d.visit_at FROM reports r
            LEFT JOIN report_channel_details d ON d.report_id = r.id
            WHERE \(filter)\(start) ORDER BY r.received_at, r.id LIMIT \(bind: limit)
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        var additions: [String: [String]] = [:]
        for row in try await db.raw(
            "SELECT report_id, content FROM report_additions WHERE report_id IN (\(SQLList(ids.map { SQLBind($0) }))) ORDER BY report_id, ordinal"
        ).all() {
            additions[try row.decode(column: "report_id", as: String.self), default: []].append(try row.decode(column: "content", as: String.self))
        }
        return try zip(ids, rows).map { id, row in
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else {
                throw StoreError.unreadableRow(table: "reports", key: id)
            }
            return ReportText(
                id: id,
                content: Report.screeningText(content: try row.decode(column: "content", as: String.self), additions: additions[id] ?? []),
                arrival: ScreeningArrival(
                    channel: channel,
                    receivedAt: Self.date(try row.decode(column: "received_at", as: Int64.self)),
                    postmark: try row.decode(column: "postmark", as: String?.self).flatMap { CivilDate(parsing: $0) },
                    heldAt: try (row.decode(column: "call_started_at", as: Int64?.self) ?? row.decode(column: "visit_at", as: Int64?.self)).map(
                        Self.date
                    )
                )
            )
        }
    }

    /// How many reports `reportTexts` pages through.
    public func reportTextCount(inspectionID: String?) async throws -> Int {
        let filter: SQLQueryString = inspectionID.map { "inspection_id = \(bind: $0)" } ?? "inspection_id IS NULL"
        return try await engine.reader.raw("SELECT COUNT(*) AS n FROM reports WHERE \(filter)").first()
            .map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

}

extension SQLStore {
    /// The audit chain's last sequence number (0 when empty): where a screener built now starts
    /// looking for changes.
    public func auditHead() async throws -> Int {
        try await engine.reader.raw("SELECT COALESCE(MAX(seq), 0) AS seq FROM audit_events").first()
            .map { Int(try $0.decode(column: "seq", as: Int64.self)) } ?? 0
    }

    /// Whether an inspection, its roster or its scope changed after audit event `seq`, by this
    /// process or another: the chain records every change, in order, so a cached screener looks
    /// only at what is new since it last looked.
    public func screeningChanges(inspectionID: String?, after seq: Int) async throws -> ScreeningChanges {
        // The head first: an event committed after it is left for the next look, never skipped.
        let head = try await auditHead()
        var changes = ScreeningChanges(seq: head)
        guard let inspectionID else { return changes }
        changes.rebuild =
            try await engine.reader.raw(
                """
                SELECT seq FROM audit_events WHERE seq > \(bind: seq) AND seq <= \(bind: head) AND subject_id = \(bind: inspectionID)
                AND action IN (\(SQLList(ScreeningChanges.actions.map { SQLBind($0.rawValue) }))) LIMIT 1
                """
            ).first() != nil
        return changes
    }
}
