import ArgumentParser
import Foundation
import XunchaCore

/// `xuncha calendar …`: the official work calendar from the command line, for staff checking a
/// deadline by hand and for scripts. The first word of each answer is stable for scripts to read.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "工作日历：按国务院办公厅节假日安排判断工作日 / The official work calendar.",
        subcommands: [Workday.self, AddWorkdays.self, WorkdaysBetween.self, Years.self]
    )

    /// Exit status for a date outside the calendar, apart from 64 (usage) so scripts can tell
    /// "the calendar does not know this year yet" from a typo.
    static let unknownExitCode = ExitCode(2)

    struct Workday: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "是否工作日 / Whether DATE is a workday: prints `workday` or `rest day`, with the holiday's name."
        )

        @Argument(help: "YYYY-MM-DD")
        var date: String

        @Flag(name: .shortAndLong, help: "也显示星期和所依据的通知 / Also print the weekday and the notice that decides it.")
        var verbose = false

        func validate() throws { _ = try CalendarCommand.parse(date) }

        func run() throws {
            let date = try CalendarCommand.parse(date)
            let day = try CalendarCommand.answer { try WorkCalendar.official.day(date) }
            print(CalendarCommand.summary(of: day))
            if verbose {
                let notice = WorkCalendar.official.notice(forYear: day.noticeYear)
                print("\(day.date) \(day.date.weekday.chineseName) \(day.chineseDescription)，依据\(notice?.citation ?? "\(day.noticeYear)年通知")")
            }
        }
    }

    struct AddWorkdays: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-workdays",
            abstract: "DATE 之后第 N 个工作日 / The Nth workday after DATE (before it when N < 0; DATE itself never counts).",
            discussion: """
                The day of receipt does not count: a report received on DATE is due within 15 working days \
                on `add-workdays DATE 15`.
                """
        )

        @Argument(help: "YYYY-MM-DD")
        var date: String

        // Collected as unrecognized input so that a negative N (`-3`) is not taken for an option.
        @Argument(parsing: .allUnrecognized, help: "工作日数，可为负 / Number of workdays, may be negative.")
        var n: [String] = []

        func validate() throws {
            _ = try CalendarCommand.parse(date)
            _ = try count()
        }

        private func count() throws -> Int {
            // `add-workdays DATE -- -3` is how other tools spell a negative argument; accept it too.
            let values = n.filter { $0 != "--" }
            guard values.count == 1, let count = Int(values[0]) else {
                throw ValidationError("工作日数应为一个整数，如 15 或 -3 / N must be one whole number, e.g. 15 or -3")
            }
            return count
        }

        func run() throws {
            let date = try CalendarCommand.parse(date)
            let n = try count()
            print(try CalendarCommand.answer { try WorkCalendar.official.addWorkdays(date, n) })
        }
    }

    struct WorkdaysBetween: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "workdays-between",
            abstract: "两日之间的工作日数 / Workdays after FROM up to and including TO (negative when TO is earlier)."
        )

        @Argument(help: "YYYY-MM-DD")
        var from: String

        @Argument(help: "YYYY-MM-DD")
        var to: String

        func validate() throws { _ = (try CalendarCommand.parse(from), try CalendarCommand.parse(to)) }

        func run() throws {
            let (from, to) = (try CalendarCommand.parse(from), try CalendarCommand.parse(to))
            print(try CalendarCommand.answer { try WorkCalendar.official.workdaysBetween(from, to) })
        }
    }

    struct Years: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "已收录的年份及通知 / The years the calendar knows, with their notices."
        )

        func run() {
            for notice in WorkCalendar.official.notices {
                print("\(notice.year)\t\(notice.citation)\t\(notice.published)")
            }
        }
    }

    /// A malformed date is a usage error (exit 64, with the usage text); called from `validate()`
    /// so the usage shown is the subcommand's.
    static func parse(_ text: String) throws -> CivilDate {
        do {
            return try CivilDate(iso: text)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Runs a calendar question; a date outside the calendar prints why and exits 2.
    static func answer<T>(_ question: () throws -> T) throws -> T {
        do {
            return try question()
        } catch let error as WorkCalendarError {
            printError("xuncha calendar: \(error.messageZH)\n\(error.messageEN)")
            throw unknownExitCode
        }
    }

    /// `workday`, `workday (调休上班, 劳动节)`, `rest day` or `rest day (劳动节)`.
    static func summary(of day: WorkCalendar.Day) -> String {
        switch day.kind {
        case .workday: "workday"
        case .makeUpWorkday: "workday (调休上班 make-up workday\(day.holidayName.map { ", \($0)" } ?? ""))"
        case .weekend: "rest day"
        case .holiday: day.holidayName.map { "rest day (\($0))" } ?? "rest day"
        }
    }

    private static func printError(_ message: String) {
        var standardError = StandardError()
        print(message, to: &standardError)
    }
}

private struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
