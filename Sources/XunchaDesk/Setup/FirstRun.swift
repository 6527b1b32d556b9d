import Foundation
import XunchaCore
import XunchaStore

/// What `serve` does before it listens: the first admin account on a new installation and, with
/// `--demo`, a seeded inspection with staff and reports so a new user sees a working system.
public enum FirstRun {
    public struct Account: Sendable {
        public var username: String
        public var role: String
        public var password: String
    }

    public struct Result: Sendable {
        public var newAccounts: [Account] = []
        public var demoLoaded = false
    }

    public static func prepare(_ services: DeskServices, demo: Bool) async throws -> Result {
        var result = Result()
        let store = services.store
        if try await store.users().isEmpty {
            result.newAccounts.append(try await createAccount(services, username: "admin", name: "系统管理员", role: .admin, inspectionID: nil))
        }
        if demo, try await store.inspections().isEmpty {
            let inspection = DemoData.inspection
            try await services.admin.createInspection(.system, keeping: inspection)
            for (username, name, role) in [("zuzhang", "示例组长", StaffRole.leader), ("zuyuan", "示例组员", StaffRole.member)] {
                result.newAccounts.append(try await createAccount(services, username: username, name: name, role: role, inspectionID: inspection.id))
            }
            for submission in DemoData.submissions(inspectionID: inspection.id) {
                _ = try await services.intake.take(submission, caller: .system, ReportIntake.Extras(issueQueryCode: submission.channel == .web))
            }
            result.demoLoaded = true
        }
        return result
    }

    private static func createAccount(
        _ services: DeskServices,
        username: String,
        name: String,
        role: StaffRole,
        inspectionID: String?
    ) async throws -> Account {
        let created = try await services.admin.createStaff(
            .system,
            StaffAccountInput(username: username, displayName: name, role: role.rawValue, inspectionId: inspectionID)
        )
        return Account(username: username, role: role.displayName, password: created.oneTimePassword)
    }
}
