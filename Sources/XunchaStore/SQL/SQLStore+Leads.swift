import Foundation
import SQLKit
import XunchaCore

/// Problem leads and referrals: made when decisions are approved (SQLStore+Workflow.swift),
/// numbered per inspection in their own series.
extension SQLStore {
    private static let leadColumns = """
        l.id, l.inspection_id, l.seq, l.number, l.subject_name, l.subject_unit, l.subject_post, l.summary, l.kind,
        l.about_principal, l.state, l.created_at, l.created_by, l.outcome
        """

    /// The inspection the numbers of a new lead or referral are made from.
    static func inspection(_ db: any SQLDatabase, _ id: String) async throws -> Inspection {
        guard
            let inspection = try await db.raw("SELECT data FROM inspections WHERE id = \(bind: id)").first()
                .map({ try decodeJSON(Inspection.self, $0.decode(column: "data", as: String.self)) })
        else { throw StoreError.unreadableRow(table: "inspections", key: id) }
        return inspection
    }

    static func insertLead(_ db: any SQLDatabase, _ lead: NewLead, inspectionID: String, actor: AuditActor, at: Date) async throws {
        let inspection = try await inspection(db, inspectionID)
        let seq = try await count(db, "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM leads WHERE inspection_id = \(bind: inspectionID)")
        let number = inspection.registerNumber(seq, series: Lead.series, width: 2).text
        try await db.raw(
            """
            INSERT INTO leads (id, inspection_id, seq, number, subject_name, subject_unit, subject_post, summary, kind, about_principal,
                state, created_at, created_by)
            VALUES (\(bind: lead.id), \(bind: inspectionID), \(bind: seq), \(bind: number), \(bind: lead.subject.name),
                \(bind: lead.subject.unit), \(bind: lead.subject.post), \(bind: lead.summary), \(bind: lead.kind),
                \(bind: lead.aboutPrincipal ? 1 : 0), 'open', \(bind: millis(at)), \(bind: actor.stored))
            """
        ).run()
        try await appendAudit(db, at: at, actor: actor, action: .leadCreated, subjectID: lead.id, detail: "\(number) \(lead.subject.name)")
    }

    static func addToLead(_ db: any SQLDatabase, leadID: String, reportID: String, actor: AuditActor, at: Date) async throws {
        try await db.raw(
            "INSERT INTO lead_reports (lead_id, report_id, added_at) VALUES (\(bind: leadID), \(bind: reportID), \(bind: millis(at)))"
        ).run()
        try await appendAudit(db, at: at, actor: actor, action: .leadReportAdded, subjectID: leadID, detail: reportID)
    }

    public func leads(inspectionID: String) async throws -> [Lead] {
        try await Self.leads(engine.reader, "l.inspection_id = \(bind: inspectionID)")
    }

    public func lead(id: String) async throws -> Lead? {
        try await Self.leads(engine.reader, "l.id = \(bind: id)").first
    }

    static func leads(_ db: any SQLDatabase, _ filter: SQLQueryString) async throws -> [Lead] {
        var reports: [String: [String]] = [:]
        for row in try await db.raw(
            """
            SELECT lr.lead_id, lr.report_id FROM lead_reports lr JOIN leads l ON l.id = lr.lead_id JOIN reports r ON r.id = lr.report_id
            WHERE \(filter) ORDER BY r.received_at, r.id
            """
        ).all() {
            reports[try row.decode(column: "lead_id", as: String.self), default: []].append(try row.decode(column: "report_id", as: String.self))
        }
        return try await db.raw("SELECT \(unsafeRaw: leadColumns) FROM leads l WHERE \(filter) ORDER BY l.seq").all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let state = Lead.State(rawValue: try row.decode(column: "state", as: String.self)) else {
                throw StoreError.unreadableRow(table: "leads", key: id)
            }
            return Lead(
                id: id,
                inspectionID: try row.decode(column: "inspection_id", as: String.self),
                sequence: try row.decode(column: "seq", as: Int.self),
                number: try row.decode(column: "number", as: String.self),
                subject: Subject(
                    name: try row.decode(column: "subject_name", as: String.self),
                    unit: try row.decode(column: "subject_unit", as: String.self),
                    post: try row.decode(column: "subject_post", as: String.self)
                ),
                summary: try row.decode(column: "summary", as: String.self),
                kind: try row.decode(column: "kind", as: String.self),
                aboutPrincipal: try row.decode(column: "about_principal", as: Int.self) != 0,
                state: state,
                createdAt: date(try row.decode(column: "created_at", as: Int64.self)),
                createdBy: try row.decode(column: "created_by", as: String.self),
                reportIDs: reports[id] ?? [],
                outcome: try row.decode(column: "outcome", as: String?.self).map { try decodeJSON(LeadOutcome.self, $0) }
            )
        }
    }

    /// Keeps what a lead's receiver reported back, and closes the lead out (销号) when asked.
    /// Only a lead handed over and not yet closed takes it.
    public func recordLeadOutcome(leadID: String, _ outcome: LeadOutcome, closeOut: Bool, actor: AuditActor) async throws {
        try await transaction { db in
            let handedOver = try await Self.count(db, "SELECT COUNT(*) AS n FROM leads WHERE id = \(bind: leadID) AND state = 'handed_over'")
            guard handedOver == 1 else { throw StoreError.stateChanged("lead \(leadID)") }
            try await db.raw(
                """
                UPDATE leads SET outcome = \(bind: try Self.json(outcome)), state = \(bind: closeOut ? "closed" : "handed_over")
                WHERE id = \(bind: leadID)
                """
            ).run()
            let at = outcome.recordedAt
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .leadOutcomeRecorded,
                subjectID: leadID,
                detail: outcome.disposition.rawValue
            )
            if closeOut { try await Self.appendAudit(db, at: at, actor: actor, action: .leadClosedOut, subjectID: leadID) }
        }
    }

    // MARK: Referrals

    static func insertReferral(
        _ db: any SQLDatabase,
        _ referral: NewReferral,
        reportID: String,
        inspectionID: String,
        actor: AuditActor,
        at: Date
    ) async throws {
        let inspection = try await inspection(db, inspectionID)
        let seq = try await count(db, "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM referrals WHERE inspection_id = \(bind: inspectionID)")
        let number = inspection.registerNumber(seq, series: Referral.series, width: 2).text
        try await db.raw(
            """
            INSERT INTO referrals (id, inspection_id, seq, number, report_id, recipient, content, state, decided_at, send_due, feedback,
                original, masks)
            VALUES (\(bind: referral.id), \(bind: inspectionID), \(bind: seq), \(bind: number), \(bind: reportID), \(bind: referral.recipient),
                \(bind: referral.content), 'draft', \(bind: millis(at)), \(bind: referral.sendDue?.iso), '',
                \(bind: referral.draft?.original), \(bind: try referral.draft.map { try json($0.masks) }))
            """
        ).run()
        try await appendAudit(db, at: at, actor: actor, action: .referralDrafted, subjectID: referral.id, detail: "\(number) → \(referral.recipient)")
    }

    public func referrals(inspectionID: String) async throws -> [Referral] {
        try await Self.referrals(engine.reader, "r.inspection_id = \(bind: inspectionID)")
    }

    public func referrals(reportID: String) async throws -> [Referral] {
        try await Self.referrals(engine.reader, "r.report_id = \(bind: reportID)")
    }

    static func referrals(_ db: any SQLDatabase, _ filter: SQLQueryString) async throws -> [Referral] {
        try await db.raw(
            """
            SELECT r.id, r.inspection_id, r.seq, r.number, r.report_id, r.recipient, r.content, r.state, r.decided_at, r.send_due, r.sent_at,
                r.sent_by, r.feedback_due, r.finding, r.closure, r.feedback, r.feedback_at, r.feedback_by
            FROM referrals r WHERE \(filter) ORDER BY r.seq
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let state = Referral.State(rawValue: try row.decode(column: "state", as: String.self)) else {
                throw StoreError.unreadableRow(table: "referrals", key: id)
            }
            return Referral(
                id: id,
                inspectionID: try row.decode(column: "inspection_id", as: String.self),
                sequence: try row.decode(column: "seq", as: Int.self),
                number: try row.decode(column: "number", as: String.self),
                reportID: try row.decode(column: "report_id", as: String.self),
                recipient: try row.decode(column: "recipient", as: String.self),
                content: try row.decode(column: "content", as: String.self),
                state: state,
                decidedAt: date(try row.decode(column: "decided_at", as: Int64.self)),
                sendDue: try row.decode(column: "send_due", as: String?.self).flatMap { CivilDate(parsing: $0) },
                sentAt: try row.decode(column: "sent_at", as: Int64?.self).map(date),
                sentBy: try row.decode(column: "sent_by", as: String?.self),
                feedbackDue: try row.decode(column: "feedback_due", as: String?.self).flatMap { CivilDate(parsing: $0) },
                finding: try row.decode(column: "finding", as: String?.self),
                closure: try row.decode(column: "closure", as: String?.self),
                feedback: try row.decode(column: "feedback", as: String.self),
                feedbackAt: try row.decode(column: "feedback_at", as: Int64?.self).map(date),
                feedbackBy: try row.decode(column: "feedback_by", as: String?.self)
            )
        }
    }
}
