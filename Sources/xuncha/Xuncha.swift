import ArgumentParser

@main
struct Xuncha: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xuncha",
        abstract: "巡察信访受理与审查系统 / intake and screening for a Party inspection group.",
        subcommands: [
            ServeCommand.self, ReportCommand.self, MailCommand.self, AuditCommand.self, CalendarCommand.self, TextCommand.self,
            InspectionCommand.self, RosterCommand.self, HandoverCommand.self, UserCommand.self,
            EvalCommand.self,
            ScreenCommand.self, BenchCommand.self, StatsCommand.self, LedgerCommand.self,
        ]
    )
}
