import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The JSON API under /api/v1 (docs/api.md): the same desks and the same inputs as the pages, so
/// a client can do nothing a person could not. Refusals become JSON in `APIErrorMiddleware`.
struct APIController: Sendable {
    let services: AppServices
    var reporters: ReporterDesk { services.desks.reporters }
    var staff: StaffDesk { services.desks.staff }
    var admin: AdminDesk { services.desks.admin }

    func client(_ context: AppRequestContext) -> ClientTag {
        context.client(services.desks.keys)
    }

    // MARK: public

    struct SubmitResponse: ResponseEncodable {
        var id: String
        var queryCode: String
        var inspectionId: String?
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<SubmitResponse> {
        let receipt = try await reporters.submit(try await RequestBody.json(ReportInput.self, request), client: client(context))
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: SubmitResponse(id: receipt.reportID, queryCode: receipt.queryCode?.digits ?? "", inspectionId: receipt.inspectionID)
        )
    }

    struct StatusRequest: Decodable {
        var queryCode: String
    }

    /// The status page's content, with the status's code and Chinese text.
    struct StatusResponse: ResponseEncodable {
        var status: String
        var statusText: String
        var description: String
        var receivedAt: Date
        var additions: [ReportAddition]
        /// The group's public replies (empty when the inspection does not reply).
        var replies: [ReportStatusView.Reply]

        init(_ view: ReportStatusView) {
            status = view.status.rawValue
            statusText = view.status.displayName
            description = view.status.publicDescription
            receivedAt = view.receivedAt
            additions = view.additions
            replies = view.replies
        }
    }

    @Sendable func status(_ request: Request, context: AppRequestContext) async throws -> StatusResponse {
        let body = try await RequestBody.json(StatusRequest.self, request)
        return StatusResponse(try await reporters.status(code: body.queryCode, client: client(context)))
    }

    @Sendable func addition(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<StatusResponse> {
        let added = try await reporters.add(try await RequestBody.json(AdditionInput.self, request), client: client(context))
        return EditedResponse(status: .created, response: StatusResponse(added.status))
    }

    struct CodeChangeResponse: ResponseEncodable {
        /// Shown once: the only copy is the reporter's.
        var newQueryCode: String
        /// False while the code is only proposed: it replaces the old one when sent back, as the
        /// reporter wrote it down, with `confirmation`.
        var confirmed: Bool
        var confirmation: String?
        var report: StatusResponse?
    }

    @Sendable func changeQueryCode(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<CodeChangeResponse> {
        let input = try await RequestBody.json(QueryCodeChangeInput.self, request)
        let response: CodeChangeResponse =
            switch try await reporters.changeIssuedCode(input, client: client(context)) {
            case .proposed(let code, let confirmation): CodeChangeResponse(newQueryCode: code.digits, confirmed: false, confirmation: confirmation)
            case .replaced(let code, let status): CodeChangeResponse(newQueryCode: code.digits, confirmed: true, report: StatusResponse(status))
            }
        return EditedResponse(response: response)
    }

    struct PublicInspections: ResponseEncodable {
        var inspections: [Inspection]
    }

    @Sendable func inspections(_ request: Request, context: AppRequestContext) async throws -> PublicInspections {
        PublicInspections(inspections: try await reporters.visibleInspections())
    }

    // MARK: sessions

    struct LoginResponse: ResponseEncodable {
        var token: String
        var csrfToken: String
        var user: StaffUser
        /// `full`, or what the token opens next: `second_factor` (POST /session/code) or
        /// `enrolment` (POST /session/enrolment, then /session/enrolment/confirm).
        var stage: String
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> LoginResponse {
        let login = try await staff.login(try await RequestBody.json(LoginInput.self, request), client: client(context))
        return LoginResponse(token: login.token, csrfToken: login.session.csrfToken, user: login.user, stage: login.session.stage.rawValue)
    }

    @Sendable func logout(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.logout(context.session)
        return .noContent
    }

    @Sendable func changePassword(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.changePassword(context.user, try await RequestBody.json(PasswordChangeInput.self, request))
        return .noContent
    }
}

extension Inspection: ResponseEncodable {}
extension StaffUser: ResponseEncodable {}
