import XunchaCore

/// Where a parsed value came from: the words of the announcement behind it, the sentence they
/// stand in (both as Unicode scalar offsets into the ORIGINAL text, so a page can show what the
/// publisher wrote, traditional script and all), how sure the rule is, and which rule it was.
public struct Evidence: Sendable, Hashable {
    public var span: Range<Int>
    public var sentence: Range<Int>
    /// 0…1: about 0.9 for a labelled value (值班电话：…), lower for values inferred from context
    /// (a year taken from the publication date, a group name composed from 区委 + 巡察组).
    public var confidence: Double
    /// A short name of the rule that found the value, e.g. `period.range`, `deadline.relative`.
    public var rule: String

    public init(span: Range<Int>, sentence: Range<Int>, confidence: Double, rule: String) {
        self.span = span
        self.sentence = sentence
        self.confidence = confidence
        self.rule = rule
    }
}

/// A value found in an announcement, with its evidence.
public struct Found<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var evidence: Evidence

    public init(_ value: Value, _ evidence: Evidence) {
        self.value = value
        self.evidence = evidence
    }
}

/// Something in the announcement that does not add up (end before start, a deadline after the
/// end, a year the work calendar does not know): shown to the person importing it, never fixed
/// silently.
public struct AnnouncementFlag: Sendable, Hashable {
    public var code: String
    public var messageZH: String
    public var messageEN: String
    /// The JSON key of the field concerned.
    public var field: String

    public init(code: String, zh: String, en: String, field: String) {
        self.code = code
        self.messageZH = zh
        self.messageEN = en
        self.field = field
    }
}

/// What one inspection group's part of an announcement says. Field names follow the JSON keys
/// of `xuncha inspection parse` (see docs/announcements.md).
public struct AnnouncedInspection: Sendable, Equatable {
    public var group: Found<String>?
    public var leader: Found<String>?
    public var units: [Found<String>] = []
    public var periodStart: Found<CivilDate>?
    public var periodEnd: Found<CivilDate>?
    public var phones: [Found<String>] = []
    public var emails: [Found<String>] = []
    public var postalBoxes: [Found<String>] = []
    public var otherChannels: [Found<String>] = []
    public var phoneHours: [Found<ReceptionHours>] = []
    public var deadline: Found<CivilDate>?
    public var deadlineTime: Found<ClockTime>?
    public var scopeSubjects: [Found<String>] = []
    public var scopeDisciplines: [Found<String>] = []
    /// The sentence that states the scope, as the public should read it.
    public var scope: Found<String>?
    /// Set when the text says the group does (or does not, 不负责答复) answer reporters.
    public var repliesEnabled: Found<Bool>?
    public var flags: [AnnouncementFlag] = []

    public init() {}
}

/// The result of reading one announcement: one `AnnouncedInspection` per group it names.
public struct Announcement: Sendable, Equatable {
    public var original: String
    /// The publication date, when the text or the caller gives it; it supplies missing years.
    public var published: Found<CivilDate>?
    public var inspections: [AnnouncedInspection]
    /// The part of the original the announcement was found in (a news page may bury it).
    public var region: Range<Int>

    /// Nothing that makes an inspection: no group, no period and no deadline (contact details
    /// alone, a page footer say, are not an announcement).
    public var isEmpty: Bool {
        inspections.allSatisfy { i in i.group == nil && i.periodStart == nil && i.periodEnd == nil && i.deadline == nil }
    }

    /// The words of the original text at `range` (scalar offsets).
    public func originalText(_ range: Range<Int>) -> String {
        let scalars = original.unicodeScalars
        let lower = scalars.index(scalars.startIndex, offsetBy: max(0, min(range.lowerBound, scalars.count)))
        let upper = scalars.index(lower, offsetBy: max(0, min(range.count, scalars.count - range.lowerBound)))
        return String(scalars[lower..<upper])
    }
}
