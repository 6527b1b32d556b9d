import Foundation

/// The part a person plays on one working paper. Which staff account plays which part is the
/// caller's business (a member drafts, a deputy leader reviews, the leader signs; on a lead about
/// the unit's principal the leader plays all three).
public enum PaperRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// The member handling the lead, who writes the paper.
    case drafter
    /// The deputy leader (副组长) who reviews it.
    case reviewer
    /// The leader (组长) who signs it off.
    case signer

    public var chineseName: String {
        switch self {
        case .drafter: "承办人"
        case .reviewer: "副组长"
        case .signer: "组长"
        }
    }
}

/// How a working paper moves: drafted and edited by its drafter, submitted, reviewed by the
/// deputy leader, signed by the leader; the deputy leader or the leader may return it for changes
/// with a reason. Each function takes the paper and who acts, and returns the paper with the step
/// appended, or throws an `InputError` saying in Chinese why not. Pure: the moment is a
/// parameter. A signed paper is final.
///
/// | step | who | from |
/// |---|---|---|
/// | draft | drafter | (a new paper) |
/// | edit | drafter | draft, returned (no step is appended) |
/// | submit | drafter | draft, returned; at least one item of material |
/// | return | reviewer | submitted |
/// | return | signer | submitted, reviewed |
/// | review | reviewer | submitted |
/// | sign | signer | reviewed |
public enum PaperFlow {
    /// A new paper, with its `drafted` step.
    public static func draft(
        id: String,
        leadID: String,
        number: String,
        content: PaperContent,
        by actor: String,
        at moment: Date
    ) throws(InputError) -> WorkingPaper {
        let number = try PaperText.required(number, field: "number", labelZH: "底稿编号", max: WorkingPaper.maxNumberLength, singleLine: true)
        let content = try content.validated()
        let step = PaperStep(kind: .drafted, by: try validatedActor(actor), at: moment)
        return WorkingPaper(id: id, leadID: leadID, number: number, content: content, steps: [step])
    }

    /// The paper with new content, while it is with its drafter. No step is appended: an edit
    /// does not move the paper (the caller's audit trail records it).
    public static func edit(_ paper: WorkingPaper, content: PaperContent, role: PaperRole) throws(InputError) -> WorkingPaper {
        try refuseIfSigned(paper, "修改")
        try require(role, [.drafter], "修改底稿")
        guard paper.state.isWithDrafter else {
            throw outOfOrder("底稿已提交审核，不能修改；需要修改的，请副组长或组长退回。", "a submitted paper cannot be edited; it must be returned first.")
        }
        var paper = paper
        paper.content = try content.validated()
        return paper
    }

    /// Sends the paper for review.
    public static func submit(
        _ paper: WorkingPaper,
        role: PaperRole,
        by actor: String,
        at moment: Date,
        comment: String = ""
    ) throws(InputError)
        -> WorkingPaper
    {
        try refuseIfSigned(paper, "提交")
        try require(role, [.drafter], "提交底稿")
        guard paper.state.isWithDrafter else {
            throw outOfOrder("底稿已提交，正在审核或签发中，不能重复提交。", "the paper was already submitted.")
        }
        if paper.materials.isEmpty {
            throw InputError(
                code: "missing_materials",
                zh: "底稿应附证明材料，请至少列出一项后再提交。",
                en: "list at least one item of supporting material before submitting.",
                field: "materials"
            )
        }
        return try appending(.submitted, to: paper, by: actor, at: moment, comment: comment)
    }

    /// Sends the paper back to its drafter for changes; the reason is required. The deputy leader
    /// returns a paper awaiting review, the leader one awaiting review or sign-off.
    public static func returnForChanges(
        _ paper: WorkingPaper,
        role: PaperRole,
        by actor: String,
        at moment: Date,
        reason: String
    )
        throws(InputError) -> WorkingPaper
    {
        try refuseIfSigned(paper, "退回")
        try require(role, [.reviewer, .signer], "退回底稿")
        switch (paper.state, role) {
        case (.submitted, _), (.reviewed, .signer): break
        case (.reviewed, _):
            throw outOfOrder("底稿已审核，正待组长签发；需要退回的，请组长退回。", "a reviewed paper is returned by the signer.")
        case (.draft, _), (.returned, _), (.signed, _):
            throw outOfOrder("底稿尚未提交审核，无需退回。", "only a submitted paper can be returned.")
        }
        if TextLimits.trimmed(reason).isEmpty {
            throw InputError(code: "comment_required", zh: "退回底稿时请说明退回理由。", en: "a reason is required to return a paper.", field: "comment")
        }
        return try appending(.returned, to: paper, by: actor, at: moment, comment: reason)
    }

    /// The deputy leader's review of a submitted paper.
    public static func review(
        _ paper: WorkingPaper,
        role: PaperRole,
        by actor: String,
        at moment: Date,
        comment: String = ""
    ) throws(InputError)
        -> WorkingPaper
    {
        try refuseIfSigned(paper, "审核")
        try require(role, [.reviewer], "审核底稿")
        switch paper.state {
        case .submitted: break
        case .draft, .returned:
            throw outOfOrder("底稿尚未提交审核，不能审核。", "the paper has not been submitted for review.")
        case .reviewed:
            throw outOfOrder("底稿已经审核，正待组长签发。", "the paper was already reviewed.")
        case .signed:
            throw outOfOrder("底稿已签发，不能再审核。", "the paper is signed.")
        }
        return try appending(.reviewed, to: paper, by: actor, at: moment, comment: comment)
    }

    /// The leader's sign-off of a reviewed paper. The paper is final afterwards.
    public static func sign(
        _ paper: WorkingPaper,
        role: PaperRole,
        by actor: String,
        at moment: Date,
        comment: String = ""
    ) throws(InputError)
        -> WorkingPaper
    {
        try refuseIfSigned(paper, "签发")
        try require(role, [.signer], "签发底稿")
        switch paper.state {
        case .reviewed: break
        case .submitted:
            throw outOfOrder("底稿尚未经副组长审核，不能签发。", "the paper must be reviewed before it is signed.")
        case .draft, .returned:
            throw outOfOrder("底稿尚未提交审核，不能签发。", "the paper has not been submitted for review.")
        case .signed:
            throw outOfOrder("底稿已签发。", "the paper is signed.")
        }
        return try appending(.signed, to: paper, by: actor, at: moment, comment: comment)
    }

    // MARK: - Checks

    static func refuseIfSigned(_ paper: WorkingPaper, _ verbZH: String) throws(InputError) {
        if paper.isSigned {
            throw InputError(
                code: "paper_signed",
                zh: "底稿\(paper.number)已经组长签发，不能再\(verbZH)。",
                en: "paper \(paper.number) is signed and final."
            )
        }
    }

    static func require(_ role: PaperRole, _ allowed: [PaperRole], _ actionZH: String) throws(InputError) {
        guard allowed.contains(role) else {
            let who = allowed.map(\.chineseName).joined(separator: "或")
            throw InputError(
                code: "paper_wrong_role",
                zh: "\(actionZH)应由\(who)进行，\(role.chineseName)不能\(actionZH)。",
                en: "\(role.rawValue) may not do this; it is for \(allowed.map(\.rawValue).joined(separator: " or "))."
            )
        }
    }

    static func outOfOrder(_ zh: String, _ en: String) -> InputError {
        InputError(code: "paper_out_of_order", zh: zh, en: en)
    }

    static func validatedActor(_ actor: String) throws(InputError) -> String {
        try PaperText.required(actor, field: "actor", labelZH: "经办人", max: WorkingPaper.maxActorLength, singleLine: true)
    }

    static func appending(
        _ kind: PaperStep.Kind,
        to paper: WorkingPaper,
        by actor: String,
        at moment: Date,
        comment: String
    )
        throws(InputError) -> WorkingPaper
    {
        let comment = TextLimits.trimmed(comment)
        try PaperText.check(comment, field: "comment", labelZH: "意见", max: WorkingPaper.maxCommentLength)
        var paper = paper
        paper.steps.append(PaperStep(kind: kind, by: try validatedActor(actor), at: moment, comment: comment))
        return paper
    }
}
