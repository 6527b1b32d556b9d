import Foundation

/// A time of day in Beijing time, to the minute, as announcements write reception hours.
public struct ClockTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(hour: Int, minute: Int) {
        guard (0...24).contains(hour), (0...59).contains(minute), hour * 60 + minute <= 24 * 60 else { return nil }
        minutes = hour * 60 + minute
    }

    /// Parses `H:MM` or `HH:MM`; the full-width colon people type is accepted too.
    public init?(parsing text: some StringProtocol) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "：" })
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1])
        else { return nil }
        self.init(hour: h, minute: m)
    }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    public var description: String {
        (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { a.minutes < b.minutes }
}

extension ClockTime: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let t = ClockTime(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a clock time: \(text)"))
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

extension ClockTime {
    /// The time of day of a moment in Beijing (UTC+8 all year), to the minute.
    public init(beijingOf moment: Date) {
        let seconds = Int(moment.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let secondOfDay = ((seconds % 86400) + 86400) % 86400
        self.init(hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60)!
    }
}
