import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// The forms of a report's page for the group's work: proposing a decision, the leader's
/// approval, return and reopening, claiming and assigning the report, and internal notes. Each
/// answers with the report's page by GET when it worked (a reload sends nothing twice), or the page
/// with the form as it was sent and the reason when it did not.
extension StaffPages {
    @Sendable func propose(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(DecisionInput.self, from: context.form.fields)
        return try await acting(request, context, refill: .decision(input)) { id in
            let d = try await desk.propose(context.caller, reportID: id, input ?? DecisionInput(outcome: ""))
            return d.state == .approved ? .decided : .proposed
        }
    }

    @Sendable func approve(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .review("approve-reason")) { id in
            _ = try await desk.approve(context.caller, reportID: id, try FormDecoding.decode(ReviewInput.self, from: context.form.fields))
            return .approved
        }
    }

    @Sendable func returnProposal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .review("return-reason")) { id in
            _ = try await desk.returnProposal(context.caller, reportID: id, try FormDecoding.decode(ReviewInput.self, from: context.form.fields))
            return .returned
        }
    }

    @Sendable func reopen(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .review("reopen-reason")) { id in
            try await desk.reopen(context.caller, reportID: id, try FormDecoding.decode(ReviewInput.self, from: context.form.fields))
            return .reopened
        }
    }

    @Sendable func assign(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .notice) { id in
            try await desk.assign(context.caller, reportID: id, try FormDecoding.decode(AssignmentInput.self, from: context.form.fields))
            return .assigned
        }
    }

    @Sendable func claim(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .notice) { id in
            try await desk.claim(context.caller, reportID: id)
            return .claimed
        }
    }

    @Sendable func note(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .note) { id in
            try await desk.note(context.caller, reportID: id, try FormDecoding.decode(NoteInput.self, from: context.form.fields))
            return .noted
        }
    }

    /// The leader's 回避 decision: keep a member away from the report, or lift a namesake's.
    @Sendable func exclude(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .notice) { id in
            let input = try FormDecoding.decode(ExclusionInput.self, from: context.form.fields)
            _ = try await desk.decideExclusion(context.caller, reportID: id, input)
            return input.lift ? .exclusionLifted : .excluded
        }
    }

    /// A member asks the leader to see the reporter once.
    @Sendable func requestIdentity(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .notice) { id in
            _ = try await desk.requestIdentity(
                context.caller,
                reportID: id,
                try FormDecoding.decode(IdentityRequestInput.self, from: context.form.fields)
            )
            return .identityRequested
        }
    }

    /// The leader approves (one view) or refuses a member's request to see the reporter.
    @Sendable func decideIdentityRequest(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await acting(request, context, refill: .notice) { id in
            let input = try FormDecoding.decode(IdentityDecisionInput.self, from: context.form.fields)
            _ = try await desk.decideIdentityRequest(context.caller, reportID: id, requestID: try context.parameters.require("request"), input)
            return input.approve ? .identityApproved : .identityRefused
        }
    }

    /// What a form did, said on the page it leads back to (`?done=` carries the code only).
    enum Done: String {
        case proposed, decided, approved, returned, reopened, assigned, claimed, noted, excluded, exclusionLifted
        case identityRequested, identityApproved, identityRefused

        var notice: String {
            switch self {
            case .proposed: "已提出处理意见，待组长审批。"
            case .decided: "已作出处理决定。"
            case .approved: "已批准处理意见。"
            case .returned: "已退回处理意见。"
            case .reopened: "已重新打开，请重新提出处理意见。"
            case .assigned: "已分配承办人。"
            case .claimed: "已归入本巡察并登记编号。"
            case .noted: "已添加内部备注。"
            case .excluded: "已决定回避：该成员看不到这件反映及其线索。"
            case .exclusionLifted: "已解除回避。"
            case .identityRequested: "已提交查看反映人身份的申请，待组长审批。"
            case .identityApproved: "已批准：申请人可查看一次反映人身份。"
            case .identityRefused: "已不批准该申请。"
            }
        }
    }

    /// Where a refused form's reason shows on the page, and what of the form is kept.
    /// Every refusal is also said at the top of the page, linked to the box to correct.
    enum Refill {
        case decision(DecisionInput?)
        /// The review form's reason box: approve-reason, return-reason or reopen-reason.
        case review(String)
        case notice
        case note

        /// The decision form's boxes by the desk's field names.
        static let decisionFields = [
            "reason": "decision-reason", "recipient": "decision-recipient", "duplicate_of": "decision-duplicate",
            "duplicateOf": "decision-duplicate", "lead": "decision-lead", "outcome": "decision-outcome",
        ]

        func show(_ answer: APIError, on page: inout ReportPage) {
            let message = answer.messageZH
            switch self {
            case .decision(let input):
                page.decision.keep(input, error: message)
                page.errors = FormErrors(message, fieldID: answer.field.flatMap { Self.decisionFields[$0] } ?? "decision-outcome")
            case .review(let box):
                page.decision.reviewError = message
                page.errors = FormErrors(message, fieldID: box)
            case .notice:
                page.notice = message
                page.errors = FormErrors(message, fieldID: nil)
            case .note:
                page.work.noteError = message
                page.errors = FormErrors(message, fieldID: "note-content")
            }
        }
    }

    /// Runs one form's action on the report of the URL. Done: back to the page by GET (a reload
    /// sends nothing twice). Refused for its input or because the report changed meanwhile: the
    /// page, the form as it was sent, the reason beside it.
    private func acting(
        _ request: Request,
        _ context: StaffRequestContext,
        refill: Refill,
        _ action: (String) async throws -> Done
    ) async throws -> Response {
        let id = try context.parameters.require("id")
        do {
            let done = try await action(id)
            return pages.redirect(to: "/staff/reports/\(id)?done=\(done.rawValue)")
        } catch {
            guard let answer = APIError.answering(error), [.unprocessableContent, .conflict].contains(answer.status) else { throw error }
            var page = try await reportPage(context)
            refill.show(answer, on: &page)
            return pages.render("staff/report", page, status: answer.status)
        }
    }
}
