import Foundation
import XunchaCore
import XunchaStore

/// Decisions (处置): a member proposes, the leader approves or sends back; only an approved
/// decision changes the report, and what it brings (a lead, a referral, a thread) is written in
/// the same transaction. The leader may reopen a decision with a reason.
extension StaffDesk {
    /// Proposes a decision; the leader's own is approved as it is made. Refused while a decision
    /// is in force: the leader reopens it first, so nobody overrules an approved decision.
    public func propose(_ caller: Caller, reportID: String, _ input: DecisionInput) async throws -> Decision {
        let report = try await readableReport(caller, id: reportID)
        guard caller.may(.decide, inspectionID: report.inspectionID), report.inspectionID != nil else {
            throw DeskError(
                .forbidden,
                code: "not_your_inspection",
                zh: "只有本巡察组的组长、组员可以处理该反映；未归入巡察的反映需由组长先归入本巡察。",
                en: "only the leader or members of the report's inspection may decide on it."
            )
        }
        let decisions = try await store.decisions(reportID: reportID)
        if decisions.inForce != nil { throw Self.decisionInForce }
        let screening = try await store.screening(reportID: reportID)?.record
        var proposal = try checking { () throws(InputError) in try input.proposal(suggestion: screening?.suggestion) }
        if proposal.outcome == .duplicate { proposal.duplicateOf = try await earlierReport(proposal.duplicateOf ?? "", of: report).id }
        let approves = caller.may(.approve, inspectionID: report.inspectionID)
        let decision = Decision(
            ordinal: 0,
            outcome: proposal.outcome,
            reason: proposal.reason,
            recipient: proposal.recipient,
            duplicateOf: proposal.duplicateOf,
            leadID: input.lead,
            // The form starts from the screened category: left as it is, the member confirms it.
            category: proposal.category ?? screening?.screenedCategory,
            alsoDisciplines: proposal.category == nil ? screening?.screenedAlsoDisciplines ?? [] : proposal.alsoDisciplines,
            suggestion: screening?.suggestion,
            rulesVersion: screening?.rulesVersion,
            proposedBy: caller.auditActor.stored,
            proposedAt: services.now(),
            state: approves ? .approved : .proposed
        )
        let effect = approves ? try await effect(of: decision, report: report, subject: input.leadSubject) : .none
        let stored = try await stateChecked {
            try await store.proposeDecision(reportID: reportID, decision, effect: effect, actor: caller.auditActor)
        }
        if approves { await services.learning?.decisionsChanged() }
        return stored
    }

    /// The leader approves the pending proposal.
    public func approve(_ caller: Caller, reportID: String, _ input: ReviewInput) async throws -> Decision {
        let (report, pending) = try await pendingProposal(caller, reportID: reportID)
        let comment = try checking { () throws(InputError) in try DecisionProposal.optionalReason(input.reason ?? "") }
        let effect = try await effect(of: pending, report: report, subject: nil)
        let approved = try await stateChecked {
            try await store.reviewDecision(
                reportID: reportID,
                ordinal: pending.ordinal,
                approve: true,
                comment: comment,
                effect: effect,
                actor: caller.auditActor,
                at: services.now()
            )
        }
        await services.learning?.decisionsChanged()
        return approved
    }

    /// The leader sends the pending proposal back, saying why.
    public func returnProposal(_ caller: Caller, reportID: String, _ input: ReviewInput) async throws -> Decision {
        let (_, pending) = try await pendingProposal(caller, reportID: reportID)
        let reason = try checking { () throws(InputError) in try DecisionProposal.requiredReason(input.reason ?? "") }
        return try await stateChecked {
            try await store.reviewDecision(
                reportID: reportID,
                ordinal: pending.ordinal,
                approve: false,
                comment: reason,
                effect: .none,
                actor: caller.auditActor,
                at: services.now()
            )
        }
    }

    /// The leader takes the decision in force back, saying why: the report waits for a new one.
    /// A referral already sent cannot be taken back.
    public func reopen(_ caller: Caller, reportID: String, _ input: ReviewInput) async throws {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .approve, inspectionID: report.inspectionID)
        guard let inForce = try await store.decisions(reportID: reportID).inForce else {
            throw DeskError(.conflict, code: "nothing_to_reopen", zh: "该反映还没有生效的处理决定。", en: "the report has no decision in force.")
        }
        let reason = try checking { () throws(InputError) in try DecisionProposal.requiredReason(input.reason ?? "") }
        if try await store.referrals(reportID: reportID).contains(where: { $0.state == .sent || $0.state == .answered }) {
            throw DeskError(
                .conflict,
                code: "referral_sent",
                zh: "转办件已发出，不能重新打开；请在转办件上记录反馈。",
                en: "the referral was sent; record its feedback instead."
            )
        }
        try await stateChecked {
            try await store.reopenDecision(reportID: reportID, ordinal: inForce.ordinal, reason: reason, actor: caller.auditActor, at: services.now())
        }
        await services.learning?.decisionsChanged()
    }

    static let decisionInForce = DeskError(
        .conflict,
        code: "decision_in_force",
        zh: "该反映已有生效的处理决定；如需改变，请组长先重新打开。",
        en: "a decision is in force; the leader must reopen it first."
    )

    private func pendingProposal(_ caller: Caller, reportID: String) async throws -> (Report, Decision) {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .approve, inspectionID: report.inspectionID)
        guard let pending = try await store.decisions(reportID: reportID).pending else {
            throw DeskError(.conflict, code: "nothing_pending", zh: "该反映没有待审批的处理意见。", en: "no proposal is waiting for approval.")
        }
        return (report, pending)
    }

    /// A change the store refused because someone acted first, as a conflict the caller reads.
    private func stateChecked<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.stateChanged {
            throw DeskError(.conflict, code: "changed_meanwhile", zh: "该反映的处理情况刚刚有了变化，请刷新后再看。", en: "the report changed meanwhile; reload it.")
        }
    }

    /// The earlier report a repeat names: by register number (the whole number, or its digits) or
    /// id, in the same inspection, received before it.
    func earlierReport(_ reference: String, of report: Report) async throws -> Report {
        let text = TextLimits.trimmed(reference)
        let notFound = DeskError(
            .invalid,
            code: "unknown_earlier_report",
            zh: "没有找到登记编号为“\(text)”的本巡察反映。",
            en: "no report of this inspection with that number.",
            field: "duplicate_of"
        )
        guard let inspectionID = report.inspectionID else { throw notFound }
        var earlier = try await store.report(id: text)
        if earlier == nil, let sequence = Int(text.filter(\.isNumber).suffix(6)), let inspection = try await store.inspection(id: inspectionID) {
            let number = text.contains("号") ? text : inspection.registerNumber(sequence).text
            earlier = try await store.reports(inspectionID: inspectionID, includeUnassigned: false, limit: 10_000, offset: 0)
                .first { $0.number == number }
        }
        guard let earlier, earlier.inspectionID == inspectionID else { throw notFound }
        guard earlier.id != report.id else {
            throw DeskError(.invalid, code: "duplicate_of_itself", zh: "重复件不能与自身重复。", en: "a report cannot repeat itself.", field: "duplicate_of")
        }
        return earlier
    }

    /// What approving `decision` brings: the lead an accepted report joins (the one chosen, the
    /// open lead about the same person, or a new one), the referral of a referred one with the
    /// reporter masked out, the thread of a repeat.
    func effect(of decision: Decision, report: Report, subject chosen: Subject?) async throws -> DecisionEffect {
        guard let inspectionID = report.inspectionID, let inspection = try await store.inspection(id: inspectionID) else { return .none }
        switch decision.outcome {
        case .accept:
            let leads = try await store.leads(inspectionID: inspectionID).filter { $0.state == .open }
            if let id = decision.leadID, !id.isEmpty {
                guard leads.contains(where: { $0.id == id }) else {
                    throw DeskError(.invalid, code: "unknown_lead", zh: "所选的问题线索不存在或已移交。", en: "no open lead with that id.", field: "lead")
                }
                return .joinLead(id: id)
            }
            let screening = try await store.screening(reportID: report.id)?.record
            let subject = chosen.flatMap { TextLimits.trimmed($0.name).isEmpty ? nil : $0 } ?? Self.leadSubject(report, screening)
            // Reports that name nobody are not one person: each gets a lead of its own.
            if subject.name != Self.nobody, let same = leads.first(where: { Lead.samePerson($0.subject.name, subject.name) }) {
                return .joinLead(id: same.id)
            }
            let roster = try await store.roster(inspectionID: inspectionID, rules: .standard)
            let person = roster.first { Lead.samePerson($0.name, subject.name) }
            return .newLead(
                NewLead(
                    id: UUID().uuidString.lowercased(),
                    subject: subject,
                    // The lead travels (its ledger, the handover list): its summary never holds the reporter.
                    summary: Report.snippet(of: try await maskedTexts(report).first ?? ""),
                    kind: LeadKind.proposed(from: screening?.disciplines.compactMap(\.discipline) ?? []).rawValue,
                    aboutPrincipal: person?.isUnitPrincipal(of: inspection.units) ?? false
                )
            )
        case .refer:
            let sealed = try await store.sealedIdentity(reportID: report.id, viewedBy: .system, at: services.now())
            let identity = try sealed.identity.map { try services.sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: report.id)) }
            let screening = try await store.screening(reportID: report.id)?.record
            let subjects = report.subjects.map(\.name) + (screening?.subjects.compactMap(\.name) ?? [])
            let draft = Self.referralDraft(
                [report.content] + report.additions.map(\.content),
                identity: identity ?? ReporterIdentity(),
                subjects: subjects
            )
            let today = CivilDate(beijingDayOf: services.now())
            return .referral(
                NewReferral(
                    id: UUID().uuidString.lowercased(),
                    recipient: decision.recipient ?? "",
                    content: draft.drafted,
                    sendDue: Deadline(
                        .referralSend,
                        from: today,
                        workdays: inspection.effectiveLimits.referralSendWorkdays,
                        calendar: services.calendar
                    ).due,
                    draft: draft
                )
            )
        case .duplicate:
            return decision.duplicateOf.map { .joinThread(of: $0) } ?? .none
        case .file, .reject:
            return .none
        }
    }

    /// The name a lead has when its report names nobody.
    static let nobody = "未指明"

    /// The person a new lead is about: the first roster person screening matched whom no name
    /// contradicts, else the first one the report names, else the first one screening found. A
    /// match by post alone is a guess: 校长钱某某 is not the roster's 校长 of another name, and a
    /// subject named on the form is not the roster's person under another name.
    static func leadSubject(_ report: Report, _ screening: ScreeningRecord?) -> Subject {
        let named = report.subjects.filter { !TextLimits.trimmed($0.name).isEmpty }
        for finding in screening?.subjects ?? [] {
            for c in finding.candidates
            where finding.name.map({ Lead.samePerson($0, c.name) }) ?? true
                && (named.isEmpty || named.contains { Lead.samePerson($0.name, c.name) })
            {
                return Subject(name: c.name, unit: c.unit, post: c.post)
            }
        }
        if let first = named.first { return first }
        if let found = screening?.subjects.first(where: { $0.name != nil }) {
            return Subject(name: found.name ?? "", unit: found.unit ?? "", post: found.post ?? "")
        }
        return Subject(name: nobody, unit: "", post: "")
    }
}
