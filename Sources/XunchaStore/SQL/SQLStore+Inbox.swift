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
        guard let row = try await db.raw("SELECT content FROM reports WHERE id = \(bind: reportID)").first() else { return }
        var text = try row.decode(column: "content", as: String.self)
        for addition in try await db.raw("SELECT content FROM report_additions WHERE report_id = \(bind: reportID) ORDER BY ordinal").all() {
            text += Report.additionSeparator + (try addition.decode(column: "content", as: String.self))
        }
        let dialect = EngineDialect(db)
        try await db.raw(dialect.deleteSearchRow(reportID: reportID)).run()
        var rows = dialect.searchRows
        rows.append(dialect.searchRow(reportID: reportID, words: searchKeys.indexWords(text)))
        try await rows.insert(db)
    }

    public func inbox(_ q: InboxQuery) async throws -> (reports: [Report], total: Int) {
        // The inspection's reports and those no inspection claimed are read as two parts, each in
        // its index's order, and merged: one condition with OR would sort the whole inbox.
        let scopes: [SQLQueryString] = q.inspectionID.map { ["r.inspection_id = \(bind: $0)", "r.inspection_id IS NULL"] } ?? ["1 = 1"]
        var filters: [SQLQueryString] = ["1 = 1"]
        let dialect = EngineDialect(engine.reader)
        if let keyword = q.keyword.map(TextLimits.trimmed), !keyword.isEmpty {
            if let phrases = Self.searchKeys.phrases(keyword) {
                filters.append(dialect.searchMatch(phrases))
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
            if let phrases = Self.searchKeys.phrases(subject) {
                either = "(" + either + " OR " + dialect.searchMatch(phrases) + ")"
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
        let total = try await visibleCount(scopes, condition, reader: q.reader)
        // The page itself leaves out what the reader is kept away from.
        let visible = q.reader.map { condition + " AND " + Self.notExcluded($0) } ?? condition
        // A member's own reports come first: read apart from the rest, so each part keeps its order.
        var parts: [(condition: SQLQueryString, count: Int)] = [(visible, total)]
        if let me = q.assignedFirst {
            let mine: SQLQueryString = " AND r.assignee_id = \(bind: me)"
            let count = try await visibleCount(scopes, condition + mine, reader: q.reader)
            parts = [(visible + mine, count), (visible + " AND (r.assignee_id IS NULL OR r.assignee_id <> \(bind: me))", total - count)]
        }
        var reports: [Report] = []
        var offset = q.offset
        for part in parts where reports.count < q.limit {
            guard offset < part.count else {
                offset -= part.count
                continue
            }
            reports += try await page(q, scopes: scopes, part.condition, count: part.count, offset: offset, limit: q.limit - reports.count)
            offset = 0
        }
        return (try await withSubjects(reports), total)
    }

    /// How many reports in `scopes` match `condition` that `reader` is not kept away from. Each
    /// scope is counted over its own index range (a report is in one scope only), which one count
    /// with OR is not. The few reports kept from the reader are counted from their exclusions and
    /// taken off: checking every report for one cost half a second at a million.
    private func visibleCount(_ scopes: [SQLQueryString], _ condition: SQLQueryString, reader: String?) async throws -> Int {
        var all = 0
        for scope in scopes { all += try await Self.count(engine.reader, "SELECT COUNT(*) AS n FROM reports r WHERE \(scope) AND \(condition)") }
        guard let reader else { return all }
        let keptAway = try await Self.count(
            engine.reader,
            """
            SELECT COUNT(*) AS n FROM report_exclusions x JOIN reports r ON r.id = x.report_id
            WHERE x.user_id = \(bind: reader) AND x.kind <> 'lifted' AND (\(scopes.joined(separator: " OR "))) AND \(condition)
            """
        )
        return all - keptAway
    }

    /// One page of the reports that match `condition` in any of `scopes` (`count` of them).
    /// Far pages are read backwards from the end: the same rows, found without skipping the rest.
    private func page(
        _ q: InboxQuery,
        scopes: [SQLQueryString],
        _ condition: SQLQueryString,
        count: Int,
        offset: Int,
        limit: Int
    ) async throws
        -> [Report]
    {
        let backwards = offset > count / 2
        let descending = backwards ? !q.descending : q.descending
        let skip = backwards ? max(0, count - offset - limit) : offset
        let take = backwards ? min(limit, count - offset) : limit
        guard take > 0 else { return [] }
        let direction: SQLQueryString = descending ? "DESC" : "ASC"
        let columns = Self.reportColumns.split(separator: ",").map { "r." + $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
        let key = Self.sortKey(q.sort)
        let selects = scopes.map { scope -> SQLQueryString in
            "SELECT \(unsafeRaw: columns)\(unsafeRaw: key == nil ? "" : ", ")\(key ?? "") FROM reports r WHERE \(scope) AND \(condition)"
        }
        // Reports without the key (no number, nobody assigned) come first going up, as SQLite puts
        // NULLs; PostgreSQL would put them last unless told.
        let nulls: SQLQueryString = descending ? " NULLS LAST" : " NULLS FIRST"
        let order: SQLQueryString = (key == nil ? "" : "sort_key " + direction + nulls + ", ") + "received_at " + direction + ", id " + direction
        let rows = try await engine.reader.raw(
            selects.joined(separator: " UNION ALL ") + " ORDER BY \(order) LIMIT \(bind: take) OFFSET \(bind: skip)"
        ).all()
        let reports = try rows.map(Self.report(from:))
        return backwards ? reports.reversed() : reports
    }

    /// The column a sort orders by before arrival (ties broken by arrival and id, so pages never
    /// overlap), as a result column `sort_key`; nil for arrival itself.
    private static func sortKey(_ sort: InboxQuery.Sort) -> SQLQueryString? {
        let key: SQLQueryString
        switch sort {
        case .received: return nil
        case .number: key = "r.register_seq"
        case .channel: key = "r.channel"
        case .named: key = "r.is_real_name"
        case .suggestion: key = "(SELECT s.suggestion FROM report_screenings s WHERE s.report_id = r.id)"
        case .decision:
            key =
                "(SELECT d.outcome FROM report_decisions d WHERE d.report_id = r.id AND d.state IN ('approved', 'proposed') ORDER BY d.ordinal DESC LIMIT 1)"
        case .assignee: key = "(SELECT u.display_name FROM staff_users u WHERE u.id = r.assignee_id)"
        }
        return key + " AS sort_key"
    }

    /// A keyword for LIKE: its own % and _ taken literally.
    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
