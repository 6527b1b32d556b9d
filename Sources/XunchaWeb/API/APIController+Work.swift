import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The group's work through the API: decisions (propose; the leader approves, returns, reopens),
/// claiming and assigning reports, internal notes, the inspection's leads and referrals.
extension APIController {
    @Sendable func propose(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<Decision> {
        let input = try await RequestBody.json(DecisionInput.self, request)
        return EditedResponse(
            status: .created,
            response: try await staff.propose(context.caller, reportID: try context.parameters.require("id"), input)
        )
    }

    @Sendable func approve(_ request: Request, context: StaffRequestContext) async throws -> Decision {
        try await staff.approve(
            context.caller,
            reportID: try context.parameters.require("id"),
            try await optionalJSON(ReviewInput.self, request) ?? ReviewInput()
        )
    }

    @Sendable func returnProposal(_ request: Request, context: StaffRequestContext) async throws -> Decision {
        try await staff.returnProposal(
            context.caller,
            reportID: try context.parameters.require("id"),
            try await RequestBody.json(ReviewInput.self, request)
        )
    }

    @Sendable func reopen(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.reopen(context.caller, reportID: try context.parameters.require("id"), try await RequestBody.json(ReviewInput.self, request))
        return .noContent
    }

    @Sendable func assign(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.assign(
            context.caller,
            reportID: try context.parameters.require("id"),
            try await RequestBody.json(AssignmentInput.self, request)
        )
        return .noContent
    }

    @Sendable func claim(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.claim(context.caller, reportID: try context.parameters.require("id"))
        return .noContent
    }

    @Sendable func note(_ request: Request, context: StaffRequestContext) async throws -> HTTPResponse.Status {
        try await staff.note(context.caller, reportID: try context.parameters.require("id"), try await RequestBody.json(NoteInput.self, request))
        return .created
    }

    struct LeadList: ResponseEncodable {
        var leads: [Lead]
    }

    @Sendable func leads(_ request: Request, context: StaffRequestContext) async throws -> LeadList {
        LeadList(leads: try await staff.leads(context.caller))
    }

    /// A body that may be left out: an approval needs no words.
    private func optionalJSON<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
        guard request.headers[.contentType] != nil else { return nil }
        return try await RequestBody.json(type, request)
    }
}

extension Decision: ResponseEncodable {}

extension APIController {
    /// The statistics of the caller's inspection (`?inspection=` for the admin; none: every one).
    @Sendable func statistics(_ request: Request, context: StaffRequestContext) async throws -> InspectionStatistics {
        try await staff.statistics(context.caller, inspectionID: request.uri.queryParameters.get("inspection").flatMap { $0.isEmpty ? nil : $0 })
    }
}

extension InspectionStatistics: ResponseEncodable {}
