import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// `POST /api/v1/registrations` (staff register a call, letter or visit) and
/// `POST /api/v1/status/code` (a reporter replaces a staff-issued query code).
extension APIController {
    var registrationRoutes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.post("registrations", use: register)
        r.post("status/code", use: changeQueryCode)
        return r
    }

    struct RegistrationRequest: Decodable {
        var channel: String
        var receivedAt: String
        var content: String
        var subjects: [Subject]?
        var reporter: ReporterIdentity?
        var inspectionId: String?
        var callerNumber: String?
        var callStartedAt: String?
        var callDurationSeconds: Int?
        var postmark: String?
        var senderAsWritten: String?
        var visitAt: String?
        var reporterFollowsUp: Bool?

        func registration() throws(InputError) -> Registration {
            func moment(_ text: String?, _ field: String, _ label: String) throws(InputError) -> Date? {
                guard let text else { return nil }
                return try MomentParser.parse(text, field: field, labelZH: label)
            }
            let postmarkDate = try postmark.map { p throws(InputError) in try Registration.parsePostmark(p) }
            return Registration(
                submission: Submission(
                    channel: try Channel.parse(channel),
                    content: content,
                    subjects: subjects ?? [],
                    reporter: reporter ?? ReporterIdentity(),
                    inspectionID: inspectionId,
                    receivedAt: try MomentParser.parse(receivedAt, field: "received_at", labelZH: "收到时间")
                ),
                receivedBy: "",
                receivedByName: "",
                callerNumber: callerNumber ?? "",
                callStartedAt: try moment(callStartedAt, "call_started_at", "来电开始时间"),
                callDurationSeconds: callDurationSeconds,
                postmark: postmarkDate,
                senderAsWritten: senderAsWritten ?? "",
                visitAt: try moment(visitAt, "visit_at", "来访时间"),
                reporterFollowsUp: reporterFollowsUp ?? false
            )
        }
    }

    struct RegistrationResponse: ResponseEncodable {
        var id: String
        var inspectionId: String?
        var queryCode: String?
        var channelDetails: ChannelRecord?
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<RegistrationResponse> {
        let user = try staff.requireReader(context)
        try checkCSRF(request, context)
        let body = try await RequestBody.json(RegistrationRequest.self, request, context: context)
        let registration: Registration
        do {
            registration = try body.registration()
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        let receipt = try await staff.register(user, registration)
        let record = try await services.store.channelRecord(reportID: receipt.reportID)
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: RegistrationResponse(
                id: receipt.reportID,
                inspectionId: receipt.inspectionID,
                queryCode: receipt.queryCode?.digits,
                channelDetails: record
            )
        )
    }

    struct ChangeCodeRequest: Decodable {
        var queryCode: String
        var newQueryCode: String
    }

    @Sendable func changeQueryCode(_ request: Request, context: AppRequestContext) async throws -> StatusResponse {
        let body = try await RequestBody.json(ChangeCodeRequest.self, request, context: context)
        let report = try await reporters.changeIssuedCode(code: body.queryCode, newCode: body.newQueryCode, again: body.newQueryCode, context)
        return try await statusWithReplies(of: report)
    }
}
