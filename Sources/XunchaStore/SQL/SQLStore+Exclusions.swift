import Foundation
import SQLKit
import XunchaCore

/// 回避: which accounts are kept away from which reports (`ReportExclusion`). Accounts a report
/// names are found in the same transaction that writes the report, an addition or the account,
/// so no read ever sees a report before its exclusions.
extension SQLStore {
    /// Which reports and accounts to look at for names.
    enum NamedStaffScope {
        case reports([String])
        case user(String)
        case everyone
    }

    /// Records a `named` exclusion for every account whose display name (two characters or more)
    /// is in a report's text, an addition, or the people it names. A `declared` or `lifted` one
    /// already there stays as the leader left it.
    static func recordNamedStaff(_ db: any SQLDatabase, _ scope: NamedStaffScope) async throws {
        if case .reports(let ids) = scope, ids.count > 500 {
            // Bound parameters per statement are limited.
            for start in stride(from: 0, to: ids.count, by: 500) {
                try await recordNamedStaff(db, .reports(Array(ids[start..<min(start + 500, ids.count)])))
            }
            return
        }
        let narrowed: SQLQueryString =
            switch scope {
            case .reports(let ids): "r.id IN (\(SQLList(ids.map { SQLBind($0) })))"
            case .user(let id): "u.id = \(bind: id)"
            case .everyone: "1 = 1"
            }
        let dialect = EngineDialect(db)
        try await db.raw(
            """
            INSERT INTO report_exclusions (report_id, user_id, kind, reason)
            SELECT r.id, u.id, 'named', u.display_name FROM reports r JOIN staff_users u ON length(u.display_name) >= 2
            WHERE \(narrowed) AND (
                \(dialect.contains("r.content", "u.display_name"))
                OR EXISTS (SELECT 1 FROM report_subjects p WHERE p.report_id = r.id AND p.name = u.display_name)
                OR EXISTS (SELECT 1 FROM report_additions a WHERE a.report_id = r.id AND \(dialect.contains("a.content", "u.display_name"))))
            ON CONFLICT (report_id, user_id) DO NOTHING
            """
        ).run()
    }

    /// The condition that keeps from account `userID` the reports (`r`) it is excluded from.
    static func notExcluded(_ userID: String) -> SQLQueryString {
        "NOT EXISTS (SELECT 1 FROM report_exclusions x WHERE x.report_id = r.id AND x.user_id = \(bind: userID) AND x.kind <> 'lifted')"
    }

    public func exclusions(reportID: String) async throws -> [ReportExclusion] {
        try await engine.reader.raw(
            "SELECT report_id, user_id, kind, reason FROM report_exclusions WHERE report_id = \(bind: reportID) ORDER BY user_id"
        ).all().map(Self.exclusion)
    }

    public func excludedReportIDs(userID: String) async throws -> Set<String> {
        Set(
            try await engine.reader.raw(
                "SELECT report_id FROM report_exclusions WHERE user_id = \(bind: userID) AND kind <> 'lifted'"
            ).all().map { try $0.decode(column: "report_id", as: String.self) }
        )
    }

    /// The leader's decision on one account and report: `declared` (kept away, whether named or
    /// not) or `lifted` (a namesake sees it again). Keeping a member away also takes the report
    /// from them if they handle it.
    public func setExclusion(_ exclusion: ReportExclusion, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO report_exclusions (report_id, user_id, kind, reason)
                VALUES (\(bind: exclusion.reportID), \(bind: exclusion.userID), \(bind: exclusion.kind.rawValue), \(bind: exclusion.reason))
                ON CONFLICT (report_id, user_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason
                """
            ).run()
            let action: AuditAction = exclusion.keepsAway ? .exclusionDeclared : .exclusionLifted
            try await Self.appendAudit(db, at: at, actor: actor, action: action, subjectID: exclusion.reportID, detail: exclusion.userID)
            guard exclusion.keepsAway else { return }
            let handled = try await db.raw(
                "SELECT 1 AS n FROM reports WHERE id = \(bind: exclusion.reportID) AND assignee_id = \(bind: exclusion.userID)"
            ).first()
            if handled != nil {
                try await db.raw("UPDATE reports SET assignee_id = NULL WHERE id = \(bind: exclusion.reportID)").run()
                try await Self.appendAudit(db, at: at, actor: actor, action: .reportAssigned, subjectID: exclusion.reportID, detail: "-")
            }
        }
    }

    private static func exclusion(_ row: any SQLRow) throws -> ReportExclusion {
        ReportExclusion(
            reportID: try row.decode(column: "report_id", as: String.self),
            userID: try row.decode(column: "user_id", as: String.self),
            kind: ReportExclusion.Kind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .declared,
            reason: try row.decode(column: "reason", as: String.self)
        )
    }
}
