import XunchaText

/// What reporters write about themselves: self-introductions, family names, the address,
/// workplace and house number given as their own, and contact values after their labels.
extension RedactionScan {
    // MARK: - Self-introductions

    mutating func readSelfIntroductions() {
        for m in triggerMatches {
            let word = redactor.triggers.patterns[m.pattern]
            switch redactor.triggerRoles[m.pattern] {
            case .explicitName(let firstPerson):
                // A label (姓名, 署名) is the writer's unless the sentence names someone else;
                // 名叫 only when the writer is speaking of themself (不是"有个名叫张三的包工头").
                let whose = owner(before: m.range.lowerBound)
                if !firstPerson, whose < 0 || (word == "名叫" && whose == 0) { continue }
                if let name = readName(at: m.range.upperBound, explicit: true) { addSelfName(name, after: word) }
            case .weakName:
                if m.range.lowerBound > 0, evidence[m.range.lowerBound - 1] < 0 { continue }
                if let name = readName(at: m.range.upperBound, explicit: false) { addSelfName(name, after: word) }
            case .introduction:
                if let name = readIntroducedName(after: m.range.upperBound) { addSelfName(name, after: word) }
            case .surname:
                readSurname(after: m.range.upperBound, word: word)
            case .relative:
                if let name = readName(at: m.range.upperBound, explicit: false) {
                    add(name, .reporterDetail, replacement: "［亲属姓名已隐去］", reason: "反映人亲属的姓名（“\(word)”之后）")
                    learn(name, isRelative: true)
                }
            default:
                break
            }
        }
    }

    private mutating func addSelfName(_ range: Range<Int>, after word: String) {
        add(range, .selfIdentification, reason: "反映人自报的姓名（“\(word)”之后）")
        learn(range, isRelative: false)
    }

    private mutating func learn(_ range: Range<Int>, isRelative: Bool) {
        learn(Array(s[range].filter { $0 != " " }), isRelative: isRelative)
    }

    private mutating func learn(_ name: [Unicode.Scalar], isRelative: Bool) {
        guard name.count >= 2, !name.contains("某"), !learned.contains(where: { $0.scalars == name }) else { return }
        learned.append(LearnedName(scalars: name, isRelative: isRelative))
    }

    /// 我姓单 / 鄙人姓宁名志高 / 我姓王，叫王大明: the surname, and the given name when 名 or 叫
    /// introduces it; the whole name is then looked for elsewhere too.
    private mutating func readSurname(after end: Int, word: String) {
        var p = end
        while p < s.count, s[p] == " " || s[p] == ":", p - end < 2 { p += 1 }
        guard p < s.count else { return }
        let length = p + 1 < s.count && redactor.compoundSurnames.contains(s[p], s[p + 1]) ? 2 : (redactor.lexicon.surnames.contains(s[p]) ? 1 : 0)
        guard length > 0 else { return }
        let surname = p..<(p + length)
        // The surname must stand alone: 我姓单 / 我姓单， not 我姓名 or 我姓名是 (a label).
        guard
            surname.upperBound >= s.count || !RedactionChars.isIdeograph(s[surname.upperBound]) || "名叫".unicodeScalars.contains(s[surname.upperBound])
        else { return }
        add(surname, .selfIdentification, replacement: "［姓氏已隐去］", reason: "反映人自报的姓氏（“\(word)”之后）")
        var q = surname.upperBound
        if q < s.count, s[q] == "," || s[q] == "，" { q += 1 }
        if ScalarMatcher.starts(s, with: Array("名叫".unicodeScalars), at: q) {
            q += 2
        } else if q < s.count, s[q] == "名" || s[q] == "叫" {
            q += 1
        } else {
            return
        }
        // 叫王大明 repeats the surname; 名志高 gives the given name alone.
        if let name = readName(at: q, explicit: true), s[name.lowerBound..<min(name.upperBound, name.lowerBound + length)].elementsEqual(s[surname]) {
            addSelfName(name, after: word)
            return
        }
        var given = q
        while given < s.count, given - q < 2, RedactionChars.isIdeograph(s[given]), !RedactionTrigger.notInGivenNames.contains(s[given]) {
            given += 1
        }
        guard given > q else { return }
        add(q..<given, .selfIdentification, replacement: "［名字已隐去］", reason: "反映人自报的名字（“\(word)”之后）")
        learn(Array(s[surname]) + Array(s[q..<given]), isRelative: false)
    }

    /// 我是王五; 我是李家村的王五; 本人是城东社区居民刘芳: a name right after the words, or after
    /// 的 or a word such as 村民 later in the clause.
    private func readIntroducedName(after start: Int) -> Range<Int>? {
        if let name = readName(at: start, explicit: false) { return name }
        var q = start
        while q < s.count, q - start < 25, !RedactionChars.endsClause(s[q]) {
            if s[q] == "的", let name = readName(at: q + 1, explicit: false) { return name }
            for word in RedactionTrigger.roleWords where ScalarMatcher.starts(s, with: word, at: q) {
                if let name = readName(at: q + word.count, explicit: false) { return name }
            }
            q += 1
        }
        return nil
    }

    /// A person's name at `start` (after a colon or space): a surname from the lexicon (or, after
    /// words as explicit as 我叫, any ideograph) and one or two given characters, or surname + 某.
    /// After weaker words (本人, 举报人) the name must end cleanly: at punctuation, the end, or a
    /// word that follows names (男, 现年, 反映 …); a surname that is also an everyday word (向,
    /// 和, 高 …) must end at punctuation. Never inside a subject's name.
    func readName(at start: Int, explicit: Bool) -> Range<Int>? {
        var p = start
        while p < s.count, s[p] == ":" || s[p] == " ", p - start < 3 { p += 1 }
        guard p < s.count, RedactionChars.isIdeograph(s[p]) else { return nil }
        // The name's characters: next to each other, or each after one space (黄 志 强).
        let spaced = p + 2 < s.count && s[p + 1] == " " && RedactionChars.isIdeograph(s[p + 2])
        var positions = [p]
        while positions.count < 4 {
            let next = positions.last! + (spaced ? 2 : 1)
            guard next < s.count, RedactionChars.isIdeograph(s[next]), !spaced || s[next - 1] == " " else { break }
            positions.append(next)
        }
        let lexicon = redactor.lexicon
        var surname = 0
        if positions.count >= 2, redactor.compoundSurnames.contains(s[positions[0]], s[positions[1]]) {
            surname = 2
        } else if lexicon.surnames.contains(s[p]) {
            surname = 1
        }
        guard surname > 0 || explicit else { return nil }
        let ambiguous = surname == 1 && lexicon.ambiguousSurnames.contains(s[p]) && !explicit
        func range(_ count: Int) -> Range<Int> { p..<(positions[count - 1] + 1) }

        // Surname + 某 or 某某 (本人张某): masked, though it names nobody.
        if surname > 0, positions.count > surname, s[positions[surname]] == "某" {
            var count = surname + 1
            if positions.count > count, s[positions[count]] == "某" { count += 1 }
            let r = range(count)
            return endsName(at: r.upperBound, strict: ambiguous) && !overlapsSubject(r) ? r : nil
        }
        let base = max(surname, 1)
        var given = 0
        while given < 2, base + given < positions.count {
            let c = s[positions[base + given]]
            if RedactionTrigger.notInGivenNames.contains(c) || RedactionTrigger.notInNames.contains(c) || c == "某" { break }
            given += 1
        }
        guard given >= 1 else { return nil }
        if surname > 0, postStart[positions[surname]] { return nil }
        if redactor.falseNames.contains(s[positions[0]], s[positions[1]]) { return nil }
        for count in stride(from: base + given, through: base + 1, by: -1) {
            let r = range(count)
            if !overlapsSubject(r), endsName(at: r.upperBound, strict: ambiguous) { return r }
        }
        if explicit, surname > 0 {
            let r = range(base + given)
            return overlapsSubject(r) ? nil : r
        }
        return nil
    }

    /// Whether a name may end before `end`.
    private func endsName(at end: Int, strict: Bool) -> Bool {
        guard end < s.count, RedactionChars.isIdeograph(s[end]) else { return true }
        if strict { return false }
        return RedactionTrigger.afterName.contains { ScalarMatcher.starts(s, with: $0, at: end) }
    }

    // MARK: - Details after labels

    mutating func readLabelledDetails() {
        for m in triggerMatches {
            let word = redactor.triggers.patterns[m.pattern]
            let end = m.range.upperBound
            switch redactor.triggerRoles[m.pattern] {
            case .residence(let label):
                let whose = owner(before: m.range.lowerBound)
                guard whose > 0 || ((label || isFormField(m.range)) && whose == 0), let r = residence(after: end) else { continue }
                add(r, .address, reason: "反映人自述的住址（“\(word)”之后）", stretch: true)
            case .workplaceLabel:
                let whose = owner(before: m.range.lowerBound)
                guard whose > 0 || (isFormField(m.range) && whose == 0), let r = workplaceValue(after: end, label: word) else { continue }
                add(r, .reporterDetail, replacement: "［工作单位已隐去］", reason: "反映人自述的工作单位（“\(word)”之后）", stretch: true)
            case .workVerb:
                if word == "当", end < s.count, RedactionTrigger.notWorkingAfterDang.contains(s[end]) { continue }
                guard let r = workplace(before: m.range.lowerBound) else { continue }
                add(r, .reporterDetail, replacement: "［工作单位已隐去］", reason: "反映人自述的工作单位（在…\(word)）", stretch: true)
            case .houseNumber:
                guard owner(before: m.range.lowerBound) > 0, let r = houseNumber(after: end) else { continue }
                add(r, .reporterDetail, replacement: "［门牌号已隐去］", reason: "反映人的门牌号")
            case .workNumber:
                guard owner(before: m.range.lowerBound) > 0, let r = workNumber(after: end) else { continue }
                add(r, .reporterDetail, replacement: "［工号已隐去］", reason: "反映人的\(word)")
            case .phoneLabel:
                guard let r = phoneToken(after: end) else { continue }
                add(r, .phone, reason: "“\(word)”之后的号码（转办件不需要电话号码）")
            case .phoneTail:
                let start = valueStart(after: end)
                var i = start
                while i < s.count, i - start < 6, RedactionChars.isASCIIDigit(s[i]) { i += 1 }
                guard (3...6).contains(i - start) else { continue }
                add(start..<i, .phone, reason: "电话号码的尾号（转办件不需要电话号码）")
            case .idLabel:
                guard let r = idToken(after: end) else { continue }
                add(r, .idNumber, reason: "“\(word)”之后的证件号码（转办件不需要身份证号码）")
            case .account:
                guard let r = accountToken(after: end, qq: word.lowercased().hasPrefix("qq")) else { continue }
                add(r, .contactAccount, reason: "“\(word)”之后的账号（转办件不需要联系方式）")
            default:
                break
            }
        }
    }

    /// A label that opens a line and is followed by a colon (住址：…): a field of a form the
    /// reporter filled in, theirs unless the line says otherwise.
    private func isFormField(_ label: Range<Int>) -> Bool {
        guard label.upperBound < s.count, s[label.upperBound] == ":" else { return false }
        var k = label.lowerBound - 1
        while k >= 0, s[k] == " " { k -= 1 }
        return k < 0 || s[k] == "\n"
    }

    /// 工号0317, 我的工号是 SW0925: letters, digits and hyphens.
    private func workNumber(after end: Int) -> Range<Int>? {
        let start = valueStart(after: end)
        var i = start
        while i < s.count, i - start < 20, RedactionChars.isASCIIDigit(s[i]) || RedactionChars.isASCIILetter(s[i]) || s[i] == "-" { i += 1 }
        return s[start..<i].contains(where: RedactionChars.isASCIIDigit) ? start..<i : nil
    }

    /// Skips what stands between a label and its value (：, 是, 为, 在, a space).
    private func valueStart(after end: Int, skipping words: Set<Unicode.Scalar> = [":", " ", "是", "为", "在", "于"]) -> Int {
        var i = end
        while i < s.count, i - end < 3, words.contains(s[i]) { i += 1 }
        return i
    }

    /// The end of the clause that starts at `start`, at most `limit` scalars on.
    private func clauseEnd(from start: Int, limit: Int) -> Int {
        var i = start
        while i < s.count, i - start < limit, !RedactionChars.endsClause(s[i]) { i += 1 }
        return i
    }

    /// The address after 家住/住在/联系地址: up to the end of its last place or numbered part;
    /// leading administrative places are kept when a finer part follows (我家住东湖村[三组]).
    private func residence(after end: Int) -> Range<Int>? {
        let start = valueStart(after: end)
        guard start < s.count, s[start] != "的" else { return nil }
        let stop = clauseEnd(from: start, limit: 40)
        let parts = AddressParser.components(s, in: start..<stop)
        guard let last = parts.last else { return nil }
        return AddressParser.maskedRange(of: parts).lowerBound..<last.range.upperBound
    }

    /// 工作单位：县水利局 / 我的单位是…: the words after the label to the end of the clause.
    private func workplaceValue(after end: Int, label: String) -> Range<Int>? {
        let start = valueStart(after: end)
        guard start > end || label.hasSuffix("是") || label.hasSuffix("在"), start < s.count else { return nil }
        let stop = clauseEnd(from: start, limit: 30)
        return stop - start >= 2 ? start..<stop : nil
    }

    /// 我在县自来水公司工作: the words between 在 and the verb, when they end in a word for an
    /// organisation and the writer is the one working there.
    private func workplace(before verb: Int) -> Range<Int>? {
        var k = verb - 1
        while k >= 0, verb - k <= 30, s[k] != "在", !RedactionChars.endsClause(s[k]) { k -= 1 }
        guard k >= 0, s[k] == "在", verb - k - 1 >= 2, owner(before: k) > 0 else { return nil }
        let range = (k + 1)..<verb
        guard let last = s[range].last, RedactionTrigger.organisationEnds.contains(last) else { return nil }
        return range
    }

    private func houseNumber(after end: Int) -> Range<Int>? {
        let start = valueStart(after: end)
        var i = start
        while i < s.count, AddressParser.isNumberScalar(s[i]) { i += 1 }
        guard i > start else { return nil }
        if i < s.count, s[i] == "号" { i += 1 }
        return start..<i
    }

    /// A phone number after its label, also one written with stars (138****5678) or Chinese
    /// numerals, which the extractor does not read.
    private func phoneToken(after end: Int) -> Range<Int>? {
        let start = valueStart(after: end)
        var i = start
        var digits = 0
        var hidden = 0
        while i < s.count {
            let c = s[i]
            if RedactionChars.isASCIIDigit(c) || RedactionChars.isChineseDigit(c) {
                digits += 1
            } else if c == "*" || c == "x" || c == "X" || c == "×" {
                hidden += 1
            } else if !(c == " " || c == "-" || c == "+" || c == "(" || c == ")" || c == "—") {
                break
            }
            i += 1
        }
        while i > start, " -+(—".unicodeScalars.contains(s[i - 1]) { i -= 1 }
        guard digits >= 7 || (digits >= 3 && hidden >= 3 && digits + hidden >= 7) else { return nil }
        return start..<i
    }

    /// An ID number after its label, perhaps in groups (4305 2119 …).
    private func idToken(after end: Int) -> Range<Int>? {
        let start = valueStart(after: end, skipping: [":", " ", "是", "为", "号", "码"])
        var i = start
        var count = 0
        while i < s.count, RedactionChars.isASCIIDigit(s[i]) || s[i] == "X" || s[i] == "x" || (s[i] == " " && count > 0) || s[i] == "*" {
            if s[i] != " " { count += 1 }
            i += 1
        }
        while i > start, s[i - 1] == " " { i -= 1 }
        return (15...18).contains(count) ? start..<i : nil
    }

    /// A QQ number (five digits or more) or WeChat ID after its label.
    private func accountToken(after end: Int, qq: Bool) -> Range<Int>? {
        let start = valueStart(after: end, skipping: [":", " ", "是", "为", "号"])
        var i = start
        while i < s.count, i - start < 30,
            RedactionChars.isASCIIDigit(s[i]) || RedactionChars.isASCIILetter(s[i]) || s[i] == "_" || s[i] == "-"
        {
            i += 1
        }
        let token = s[start..<i]
        let digits = token.filter(RedactionChars.isASCIIDigit).count
        if qq { return digits >= 5 && digits == token.count ? start..<i : nil }
        return token.count >= 6 && RedactionChars.isASCIILetter(token.first!) || digits >= 6 ? start..<i : nil
    }

    // MARK: - Addresses in running text

    /// Addresses met in the text that are the writer's: right after the reporter's name
    /// (反映人：邓某某（湘江路99号3栋）), or a household's address in a sentence the writer speaks
    /// of themself (我是李家村三组村民). Where the misconduct happened (在书院路200号的酒楼) stays.
    mutating func maskAddressChains() {
        let names = candidates.filter { $0.kind == .reporterName || $0.kind == .selfIdentification }.map(\.range)
        for chain in AddressParser.chains(in: s) {
            let start = chain[0].range.lowerBound
            let end = chain.last!.range.upperBound
            if names.contains(where: { nameEnd in isNear(nameEnd.upperBound, start) }) {
                add(AddressParser.maskedRange(of: chain), .address, reason: "紧挨反映人姓名写出的住址", stretch: true)
            } else if chain.count >= 2, chain.last!.dwelling, owner(before: start) > 0, end >= s.count || s[end] != "的" {
                add(AddressParser.maskedRange(of: chain), .address, reason: "反映人以第一人称写出的住址", stretch: true)
            }
        }
    }

    /// Whether only brackets, commas or 住/家住/地址 stand between `a` and `b`.
    private func isNear(_ a: Int, _ b: Int) -> Bool {
        guard a <= b, b - a <= 4 else { return false }
        return s[a..<b].allSatisfy { "(（,，: 、住家现址地在".unicodeScalars.contains($0) }
    }
}

extension ScalarMatcher {
    static func starts(_ s: [Unicode.Scalar], with word: [Unicode.Scalar], at i: Int) -> Bool {
        i >= 0 && i + word.count <= s.count && s[i..<(i + word.count)].elementsEqual(word)
    }
}
