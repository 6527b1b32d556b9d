import Foundation
import XunchaCore
import XunchaStore

/// What configures an installation: inspections, staff accounts, rosters. The admin does this
/// and reads no report; the command line may do the inspection and roster part.
public struct AdminDesk: Sendable {
    let services: DeskServices
    var store: any Store { services.store }

    /// Refuses a caller the table does not allow, before any input is read.
    public func authorize(_ caller: Caller, _ action: StaffAction, inspectionID: String? = nil) throws(DeskError) {
        if case .staff(let user) = caller {
            try DeskError.unlessReady(caller)
            guard user.mayOnInstallation(action) else { throw DeskError.forbidden }
            return
        }
        guard caller.may(action, inspectionID: inspectionID) else { throw DeskError.forbidden }
    }

    public func inspections(_ caller: Caller) async throws -> [Inspection] {
        try authorize(caller, .manageInspections)
        return try await store.inspections()
    }

    /// Units written with their next level (县教育局党组及所辖城关第一中学、东岭学区) become the
    /// inspected unit and next-level units of its scope (`NextLevelProposal`).
    public func createInspection(_ caller: Caller, _ input: InspectionInput) async throws -> Inspection {
        try authorize(caller, .manageInspections)
        var inspection = try checking { () throws(InputError) in try input.inspection.validated() }
        inspection.id = UUID().uuidString.lowercased()
        try await createInspection(caller, keeping: inspection)
        return try await store.inspection(id: inspection.id) ?? inspection
    }

    /// Creates an inspection with the id it already has (an import, the demo).
    public func createInspection(_ caller: Caller, keeping inspection: Inspection) async throws {
        try authorize(caller, .manageInspections)
        let split = NextLevelProposal.split(inspection.units)
        var inspection = inspection
        inspection.units = split.units
        try await store.createInspection(inspection, actor: caller.auditActor, at: services.now())
        if !split.nextLevel.isEmpty {
            let scope = try checking { () throws(InputError) in try InspectionScope(units: split.units, nextLevel: split.nextLevel).validated() }
            try await store.replaceNextLevelUnits(inspectionID: inspection.id, units: scope.nextLevel, actor: caller.auditActor, at: services.now())
        }
    }

    public func staff(_ caller: Caller) async throws -> [StaffUser] {
        try authorize(caller, .manageAccounts)
        return try await store.users()
    }

    /// Creates a staff account with a one-time password the new user must change at first login.
    public func createStaff(_ caller: Caller, _ input: StaffAccountInput) async throws -> (user: StaffUser, oneTimePassword: String) {
        try authorize(caller, .manageAccounts)
        guard let role = StaffRole(rawValue: TextLimits.trimmed(input.role)) else {
            throw DeskError(.invalid, code: "invalid_role", zh: "请选择角色。", en: "unknown role.", field: "role")
        }
        let name = try checking { () throws(InputError) in try StaffUser.validatedUsername(input.username) }
        let inspection = input.inspectionId.flatMap { $0.isEmpty ? nil : $0 }
        if role != .admin {
            guard let inspection, try await store.inspection(id: inspection) != nil else {
                throw DeskError(
                    .invalid,
                    code: "inspection_required",
                    zh: "组长、副组长、组员和转办联络员必须指定所在的巡察。",
                    en: "leaders and members need an existing inspection_id.",
                    field: "inspection_id"
                )
            }
        }
        let recipient = TextLimits.trimmed(input.recipient ?? "")
        if role == .liaison {
            guard !recipient.isEmpty else {
                throw DeskError(
                    .invalid,
                    code: "recipient_required",
                    zh: "转办联络员须写明代表哪个单位或部门（与转办件上的名称一致）。",
                    en: "a liaison account needs the recipient it speaks for.",
                    field: "recipient"
                )
            }
            try checking { () throws(InputError) in
                try TextLimits.check(recipient, field: "recipient", labelZH: "单位或部门", max: Decision.maxRecipientLength)
            }
        }
        let display = TextLimits.trimmed(input.displayName ?? "")
        let user = StaffUser(
            id: UUID().uuidString.lowercased(),
            username: name,
            displayName: display.isEmpty ? name : String(display.prefix(50)),
            role: role,
            inspectionID: role == .admin ? nil : inspection,
            mustChangePassword: true,
            recipient: role == .liaison ? recipient : nil,
            // The two-person rule: whom the admin creates sees nothing until a leader confirms them.
            access: .pending
        )
        let password = PasswordHasher.oneTimePassword()
        do {
            try await store.createUser(user, passwordHash: try await services.passwords.hash(password), actor: caller.auditActor, at: services.now())
        } catch StoreError.duplicateUsername {
            throw DeskError(.conflict, code: "username_taken", zh: "该用户名已被使用。", en: "username already taken.", field: "username")
        }
        return (user, password)
    }

    /// The admin's answer to a forgotten password or a lost phone: a new one-time password, and
    /// with it the account is back where a new one starts. Its sessions end, its second factor and
    /// recovery codes are gone, and an inspection's account waits for its leader's confirmation
    /// again, so a reset never lets the admin into an inspection's reports.
    public func resetAccount(_ caller: Caller, userID: String) async throws -> (user: StaffUser, oneTimePassword: String) {
        try authorize(caller, .manageAccounts)
        guard var user = try await store.user(id: userID) else { throw DeskError.notFound }
        if case .staff(let me) = caller, me.id == user.id {
            throw DeskError(.conflict, code: "cannot_reset_self", zh: "不能重置自己的账号。", en: "you cannot reset your own account.")
        }
        let password = PasswordHasher.oneTimePassword()
        try await store.resetAccount(
            userID: user.id,
            passwordHash: try await services.passwords.hash(password),
            actor: caller.auditActor,
            at: services.now()
        )
        user.mustChangePassword = true
        user.access = user.role == .admin ? .confirmed : .pending
        return (user, password)
    }
}
