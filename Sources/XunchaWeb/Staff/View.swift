import Foundation
import XunchaCore

/// How values read on every page: times in Beijing whatever the server's zone, dates and sizes
/// the way people write them.
enum View {
    /// `2023年3月1日 14:05`, in Beijing time whatever the server's zone.
    static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let day = CivilDate(beijingDayOf: date)
        let secondOfDay = ((seconds % 86400) + 86400) % 86400
        let hh = secondOfDay / 3600
        let mm = (secondOfDay % 3600) / 60
        return "\(self.day(day)) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }

    static func day(_ d: CivilDate) -> String { d.chineseText }

    /// An ISO 8601 moment (as screening evidence keeps it) in the words of `time`.
    static func moment(iso text: String) -> String? {
        (try? MomentParser.parse(text, field: "t", labelZH: "t")).map(time)
    }

    /// `2023-03-06T10:20` in Beijing time, the value a `datetime-local` input shows.
    static func localValue(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let day = CivilDate(beijingDayOf: date)
        let s = ((seconds % 86400) + 86400) % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(s / 3600)):\(two(s / 60 % 60))"
    }
}
