import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The API's second step and enrolment, for a token the password opened (`stage` in the login's
/// answer): `second_factor` takes a code (or a recovery code); `enrolment` gives the secret and
/// takes the first code. `POST /session` takes the code at once too.
extension APIController {
    struct CodeInput: Decodable {
        var code: String
    }

    struct StageResponse: ResponseEncodable {
        var stage: String
    }

    struct EnrolmentResponse: ResponseEncodable {
        var secret: String
        var otpauthUri: String
    }

    struct RecoveryCodesResponse: ResponseEncodable {
        var stage: String
        var recoveryCodes: [String]
    }

    /// The login the password opened; with a cookie, its CSRF token must come along.
    func pendingLogin(_ request: Request, _ context: AppRequestContext) throws -> StaffDesk.PendingLogin {
        guard let pending = context.pendingLogin else { throw DeskError.unauthenticated }
        if context.sessionFromCookie {
            guard let sent = request.headers[HTTPField.Name("X-CSRF-Token")!], CSRF.constantTimeEqual(sent, pending.session.csrfToken) else {
                throw APIError.badCSRF
            }
        }
        return pending
    }

    @Sendable func secondStep(_ request: Request, context: AppRequestContext) async throws -> StageResponse {
        let pending = try pendingLogin(request, context)
        let input = try await RequestBody.json(CodeInput.self, request)
        try await staff.passSecondStep(pending, code: input.code, client: client(context))
        return StageResponse(stage: StaffSession.Stage.full.rawValue)
    }

    @Sendable func enrolment(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<EnrolmentResponse> {
        let enrolment = try await staff.enrolment(try pendingLogin(request, context))
        return EditedResponse(
            headers: [.cacheControl: "no-store"],
            response: EnrolmentResponse(secret: enrolment.secret.grouped, otpauthUri: enrolment.address)
        )
    }

    @Sendable func confirmEnrolment(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RecoveryCodesResponse> {
        let pending = try pendingLogin(request, context)
        let input = try await RequestBody.json(CodeInput.self, request)
        let codes = try await staff.confirmEnrolment(pending, code: input.code, client: client(context))
        return EditedResponse(
            headers: [.cacheControl: "no-store"],
            response: RecoveryCodesResponse(stage: StaffSession.Stage.full.rawValue, recoveryCodes: codes)
        )
    }
}
