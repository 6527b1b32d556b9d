import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// `GET /api/v1/inspections/:id/scope`: the inspected units, each with its next-level units;
/// `PUT` (or `POST`) the same path with `{"next_level": [{"parent", "name", "kind"?}]}` replaces
/// the next level whole (docs/api.md).
extension APIController {
    struct ScopeResponse: ResponseEncodable {
        struct Unit: Encodable {
            var name: String
            var nextLevel: [NextLevel]
        }
        struct NextLevel: Encodable {
            var name: String
            var kind: String
            var kindZh: String
        }
        var inspectionId: String
        var units: [Unit]

        init(_ inspectionID: String, _ scope: InspectionScope) {
            inspectionId = inspectionID
            units = scope.units.map { unit in
                Unit(
                    name: unit,
                    nextLevel: scope.nextLevel(of: unit).map { NextLevel(name: $0.name, kind: $0.kind.rawValue, kindZh: $0.kind.chineseName) }
                )
            }
        }
    }

    @Sendable func scope(_ request: Request, context: StaffRequestContext) async throws -> ScopeResponse {
        let inspection = try await admin.rosterInspection(context.caller, id: try context.parameters.require("id"))
        return ScopeResponse(inspection.id, try await admin.scope(context.caller, inspection: inspection))
    }

    @Sendable func replaceScope(_ request: Request, context: StaffRequestContext) async throws -> ScopeResponse {
        let inspection = try await admin.rosterInspection(context.caller, id: try context.parameters.require("id"))
        let input = try await RequestBody.json(ScopeInput.self, request)
        let units: [NextLevelUnit]
        do { units = try input.units() } catch { throw DeskError.invalid(error) }
        return ScopeResponse(inspection.id, try await admin.replaceNextLevelUnits(context.caller, inspection: inspection, units: units))
    }
}
