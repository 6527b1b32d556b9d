import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// Leads, working papers and the handover through the API (docs/api.md): the same desk calls and
/// inputs as the console's forms.
extension APIController {
    struct LeadReportInfo: Encodable {
        var id: String
        var number: String?
        var receivedAt: Date
        var status: String
    }

    struct MaterialInfo: Encodable {
        var ordinal: Int
        var filename: String
        var mediaType: String
        var size: Int
        var sha256: String
        var note: String
        var addedAt: Date
        var addedBy: String

        init(_ m: StoredLeadMaterial) {
            ordinal = m.ordinal
            filename = m.filename
            mediaType = m.mediaType
            size = m.size
            sha256 = m.sha256
            note = m.note
            addedAt = m.addedAt
            addedBy = m.addedBy
        }
    }

    /// A working paper with the state its steps give it.
    struct PaperInfo: ResponseEncodable {
        var id: String
        var leadId: String
        var number: String
        var title: String
        var date: CivilDate
        var unit: String
        var source: String
        var summary: String
        var howFound: String
        var materials: [String]
        var state: String
        var steps: [PaperStep]

        init(_ p: WorkingPaper) {
            id = p.id
            leadId = p.leadID
            number = p.number
            title = p.title
            date = p.date
            unit = p.unit
            source = p.source
            summary = p.summary
            howFound = p.howFound
            materials = p.materials
            state = p.state.rawValue
            steps = p.steps
        }
    }

    struct LeadResponse: ResponseEncodable {
        var lead: Lead
        var reports: [LeadReportInfo]
        var materials: [MaterialInfo]
        var paper: PaperInfo?
        /// The steps of the paper the caller may take now: draft, edit, submit, review, return, sign.
        var mayDo: [String]
    }

    @Sendable func lead(_ request: Request, context: StaffRequestContext) async throws -> LeadResponse {
        let file = try await staff.lead(context.caller, id: try context.parameters.require("id"))
        let m = file.moves
        let moves: [(Bool, StaffDesk.PaperMove)] = [
            (m.draft, .draft), (m.edit, .edit), (m.submit, .submit), (m.review, .review), (m.returnForChanges, .returnForChanges), (m.sign, .sign),
        ]
        return LeadResponse(
            lead: file.lead,
            reports: file.reports.map { LeadReportInfo(id: $0.id, number: $0.number, receivedAt: $0.receivedAt, status: $0.status.rawValue) },
            materials: file.materials.map(MaterialInfo.init),
            paper: file.paper.map(PaperInfo.init),
            mayDo: moves.filter(\.0).map(\.1.rawValue)
        )
    }

    @Sendable func updateLead(_ request: Request, context: StaffRequestContext) async throws -> Lead {
        try await staff.updateLead(context.caller, id: try context.parameters.require("id"), try await RequestBody.json(LeadInput.self, request))
    }

    @Sendable func markPrincipal(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.markAboutPrincipal(
            context.caller,
            id: try context.parameters.require("id"),
            try await RequestBody.json(PrincipalInput.self, request)
        )
        return .noContent
    }

    struct MaterialsResponse: ResponseEncodable {
        var materials: [MaterialInfo]
    }

    /// The file's bytes as the body, its name and note in the query: `?filename=谈话记录.pdf&note=…`.
    @Sendable func addMaterial(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<MaterialsResponse> {
        let id = try context.parameters.require("id")
        let body = try await RequestBody.collect(request, limit: StaffPages.maxMaterialUploadBytes)
        let file = NewAttachment(
            filename: request.uri.queryParameters.get("filename"),
            declaredType: request.headers[.contentType] ?? "application/octet-stream",
            data: Data(buffer: body)
        )
        let files = body.readableBytes == 0 ? [] : [file]
        let saved = try await staff.addMaterials(
            context.caller,
            leadID: id,
            files: files,
            MaterialNoteInput(note: request.uri.queryParameters.get("note"))
        )
        return EditedResponse(status: .created, response: MaterialsResponse(materials: saved.map(MaterialInfo.init)))
    }

    @Sendable func material(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw DeskError.notFound }
        let found = try await staff.openMaterial(context.caller, leadID: try context.parameters.require("id"), ordinal: ordinal)
        return Download.file(Array(found.data), filename: found.info.filename, mediaType: found.info.mediaType)
    }

    // MARK: Working papers

    @Sendable func draftPaper(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<PaperInfo> {
        let paper = try await staff.draftPaper(
            context.caller,
            leadID: try context.parameters.require("id"),
            try await RequestBody.json(PaperInput.self, request)
        )
        return EditedResponse(status: .created, response: PaperInfo(paper))
    }

    @Sendable func paper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(try await staff.paper(context.caller, id: try context.parameters.require("id")).paper)
    }

    @Sendable func editPaper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(
            try await staff.editPaper(
                context.caller,
                paperID: try context.parameters.require("id"),
                try await RequestBody.json(PaperInput.self, request)
            )
        )
    }

    @Sendable func submitPaper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(try await staff.submitPaper(context.caller, paperID: try context.parameters.require("id"), try await stepInput(request)))
    }

    @Sendable func reviewPaper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(try await staff.reviewPaper(context.caller, paperID: try context.parameters.require("id"), try await stepInput(request)))
    }

    @Sendable func returnPaper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(try await staff.returnPaper(context.caller, paperID: try context.parameters.require("id"), try await stepInput(request)))
    }

    @Sendable func signPaper(_ request: Request, context: StaffRequestContext) async throws -> PaperInfo {
        PaperInfo(try await staff.signPaper(context.caller, paperID: try context.parameters.require("id"), try await stepInput(request)))
    }

    /// A step's body may be left out: only a return needs words.
    private func stepInput(_ request: Request) async throws -> PaperStepInput {
        guard request.headers[.contentType] != nil else { return PaperStepInput() }
        return try await RequestBody.json(PaperStepInput.self, request)
    }

    // MARK: Handover

    struct HandoverLeadInfo: Encodable {
        var id: String
        var number: String
        var subject: Subject
        var kind: String
        var paperNumber: String?
        var paperState: String?
    }

    struct RefusalInfo: Encodable {
        var code: String
        var messageZh: String
        var messageEn: String
    }

    struct HandoverPlanResponse: ResponseEncodable {
        var recipient: String
        var recipientName: String
        var aboutPrincipal: Bool
        var title: String
        /// The list can be made now.
        var ready: Bool
        /// Why not: the first lead whose paper is not signed, or that there is nothing to hand over.
        var refusal: RefusalInfo?
        var leads: [HandoverLeadInfo]
        /// The list's header and rows, as the archive's CSV and XLSX hold them.
        var table: [[String]]
    }

    private func recipient(_ context: StaffRequestContext) throws -> HandoverRecipient {
        guard let recipient = HandoverRecipient(rawValue: try context.parameters.require("recipient")) else { throw DeskError.notFound }
        return recipient
    }

    @Sendable func handoverPlan(_ request: Request, context: StaffRequestContext) async throws -> HandoverPlanResponse {
        let principal = ["1", "true", "yes", "on"].contains(request.uri.queryParameters.get("principal")?.lowercased() ?? "")
        let plan = try await staff.handoverPlan(context.caller, recipient: try recipient(context), aboutPrincipal: principal)
        return HandoverPlanResponse(
            recipient: plan.recipient.rawValue,
            recipientName: plan.recipient.chineseName,
            aboutPrincipal: plan.aboutPrincipal,
            title: plan.title,
            ready: plan.refusal == nil,
            refusal: plan.refusal.map { RefusalInfo(code: $0.code, messageZh: $0.messageZH, messageEn: $0.messageEN) },
            leads: plan.leads.map { lead in
                HandoverLeadInfo(
                    id: lead.id,
                    number: lead.number,
                    subject: lead.subject,
                    kind: lead.kind,
                    paperNumber: plan.papers[lead.id]?.number,
                    paperState: plan.papers[lead.id]?.state.rawValue
                )
            },
            table: plan.refusal == nil ? plan.table : [HandoverList.columnsZH]
        )
    }

    struct HandoverInfo: ResponseEncodable {
        var id: String
        var number: String
        var recipient: String
        var aboutPrincipal: Bool
        var leadIds: [String]
        var fileCount: Int
        var size: Int
        var sha256: String
        var createdAt: Date
        var createdBy: String

        init(_ h: StoredHandover) {
            id = h.id
            number = h.number
            recipient = h.recipient.rawValue
            aboutPrincipal = h.aboutPrincipal
            leadIds = h.leadIDs
            fileCount = h.fileCount
            size = h.size
            sha256 = h.sha256
            createdAt = h.createdAt
            createdBy = h.createdBy
        }
    }

    @Sendable func createHandover(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<HandoverInfo> {
        let input = request.headers[.contentType] == nil ? HandoverInput() : try await RequestBody.json(HandoverInput.self, request)
        let made = try await staff.createHandover(context.caller, recipient: try recipient(context), aboutPrincipal: input.principal)
        return EditedResponse(status: .created, response: HandoverInfo(made.handover))
    }

    struct ArchiveList: ResponseEncodable {
        var archives: [HandoverInfo]
    }

    @Sendable func handovers(_ request: Request, context: StaffRequestContext) async throws -> ArchiveList {
        ArchiveList(archives: try await staff.handovers(context.caller).map(HandoverInfo.init))
    }

    @Sendable func handoverArchive(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let found = try await staff.openHandover(context.caller, id: try context.parameters.require("id"))
        return Download.file(Array(found.bytes), filename: found.handover.filename, mediaType: "application/zip")
    }
}

extension Lead: ResponseEncodable {}
