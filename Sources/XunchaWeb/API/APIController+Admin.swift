import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// The admin's API: inspections and staff accounts.
extension APIController {
    @Sendable func createInspection(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<Inspection> {
        try admin.authorize(context.caller, .manageInspections)
        let input = try await RequestBody.json(InspectionInput.self, request)
        return EditedResponse(status: .created, response: try await admin.createInspection(context.caller, input))
    }

    struct StaffList: ResponseEncodable {
        var staff: [StaffUser]
    }

    @Sendable func listStaff(_ request: Request, context: StaffRequestContext) async throws -> StaffList {
        StaffList(staff: try await admin.staff(context.caller))
    }

    struct CreateStaffResponse: ResponseEncodable {
        var user: StaffUser
        var oneTimePassword: String
    }

    @Sendable func createStaff(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<CreateStaffResponse> {
        try admin.authorize(context.caller, .manageAccounts)
        let created = try await admin.createStaff(context.caller, try await RequestBody.json(StaffAccountInput.self, request))
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: CreateStaffResponse(user: created.user, oneTimePassword: created.oneTimePassword)
        )
    }

    /// The admin's reset: a new one-time password; the account starts over (pending again).
    @Sendable func resetStaff(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<CreateStaffResponse> {
        let reset = try await admin.resetAccount(context.caller, userID: try context.parameters.require("id"))
        return EditedResponse(
            status: .ok,
            headers: [.cacheControl: "no-store"],
            response: CreateStaffResponse(user: reset.user, oneTimePassword: reset.oneTimePassword)
        )
    }

    struct TeamResponse: ResponseEncodable {
        var confirmed: [StaffUser]
        var pending: [StaffUser]
    }

    /// The leader's list of who sees the inspection's reports, and who waits.
    @Sendable func team(_ request: Request, context: StaffRequestContext) async throws -> TeamResponse {
        let team = try await staff.team(context.caller)
        return TeamResponse(confirmed: team.confirmed, pending: team.pending)
    }

    @Sendable func confirmAccess(_ request: Request, context: StaffRequestContext) async throws -> StaffUser {
        try await staff.confirmAccess(context.caller, userID: try context.parameters.require("id"))
    }

    @Sendable func revokeAccess(_ request: Request, context: StaffRequestContext) async throws -> StaffUser {
        try await staff.revokeAccess(context.caller, userID: try context.parameters.require("id"))
    }
}
