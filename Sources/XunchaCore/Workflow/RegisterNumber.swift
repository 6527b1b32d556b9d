/// A report's number in the group's register (登记编号), what staff say and print:
/// `市四巡〔2023〕第001号`. Numbers run per inspection in arrival order and are never reused; the
/// prefix is set per inspection, proposed from the group's name.
public struct RegisterNumber: Sendable, Hashable, Codable {
    public var prefix: String
    /// The series after the prefix: none for reports, 线 for leads, 转 for referrals, 底 for
    /// working papers, each numbered on its own.
    public var series: String
    public var year: Int
    public var sequence: Int
    /// Digits shown at least: three for reports, two for the shorter series.
    public var width: Int

    public init(prefix: String, series: String = "", year: Int, sequence: Int, width: Int = 3) {
        self.prefix = prefix
        self.series = series
        self.year = year
        self.sequence = sequence
        self.width = width
    }

    /// `市四巡〔2023〕第001号`, `市四巡线〔2023〕第01号`; more digits when a round takes more.
    public var text: String {
        let digits = String(sequence)
        return "\(prefix)\(series)〔\(year)〕第\(String(repeating: "0", count: max(0, width - digits.count)))\(digits)号"
    }

    /// Reads a number as `text` writes it (`市四巡〔2023〕第001号`): everything before 〔 is the
    /// prefix (with its series, which cannot be told apart from it), the year between 〔 and 〕, the
    /// digits between 第 and 号 the sequence, as many as were written the width. Nil for anything else.
    public init?(parsing text: String) {
        let text = TextLimits.trimmed(text)
        guard let open = text.firstIndex(of: "〔"), let close = text.firstIndex(of: "〕"), open < close,
            text[close...].hasPrefix("〕第"), text.hasSuffix("号")
        else { return nil }
        let yearText = text[text.index(after: open)..<close]
        let digits = text[text.index(close, offsetBy: 2)..<text.index(before: text.endIndex)]
        let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
        guard !yearText.isEmpty, yearText.allSatisfy(isDigit), let year = Int(yearText),
            !digits.isEmpty, digits.count <= 9, digits.allSatisfy(isDigit), let sequence = Int(digits)
        else { return nil }
        self.init(prefix: String(text[..<open]), year: year, sequence: sequence, width: digits.count)
    }

    /// The usual short form of a group's name: the level of the committee that sent it, the
    /// group's ordinal and 巡 (市委第四巡察组 → 市四巡, 中共某某县委第二巡察组 → 县二巡,
    /// 省委第三巡视组 → 省三巡). Nil when the name has no level or ordinal to take.
    public static func proposedPrefix(group: String) -> String? {
        let chars = Array(group)
        guard let committee = chars.firstIndex(of: "委"), committee > 0 else { return nil }
        let level = chars[committee - 1]
        guard "省市县区州盟旗镇乡".contains(level) else { return nil }
        var ordinal = ""
        if let di = chars[committee...].firstIndex(of: "第") {
            var k = di + 1
            while k < chars.count, "一二三四五六七八九十百零〇0123456789".contains(chars[k]) {
                ordinal.append(chars[k])
                k += 1
            }
        }
        guard !ordinal.isEmpty else { return nil }
        return "\(level)\(ordinal)巡"
    }

    /// The longest prefix kept: a few characters, as printed in a register's number column.
    public static let maxPrefixLength = 12
}

extension Inspection {
    /// The register prefix in force: the one set for the inspection, else the one proposed from
    /// the group's name, else 巡察.
    public var effectiveRegisterPrefix: String {
        if let registerPrefix, !registerPrefix.isEmpty { return registerPrefix }
        return RegisterNumber.proposedPrefix(group: group) ?? "巡察"
    }

    /// The number the `sequence`-th item of a series of this inspection gets (reports by
    /// default); the year is the period's.
    public func registerNumber(_ sequence: Int, series: String = "", width: Int = 3) -> RegisterNumber {
        RegisterNumber(prefix: effectiveRegisterPrefix, series: series, year: periodStart.year, sequence: sequence, width: width)
    }
}
