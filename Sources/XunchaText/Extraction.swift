/// Facts found in a text, each with its span. Spans are Unicode scalar offsets into the text
/// handed to the extractor (the original text when it was given a `NormalizedText`).
public struct Extraction: Sendable, Hashable {
    public var phones: [PhoneNumber] = []
    public var emails: [EmailAddress] = []
    public var dates: [DateMention] = []
    public var dateRanges: [DateRange] = []
    public var timeRanges: [TimeRange] = []
    public var money: [MoneyAmount] = []
    public var idNumbers: [IDNumber] = []
    public var postalBoxes: [PostalBox] = []

    public init() {}

    /// Appends what was found in a later part of the same text, whose spans start at scalar
    /// `offset` of the whole (for extracting from input read in pieces).
    public mutating func append(_ other: Extraction, offset: Int) {
        var shifted = other
        shifted.remapSpans { (($0.lowerBound + offset)..<($0.upperBound + offset)) }
        phones += shifted.phones
        emails += shifted.emails
        dates += shifted.dates
        dateRanges += shifted.dateRanges
        timeRanges += shifted.timeRanges
        money += shifted.money
        idNumbers += shifted.idNumbers
        postalBoxes += shifted.postalBoxes
    }

    /// Applies `transform` to every span (ranges inside date ranges included).
    mutating func remapSpans(_ transform: (Range<Int>) -> Range<Int>) {
        func apply<T: Spanned>(_ items: inout [T]) {
            for k in items.indices { items[k].remap(transform) }
        }
        apply(&phones)
        apply(&emails)
        apply(&dates)
        apply(&dateRanges)
        apply(&timeRanges)
        apply(&money)
        apply(&idNumbers)
        apply(&postalBoxes)
    }

    /// The year of the last date written with its year, to carry into the next piece.
    public var lastWrittenYear: Int? { dates.last(where: \.yearWritten)?.year }
}

public struct PhoneNumber: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// An 11-digit mobile number.
        case mobile
        /// A fixed line; `value` is `area-local` when the area code is written.
        case landline
        /// A national service number (12388, 12345, 400/800 numbers).
        case service
    }

    /// Digits only, except a landline's `area-local` hyphen.
    public let value: String
    public let kind: Kind
    public var range: Range<Int>
}

public struct EmailAddress: Sendable, Hashable {
    /// As written, with the domain in lower case.
    public let value: String
    public var range: Range<Int>
}

/// A calendar date; `year` is nil when neither the text nor the caller gives one.
public struct DateMention: Sendable, Hashable {
    public let year: Int?
    public let month: Int
    public let day: Int
    /// Whether the year was written with the date (not inferred).
    public let yearWritten: Bool
    public var range: Range<Int>

    /// ISO 8601: `2023-05-31`, or `--05-31` without a year.
    public var iso: String {
        let md = pad2(month) + "-" + pad2(day)
        guard let year else { return "--" + md }
        return String(year) + "-" + md
    }
}

public struct DateRange: Sendable, Hashable {
    public internal(set) var from: DateMention
    public internal(set) var to: DateMention
    public var range: Range<Int>

    /// ISO 8601 interval: `2023-03-01/2023-05-31`.
    public var iso: String { from.iso + "/" + to.iso }
}

/// A clock time on the 24-hour clock.
public struct ClockTime: Sendable, Hashable, Comparable {
    public let hour: Int
    public let minute: Int

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    /// `HH:MM`.
    public var text: String { pad2(hour) + ":" + pad2(minute) }

    public static func < (a: ClockTime, b: ClockTime) -> Bool { (a.hour, a.minute) < (b.hour, b.minute) }
}

public struct TimeRange: Sendable, Hashable {
    public let from: ClockTime
    public let to: ClockTime
    public var range: Range<Int>

    /// `08:00/12:00`.
    public var text: String { from.text + "/" + to.text }
}

public struct MoneyAmount: Sendable, Hashable {
    /// The amount in yuan as an exact decimal (`15000`, `1234.5`).
    public let value: String
    /// Written with 余, 多, 近, 约 or 左右: the amount is a bound, not exact.
    public let approximate: Bool
    public var range: Range<Int>
}

public struct IDNumber: Sendable, Hashable {
    /// 18 characters, check character upper case.
    public let value: String
    /// ISO birth date encoded in the number.
    public let birthDate: String
    public var range: Range<Int>
}

public struct PostalBox: Sendable, Hashable {
    /// The box as written in the normalized text (`娄底市A032邮政信箱`, `苏州邮政信箱429号`).
    public let value: String
    public var range: Range<Int>
}

/// A found item with a span in its text.
protocol Spanned {
    var range: Range<Int> { get set }
    mutating func remap(_ transform: (Range<Int>) -> Range<Int>)
}

extension Spanned {
    mutating func remap(_ transform: (Range<Int>) -> Range<Int>) { range = transform(range) }
}

extension PhoneNumber: Spanned {}
extension EmailAddress: Spanned {}
extension DateMention: Spanned {}
extension TimeRange: Spanned {}
extension MoneyAmount: Spanned {}
extension IDNumber: Spanned {}
extension PostalBox: Spanned {}

extension DateRange: Spanned {
    mutating func remap(_ transform: (Range<Int>) -> Range<Int>) {
        range = transform(range)
        from.range = transform(from.range)
        to.range = transform(to.range)
    }
}

func pad2(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }
