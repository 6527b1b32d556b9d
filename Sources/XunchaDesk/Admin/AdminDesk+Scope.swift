import Foundation
import XunchaCore
import XunchaStore

/// An inspection's scope as data: its units (from the inspection) and their next-level units,
/// edited by the admin in the console and the API like the roster, and applied at once: the
/// roster's roles and every report's screening are read again against it.
extension AdminDesk {
    public func scope(_ caller: Caller, inspection: Inspection) async throws -> InspectionScope {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        return try await store.scope(inspectionID: inspection.id) ?? InspectionScope(units: inspection.units)
    }

    /// Replaces the next-level units (validated against the inspection's units), then screens the
    /// inspection's reports again, as the system. Returns the scope as stored.
    @discardableResult
    public func replaceNextLevelUnits(_ caller: Caller, inspection: Inspection, units: [NextLevelUnit]) async throws -> InspectionScope {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        let scope = try checking { () throws(InputError) in try InspectionScope(units: inspection.units, nextLevel: units).validated() }
        try await store.replaceNextLevelUnits(inspectionID: inspection.id, units: scope.nextLevel, actor: caller.auditActor, at: services.now())
        let actor: AuditActor = if case .commandLine = caller { caller.auditActor } else { .system }
        try await services.screening.rescreen(inspectionID: inspection.id, actor: actor)
        return scope
    }
}
