import Foundation
import HummingbirdBcrypt
import NIOPosix
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

    public static func prepare(store: any Store, keys: Keys, configuration: AppConfiguration, demo: Bool) async throws -> Result {
        var result = Result()
        let now = Date()
        if try await store.users().isEmpty {
            result.newAccounts.append(
                try await createAccount(store, configuration, username: "admin", name: "系统管理员", role: .admin, inspectionID: nil, at: now)
            )
        }
        if demo, try await store.inspections().isEmpty {
            let inspection = DemoData.inspection
            try await store.createInspection(inspection, actor: "system", at: now)
            for (username, name, role) in [("zuzhang", "示例组长", StaffRole.leader), ("zuyuan", "示例组员", StaffRole.member)] {
                result.newAccounts.append(
                    try await createAccount(store, configuration, username: username, name: name, role: role, inspectionID: inspection.id, at: now)
                )
            }
            let intake = ReportIntake(store: store, keys: keys, queryCodeCost: configuration.queryCodeCost)
            for submission in DemoData.submissions(inspectionID: inspection.id) {
                _ = try await intake.submit(submission, actor: "system", issueQueryCode: submission.channel == .web)
            }
            result.demoLoaded = true
        }
        return result
    }

    private static func createAccount(
        _ store: any Store,
        _ configuration: AppConfiguration,
        username: String,
        name: String,
        role: StaffRole,
        inspectionID: String?,
        at: Date
    ) async throws -> Account {
        let password = StaffDesk.oneTimePassword()
        let cost = configuration.passwordCost
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
        let user = StaffUser(
            id: UUID().uuidString.lowercased(),
            username: username,
            displayName: name,
            role: role,
            inspectionID: inspectionID,
            mustChangePassword: true
        )
        try await store.createUser(user, passwordHash: hash, actor: "system", at: at)
        return Account(username: username, role: role.displayName, password: password)
    }
}
