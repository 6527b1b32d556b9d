import Foundation
import SQLKit
import XunchaCore
import XunchaText

/// The inbox: one inspection's reports filtered, searched, sorted and cut into pages by the
/// database. Pages past the middle are read from the other end, so the last page costs what the
/// first does.
extension SQLStore {
    static let searchKeys = SearchKeys()

    /// Keeps a report's search terms (content and additions) in step with it, inside the caller's
    /// transaction.
    static func indexForSearch(_ db: any SQLDatabase, reportID: String) async throws {
        guard let row = try await db.raw("SELECT rowid AS r, content FROM reports WHERE id = \(bind: reportID)").first() else { return }
        let rowid = try row.decode(column: "r", as: Int64.self)
        var text = try row.decode(column: "content", as: String.self)
        for addition in try await db.raw("SELECT content FROM report_additions WHERE report_id = \(bind: reportID) ORDER BY ordinal").all() {
            text += Report.additionSeparator + (try addition.decode(column: "content", as: String.self))
        }
        try await db.raw("DELETE FROM reports_fts WHERE rowid = \(bind: rowid)").run()
        var rows = searchRows
        rows.append(searchRow(reportID: reportID, text: text))
        try await rows.insert(db)
    }

    static var searchRows: SQLRows { SQLRows("reports_fts", ["rowid", "body"]) }

    /// A report's search terms, under the row id of its row in `reports`.
    static func searchRow(reportID: String, text: String) -> [any SQLExpression] {
        ["(SELECT rowid FROM reports WHERE id = \(bind: reportID))" as SQLQueryString, SQLBind(searchKeys.indexWords(text))]
    }

    public func inbox(_ q: InboxQuery) async throws -> (reports: [Report], total: Int) {
        var filters: [SQLQueryString] = [
            q.inspectionID.map { "(r.inspection_id = \(bind: $0) OR r.inspection_id IS NULL)" } ?? "1 = 1"
        ]
        if let keyword = q.keyword.map(TextLimits.trimmed), !keyword.isEmpty {
            if let match = Self.searchKeys.query(keyword) {
                filters.append("r.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH \(bind: match))")
            } else {
                filters.append("r.content LIKE \(bind: "%" + Self.likeEscaped(keyword) + "%") ESCAPE '\\'")
            }
        }
        if let status = q.status { filters.append("r.status = \(bind: status.rawValue)") }
        if let channel = q.channel { filters.append("r.channel = \(bind: channel.rawValue)") }
        if let named = q.named { filters.append("r.is_real_name = \(bind: named ? 1 : 0)") }
        if let from = q.receivedFrom { filters.append("r.received_at >= \(bind: Self.millis(from))") }
        if let before = q.receivedBefore { filters.append("r.received_at < \(bind: Self.millis(before))") }
        if let suggestion = q.suggestion {
            filters.append("EXISTS (SELECT 1 FROM report_screenings s WHERE s.report_id = r.id AND s.suggestion = \(bind: suggestion.rawValue))")
        }
        if let discipline = q.discipline {
            filters.append("EXISTS (SELECT 1 FROM report_screenings s WHERE s.report_id = r.id AND s.top_discipline = \(bind: discipline.rawValue))")
        }
        switch q.decision {
        case .undecided?:
            filters.append("NOT EXISTS (SELECT 1 FROM report_decisions d WHERE d.report_id = r.id AND d.state IN ('approved', 'proposed'))")
        case .pending?:
            filters.append("EXISTS (SELECT 1 FROM report_decisions d WHERE d.report_id = r.id AND d.state = 'proposed')")
        case .inForce(let outcome)?:
            filters.append(
                "EXISTS (SELECT 1 FROM report_decisions d WHERE d.report_id = r.id AND d.state = 'approved' AND d.outcome = \(bind: outcome.rawValue))"
            )
        case nil:
            break
        }
        switch q.assignee {
        case .nobody?: filters.append("r.assignee_id IS NULL")
        case .user(let id)?: filters.append("r.assignee_id = \(bind: id)")
        case nil: break
        }
        if let subject = q.subject.map(TextLimits.trimmed), !subject.isEmpty {
            var either: SQLQueryString =
                "EXISTS (SELECT 1 FROM report_subjects p WHERE p.report_id = r.id AND p.name LIKE \(bind: "%" + Self.likeEscaped(subject) + "%") ESCAPE '\\')"
            if let match = Self.searchKeys.query(subject) {
                either = "(" + either + " OR r.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH \(bind: match)))"
            }
            filters.append(either)
        }
        if let overdue = q.overdue {
            var late: [SQLQueryString] = [
                """
                EXISTS (SELECT 1 FROM referrals f WHERE f.report_id = r.id AND
                    ((f.state = 'draft' AND f.send_due < \(bind: overdue.today)) OR (f.state = 'sent' AND f.feedback_due < \(bind: overdue.today))))
                """
            ]
            if let before = overdue.acknowledgeBefore {
                late.append(
                    """
                    (r.is_real_name = 1 AND r.received_at < \(bind: Self.millis(before))
                        AND NOT EXISTS (SELECT 1 FROM report_replies p WHERE p.report_id = r.id))
                    """
                )
            }
            filters.append("(" + late.joined(separator: " OR ") + ")")
        }
        let condition = filters.joined(separator: " AND ")
        let total = try await Self.count(engine.reader, "SELECT COUNT(*) AS n FROM reports r WHERE \(condition)")
        // Far pages are read backwards from the end: the same rows, found without skipping the rest.
        let backwards = q.offset > total / 2
        let descending = backwards ? !q.descending : q.descending
        let offset = backwards ? max(0, total - q.offset - q.limit) : q.offset
        let limit = backwards ? min(q.limit, total - q.offset) : q.limit
        guard limit > 0 else { return ([], total) }
        let order = Self.order(q.sort, descending: descending, assignedFirst: q.assignedFirst, backwards: backwards)
        let rows = try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.reportColumns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", "))
            FROM reports r WHERE \(condition) ORDER BY \(order) LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        var reports = try await withSubjects(try rows.map(Self.report(from:)))
        if backwards { reports.reverse() }
        return (reports, total)
    }

    /// The ORDER BY of a sort; ties broken by arrival so pages never overlap.
    private static func order(_ sort: InboxQuery.Sort, descending: Bool, assignedFirst: String?, backwards: Bool) -> SQLQueryString {
        let direction: SQLQueryString = descending ? "DESC" : "ASC"
        var parts: [SQLQueryString] = []
        if let assignedFirst {
            parts.append(
                "CASE WHEN r.assignee_id = \(bind: assignedFirst) THEN \(unsafeRaw: backwards ? "1" : "0") ELSE \(unsafeRaw: backwards ? "0" : "1") END"
            )
        }
        let key: SQLQueryString =
            switch sort {
            case .number: "r.register_seq"
            case .received: "r.received_at"
            case .channel: "r.channel"
            case .named: "r.is_real_name"
            case .suggestion: "(SELECT s.suggestion FROM report_screenings s WHERE s.report_id = r.id)"
            case .decision:
                "(SELECT d.outcome FROM report_decisions d WHERE d.report_id = r.id AND d.state IN ('approved', 'proposed') ORDER BY d.ordinal DESC LIMIT 1)"
            case .assignee: "(SELECT u.display_name FROM staff_users u WHERE u.id = r.assignee_id)"
            }
        parts.append(key + " " + direction)
        parts.append("r.received_at " + direction)
        parts.append("r.id " + direction)
        return parts.joined(separator: ", ")
    }

    /// A keyword for LIKE: its own % and _ taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
