import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaStore

/// The JSON API under /api/v1 (docs/api.md). Same rules as the pages: it goes through the same
/// desks, so a client can do nothing a person could not.
struct APIController: Sendable {
    let services: AppServices
    var reporters: ReporterDesk { ReporterDesk(services: services) }
    var staff: StaffDesk { StaffDesk(services: services) }

    var routes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("inspections", use: inspections)
        r.post("reports", use: submit)
        r.post("status", use: status)
        r.post("status/additions", use: addition)
        r.post("session", use: login)
        r.delete("session", use: logout)
        r.post("session/password", use: changePassword)
        r.get("reports", use: inbox)
        r.get("reports/:id", use: report)
        r.post("reports/:id/decision", use: decide)
        r.post("rescreen", use: rescreen)
        r.post("inspections", use: createInspection)
        r.get("staff", use: listStaff)
        r.post("staff", use: createStaff)
        return r
    }

    // MARK: public

    struct SubmitRequest: Decodable {
        var channel: String?
        var content: String
        var subjects: [Subject]?
        var reporter: ReporterIdentity?
        var inspectionId: String?
    }

    struct SubmitResponse: ResponseEncodable {
        var id: String
        var queryCode: String
        var inspectionId: String?
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SubmitResponse> {
        let body = try await RequestBody.json(SubmitRequest.self, request, context: context)
        if let channel = body.channel, channel != Channel.web.rawValue {
            throw APIError(
                .unprocessableContent,
                code: "channel_not_allowed",
                zh: "网上提交的渠道只能是 web；来电、来信、来访由工作人员登记。",
                en: "public submissions use channel \"web\"; staff register the other channels.",
                field: "channel"
            )
        }
        let submission = Submission(
            channel: .web,
            content: body.content,
            subjects: body.subjects ?? [],
            reporter: body.reporter ?? ReporterIdentity(),
            inspectionID: body.inspectionId,
            receivedAt: services.now()
        )
        let receipt = try await reporters.submit(submission)
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: SubmitResponse(id: receipt.reportID, queryCode: receipt.queryCode?.digits ?? "", inspectionId: receipt.inspectionID)
        )
    }

    struct StatusRequest: Decodable {
        var queryCode: String
    }

    struct StatusResponse: ResponseEncodable {
        var status: String
        var statusText: String
        var description: String
        var receivedAt: Date
        var additions: [ReportAddition]
        /// The group's public replies (empty when the inspection does not reply); see APIController+Replies.swift.
        var replies: [PublicReply] = []
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> StatusResponse {
        let body = try await RequestBody.json(StatusRequest.self, request, context: context)
        return try await statusWithReplies(of: try await reporters.open(code: body.queryCode, context))
    }

    static func status(of report: Report) -> StatusResponse {
        StatusResponse(
            status: report.status.rawValue,
            statusText: report.status.displayName,
            description: report.status.publicDescription,
            receivedAt: report.receivedAt,
            additions: report.additions
        )
    }

    struct AdditionRequest: Decodable {
        var queryCode: String
        var content: String
    }

    @Sendable func addition(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<StatusResponse> {
        let body = try await RequestBody.json(AdditionRequest.self, request, context: context)
        let report = try await reporters.add(code: body.queryCode, content: body.content, context)
        return EditedResponse(status: .created, response: try await statusWithReplies(of: report))
    }

    struct PublicInspection: ResponseEncodable {
        var inspections: [Inspection]
    }

    @Sendable func inspections(_ request: Request, context: AppRequestContext) async throws -> PublicInspection {
        PublicInspection(inspections: try await reporters.visibleInspections())
    }

    // MARK: staff

    /// Changes made with the session cookie must carry the CSRF token in a header; bearer tokens
    /// cannot be sent by another site, so they need none.
    func checkCSRF(_ request: Request, _ context: AppRequestContext) throws {
        guard context.sessionFromCookie, let session = context.session else { return }
        guard let sent = request.headers[HTTPField.Name("X-CSRF-Token")!], CSRF.constantTimeEqual(sent, session.csrfToken) else {
            throw APIError.badCSRF
        }
    }

    struct LoginRequest: Decodable {
        var username: String
        var password: String
    }

    struct LoginResponse: ResponseEncodable {
        var token: String
        var csrfToken: String
        var user: StaffUser
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> LoginResponse {
        let body = try await RequestBody.json(LoginRequest.self, request, context: context)
        let login = try await staff.login(username: body.username, password: body.password, context)
        return LoginResponse(token: login.token, csrfToken: login.session.csrfToken, user: login.user)
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        _ = try staff.requireStaff(context)
        try checkCSRF(request, context)
        try await staff.logout(context)
        return .noContent
    }

    struct PasswordRequest: Decodable {
        var current: String
        var new: String
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> HTTPResponse.Status {
        let user = try staff.requireStaff(context)
        try checkCSRF(request, context)
        let body = try await RequestBody.json(PasswordRequest.self, request, context: context)
        try await staff.changePassword(user, current: body.current, new: body.new)
        return .noContent
    }

    struct InboxResponse: ResponseEncodable {
        struct Item: Encodable {
            var id: String
            var channel: String
            var receivedAt: Date
            var status: String
            var snippet: String
            var isRealName: Bool
            var subjects: [Subject]
            var suggestion: SuggestionKind?
            var topDiscipline: Discipline?
        }
        var reports: [Item]
        var total: Int
        var page: Int
        var pageCount: Int
    }

    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> InboxResponse {
        let user = try staff.requireReader(context)
        let page = request.uri.queryParameters.get("page", as: Int.self) ?? 1
        let inbox = try await staff.inbox(user, page: page)
        let summaries = try await staff.screeningSummaries(inbox.reports)
        return InboxResponse(
            reports: inbox.reports.map {
                .init(
                    id: $0.id,
                    channel: $0.channel.rawValue,
                    receivedAt: $0.receivedAt,
                    status: $0.status.rawValue,
                    snippet: $0.snippet,
                    isRealName: $0.isRealName,
                    subjects: $0.subjects,
                    suggestion: summaries[$0.id]?.suggestion,
                    topDiscipline: summaries[$0.id]?.topDiscipline
                )
            },
            total: inbox.total,
            page: inbox.page,
            pageCount: inbox.pageCount
        )
    }

    struct ReportResponse: ResponseEncodable {
        var report: Report
        var screening: ScreeningRecord?
        var screenedAt: Date?
        var dispositions: [Disposition]
        var auditTrail: [AuditEvent]
    }

    @Sendable func report(_ request: Request, context: AppRequestContext) async throws -> ReportResponse {
        let user = try staff.requireReader(context)
        let found = try await staff.report(user, id: try context.parameters.require("id"))
        let screening = try await staff.screening(user, reportID: found.report.id)
        return ReportResponse(
            report: found.report,
            screening: screening.screening?.record,
            screenedAt: screening.screening?.screenedAt,
            dispositions: screening.dispositions,
            auditTrail: found.trail
        )
    }

    @Sendable func createInspection(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Inspection> {
        let user = try staff.requireAdmin(context)
        try checkCSRF(request, context)
        let draft = try await RequestBody.json(InspectionDraft.self, request, context: context)
        return EditedResponse(status: .created, response: try await staff.createInspection(user, draft.inspection))
    }

    struct StaffList: ResponseEncodable {
        var staff: [StaffUser]
    }

    @Sendable func listStaff(_ request: Request, context: AppRequestContext) async throws -> StaffList {
        _ = try staff.requireAdmin(context)
        return StaffList(staff: try await services.store.users())
    }

    struct CreateStaffRequest: Decodable {
        var username: String
        var displayName: String?
        var role: StaffRole
        var inspectionId: String?
    }

    struct CreateStaffResponse: ResponseEncodable {
        var user: StaffUser
        var oneTimePassword: String
    }

    @Sendable func createStaff(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CreateStaffResponse> {
        let admin = try staff.requireAdmin(context)
        try checkCSRF(request, context)
        let body = try await RequestBody.json(CreateStaffRequest.self, request, context: context)
        let created = try await staff.createStaff(
            admin,
            username: body.username,
            displayName: body.displayName ?? "",
            role: body.role,
            inspectionID: body.inspectionId
        )
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: CreateStaffResponse(user: created.user, oneTimePassword: created.oneTimePassword)
        )
    }
}

extension Inspection: ResponseEncodable {}
extension StaffUser: ResponseEncodable {}
