import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// The console's leads, working papers and handover. Every form answers with its page by GET
/// when it worked (`?done=`, a reload sends nothing twice), or with the page, the form as it was
/// sent and the reason beside it when it did not.
extension StaffPages {
    static let maxMaterialUploadBytes = 60 * 1_048_576

    @Sendable func leads(_ request: Request, context: StaffRequestContext) async throws -> Response {
        pages.render("staff/leads", LeadsPage(try await desk.leadRows(context.caller), context: context))
    }

    @Sendable func lead(_ request: Request, context: StaffRequestContext) async throws -> Response {
        var page = try await leadPage(context, id: try context.parameters.require("id"))
        page.notice = request.uri.queryParameters.get("done").flatMap(LeadDone.init(rawValue:))?.notice
        return pages.render("staff/lead", page)
    }

    func leadPage(_ context: StaffRequestContext, id: String) async throws -> LeadPage {
        let today = CivilDate(beijingDayOf: services.desks.now())
        return LeadPage(try await desk.lead(context.caller, id: id), context: context, today: today)
    }

    @Sendable func updateLead(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(LeadInput.self, from: context.form.fields)
        return try await actingOnLead(context, id: try context.parameters.require("id"), refill: .lead(input)) { id in
            try await desk.updateLead(context.caller, id: id, input ?? LeadInput())
            return .updated
        }
    }

    @Sendable func markPrincipal(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnLead(context, id: try context.parameters.require("id"), refill: .principal) { id in
            let input = try FormDecoding.decode(PrincipalInput.self, from: context.form.fields)
            try await desk.markAboutPrincipal(context.caller, id: id, input)
            return input.aboutPrincipal == true ? .marked : .unmarked
        }
    }

    @Sendable func addMaterials(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnLead(context, id: try context.parameters.require("id"), refill: .material) { id in
            if let refusal = context.form.refusal { throw refusal }
            let note = try FormDecoding.decode(MaterialNoteInput.self, from: context.form.fields)
            try await desk.addMaterials(context.caller, leadID: id, files: context.form.files, note)
            return .materialAdded
        }
    }

    @Sendable func downloadMaterial(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw DeskError.notFound }
        let found = try await desk.openMaterial(context.caller, leadID: try context.parameters.require("id"), ordinal: ordinal)
        return Download.file(Array(found.data), filename: found.info.filename, mediaType: found.info.mediaType)
    }

    @Sendable func draftPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(PaperInput.self, from: context.form.fields)
        return try await actingOnLead(context, id: try context.parameters.require("id"), refill: .paper(input)) { id in
            guard let input else { throw DeskError(.invalid, code: "invalid_field", zh: "底稿内容无法读取，请重新填写。", en: "unreadable form.") }
            _ = try await desk.draftPaper(context.caller, leadID: id, input)
            return .drafted
        }
    }

    @Sendable func editPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(PaperInput.self, from: context.form.fields)
        return try await actingOnPaper(context, refill: .paper(input)) { id in
            guard let input else { throw DeskError(.invalid, code: "invalid_field", zh: "底稿内容无法读取，请重新填写。", en: "unreadable form.") }
            _ = try await desk.editPaper(context.caller, paperID: id, input)
            return .edited
        }
    }

    @Sendable func submitPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnPaper(context, refill: .step) { id in
            _ = try await desk.submitPaper(context.caller, paperID: id, try FormDecoding.decode(PaperStepInput.self, from: context.form.fields))
            return .submitted
        }
    }

    @Sendable func reviewPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnPaper(context, refill: .step) { id in
            _ = try await desk.reviewPaper(context.caller, paperID: id, try FormDecoding.decode(PaperStepInput.self, from: context.form.fields))
            return .reviewed
        }
    }

    @Sendable func returnPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnPaper(context, refill: .step) { id in
            _ = try await desk.returnPaper(context.caller, paperID: id, try FormDecoding.decode(PaperStepInput.self, from: context.form.fields))
            return .returned
        }
    }

    @Sendable func signPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        try await actingOnPaper(context, refill: .step) { id in
            _ = try await desk.signPaper(context.caller, paperID: id, try FormDecoding.decode(PaperStepInput.self, from: context.form.fields))
            return .signed
        }
    }

    /// The working paper on A4, for the browser's print (no scripts).
    @Sendable func printPaper(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let found = try await desk.paper(context.caller, id: id)
        return pages.render("staff/paper-print", PaperPrintPage(try await desk.paperSheet(context.caller, id: id), leadID: found.lead.id))
    }

    @Sendable func recordLeadOutcome(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(LeadOutcomeInput.self, from: context.form.fields)
        return try await actingOnLead(context, id: try context.parameters.require("id"), refill: .outcome(input)) { id in
            let lead = try await desk.recordLeadOutcome(context.caller, leadID: id, input ?? LeadOutcomeInput())
            return lead.state == .closed ? .closedOut : .outcome
        }
    }

    // MARK: Handover

    @Sendable func handover(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let notice = request.uri.queryParameters.get("done") == "created" ? "已生成移交档案，相关问题线索已标记为已移交。" : nil
        return pages.render("staff/handover", HandoverPage(try await desk.handoverOverview(context.caller), context: context, notice: notice))
    }

    @Sendable func createHandover(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let recipient = HandoverRecipient(rawValue: try context.parameters.require("recipient")) else { throw DeskError.notFound }
        do {
            let principal = try FormDecoding.decode(HandoverInput.self, from: context.form.fields).principal
            _ = try await desk.createHandover(context.caller, recipient: recipient, aboutPrincipal: principal)
            return pages.redirect(to: "/staff/handover?done=created#archives")
        } catch {
            guard let answer = APIError.answering(error), [.unprocessableContent, .conflict].contains(answer.status) else { throw error }
            var page = HandoverPage(try await desk.handoverOverview(context.caller), context: context, notice: nil)
            page.error = answer.messageZH
            return pages.render("staff/handover", page, status: answer.status)
        }
    }

    @Sendable func downloadHandover(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let found = try await desk.openHandover(context.caller, id: try context.parameters.require("id"))
        return Download.file(Array(found.bytes), filename: found.handover.filename, mediaType: "application/zip")
    }

    // MARK: Forms

    /// What a form did, said on the lead's page it leads back to.
    enum LeadDone: String {
        case updated, marked, unmarked
        case materialAdded = "material"
        case drafted, edited, submitted, reviewed, returned, signed
        case outcome
        case closedOut = "closed"

        var notice: String {
            switch self {
            case .updated: "已修改问题线索。"
            case .marked: "已标记为一把手线索：仅组长可见，移交时单独生成档案。"
            case .unmarked: "已取消一把手线索标记。"
            case .materialAdded: "已上传材料。"
            case .drafted: "已起草问题底稿。"
            case .edited: "已保存问题底稿。"
            case .submitted: "已提交问题底稿，待副组长审核。"
            case .reviewed: "已审核问题底稿，待组长签发。"
            case .returned: "已退回问题底稿。"
            case .signed: "已签发问题底稿。"
            case .outcome: "已登记移交后处置情况。"
            case .closedOut: "已登记处置情况，问题线索已销号。"
            }
        }

        var anchor: String {
            switch self {
            case .updated, .marked, .unmarked: "lead"
            case .materialAdded: "materials"
            case .drafted, .edited, .submitted, .reviewed, .returned, .signed: "paper"
            case .outcome, .closedOut: "outcome"
            }
        }
    }

    /// Where a refused form's reason shows on the lead's page, and what of the form is kept.
    enum LeadRefill {
        case lead(LeadInput?)
        case principal
        case material
        case paper(PaperInput?)
        case step
        case outcome(LeadOutcomeInput?)

        func show(_ message: String, on page: inout LeadPage) {
            switch self {
            case .lead(let input):
                page.leadError = message
                if let subject = input?.subject { page.subject = subject }
                if let summary = input?.summary { page.summary = summary }
                if let kind = input?.kind { for i in page.kinds.indices { page.kinds[i].selected = page.kinds[i].code == kind } }
            case .principal: page.principalError = message
            case .material: page.materialError = message
            case .paper(let input):
                page.paperError = message
                if let input, page.paperForm != nil { page.paperForm = PaperForm(input) }
            case .step: page.stepError = message
            case .outcome(let input):
                page.outcomeError = message
                if let input {
                    page.outcomeForm = LeadPage.OutcomeForm(result: input.result ?? "", reportedOn: input.reportedOn ?? "", closeOut: input.closeOut)
                    for i in page.dispositions.indices { page.dispositions[i].selected = page.dispositions[i].code == input.disposition }
                }
            }
        }
    }

    /// Runs one form's action on the lead of the URL. Done: back to the lead's page by GET.
    /// Refused for its input, its step or because the lead changed: the page with the reason.
    private func actingOnLead(
        _ context: StaffRequestContext,
        id: String,
        refill: LeadRefill,
        _ action: (String) async throws -> LeadDone
    ) async throws -> Response {
        do {
            let done = try await action(id)
            return pages.redirect(to: "/staff/leads/\(id)?done=\(done.rawValue)#\(done.anchor)")
        } catch {
            guard let answer = APIError.answering(error), Self.answeredOnPage(answer) else { throw error }
            var page = try await leadPage(context, id: id)
            refill.show(answer.messageZH, on: &page)
            return pages.render("staff/lead", page, status: answer.status)
        }
    }

    /// A paper's forms answer on its lead's page.
    private func actingOnPaper(
        _ context: StaffRequestContext,
        refill: LeadRefill,
        _ action: @escaping (String) async throws -> LeadDone
    ) async throws -> Response {
        let paperID = try context.parameters.require("id")
        let lead = try await desk.paper(context.caller, id: paperID).lead
        return try await actingOnLead(context, id: lead.id, refill: refill) { _ in try await action(paperID) }
    }

    /// Refusals the page answers beside the form: bad input, a step out of order or a lead that
    /// changed, and a step that is another part's (Core's words say whose).
    static func answeredOnPage(_ answer: APIError) -> Bool {
        [.unprocessableContent, .conflict].contains(answer.status) || ["paper_wrong_role", "paper_own_review"].contains(answer.code)
    }
}
