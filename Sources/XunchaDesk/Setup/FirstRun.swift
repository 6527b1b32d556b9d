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

    /// How much of the demo to load into an installation that has no inspection yet.
    public enum Demo: Sendable {
        /// Nothing: the admin account only.
        case off
        /// The seed inspection with a leader, a member and its four reports, undecided: the small
        /// fixture the web tests start from.
        case seed
        /// The whole inspection as `serve --demo` shows it (`DemoStory`): about sixty reports over
        /// every channel, decisions, leads with working papers, referrals with their feedback,
        /// the rectification ledger, played on the clock of 2023.
        case whole
    }

    public static func prepare(_ services: DeskServices, demo: Demo) async throws -> Result {
        var result = Result()
        let store = services.store
        let fresh = try await store.inspections().isEmpty
        if demo == .whole, fresh {
            // The story makes the admin account too, when there is none, on its own clock: the
            // audit trail then runs in order from the installation's first day.
            result.newAccounts = try await DemoStory.play(services)
            result.demoLoaded = true
            return result
        }
        if try await store.users().isEmpty {
            result.newAccounts.append(
                try await createAccount(services, by: .system, username: "admin", name: "系统管理员", role: .admin, inspectionID: nil).account
            )
        }
        if demo == .seed, fresh {
            let inspection = DemoData.inspection
            try await services.admin.createInspection(.system, keeping: inspection)
            var made: [StaffUser] = []
            for (username, name, role) in [("zuzhang", "示例组长", StaffRole.leader), ("zuyuan", "示例组员", StaffRole.member)] {
                let account = try await createAccount(services, by: .system, username: username, name: name, role: role, inspectionID: inspection.id)
                result.newAccounts.append(account.account)
                made.append(account.user)
            }
            _ = try await confirmTeam(services, leader: made[0], others: Array(made.dropFirst()))
            for submission in DemoData.submissions(inspectionID: inspection.id) {
                _ = try await services.intake.take(submission, caller: .system, ReportIntake.Extras(issueQueryCode: submission.channel == .web))
            }
            result.demoLoaded = true
        }
        return result
    }

    /// Who confirms the demo's accounts at the server: `serve --demo` is run by the operator.
    static let demoOperator = Caller.commandLine("serve --demo")

    /// The demo's accounts confirmed as the two-person rule asks, as part of the story: the operator
    /// who starts the demo at the server confirms the leader, and the leader the others.
    static func confirmTeam(
        _ services: DeskServices,
        by operatorCaller: Caller = demoOperator,
        leader: StaffUser,
        others: [StaffUser]
    ) async throws -> (leader: StaffUser, others: [StaffUser]) {
        var leader = try await services.staff.confirmByOperator(operatorCaller, username: leader.username)
        // The leader acts as the account would once its one-time password is changed.
        var acting = leader
        acting.mustChangePassword = false
        var confirmed: [StaffUser] = []
        for user in others { confirmed.append(try await services.staff.confirmAccess(.staff(acting), userID: user.id)) }
        leader.access = .confirmed
        return (leader, confirmed)
    }

    /// A new account with its one-time password, as `serve` prints it.
    static func createAccount(
        _ services: DeskServices,
        by caller: Caller,
        username: String,
        name: String,
        role: StaffRole,
        inspectionID: String?,
        recipient: String? = nil
    ) async throws -> (user: StaffUser, account: Account) {
        let created = try await services.admin.createStaff(
            caller,
            StaffAccountInput(username: username, displayName: name, role: role.rawValue, inspectionId: inspectionID, recipient: recipient)
        )
        return (created.user, Account(username: username, role: role.displayName, password: created.oneTimePassword))
    }
}
