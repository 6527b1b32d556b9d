import Foundation
import Testing
import XunchaCore

/// `WorkCalendar.official` is generated from data/cn-holidays.tsv by scripts/gen-work-calendar.py.
/// This reads the data file independently of the generator and compares facts, so an edit of the
/// data file without regenerating (or a hand edit of the generated file) fails here.
@Suite struct WorkCalendarDataTests {
    /// The repository's data file, found from this source file (resolving the symlinks a scratch
    /// package may use) so the test does not depend on the working directory.
    private static let dataFile: URL = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/cn-holidays.tsv")

    private static func parse(_ text: String) throws -> [WorkCalendar.Notice] {
        struct Bad: Error, CustomStringConvertible { let description: String }
        func day(_ text: Substring) throws -> CivilDate { try CivilDate(iso: String(text)) }
        var notices: [(year: Int, title: String, number: String?, published: CivilDate, source: String, holidays: [WorkCalendar.Holiday])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            switch fields.first {
            case "notice" where fields.count == 6:
                notices.append(
                    (Int(fields[1])!, String(fields[2]), fields[3] == "-" ? nil : String(fields[3]), try day(fields[4]), String(fields[5]), [])
                )
            case "holiday" where fields.count == 7:
                guard notices.last?.year == Int(fields[1]) else { throw Bad(description: "holiday out of its notice: \(line)") }
                let makeUp = fields[6] == "-" ? [] : try fields[6].split(separator: " ").map(day)
                notices[notices.count - 1].holidays.append(
                    .init(name: String(fields[2]), first: try day(fields[3]), last: try day(fields[4]), makeUpWorkdays: makeUp)
                )
                #expect(try day(fields[3]).days(to: day(fields[4])) + 1 == Int(fields[5]), "day count of \(line)")
            default:
                throw Bad(description: "unreadable line: \(line)")
            }
        }
        return notices.map {
            .init(year: $0.year, title: $0.title, number: $0.number, published: $0.published, source: $0.source, holidays: $0.holidays)
        }
    }

    @Test func generatedTableMatchesTheDataFile() throws {
        let text = try String(contentsOf: Self.dataFile, encoding: .utf8)
        let fromFile = try Self.parse(text)
        #expect(fromFile.map(\.year) == [2023, 2024, 2025, 2026])
        #expect(fromFile == WorkCalendar.official.notices, "data/cn-holidays.tsv changed: run scripts/gen-work-calendar.py")
        // And the data itself is consistent (no day listed twice, make-up days on weekends).
        _ = try WorkCalendar(notices: fromFile)
    }

    /// The notices' own counts: 2023 gave 27 days off (元旦's 2022-12-31 included) and 7 make-up days.
    @Test func daysOffAndMakeUpDaysPerNotice() {
        let counts = WorkCalendar.official.notices.map { notice in
            (notice.year, notice.holidays.reduce(0) { $0 + $1.daysOff.count }, notice.holidays.reduce(0) { $0 + $1.makeUpWorkdays.count })
        }
        #expect(counts.map(\.0) == [2023, 2024, 2025, 2026])
        #expect(counts.map(\.1) == [27, 32, 28, 33])
        #expect(counts.map(\.2) == [7, 8, 5, 6])
    }
}
