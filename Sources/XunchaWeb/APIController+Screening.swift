import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// Staff decisions on screened reports, and re-screening, through the same desk as the console.
extension APIController {
    struct DecisionRequest: Decodable {
        var outcome: String
        var comment: String?
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Disposition> {
        let user = try staff.requireReader(context)
        try checkCSRF(request, context)
        let body = try await RequestBody.json(DecisionRequest.self, request, context: context)
        let id = try context.parameters.require("id")
        return EditedResponse(
            status: .created,
            response: try await staff.decide(user, reportID: id, outcome: body.outcome, comment: body.comment ?? "")
        )
    }

    struct RescreenResponse: ResponseEncodable {
        var screened: Int
        var suggestions: [String: Int]
    }

    @Sendable func rescreen(_ request: Request, context: AppRequestContext) async throws -> RescreenResponse {
        let user = try staff.requireReader(context)
        try checkCSRF(request, context)
        let tally = try await staff.rescreen(user)
        return RescreenResponse(
            screened: tally.values.reduce(0, +),
            suggestions: Dictionary(uniqueKeysWithValues: tally.map { ($0.key.rawValue, $0.value) })
        )
    }
}
extension Disposition: ResponseEncodable {}
