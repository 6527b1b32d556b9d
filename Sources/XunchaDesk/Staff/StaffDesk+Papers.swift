import Foundation
import XunchaCore
import XunchaStore

/// Working papers (问题底稿): drafted and edited by whoever works on the lead, submitted, reviewed
/// by a deputy leader, signed off by the leader, or returned with a reason. `PaperFlow` (Core)
/// judges every step; this maps the caller to the part they play and stores the step with its
/// audit event. One paper per lead: the handover list has one paper number per lead.
extension StaffDesk {
    public enum PaperMove: String, Sendable, CaseIterable {
        case draft, edit, submit, review
        case returnForChanges = "return"
        case sign
    }

    /// The part the caller plays for `move` on a paper of `lead` (nil: no part at all). The one
    /// who works on leads drafts; the one who may review papers reviews (and returns); the one who
    /// may sign signs (and returns at either stage). A member asked to sign is the drafter, and
    /// Core refuses them in its own words.
    func paperRole(_ caller: Caller, lead: Lead, _ move: PaperMove) -> PaperRole? {
        let id = lead.inspectionID
        guard caller.may(.workOnLeads, inspectionID: id) else { return nil }
        let signer = caller.may(.signPaper, inspectionID: id)
        let reviewer = caller.may(.reviewPaper, inspectionID: id)
        switch move {
        case .draft, .edit, .submit: return .drafter
        case .review: return reviewer ? .reviewer : signer ? .signer : .drafter
        case .returnForChanges, .sign: return signer ? .signer : reviewer ? .reviewer : .drafter
        }
    }

    /// Which moves on the lead's paper `PaperFlow` would let the caller make now.
    func moves(_ caller: Caller, lead: Lead, paper: WorkingPaper?) -> PaperMoves {
        var moves = PaperMoves()
        guard caller.may(.workOnLeads, inspectionID: lead.inspectionID) else { return moves }
        guard let paper else {
            moves.draft = true
            return moves
        }
        let actor = caller.auditActor.stored
        let at = services.now()
        func allowed(_ move: PaperMove, _ step: (PaperRole) throws(InputError) -> WorkingPaper) -> Bool {
            guard let role = paperRole(caller, lead: lead, move), ownReviewRefusal(caller, lead: lead, paper: paper, move) == nil else {
                return false
            }
            return (try? step(role)) != nil
        }
        moves.edit = allowed(.edit) { role throws(InputError) in try PaperFlow.edit(paper, content: paper.content, role: role) }
        moves.submit = allowed(.submit) { role throws(InputError) in try PaperFlow.submit(paper, role: role, by: actor, at: at) }
        moves.review = allowed(.review) { role throws(InputError) in try PaperFlow.review(paper, role: role, by: actor, at: at) }
        moves.returnForChanges = allowed(.returnForChanges) { role throws(InputError) in
            try PaperFlow.returnForChanges(paper, role: role, by: actor, at: at, reason: "-")
        }
        moves.sign = allowed(.sign) { role throws(InputError) in try PaperFlow.sign(paper, role: role, by: actor, at: at) }
        return moves
    }

    /// A paper is reviewed by someone other than its drafter, except on a lead about the unit's
    /// principal, where the leader does everything alone.
    func ownReviewRefusal(_ caller: Caller, lead: Lead, paper: WorkingPaper, _ move: PaperMove) -> DeskError? {
        guard move == .review, !lead.aboutPrincipal, paper.steps.first?.by == caller.auditActor.stored else { return nil }
        return DeskError(
            .forbidden,
            code: "paper_own_review",
            zh: "底稿\(paper.number)由您起草，应由其他副组长审核。",
            en: "the drafter of paper \(paper.number) may not review it."
        )
    }

    /// A new working paper on the lead, numbered in the inspection's 底 series.
    public func draftPaper(_ caller: Caller, leadID: String, _ input: PaperInput) async throws -> WorkingPaper {
        let lead = try await workableLead(caller, id: leadID)
        if try await store.papers(inspectionID: lead.inspectionID).contains(where: { $0.leadID == lead.id }) {
            throw DeskError(
                .conflict,
                code: "paper_exists",
                zh: "问题线索\(lead.number)已有问题底稿，请修改原底稿。",
                en: "lead \(lead.number) already has a working paper."
            )
        }
        guard let inspection = try await store.inspection(id: lead.inspectionID) else { throw DeskError.notFound }
        let now = services.now()
        let content = try checking { () throws(InputError) in try input.content(today: CivilDate(beijingDayOf: now)) }
        // The store gives the number in the inspection's series when it stores the paper.
        let provisional = inspection.registerNumber(1, series: WorkingPaper.series, width: 2).text
        let paper = try paperChecked { () throws(InputError) in
            try PaperFlow.draft(
                id: UUID().uuidString.lowercased(),
                leadID: lead.id,
                number: provisional,
                content: content,
                by: caller.auditActor.stored,
                at: now
            )
        }
        return try await leadChecked(lead) { try await store.draftPaper(paper, actor: caller.auditActor) }
    }

    /// New content for a paper that is with its drafter (draft, or returned).
    public func editPaper(_ caller: Caller, paperID: String, _ input: PaperInput) async throws -> WorkingPaper {
        try await movePaper(caller, paperID: paperID, .edit) { paper, role, _, now throws(InputError) in
            try PaperFlow.edit(paper, content: try input.content(today: CivilDate(beijingDayOf: now)), role: role)
        }
    }

    public func submitPaper(_ caller: Caller, paperID: String, _ input: PaperStepInput) async throws -> WorkingPaper {
        try await movePaper(caller, paperID: paperID, .submit) { paper, role, actor, now throws(InputError) in
            try PaperFlow.submit(paper, role: role, by: actor, at: now, comment: input.comment ?? "")
        }
    }

    public func reviewPaper(_ caller: Caller, paperID: String, _ input: PaperStepInput) async throws -> WorkingPaper {
        try await movePaper(caller, paperID: paperID, .review) { paper, role, actor, now throws(InputError) in
            try PaperFlow.review(paper, role: role, by: actor, at: now, comment: input.comment ?? "")
        }
    }

    public func returnPaper(_ caller: Caller, paperID: String, _ input: PaperStepInput) async throws -> WorkingPaper {
        try await movePaper(caller, paperID: paperID, .returnForChanges) { paper, role, actor, now throws(InputError) in
            try PaperFlow.returnForChanges(paper, role: role, by: actor, at: now, reason: input.comment ?? "")
        }
    }

    public func signPaper(_ caller: Caller, paperID: String, _ input: PaperStepInput) async throws -> WorkingPaper {
        try await movePaper(caller, paperID: paperID, .sign) { paper, role, actor, now throws(InputError) in
            try PaperFlow.sign(paper, role: role, by: actor, at: now, comment: input.comment ?? "")
        }
    }

    /// The paper and its lead, for a caller who may see the lead (the print view, the API).
    public func paper(_ caller: Caller, id: String) async throws -> (paper: WorkingPaper, lead: Lead) {
        guard let paper = try await store.paper(id: id) else { throw DeskError.notFound }
        return (paper, try await visibleLead(caller, id: paper.leadID))
    }

    /// The paper as it prints (问题底稿 on A4), from the same data the handover archive holds.
    public func paperSheet(_ caller: Caller, id: String) async throws -> PaperSheet {
        let (paper, lead) = try await paper(caller, id: id)
        guard let inspection = try await store.inspection(id: lead.inspectionID) else { throw DeskError.notFound }
        return PaperSheet(paper: paper, lead: lead, inspection: inspection, names: try await staffNames())
    }

    /// Runs one step of `PaperFlow` on the stored paper as the caller's part, and stores it.
    private func movePaper(
        _ caller: Caller,
        paperID: String,
        _ move: PaperMove,
        _ step: (WorkingPaper, PaperRole, String, Date) throws(InputError) -> WorkingPaper
    ) async throws -> WorkingPaper {
        guard let paper = try await store.paper(id: paperID) else { throw DeskError.notFound }
        let lead = try await workableLead(caller, id: paper.leadID)
        guard let role = paperRole(caller, lead: lead, move) else { throw DeskError.forbidden }
        if let refusal = ownReviewRefusal(caller, lead: lead, paper: paper, move) { throw refusal }
        let now = services.now()
        let moved = try paperChecked { () throws(InputError) in try step(paper, role, caller.auditActor.stored, now) }
        try await leadChecked(lead) { try await store.savePaper(moved, stepsBefore: paper.steps.count, actor: caller.auditActor, at: now) }
        return moved
    }

    /// Core's refusal of a step, with the status it deserves: the wrong part is forbidden (403), a
    /// step the paper's state does not allow a conflict (409), bad content invalid (422).
    func paperChecked<T>(_ body: () throws(InputError) -> T) throws(DeskError) -> T {
        do {
            return try body()
        } catch {
            let kind: DeskError.Kind =
                switch error.code {
                case "paper_wrong_role": .forbidden
                case "paper_out_of_order", "paper_signed": .conflict
                default: .invalid
                }
            throw DeskError(kind, code: error.code, zh: error.messageZH, en: error.messageEN, field: error.field)
        }
    }
}
