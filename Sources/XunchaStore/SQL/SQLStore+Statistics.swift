import Foundation
import SQLKit
import XunchaCore

/// The counts behind an inspection's statistics, each one GROUP BY over its reports, so that the
/// figures of a million reports come from the database's indexes rather than from decoding them.
extension SQLStore {
    public func statisticsCounts(inspectionID: String) async throws -> StatisticsCounts {
        let db = engine.reader
        var c = StatisticsCounts()
        for row in try await db.raw(
            """
            SELECT channel, is_real_name, COUNT(*) AS n, SUM(CASE WHEN thread_id = id OR thread_id IS NULL THEN 1 ELSE 0 END) AS first
            FROM reports WHERE inspection_id = \(bind: inspectionID) GROUP BY channel, is_real_name
            """
        ).all() {
            // Grouped in the order of the index (reports_counting), summed as it goes: no sorting.
            let n = try row.decode(column: "n", as: Int.self)
            c.reports += n
            c.threads += try row.decode(column: "first", as: Int.self)
            if try row.decode(column: "is_real_name", as: Int.self) != 0 { c.named += n }
            if let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) { c.byChannel[channel, default: 0] += n }
        }
        for row in try await db.raw(
            """
            SELECT scope_class, top_discipline, subject_rank, COUNT(*) AS n FROM report_screenings
            WHERE inspection_id = \(bind: inspectionID) GROUP BY scope_class, top_discipline, subject_rank
            """
        ).all() {
            let n = try row.decode(column: "n", as: Int.self)
            if let scope = try row.decode(column: "scope_class", as: String?.self).flatMap(ScopeClass.init(rawValue:)) {
                c.scope[scope, default: 0] += n
            }
            if let d = try row.decode(column: "top_discipline", as: String?.self).flatMap(Discipline.init(rawValue:)) {
                c.byDiscipline[d, default: 0] += n
            }
            let rank = try row.decode(column: "subject_rank", as: String?.self).flatMap(ScopeRole.init(rawValue:)) ?? .other
            c.byRank[rank, default: 0] += n
        }
        for row in try await db.raw(
            """
            SELECT d.outcome, COUNT(*) AS n FROM report_decisions d JOIN reports r ON r.id = d.report_id
            WHERE r.inspection_id = \(bind: inspectionID) AND d.state = 'approved' GROUP BY d.outcome
            """
        ).all() {
            if let outcome = SuggestionKind(rawValue: try row.decode(column: "outcome", as: String.self)) {
                c.byDecision[outcome, default: 0] += try row.decode(column: "n", as: Int.self)
            }
        }
        // Days in Beijing: received_at is milliseconds since 1970 in UTC.
        let offset = Int64(CivilDate.beijingOffsetSeconds) * 1000
        // Each day counted over its range of the arrival index, from the first day to the last: no
        // sorting of a million arrivals by a computed day.
        for row in try await db.raw(
            """
            WITH RECURSIVE bounds (lo, hi) AS (
                SELECT (MIN(received_at) + \(bind: offset)) / 86400000, (MAX(received_at) + \(bind: offset)) / 86400000
                FROM reports WHERE inspection_id = \(bind: inspectionID)),
            days (day) AS (SELECT lo FROM bounds WHERE lo IS NOT NULL UNION ALL SELECT day + 1 FROM days, bounds WHERE day < hi)
            SELECT day, (SELECT COUNT(*) FROM reports WHERE inspection_id = \(bind: inspectionID)
                AND received_at >= day * 86400000 - \(bind: offset) AND received_at < (day + 1) * 86400000 - \(bind: offset)) AS n
            FROM days
            """
        ).all() {
            let n = try row.decode(column: "n", as: Int.self)
            if n > 0 { c.byDay[CivilDate(dayNumber: try row.decode(column: "day", as: Int.self)), default: 0] += n }
        }
        c.referrals = try await referrals(inspectionID: inspectionID)
        c.leads = try await leads(inspectionID: inspectionID)
        return c
    }
}
