/// Phones, e-mail addresses, ID numbers and postal boxes.
extension ExtractionScanner {
    // MARK: - E-mail

    func emails() -> [EmailAddress] {
        var out: [EmailAddress] = []
        var i = 0
        while i < s.count {
            guard s[i] == Ch.at else {
                i += 1
                continue
            }
            var lo = i
            while lo > 0, isLocalPart(s[lo - 1]) { lo -= 1 }
            while lo < i, s[lo] == Ch.dot { lo += 1 }  // a local part cannot start with a dot
            var hi = i + 1
            while hi < s.count, isDomainPart(s[hi]) { hi += 1 }
            while hi > i + 1, s[hi - 1] == Ch.dot || s[hi - 1] == Ch.hyphen { hi -= 1 }
            if lo < i, s[i - 1] != Ch.dot, validDomain(i + 1..<hi) {
                let local = string(lo..<i)
                let domain = string(i + 1..<hi).lowercased()
                out.append(EmailAddress(value: local + "@" + domain, range: lo..<hi))
                i = hi
                continue
            }
            i += 1
        }
        return out
    }

    private func isLocalPart(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == Ch.dot || c == 0x5F || c == Ch.hyphen || c == Ch.plus
            || c == 0x25
    }

    private func isDomainPart(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == Ch.dot || c == Ch.hyphen
    }

    private func validDomain(_ r: Range<Int>) -> Bool {
        let labels = string(r).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else { return false }
        let tld = labels.last!
        return tld.count >= 2 && tld.allSatisfy { $0.isLetter }
    }

    // MARK: - ID numbers

    func idNumbers() -> [IDNumber] {
        var out: [IDNumber] = []
        var i = 0
        while i < s.count {
            guard isDigit(i), !isAlphanumeric(i - 1) else {
                i += 1
                continue
            }
            var j = i
            while isDigit(j) { j += 1 }
            var end = j
            if j - i == 17, at(j) | 0x20 == 0x78 { end = j + 1 }  // check character X
            if end - i == 18, !isAlphanumeric(end), let id = validID(i..<end) {
                out.append(id)
            }
            i = max(end, i + 1)
        }
        return out
    }

    private func validID(_ r: Range<Int>) -> IDNumber? {
        let chars = r.map { s[$0] }
        guard chars[0] != Ch.zero else { return nil }
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for k in 0..<17 { sum += Int(chars[k] - Ch.zero) * weights[k] }
        let check = Array("10X98765432".unicodeScalars)[sum % 11].value
        let last = chars[17] == 0x78 ? 0x58 : chars[17]
        guard last == check else { return nil }
        func number(_ a: Int, _ b: Int) -> Int { (a..<b).reduce(0) { $0 * 10 + Int(chars[$1] - Ch.zero) } }
        let year = number(6, 10)
        let month = number(10, 12)
        let day = number(12, 14)
        guard (1900...2099).contains(year), isValidDate(year: year, month: month, day: day) else { return nil }
        var value = string(r)
        if value.hasSuffix("x") { value = String(value.dropLast()) + "X" }
        let birth = String(year) + "-" + pad2(month) + "-" + pad2(day)
        return IDNumber(value: value, birthDate: birth, range: r)
    }

    // MARK: - Phones

    /// Words that make a bare local or short number a phone number.
    private static let phoneContext: [StaticString] = ["电话", "热线", "拨打", "致电", "手机", "号码", "短信", "来电", "联系", "举报", "传真", "Tel", "TEL", "tel"]

    func phones(excluding taken: [Range<Int>]) -> [PhoneNumber] {
        var out: [PhoneNumber] = []
        var i = 0
        var lastLandlineArea: String?
        var lastEnd = -10
        while i < s.count {
            let startsGroup = isDigit(i) || (at(i) == Ch.plus && isDigit(i + 1)) || (at(i) == Ch.leftParen && isDigit(i + 1))
            guard startsGroup, !isAlphanumeric(i - 1), at(i - 1) != Ch.dot, at(i - 1) != Ch.at, at(i - 1) != Ch.hyphen || !isDigit(i - 2),
                !taken.contains(where: { $0.contains(i) })
            else {
                i += 1
                continue
            }
            if let found = phone(at: i, previousArea: i - lastEnd <= 2 ? lastLandlineArea : nil) {
                if !taken.contains(where: { $0.overlaps(found.range) }) {
                    out.append(found)
                    lastLandlineArea = found.kind == .landline ? found.value.split(separator: "-").first.map(String.init) : nil
                    lastEnd = found.range.upperBound
                }
                i = found.range.upperBound
                continue
            }
            // Past this run of digits, but not past a '+' or '(' that may start the next number.
            let start = i
            while isDigit(i) { i += 1 }
            if i == start { i += 1 }
        }
        return out
    }

    /// Digit groups from `i` separated by one hyphen or space, with an optional `+86`/`(0738)`.
    private func phone(at start: Int, previousArea: String?) -> PhoneNumber? {
        var i = start
        var groups: [Range<Int>] = []
        var parenArea: String?
        if at(i) == Ch.plus {
            guard matches("+86", at: i) else { return nil }
            i = skipSpace(i + 3)
            if at(i) == Ch.hyphen { i += 1 }
        } else if at(i) == Ch.leftParen {
            var j = i + 1
            while isDigit(j) { j += 1 }
            guard at(j) == Ch.rightParen, (3...4).contains(j - i - 1), at(i + 1) == Ch.zero else { return nil }
            parenArea = string(i + 1..<j)
            i = skipSpace(j + 1)
        }
        while isDigit(i) {
            var j = i
            while isDigit(j) { j += 1 }
            groups.append(i..<j)
            // An em dash also separates an area code (0738—8311234), but only there.
            let areaDash = at(j) == Ch.emDash && groups.count == 1 && at(i) == Ch.zero && (3...4).contains(j - i)
            guard at(j) == Ch.hyphen || at(j) == Ch.space || areaDash, isDigit(j + 1), groups.count < 4 else { break }
            i = j + 1
        }
        guard let last = groups.last else { return nil }
        if isASCIILetter(last.upperBound) || at(last.upperBound) == Ch.at { return nil }
        // The longest run of groups that forms one number; the rest is left for the next match.
        var digitCount = groups.reduce(0) { $0 + $1.count }
        for n in stride(from: groups.count, through: 1, by: -1) {
            defer { digitCount -= groups[n - 1].count }
            // Every number below has at least five digits: a year, a day or an amount is
            // passed over without building its digits.
            guard digitCount >= Self.fewestPhoneDigits else { continue }
            let end = groups[n - 1].upperBound
            if isDigit(end) || (at(end) == Ch.dot && isDigit(end + 1)) { continue }
            let digits = groups[0..<n].map(string).joined()
            if let area = parenArea {
                if let local = localNumber(digits) { return PhoneNumber(value: area + "-" + local, kind: .landline, range: start..<end) }
                continue
            }
            if let phone = classify(digits, firstGroupLength: groups[0].count, groupCount: n, start: start, end: end, previousArea: previousArea) {
                return phone
            }
        }
        return nil
    }

    /// The shortest number `classify` and `localNumber` accept (a five-digit service number).
    private static let fewestPhoneDigits = 5

    private func classify(_ digits: String, firstGroupLength: Int, groupCount: Int, start: Int, end: Int, previousArea: String?) -> PhoneNumber? {
        let bytes = Array(digits.utf8)
        let count = bytes.count
        let range = start..<end
        // Looked up only where a rule needs it: most digit runs are settled by their length.
        func hasContext() -> Bool { precededByAny(Self.phoneContext, before: start, window: 16) }
        // Mobile: 1[3-9] and 11 digits (an 86 country code may precede).
        if count == 13, digits.hasPrefix("86"), bytes[2] == 0x31 {
            return PhoneNumber(value: String(digits.dropFirst(2)), kind: .mobile, range: range)
        }
        if count == 11, bytes[0] == 0x31, (0x33...0x39).contains(bytes[1]) {
            return PhoneNumber(value: digits, kind: .mobile, range: range)
        }
        // 400 and 800 numbers.
        if count == 10, digits.hasPrefix("400") || digits.hasPrefix("800") {
            return PhoneNumber(value: digits, kind: .service, range: range)
        }
        // Landline with area code: 010 and 02x have three digits, the others four.
        if bytes[0] == 0x30, count >= 10, count <= 12 {
            let areaLength = (bytes[1] == 0x31 || bytes[1] == 0x32) ? 3 : 4
            if groupCount == 1 || firstGroupLength == areaLength {
                let area = String(digits.prefix(areaLength))
                if let local = localNumber(String(digits.dropFirst(areaLength))) {
                    return PhoneNumber(value: area + "-" + local, kind: .landline, range: range)
                }
            }
        }
        // A service number dialled with an area code (0731-12388, the local discipline hotline).
        if bytes[0] == 0x30, count == 8 || count == 9 {
            let areaLength = (bytes[1] == 0x31 || bytes[1] == 0x32) ? 3 : 4
            let rest = digits.dropFirst(areaLength)
            if rest.count == 5, rest.hasPrefix("12"), groupCount == 1 || firstGroupLength == areaLength {
                return PhoneNumber(value: String(digits.prefix(areaLength)) + "-" + rest, kind: .service, range: range)
            }
        }
        // A local number after a landline ("0553-2595762/2595763") shares its area code.
        if let area = previousArea, groupCount == 1, let local = localNumber(digits) {
            return PhoneNumber(value: area + "-" + local, kind: .landline, range: range)
        }
        // Short national service numbers (12388 is the discipline inspection hotline).
        if groupCount == 1, count == 5, digits.hasPrefix("12"), hasContext() || followedByPhoneWord(end) {
            return PhoneNumber(value: digits, kind: .service, range: range)
        }
        // A local number without area code, only where the text says it is a phone.
        if groupCount == 1, localNumber(digits) != nil, hasContext() {
            return PhoneNumber(value: digits, kind: .landline, range: range)
        }
        return nil
    }

    private func followedByPhoneWord(_ i: Int) -> Bool {
        matchAny(["热线", "电话", "举报", "服务"], at: skipSpace(i)) != nil
    }

    private func localNumber(_ digits: String) -> String? {
        let bytes = Array(digits.utf8)
        guard (7...8).contains(bytes.count), bytes[0] != 0x30, bytes[0] != 0x31 else { return nil }
        return digits
    }

    // MARK: - Postal boxes

    /// Words after which a place name before a box cannot continue leftwards.
    private static let placeStops: Set<UInt32> = Set("寄至往为是在设的或和及、:,;。:至到向址箱".unicodeScalars.map(\.value))

    func postalBoxes() -> [PostalBox] {
        var out: [PostalBox] = []
        var i = 0
        let box = "信箱".unicodeScalars.map(\.value)
        while i + 1 < s.count {
            guard s[i] == box[0], s[i + 1] == box[1] else {
                i += 1
                continue
            }
            let postal = i >= 2 && matches("邮政", at: i - 2)
            let beforeWord = postal ? i - 2 : i
            // Pattern 1: [place][code](邮政)信箱, e.g. 娄底市A032邮政信箱, 北京市3011信箱.
            var codeStart = beforeWord
            while codeStart > 0, isDigit(codeStart - 1) || at(codeStart - 1) == Ch.hyphen { codeStart -= 1 }
            if at(beforeWord - 1) == Ch.scalar("号") {
                codeStart = beforeWord - 1
                while codeStart > 0, isDigit(codeStart - 1) || at(codeStart - 1) == Ch.hyphen { codeStart -= 1 }
                if codeStart == beforeWord - 1 { codeStart = beforeWord }
            }
            if codeStart < beforeWord, isDigit(codeStart) || at(codeStart) == Ch.hyphen {
                if isASCIILetter(codeStart - 1), !isASCIILetter(codeStart - 2) { codeStart -= 1 }
                let start = placeStart(before: codeStart)
                out.append(PostalBox(value: string(start..<i + 2), range: start..<i + 2))
                i += 2
                continue
            }
            // Pattern 2: [place]邮政信箱[code]号, e.g. 苏州邮政信箱429号, 邮政信箱:A032.
            if postal {
                var j = i + 2
                if at(j) == Ch.colon { j += 1 }
                j = skipSpace(j)
                if at(j) == Ch.scalar("第") { j += 1 }
                let codeBegin = j
                if isASCIILetter(j), isDigit(j + 1) { j += 1 }
                while isDigit(j) || (at(j) == Ch.hyphen && isDigit(j + 1)) { j += 1 }
                if j > codeBegin, isDigit(j - 1) {
                    if at(j) == Ch.scalar("号") { j += 1 }
                    let start = codeBegin == i + 2 ? placeStart(before: beforeWord) : beforeWord
                    out.append(PostalBox(value: string(start..<j), range: start..<j))
                    i = j
                    continue
                }
            }
            i += 2
        }
        return out
    }

    /// The start of the place name written before a box code: ideographs back to a delimiter.
    private func placeStart(before end: Int) -> Int {
        var k = end
        while k > 0, end - k < 12 {
            let c = s[k - 1]
            guard isIdeograph(c), !Self.placeStops.contains(c) else { break }
            k -= 1
        }
        // Labels such as 举报 in front of the place are not part of it.
        for label: StaticString in ["举报", "来信", "地址", "寄往", "通信"] where matches(label, at: k) && k + 2 < end {
            k += 2
        }
        return k
    }
}

func isValidDate(year: Int?, month: Int, day: Int) -> Bool {
    guard (1...12).contains(month), day >= 1 else { return false }
    let lengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    guard day <= lengths[month - 1] else { return false }
    if month == 2, day == 29, let year {
        return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }
    return true
}
