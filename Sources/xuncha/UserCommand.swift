import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

/// `xuncha user …`: what only the operator at the server may do to accounts.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "账号：服务器上的操作员才能做的事 / accounts: what only the operator at the server does.",
        subcommands: [Confirm.self]
    )

    /// `xuncha user confirm USERNAME`: the first leader of an inspection is confirmed here, by
    /// whoever holds the data folder and its key file, never by the web admin (docs/security.md).
    struct Confirm: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "确认尚无组长的巡察的组长账号 / confirm the first leader of an inspection (the two-person rule).",
            discussion: """
                管理员创建的巡察账号须经本巡察已确认的组长确认后才能查看反映；巡察还没有已确认的组长时，由服务器上的操作员用本命令确认组长。\
                Accounts the admin creates see nothing until a confirmed leader of their inspection confirms them; an inspection's \
                first leader is confirmed here. See docs/security.md.
                """
        )

        @Argument(help: "组长的用户名 / the leader's username.")
        var username: String

        @Option(help: "操作人（记入操作记录）/ who runs it, for the audit trail.")
        var by: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let user: StaffUser
            do {
                user = try await dataOptions.withExistingStore { _, desks in
                    try await desks.staff.confirmByOperator(.commandLine(by), username: username)
                }
            } catch let error as DeskError {
                throw ValidationError(error.description)
            }
            print("已确认 \(user.username)（\(user.displayName)，\(user.role.displayName)）：可以查看本巡察的反映，并确认本巡察的其他账号。")
            print("confirmed \(user.username): sees the inspection's reports and confirms its other accounts.")
        }
    }
}
