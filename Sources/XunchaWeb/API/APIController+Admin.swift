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
}
