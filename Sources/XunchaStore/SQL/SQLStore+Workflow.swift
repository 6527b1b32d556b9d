import Foundation
import SQLKit
import XunchaCore

/// The group's work on a report: bringing it into an inspection, giving it to a member, notes,
/// and decisions with what approving them does. Every change with its audit events, in one
/// transaction.
extension SQLStore {
    public func claimReport(id: String, inspectionID: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            let current = try await db.raw("SELECT inspection_id FROM reports WHERE id = \(bind: id)").first()
            guard let row = current, try row.decode(column: "inspection_id", as: String?.self) == nil else {
                throw StoreError.stateChanged("report \(id) already belongs to an inspection")
            }
            try await db.raw("UPDATE reports SET inspection_id = \(bind: inspectionID) WHERE id = \(bind: id)").run()
            try await db.raw("UPDATE report_screenings SET inspection_id = \(bind: inspectionID) WHERE report_id = \(bind: id)").run()
            try await Self.number(db, reportID: id, inspectionID: inspectionID)
            try await Self.refile(db, claimedReportID: id, inspectionID: inspectionID)
            try await Self.appendAudit(db, at: at, actor: actor, action: .reportClaimed, subjectID: id, detail: inspectionID)
        }
    }

    public func assignReport(id: String, to assigneeID: String?, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await db.raw("UPDATE reports SET assignee_id = \(bind: assigneeID) WHERE id = \(bind: id)").run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .reportAssigned, subjectID: id, detail: assigneeID ?? "-")
        }
    }

    public func addNote(reportID: String, content: String, authorID: String, at: Date) async throws {
        try await transaction { db in
            let next = try await Self.count(db, "SELECT COUNT(*) AS n FROM report_notes WHERE report_id = \(bind: reportID)")
            try await db.raw(
                """
                INSERT INTO report_notes (report_id, ordinal, written_at, author_id, content)
                VALUES (\(bind: reportID), \(bind: next), \(bind: Self.millis(at)), \(bind: authorID), \(bind: content))
                """
            ).run()
            try await Self.appendAudit(db, at: at, actor: .user(id: authorID), action: .reportNoted, subjectID: reportID, detail: String(next))
        }
    }

    public func notes(reportID: String) async throws -> [ReportNote] {
        try await engine.reader.raw(
            "SELECT ordinal, written_at, author_id, content FROM report_notes WHERE report_id = \(bind: reportID) ORDER BY ordinal"
        ).all().map {
            ReportNote(
                ordinal: try $0.decode(column: "ordinal", as: Int.self),
                writtenAt: Self.date(try $0.decode(column: "written_at", as: Int64.self)),
                authorID: try $0.decode(column: "author_id", as: String.self),
                content: try $0.decode(column: "content", as: String.self)
            )
        }
    }

    static func count(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        try await db.raw(query).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    // MARK: Decisions

    private static let decisionColumns = """
        ordinal, outcome, reason, recipient, duplicate_of, lead_id, suggestion, rules_version, proposed_by, proposed_at, state,
        reviewed_by, reviewed_at, review_comment, reopened_by, reopened_at, reopen_reason, category, also_disciplines
        """

    public func decisions(reportID: String) async throws -> [Decision] {
        try await Self.decisions(engine.reader, reportID: reportID)
    }

    public func decidedExamples() async throws -> [DecidedExample] {
        try await engine.reader.raw(
            """
            SELECT r.id, r.register_number, r.content, d.category FROM report_decisions d JOIN reports r ON r.id = d.report_id
            WHERE d.state = 'approved' AND d.category IS NOT NULL ORDER BY d.reviewed_at, r.id
            """
        ).all().compactMap { row in
            guard let category = ReportCategory(code: try row.decode(column: "category", as: String.self)) else { return nil }
            return DecidedExample(
                text: try row.decode(column: "content", as: String.self),
                category: category,
                reference: try row.decode(column: "register_number", as: String?.self) ?? row.decode(column: "id", as: String.self)
            )
        }
    }

    static func decisions(_ db: any SQLDatabase, reportID: String) async throws -> [Decision] {
        try await decisions(db, where: "report_id = \(bind: reportID)").map(\.decision)
    }

    /// Decisions matching `filter`, by report and in order.
    static func decisions(_ db: any SQLDatabase, where filter: SQLQueryString) async throws -> [(reportID: String, decision: Decision)] {
        try await db.raw(
            "SELECT report_id, \(unsafeRaw: decisionColumns) FROM report_decisions WHERE \(filter) ORDER BY report_id, ordinal"
        ).all().map { row in
            let reportID = try row.decode(column: "report_id", as: String.self)
            guard let outcome = SuggestionKind(rawValue: try row.decode(column: "outcome", as: String.self)),
                let state = Decision.State(rawValue: try row.decode(column: "state", as: String.self))
            else { throw StoreError.unreadableRow(table: "report_decisions", key: reportID) }
            let decision = Decision(
                ordinal: try row.decode(column: "ordinal", as: Int.self),
                outcome: outcome,
                reason: try row.decode(column: "reason", as: String.self),
                recipient: try row.decode(column: "recipient", as: String?.self),
                duplicateOf: try row.decode(column: "duplicate_of", as: String?.self),
                leadID: try row.decode(column: "lead_id", as: String?.self),
                category: try row.decode(column: "category", as: String?.self).flatMap(ReportCategory.init(code:)),
                alsoDisciplines: try row.decode(column: "also_disciplines", as: String.self).split(separator: ",")
                    .compactMap { Discipline(rawValue: String($0)) },
                suggestion: try row.decode(column: "suggestion", as: String?.self).flatMap(SuggestionKind.init(rawValue:)),
                rulesVersion: try row.decode(column: "rules_version", as: String?.self),
                proposedBy: try row.decode(column: "proposed_by", as: String.self),
                proposedAt: date(try row.decode(column: "proposed_at", as: Int64.self)),
                state: state,
                reviewedBy: try row.decode(column: "reviewed_by", as: String?.self),
                reviewedAt: try row.decode(column: "reviewed_at", as: Int64?.self).map(date),
                reviewComment: try row.decode(column: "review_comment", as: String.self),
                reopenedBy: try row.decode(column: "reopened_by", as: String?.self),
                reopenedAt: try row.decode(column: "reopened_at", as: Int64?.self).map(date),
                reopenReason: try row.decode(column: "reopen_reason", as: String.self)
            )
            return (reportID, decision)
        }
    }

    public func proposeDecision(reportID: String, _ decision: Decision, effect: DecisionEffect, actor: AuditActor) async throws -> Decision {
        try await transaction { db in
            let existing = try await Self.decisions(db, reportID: reportID)
            if existing.inForce != nil { throw StoreError.stateChanged("report \(reportID) has a decision in force") }
            var d = decision
            d.ordinal = existing.count
            if let pending = existing.pending {
                try await db.raw(
                    "UPDATE report_decisions SET state = 'withdrawn' WHERE report_id = \(bind: reportID) AND ordinal = \(bind: pending.ordinal)"
                ).run()
            }
            let approved = d.state == .approved
            d.state = .proposed
            try await db.raw(
                """
                INSERT INTO report_decisions (report_id, ordinal, outcome, reason, recipient, duplicate_of, lead_id, suggestion,
                    rules_version, proposed_by, proposed_at, state, review_comment, reopen_reason, category, also_disciplines)
                VALUES (\(bind: reportID), \(bind: d.ordinal), \(bind: d.outcome.rawValue), \(bind: d.reason), \(bind: d.recipient),
                    \(bind: d.duplicateOf), \(bind: d.leadID), \(bind: d.suggestion?.rawValue), \(bind: d.rulesVersion),
                    \(bind: d.proposedBy), \(bind: Self.millis(d.proposedAt)), 'proposed', '', '', \(bind: d.category?.code),
                    \(bind: d.alsoDisciplines.map(\.rawValue).joined(separator: ",")))
                """
            ).run()
            let verb = d.suggestion == nil ? "" : (d.confirmsSuggestion ? "confirms " : "overrules \(d.suggestion!.rawValue) → ")
            let also = d.alsoDisciplines.isEmpty ? "" : " + " + d.alsoDisciplines.map(\.rawValue).joined(separator: ",")
            let category = d.category.map { " [category \($0.code)\(also)]" } ?? ""
            try await Self.appendAudit(
                db,
                at: d.proposedAt,
                actor: actor,
                action: .decisionProposed,
                subjectID: reportID,
                detail: "\(verb)\(d.outcome.rawValue)\(category)" + (d.reason.isEmpty ? "" : ": \(d.reason)")
            )
            guard approved else { return d }
            return try await Self.approve(db, reportID: reportID, d, comment: "", effect: effect, actor: actor, at: d.proposedAt)
        }
    }

    public func reviewDecision(
        reportID: String,
        ordinal: Int,
        approve: Bool,
        comment: String,
        effect: DecisionEffect,
        actor: AuditActor,
        at: Date
    ) async throws -> Decision {
        try await transaction { db in
            guard let pending = try await Self.decisions(db, reportID: reportID).pending, pending.ordinal == ordinal else {
                throw StoreError.stateChanged("proposal \(ordinal) of report \(reportID) is no longer pending")
            }
            if approve { return try await Self.approve(db, reportID: reportID, pending, comment: comment, effect: effect, actor: actor, at: at) }
            try await db.raw(
                """
                UPDATE report_decisions SET state = 'returned', reviewed_by = \(bind: actor.stored), reviewed_at = \(bind: Self.millis(at)),
                    review_comment = \(bind: comment)
                WHERE report_id = \(bind: reportID) AND ordinal = \(bind: ordinal)
                """
            ).run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .decisionReturned, subjectID: reportID, detail: "\(ordinal): \(comment)")
            var returned = pending
            returned.state = .returned
            returned.reviewedBy = actor.stored
            returned.reviewedAt = at
            returned.reviewComment = comment
            return returned
        }
    }

    /// Puts a proposal in force and does what it brings (see `DecisionEffect`).
    private static func approve(
        _ db: any SQLDatabase,
        reportID: String,
        _ pending: Decision,
        comment: String,
        effect: DecisionEffect,
        actor: AuditActor,
        at: Date
    ) async throws -> Decision {
        var d = pending
        d.state = .approved
        d.reviewedBy = actor.stored
        d.reviewedAt = at
        d.reviewComment = comment
        guard
            let inspectionID = try await db.raw("SELECT inspection_id FROM reports WHERE id = \(bind: reportID)").first()
                .flatMap({ try $0.decode(column: "inspection_id", as: String?.self) })
        else { throw StoreError.stateChanged("report \(reportID) belongs to no inspection") }
        switch effect {
        case .none:
            break
        case .joinLead(let id):
            d.leadID = id
            try await addToLead(db, leadID: id, reportID: reportID, actor: actor, at: at)
        case .newLead(let lead):
            d.leadID = lead.id
            try await insertLead(db, lead, inspectionID: inspectionID, actor: actor, at: at)
            try await addToLead(db, leadID: lead.id, reportID: reportID, actor: actor, at: at)
        case .referral(let referral):
            try await insertReferral(db, referral, reportID: reportID, inspectionID: inspectionID, actor: actor, at: at)
        case .joinThread(let earlier):
            guard
                let root = try await db.raw("SELECT thread_id FROM reports WHERE id = \(bind: earlier)").first()
                    .flatMap({ try $0.decode(column: "thread_id", as: String?.self) })
            else { throw StoreError.stateChanged("report \(earlier) is not stored") }
            try await db.raw("UPDATE reports SET thread_id = \(bind: root) WHERE thread_id = \(bind: reportID) OR id = \(bind: reportID)").run()
        }
        try await db.raw(
            """
            UPDATE report_decisions SET state = 'approved', reviewed_by = \(bind: actor.stored), reviewed_at = \(bind: millis(at)),
                review_comment = \(bind: comment), lead_id = \(bind: d.leadID)
            WHERE report_id = \(bind: reportID) AND ordinal = \(bind: d.ordinal)
            """
        ).run()
        try await db.raw("UPDATE reports SET status = \(bind: d.outcome.reportStatus.rawValue) WHERE id = \(bind: reportID)").run()
        try await appendAudit(
            db,
            at: at,
            actor: actor,
            action: .decisionApproved,
            subjectID: reportID,
            detail: "\(d.ordinal): \(d.outcome.rawValue)" + (comment.isEmpty ? "" : ": \(comment)")
        )
        return d
    }

    public func reopenDecision(reportID: String, ordinal: Int, reason: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            guard let inForce = try await Self.decisions(db, reportID: reportID).inForce, inForce.ordinal == ordinal else {
                throw StoreError.stateChanged("decision \(ordinal) of report \(reportID) is not in force")
            }
            for referral in try await Self.referrals(db, "r.report_id = \(bind: reportID)") where referral.state != .cancelled {
                guard referral.state == .draft else { throw StoreError.stateChanged("referral \(referral.number) was sent") }
                try await db.raw("UPDATE referrals SET state = 'cancelled' WHERE id = \(bind: referral.id)").run()
                try await Self.appendAudit(db, at: at, actor: actor, action: .referralCancelled, subjectID: referral.id, detail: reason)
            }
            if let leadID = inForce.leadID {
                try await db.raw("DELETE FROM lead_reports WHERE lead_id = \(bind: leadID) AND report_id = \(bind: reportID)").run()
                try await Self.appendAudit(db, at: at, actor: actor, action: .leadReportRemoved, subjectID: leadID, detail: reportID)
            }
            if inForce.outcome == .duplicate {
                try await db.raw("UPDATE reports SET thread_id = id WHERE id = \(bind: reportID)").run()
            }
            try await db.raw(
                """
                UPDATE report_decisions SET state = 'reopened', reopened_by = \(bind: actor.stored), reopened_at = \(bind: Self.millis(at)),
                    reopen_reason = \(bind: reason)
                WHERE report_id = \(bind: reportID) AND ordinal = \(bind: ordinal)
                """
            ).run()
            try await db.raw("UPDATE reports SET status = 'received' WHERE id = \(bind: reportID)").run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .decisionReopened, subjectID: reportID, detail: "\(ordinal): \(reason)")
        }
    }
}

/// What the inbox and the leader's start page read across many reports at once.
extension SQLStore {
    public func latestDecisions(reportIDs: [String]) async throws -> [String: Decision] {
        guard !reportIDs.isEmpty else { return [:] }
        var latest: [String: Decision] = [:]
        let filter: SQLQueryString = "report_id IN (\(SQLList(reportIDs.map { SQLBind($0) }))) AND state <> 'withdrawn'"
        for (id, d) in try await Self.decisions(engine.reader, where: filter) { latest[id] = d }
        return latest
    }

    public func repliedReports(reportIDs: [String]) async throws -> Set<String> {
        guard !reportIDs.isEmpty else { return [] }
        return Set(
            try await engine.reader.raw(
                "SELECT DISTINCT report_id FROM report_replies WHERE report_id IN (\(SQLList(reportIDs.map { SQLBind($0) })))"
            ).all().map { try $0.decode(column: "report_id", as: String.self) }
        )
    }

    public func reportsAwaitingApproval(_ what: LeaderApproval, inspectionID: String, limit: Int) async throws -> [Report] {
        // Driven by the few pending proposals or requests, not by every report of the inspection:
        // `|| ''` keeps SQLite from walking the inspection's arrival index and testing each report
        // against the list (60 ms at 100,000 reports, every time the leader's console opened).
        let waiting: SQLQueryString =
            switch what {
            case .decision: "SELECT d.report_id FROM report_decisions d WHERE d.state = 'proposed'"
            case .identityRequest: "SELECT q.report_id FROM identity_requests q WHERE q.state = 'pending'"
            }
        let rows = try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.reportColumns) FROM reports r
            WHERE r.inspection_id || '' = \(bind: inspectionID) AND r.id IN (\(waiting))
            ORDER BY r.received_at, r.id LIMIT \(bind: limit)
            """
        ).all()
        return try await withSubjects(try rows.map(Self.report(from:)))
    }

    public func realNameReportsWithoutReply(inspectionID: String, limit: Int) async throws -> [Report] {
        let rows = try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.reportColumns) FROM reports r
            WHERE r.inspection_id = \(bind: inspectionID) AND r.is_real_name = 1
                AND NOT EXISTS (SELECT 1 FROM report_replies p WHERE p.report_id = r.id)
            ORDER BY r.received_at, r.id LIMIT \(bind: limit)
            """
        ).all()
        return try await withSubjects(try rows.map(Self.report(from:)))
    }

    public func reports(ids: [String]) async throws -> [Report] {
        guard !ids.isEmpty else { return [] }
        let rows = try await engine.reader.raw(
            "SELECT \(unsafeRaw: Self.reportColumns) FROM reports WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))"
        ).all()
        return try await withSubjects(try rows.map(Self.report(from:)))
    }
}
