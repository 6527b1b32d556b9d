/// Amounts of money in yuan: 2000元, 2万元, 1.5万余元, 3000多元, 五万元, 人民币10万元, ¥500.
extension ExtractionScanner {
    func money() -> [MoneyAmount] {
        var out: [MoneyAmount] = []
        var i = 0
        while i < s.count {
            if mayStartNumber(i) || Self.isPrefixStart(at(i)), let found = amount(at: i) {
                out.append(found)
                i = found.range.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// First scalars of what may precede the number: ¥, 人民币, 近, 约, 逾, 超过.
    private static func isPrefixStart(_ c: UInt32) -> Bool {
        switch c {
        case 0xA5, 0x4EBA, 0x8FD1, 0x7EA6, 0x903E, 0x8D85: true
        default: false
        }
    }

    private func amount(at start: Int) -> MoneyAmount? {
        var i = start
        var approximate = false
        var currencyBefore = false
        if at(i) == 0xA5 {  // ¥ (full-width ￥ is folded to it)
            currencyBefore = true
            i = skipSpace(i + 1)
        } else if matches("人民币", at: i) {
            currencyBefore = true
            i = skipSpace(i + 3)
        }
        if Self.isPrefixStart(at(i)), let (_, n) = matchAny(Self.approximateWords, at: i) {
            approximate = true
            i += n
        }
        if !currencyBefore, !approximate, isDigit(start - 1) || at(start - 1) == Ch.dot || at(start - 1) == Ch.comma { return nil }
        // The number: Arabic with optional thousands separators and decimals, or Chinese.
        // Its digits become a string only once a currency word makes it money.
        var arabic: Range<Int>?
        var chineseValue = 0
        var chinese = false
        var chineseHasUnit = false
        if isDigit(i) {
            var j = i
            while isDigit(j) || (at(j) == Ch.comma && isDigit(j + 1) && isDigit(j + 2) && isDigit(j + 3) && !isDigit(j + 4)) {
                j += 1
            }
            if at(j) == Ch.dot, isDigit(j + 1) {
                j += 1
                while isDigit(j) { j += 1 }
            }
            arabic = i..<j
            i = j
        } else if let parsed = ChineseNumeral.parse(s, at: i) {
            chineseValue = parsed.value
            chinese = true
            chineseHasUnit = parsed.hasUnit
            i += parsed.length
        } else {
            return nil
        }
        i = skipSpace(i)
        if matches("余", at: i) || matches("多", at: i) {
            approximate = true
            i += 1
        }
        var exponent = 0
        switch at(i) {
        case Ch.scalar("万"):
            exponent = 4
            i += 1
        case Ch.scalar("亿"):
            exponent = 8
            i += 1
        case Ch.scalar("千") where !chinese:
            exponent = 3
            i += 1
        case Ch.scalar("百") where !chinese:
            exponent = 2
            i += 1
        default:
            break
        }
        if matches("余", at: i) || matches("多", at: i) {
            approximate = true
            i += 1
        }
        var hasYuan = false
        if let (_, n) = matchAny(Self.yuanWords, at: i) {
            hasYuan = true
            i += n
        }
        guard hasYuan || currencyBefore else { return nil }
        // 一元化, 多元: a bare Chinese digit before 元 is rarely money.
        if chinese, !chineseHasUnit, exponent == 0, !currencyBefore { return nil }
        if matches("左右", at: i) {
            approximate = true
            i += 2
        }
        let mantissa = arabic.map { s[$0].filter { $0 != Ch.comma } } ?? String(chineseValue).unicodeScalars.map(\.value)
        guard let value = scaled(mantissa, exponent: exponent) else { return nil }
        return MoneyAmount(value: value, approximate: approximate, range: start..<i)
    }

    // Static, so that the lists are not built again at every number.
    private static let approximateWords: [StaticString] = ["近", "约", "逾", "超过"]
    private static let yuanWords: [StaticString] = ["元", "块钱", "块", "圆"]

    /// `mantissa` (ASCII digits with at most one decimal point) × 10^exponent as an exact
    /// decimal string without trailing zeros. Shifting digits in an array, not in strings.
    private func scaled(_ mantissa: [UInt32], exponent: Int) -> String? {
        let dot = mantissa.firstIndex(of: Ch.dot)
        var integer = Array(mantissa[..<(dot ?? mantissa.endIndex)])
        guard !integer.isEmpty else { return nil }
        var fraction = dot.map { d in Array(mantissa[(d + 1)...].prefix { $0 != Ch.dot }) } ?? []
        let shift = min(exponent, fraction.count)
        integer += fraction.prefix(shift)
        fraction.removeFirst(shift)
        integer += repeatElement(Ch.zero, count: exponent - shift)
        let leadingZeros = min(integer.prefix { $0 == Ch.zero }.count, integer.count - 1)
        integer.removeFirst(leadingZeros)
        while fraction.last == Ch.zero { fraction.removeLast() }
        let digits = fraction.isEmpty ? integer : integer + [Ch.dot] + fraction
        return String(decoding: digits.map { UInt8($0) }, as: UTF8.self)
    }
}
