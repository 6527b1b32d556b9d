/// Dates, date ranges and clock-time ranges.
extension ExtractionScanner {
    /// A date as written, before the year is resolved.
    struct RawDate {
        var year: Int?
        var month: Int
        var day: Int
        var range: Range<Int>
    }

    /// Separators of a range: dashes, tildes, 至 and 到 (with one optional space either side).
    func rangeSeparator(at i: Int) -> Int? {
        var j = skipSpace(i)
        // 自3月1日起至5月31日止: 起 may come before the separator.
        if at(j) == Ch.scalar("起") { j = skipSpace(j + 1) }
        let c = at(j)
        if c == Ch.emDash {
            j += at(j + 1) == Ch.emDash ? 2 : 1
        } else if c == Ch.hyphen || c == Ch.tilde || c == Ch.scalar("至") || c == Ch.scalar("到") {
            j += 1
        } else {
            return nil
        }
        return skipSpace(j) - i
    }

    // MARK: - Dates

    func datesAndRanges() -> ([DateMention], [DateRange]) {
        var dates: [DateMention] = []
        var ranges: [DateRange] = []
        var contextYear: Int?
        var i = 0
        while i < s.count {
            guard mayStartNumber(i), var first = rawDate(at: i) else {
                // A year written alone (2023年度, 2023年巡察) also tells the year of what follows.
                if !isDigit(i - 1), let (y, n) = yearNumber(at: i), at(skipSpace(i + n)) == Ch.scalar("年") {
                    contextYear = y
                    i += n
                } else {
                    i += 1
                }
                continue
            }
            let firstWritten = first.year != nil
            first.year = first.year ?? contextYear ?? referenceYear
            if firstWritten { contextYear = first.year }
            let from = DateMention(year: first.year, month: first.month, day: first.day, yearWritten: firstWritten, range: first.range)
            guard isValidDate(year: from.year, month: from.month, day: from.day) else {
                i = first.range.upperBound
                continue
            }
            dates.append(from)
            i = first.range.upperBound
            // A second date after a separator makes a range; it may omit year and month.
            guard let sep = rangeSeparator(at: i) else { continue }
            let j = i + sep
            var second: RawDate
            if let full = rawDate(at: j) {
                second = full
            } else if let dayOnly = dayOnlyDate(at: j, month: first.month) {
                second = dayOnly
            } else {
                continue
            }
            let secondWritten = second.year != nil
            if second.year == nil, let year = first.year {
                // 12月1日至1月31日 runs into the next year.
                second.year = (second.month, second.day) < (first.month, first.day) ? year + 1 : year
            }
            if secondWritten { contextYear = second.year }
            let to = DateMention(year: second.year, month: second.month, day: second.day, yearWritten: secondWritten, range: second.range)
            guard isValidDate(year: to.year, month: to.month, day: to.day) else { continue }
            dates.append(to)
            ranges.append(DateRange(from: from, to: to, range: from.range.lowerBound..<to.range.upperBound))
            i = to.range.upperBound
        }
        return fillYearsFromLaterDates(dates, ranges)
    }

    /// Dates with no year before them and no reference year take the year of the next date
    /// written with one (an announcement may give the period first and the dated deadline after).
    private func fillYearsFromLaterDates(_ dates: [DateMention], _ ranges: [DateRange]) -> ([DateMention], [DateRange]) {
        guard dates.contains(where: { $0.year == nil }) else { return (dates, ranges) }
        var nextYear: Int?
        var filled = dates
        for k in filled.indices.reversed() {
            let d = filled[k]
            if d.yearWritten {
                nextYear = d.year
            } else if d.year == nil, let year = nextYear {
                filled[k] = DateMention(year: year, month: d.month, day: d.day, yearWritten: false, range: d.range)
            }
        }
        let byStart = Dictionary(filled.map { ($0.range.lowerBound, $0) }, uniquingKeysWith: { a, _ in a })
        let fixedRanges = ranges.map { r -> DateRange in
            guard r.from.year == nil || r.to.year == nil, var from = byStart[r.from.range.lowerBound], var to = byStart[r.to.range.lowerBound] else {
                return r
            }
            if from.year == nil, let y = to.year {
                from = DateMention(
                    year: (from.month, from.day) > (to.month, to.day) ? y - 1 : y,
                    month: from.month,
                    day: from.day,
                    yearWritten: false,
                    range: from.range
                )
            }
            if to.year == nil, let y = from.year {
                to = DateMention(
                    year: (to.month, to.day) < (from.month, from.day) ? y + 1 : y,
                    month: to.month,
                    day: to.day,
                    yearWritten: false,
                    range: to.range
                )
            }
            return DateRange(from: from, to: to, range: r.range)
        }
        let rangeDates = Dictionary(
            fixedRanges.flatMap { [($0.from.range.lowerBound, $0.from), ($0.to.range.lowerBound, $0.to)] },
            uniquingKeysWith: { a, _ in a }
        )
        return (filled.map { rangeDates[$0.range.lowerBound] ?? $0 }, fixedRanges)
    }

    /// 2023年2月27日, 二〇二三年五月三十一日, 3月1日, 5月31号, 2023-05-31, 2023/5/31, 2023.5.31.
    func rawDate(at i: Int) -> RawDate? {
        if isDigit(i - 1) || isASCIILetter(i - 1) || at(i - 1) == Ch.dot { return nil }
        if let numeric = numericDate(at: i) { return numeric }
        var j = i
        var year: Int?
        if let (y, length) = yearNumber(at: j), at(skipSpace(j + length)) == Ch.scalar("年") {
            year = y
            j = skipSpace(skipSpace(j + length) + 1)
        }
        guard let (month, mLength) = smallNumber(at: j, max: 12), at(skipSpace(j + mLength)) == Ch.scalar("月") else { return nil }
        if year == nil, ChineseNumeral.digit(at(i - 1)) != nil || ChineseNumeral.unit(at(i - 1)) != nil { return nil }
        j = skipSpace(skipSpace(j + mLength) + 1)
        guard let (day, dLength) = smallNumber(at: j, max: 31) else { return nil }
        let suffix = skipSpace(j + dLength)
        guard at(suffix) == Ch.scalar("日") || at(suffix) == Ch.scalar("号") else { return nil }
        return RawDate(year: year, month: month, day: day, range: i..<suffix + 1)
    }

    private func numericDate(at i: Int) -> RawDate? {
        guard let (year, yLength) = digits(at: i), yLength == 4, (1900...2100).contains(year) else { return nil }
        let sep = at(i + 4)
        guard sep == Ch.hyphen || sep == Ch.slash || sep == Ch.dot else { return nil }
        guard let (month, mLength) = digits(at: i + 5), mLength <= 2, at(i + 5 + mLength) == sep else { return nil }
        let d = i + 6 + mLength
        guard let (day, dLength) = digits(at: d), dLength <= 2 else { return nil }
        let end = d + dLength
        if isDigit(end) || (at(end) == sep && isDigit(end + 1)) { return nil }
        guard isValidDate(year: year, month: month, day: day) else { return nil }
        return RawDate(year: year, month: month, day: day, range: i..<(at(end) == Ch.scalar("日") ? end + 1 : end))
    }

    private func dayOnlyDate(at i: Int, month: Int) -> RawDate? {
        guard let (day, length) = smallNumber(at: i, max: 31) else { return nil }
        let suffix = skipSpace(i + length)
        guard at(suffix) == Ch.scalar("日") || at(suffix) == Ch.scalar("号") else { return nil }
        return RawDate(year: nil, month: month, day: day, range: i..<suffix + 1)
    }

    /// A four-digit year in Arabic or Chinese digits (2023, 二〇二三).
    func yearNumber(at i: Int) -> (Int, Int)? {
        if let (v, n) = digits(at: i) {
            return n == 4 && (1900...2100).contains(v) ? (v, n) : nil
        }
        if let parsed = ChineseNumeral.parse(s, at: i, digitwise: true), parsed.length == 4, (1900...2100).contains(parsed.value) {
            return (parsed.value, 4)
        }
        return nil
    }

    /// A number of one or two Arabic digits, or a Chinese numeral, not above `max`.
    func smallNumber(at i: Int, max: Int) -> (Int, Int)? {
        if let (v, n) = digits(at: i) {
            return n <= 2 && v >= 0 && v <= max ? (v, n) : nil
        }
        if let parsed = ChineseNumeral.parse(s, at: i, allowLargeUnits: false), parsed.value <= max, parsed.length <= 3 {
            return (parsed.value, parsed.length)
        }
        return nil
    }

    // MARK: - Clock times

    struct RawTime {
        var hour: Int
        var minute: Int
        /// +12 applies below 12 (下午, 晚上), nil when no period word was written.
        var afternoon: Bool?
        var range: Range<Int>
    }

    private static let morningWords: [StaticString] = ["上午", "早上", "早晨", "凌晨", "清晨", "早"]
    /// First scalars of the period words (上早凌清下晚傍夜中); a switch, not a hashed set,
    /// because it runs at every position.
    private static func isPeriodWordStart(_ c: UInt32) -> Bool {
        switch c {
        case 0x4E0A, 0x65E9, 0x51CC, 0x6E05, 0x4E0B, 0x665A, 0x508D, 0x591C, 0x4E2D: true
        default: false
        }
    }
    private static let afternoonWords: [StaticString] = ["下午", "晚上", "傍晚", "夜间", "夜里", "晚"]

    func timeRanges() -> [TimeRange] {
        var out: [TimeRange] = []
        var i = 0
        while i < s.count {
            guard mayStartNumber(i) || Self.isPeriodWordStart(at(i)), let first = rawTime(at: i),
                let sep = rangeSeparator(at: first.range.upperBound),
                let second = rawTime(at: first.range.upperBound + sep)
            else {
                i += 1
                continue
            }
            let from = resolve(first)
            var to = resolve(second)
            if second.afternoon == nil {
                // 下午2:30-5:30 and 8:30-5:30: the end is after the start, so a smaller hour
                // below 12 means the afternoon.
                if first.afternoon == true && second.hour < 12 && second.hour + 12 >= from.hour {
                    to = ClockTime(hour: second.hour + 12, minute: second.minute)
                } else if to < from && second.hour < 12 {
                    to = ClockTime(hour: second.hour + 12, minute: second.minute)
                }
            }
            guard from < to, to.hour < 24 || (to.hour == 24 && to.minute == 0) else {
                i = first.range.upperBound
                continue
            }
            out.append(TimeRange(from: from, to: to, range: first.range.lowerBound..<second.range.upperBound))
            i = second.range.upperBound
        }
        return out
    }

    private func resolve(_ t: RawTime) -> ClockTime {
        if t.afternoon == true, t.hour < 12 { return ClockTime(hour: t.hour + 12, minute: t.minute) }
        return ClockTime(hour: t.hour, minute: t.minute)
    }

    /// 8:00, 14:30, 上午8点, 8点30分, 8点半, 下午2:30, 中午12时, 晚6点.
    func rawTime(at start: Int) -> RawTime? {
        var i = start
        var afternoon: Bool?
        // The period words are tried only where one can start: most calls are at a digit.
        if Self.isPeriodWordStart(at(i)) {
            if let (_, n) = matchAny(Self.morningWords, at: i) {
                afternoon = false
                i = skipSpace(i + n)
            } else if let (_, n) = matchAny(Self.afternoonWords, at: i) {
                afternoon = true
                i = skipSpace(i + n)
            } else if matches("中午", at: i) {
                i = skipSpace(i + 2)
                afternoon = nil
                if let t = clock(at: i) {
                    // 中午12点 is noon, 中午1点 is 13:00.
                    let pm = t.hour < 6
                    return RawTime(hour: t.hour, minute: t.minute, afternoon: pm ? true : nil, range: start..<t.end)
                }
                return nil
            }
        }
        // Not the minutes or seconds of another time (12:30:45), nor part of a number (1.5).
        if afternoon == nil, isDigit(start - 1) || (at(start - 1) == Ch.colon || at(start - 1) == Ch.dot) && isDigit(start - 2) { return nil }
        guard let t = clock(at: i) else { return nil }
        return RawTime(hour: t.hour, minute: t.minute, afternoon: afternoon, range: start..<t.end)
    }

    private func clock(at i: Int) -> (hour: Int, minute: Int, end: Int)? {
        if let (h, hLength) = digits(at: i), hLength <= 2, h <= 24 {
            let j = i + hLength
            if at(j) == Ch.colon, let (m, mLength) = digits(at: j + 1), mLength == 2, m < 60 {
                if isDigit(j + 3) || (at(j + 3) == Ch.colon && isDigit(j + 4) && h > 24) { return nil }
                return (h, m, j + 3)
            }
            return hourWord(h, after: j)
        }
        if let parsed = ChineseNumeral.parse(s, at: i, allowLargeUnits: false), parsed.value <= 24 {
            return hourWord(parsed.value, after: i + parsed.length)
        }
        return nil
    }

    /// `点`/`时` after an hour, with optional minutes (30分, 半, 30).
    private func hourWord(_ hour: Int, after j: Int) -> (hour: Int, minute: Int, end: Int)? {
        let c = at(j)
        guard c == Ch.scalar("点") || c == Ch.scalar("时") else { return nil }
        var k = j + 1
        if at(k) == Ch.scalar("半") { return (hour, 30, k + 1) }
        if let (m, n) = digits(at: k), n <= 2, m < 60 {
            k += n
            if at(k) == Ch.scalar("分") { k += 1 }
            return (hour, m, k)
        }
        if let parsed = ChineseNumeral.parse(s, at: k, allowLargeUnits: false), parsed.value < 60, at(k + parsed.length) == Ch.scalar("分") {
            return (hour, parsed.value, k + parsed.length + 1)
        }
        if at(k) == Ch.scalar("整") { k += 1 }
        return (hour, 0, k)
    }
}
