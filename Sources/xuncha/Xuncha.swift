import ArgumentParser
import Foundation

@main
struct Xuncha: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xuncha",
        abstract: "巡察信访受理与审查系统 / intake and screening for a Party inspection group.",
        subcommands: [
            InitCommand.self, ServeCommand.self, ReportCommand.self, MailCommand.self, AuditCommand.self, CalendarCommand.self, TextCommand.self,
            InspectionCommand.self, RosterCommand.self, HandoverCommand.self, UserCommand.self,
            EvalCommand.self, BackupCommand.self, RestoreCommand.self, MigrateDatabaseCommand.self,
            ScreenCommand.self, BenchCommand.self, StatsCommand.self, LedgerCommand.self,
        ]
    )

    /// Everything any command writes (the database, its -wal and -shm, the key, attachments,
    /// archives, exports) is its owner's alone.
    static func main() async {
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
