import Foundation
import XunchaCore
import XunchaStore

/// The rectification ledger's entries (整改台账): problems the inspected unit must put right after
/// the group's feedback, entered and brought up to date by staff or by the unit's liaison, each
/// change audited. Two people changing the same problem at once never lose each other's entry:
/// the second is told to reload.
extension StaffDesk {
    /// One problem, when the caller keeps the ledger of its inspection.
    public func rectificationItem(_ caller: Caller, id: String) async throws -> RectificationItem {
        try DeskError.unlessReady(caller)
        guard caller.mayAnywhere(.rectify) else { throw DeskError.forbidden }
        guard let item = try await store.rectificationItem(id: id), caller.may(.rectify, inspectionID: item.inspectionID) else {
            throw DeskError.notFound
        }
        return item
    }

    /// Enters a new problem in the caller's inspection's ledger (the command line names one).
    public func addRectification(_ caller: Caller, inspectionID: String? = nil, _ input: RectificationInput) async throws -> RectificationItem {
        let id: String?
        if case .staff(let user) = caller { id = user.inspectionID } else { id = inspectionID }
        guard let id else { throw DeskError.forbidden }
        try authorize(caller, .rectify, inspectionID: id)
        let blank = RectificationItem(
            id: UUID().uuidString.lowercased(),
            inspectionID: id,
            sequence: 0,
            problem: "",
            measure: "",
            responsible: "",
            deadline: nil,
            progress: "",
            evidence: "",
            state: .notStarted,
            updatedAt: services.now(),
            updatedBy: caller.auditActor.stored
        )
        let item = try checking { () throws(InputError) in try input.applied(to: blank) }
        return try await store.addRectificationItem(item, actor: caller.auditActor)
    }

    /// Changes a problem's entry; refused when someone changed it since the caller's copy.
    public func updateRectification(_ caller: Caller, id: String, _ input: RectificationInput) async throws -> RectificationItem {
        let stored = try await rectificationItem(caller, id: id)
        let seen = try checking { () throws(InputError) in try input.seenMoment() }
        var item = try checking { () throws(InputError) in try input.applied(to: stored) }
        item.updatedAt = max(services.now(), stored.updatedAt.addingTimeInterval(0.001))
        item.updatedBy = caller.auditActor.stored
        do {
            try await store.updateRectificationItem(item, seenAt: seen, actor: caller.auditActor)
        } catch StoreError.stateChanged {
            throw DeskError(
                .conflict,
                code: "changed_meanwhile",
                zh: "第\(stored.sequence)项整改问题刚刚被他人修改，请刷新页面后重新填写。",
                en: "rectification item \(stored.sequence) was changed meanwhile; reload it."
            )
        }
        return item
    }
}
