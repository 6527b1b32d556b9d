import XunchaText

/// One pass of the redactor over one normalized text. Everything is found in the normalized
/// text (simplified script, half-width digits) and mapped back to the original at the end.
struct RedactionScan {
    typealias Kind = ReferralRedaction.Mask.Kind

    struct Candidate {
        /// Scalar offsets in the normalized text.
        var range: Range<Int>
        var kind: Kind
        var replacement: String
        var reason: String
        /// Read as a stretch of words (an address, a workplace) rather than as one value: the
        /// subjects' names are cut out of it.
        var stretch: Bool
    }

    let redactor: ReferralRedactor
    let normalized: NormalizedText
    let s: [Unicode.Scalar]
    let needles: IdentityNeedles
    let subjectNames: [[Unicode.Scalar]]
    let namesFromElsewhere: [LearnedName]

    var candidates: [Candidate] = []
    /// Where the subjects' names occur (not inside a longer occurrence of the reporter's name).
    var subjectSpans: [Range<Int>] = []
    /// Names the text gives for the reporter or the reporter's family.
    var learned: [LearnedName] = []
    /// Per scalar: 1 where the writer speaks of themself (我, 本人, their name), -1 where of
    /// someone else (他, a subject, 王局长), 0 elsewhere.
    var evidence: [Int8]
    /// Where a post or private-party word starts (局长, 老板): a surname before it is no name.
    var postStart: [Bool]
    var triggerMatches: [KeywordMatch] = []

    init(redactor: ReferralRedactor, normalized: NormalizedText, needles: IdentityNeedles, subjects: [String], namesFromElsewhere: [LearnedName]) {
        self.redactor = redactor
        self.normalized = normalized
        s = normalized.scalars
        self.needles = needles
        subjectNames = subjects.map { redactor.normalizer.normalize($0).unicodeScalars.filter { !$0.properties.isWhitespace } }
            .filter { $0.count >= 2 }
        self.namesFromElsewhere = namesFromElsewhere
        evidence = [Int8](repeating: 0, count: normalized.scalars.count)
        postStart = [Bool](repeating: false, count: normalized.scalars.count + 1)
    }

    mutating func run() -> ReferralRedaction {
        guard !s.isEmpty else { return ReferralRedaction(text: normalized.original, masks: []) }
        let text = normalized.text
        triggerMatches = redactor.triggers.matches(in: text, mode: .leftmostLongest)
        for m in redactor.posts.matches(in: text) { postStart[m.range.lowerBound] = true }
        findSubjects()
        markOthers()
        markFirstPersonWords()
        maskRegisteredName()
        readSelfIntroductions()
        maskLearnedNames()
        for c in candidates where c.kind == .reporterName || c.kind == .selfIdentification {
            for k in c.range { evidence[k] = 1 }
        }
        maskIdentityValues()
        maskExtracted()
        readLabelledDetails()
        maskAddressChains()
        return finish()
    }

    // MARK: - Adding masks

    mutating func add(_ range: Range<Int>, _ kind: Kind, replacement: String? = nil, reason: String, stretch: Bool = false) {
        guard !range.isEmpty else { return }
        candidates.append(Candidate(range: range, kind: kind, replacement: replacement ?? kind.replacement, reason: reason, stretch: stretch))
    }

    func overlapsSubject(_ range: Range<Int>) -> Bool { subjectSpans.contains { $0.overlaps(range) } }

    func string(_ range: Range<Int>) -> String { String(scalars: s[range]) }

    /// The words as written in the original behind a normalized range.
    func originalWords(_ range: Range<Int>) -> String {
        String(scalars: normalized.originalScalars[normalized.originalRange(of: range)])
    }

    // MARK: - Whose is it

    /// Whose detail stands at `position`, judged by the nearest mention of a person before it in
    /// the same sentence: 1 the writer, -1 someone else, 0 nobody.
    func owner(before position: Int) -> Int8 {
        var k = position - 1
        while k >= 0, position - k <= 160, !RedactionChars.endsSentence(s[k]) {
            if evidence[k] != 0 { return evidence[k] }
            k -= 1
        }
        return 0
    }

    private mutating func markFirstPersonWords() {
        for k in s.indices {
            switch s[k] {
            case "我", "咱", "俺":
                if k == 0 || s[k - 1] != "自" { evidence[k] = 1 }
            case "本" where k + 1 < s.count && s[k + 1] == "人":
                // 他本人, 王局长本人: the other person himself.
                if k > 0, evidence[k - 1] < 0 { continue }
                evidence[k] = 1
                evidence[k + 1] = 1
            case "鄙" where k + 1 < s.count && s[k + 1] == "人":
                evidence[k] = 1
                evidence[k + 1] = 1
            default: break
            }
        }
    }

    /// Third persons: pronouns, the subjects' names, and the people the subject finder reads
    /// (王局长, 村支书, 张某某).
    private mutating func markOthers() {
        for k in s.indices {
            switch s[k] {
            case "他", "她", "它":
                evidence[k] = -1
            case "其":
                let next = k + 1 < s.count ? s[k + 1] : " "
                let previous = k > 0 ? s[k - 1] : " "
                if !"中他它实余次后".unicodeScalars.contains(next), !"尤极与".unicodeScalars.contains(previous) { evidence[k] = -1 }
            default: break
            }
        }
        for span in subjectSpans { for k in span { evidence[k] = -1 } }
        let analysis = redactor.subjectFinder.find(in: normalized)
        guard !analysis.findings.isEmpty else { return }
        let toNormalized = normalizedIndexByOriginal()
        for f in analysis.findings where f.kind != .organisation && f.pattern != .unit {
            let lower = toNormalized[min(f.range.lowerBound, toNormalized.count - 1)]
            let upper = toNormalized[min(f.range.upperBound, toNormalized.count - 1)]
            for k in lower..<max(lower, upper) where k < s.count { evidence[k] = -1 }
        }
    }

    /// For each original offset (and the end), the first normalized scalar that comes from it
    /// or from after it.
    private func normalizedIndexByOriginal() -> [Int] {
        let length = normalized.offsets.originalLength
        var map = [Int](repeating: -1, count: length + 1)
        map[length] = s.count
        for i in stride(from: s.count - 1, through: 0, by: -1) {
            let o = normalized.offsets.originalOffset(of: i)
            if o <= length { map[o] = i }
        }
        for o in stride(from: length - 1, through: 0, by: -1) where map[o] < 0 { map[o] = map[o + 1] }
        return map
    }

    // MARK: - Names

    private mutating func findSubjects() {
        var spans: [Range<Int>] = []
        for name in subjectNames {
            spans += ScalarMatcher.words(name, in: s).map { $0.first!..<($0.last! + 1) }
        }
        // A subject's name inside a longer writing of the reporter's (王建 in 王建国) is not the subject.
        let reporter = needles.name.isEmpty ? [] : ScalarMatcher.words(needles.name, in: s).map { $0.first!..<($0.last! + 1) }
        subjectSpans = spans.filter { span in
            !reporter.contains { $0.count > span.count && $0.contains(span.lowerBound) && span.upperBound <= $0.upperBound }
        }
        .sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    }

    private mutating func maskRegisteredName() {
        guard !needles.name.isEmpty else { return }
        for hit in ScalarMatcher.words(needles.name, in: s) {
            let range = hit.first!..<(hit.last! + 1)
            guard !overlapsSubject(range) else { continue }
            let asRegistered = originalWords(range) == needles.nameAsRegistered
            add(range, .reporterName, reason: asRegistered ? "反映人的姓名（与登记的姓名相同）" : "反映人的姓名（登记姓名的另一种写法）")
        }
    }

    private mutating func maskLearnedNames() {
        var names = learned
        for n in namesFromElsewhere where !names.contains(where: { $0.scalars == n.scalars }) { names.append(n) }
        for name in names {
            for hit in ScalarMatcher.words(name.scalars, in: s) {
                let range = hit.first!..<(hit.last! + 1)
                guard !overlapsSubject(range), !candidates.contains(where: { $0.range == range }) else { continue }
                if name.isRelative {
                    add(range, .reporterDetail, replacement: "［亲属姓名已隐去］", reason: "反映人亲属的姓名（文中另一处）")
                } else {
                    add(range, .reporterName, reason: "反映人在文中自报的姓名")
                }
            }
        }
    }

    // MARK: - Values of the identity, and what the extractor finds

    private mutating func maskIdentityValues() {
        for needle in needles.phones {
            for hit in ScalarMatcher.digits(needle, in: s) {
                add(hit, .phone, reason: "反映人的电话号码（与登记的联系电话相同）")
            }
        }
        if !needles.idNumber.isEmpty {
            for hit in ScalarMatcher.digits(needles.idNumber, in: s) {
                add(hit, .idNumber, reason: "反映人的身份证号码（与登记的相同）")
            }
        }
        if !needles.email.isEmpty {
            for hit in ScalarMatcher.email(needles.email, in: s) {
                add(hit, .email, reason: "反映人的电子邮箱（与登记的相同）")
            }
        }
        for run in needles.addressRuns {
            for hit in ScalarMatcher.words(run.needle, in: s) {
                add(hit[run.maskFrom]..<(hit.last! + 1), .address, reason: "反映人的住址（与登记的联系地址相同）", stretch: true)
            }
        }
    }

    private mutating func maskExtracted() {
        let found = redactor.extractor.extract(from: normalized.text)
        let registeredPhones = Set(needles.phones.map { $0.map(String.init).joined() })
        for phone in found.phones {
            let digits = phone.value.filter(\.isNumber)
            let local = phone.value.split(separator: "-").last.map(String.init) ?? digits
            let isReporters = registeredPhones.contains(digits) || registeredPhones.contains(local)
            add(phone.range, .phone, reason: isReporters ? "反映人的电话号码（与登记的联系电话相同）" : "文中的电话号码（转办件不需要电话号码）")
        }
        let registeredID = needles.idNumber.map { $0 == 10 ? "X" : String($0) }.joined()
        for id in found.idNumbers {
            add(id.range, .idNumber, reason: id.value == registeredID ? "反映人的身份证号码（与登记的相同）" : "文中的身份证号码（转办件不需要身份证号码）")
        }
        let registeredEmail = String(String.UnicodeScalarView(needles.email))
        for email in found.emails {
            add(email.range, .email, reason: email.value.lowercased() == registeredEmail ? "反映人的电子邮箱（与登记的相同）" : "文中的电子邮箱（转办件不需要电子邮箱）")
        }
    }

    // MARK: - Finishing

    private func finish() -> ReferralRedaction {
        let original = normalized.originalScalars
        var masks: [ReferralRedaction.Mask] = []
        for c in candidates {
            let pieces = c.stretch ? subtractingSubjects(c.range) : [c.range]
            for piece in pieces {
                var lower = piece.lowerBound
                var upper = piece.upperBound
                while lower < upper, s[lower] == " " { lower += 1 }
                while upper > lower, s[upper - 1] == " " { upper -= 1 }
                guard
                    s[lower..<upper].contains(where: {
                        RedactionChars.isIdeograph($0) || $0.properties.isAlphabetic || RedactionChars.isASCIIDigit($0)
                    })
                else { continue }
                var range = normalized.originalRange(of: lower..<upper)
                var end = range.upperBound
                // A pinyin annotation the normalizer dropped after a name goes with the name.
                if c.kind == .reporterName || c.kind == .selfIdentification || c.kind == .reporterDetail {
                    let next = normalized.offsets.originalOffset(of: upper)
                    if next > end, original[end..<next].contains(where: { $0 == "(" || $0 == "（" }) { end = next }
                }
                while end < original.count, RedactionChars.attachesToPrevious(original[end]) { end += 1 }
                range = range.lowerBound..<end
                masks.append(ReferralRedaction.Mask(kind: c.kind, original: range, replacement: c.replacement, reasonZH: c.reason))
            }
        }
        return ReferralRedaction(original: normalized.original, masks: masks)
    }

    private func subtractingSubjects(_ range: Range<Int>) -> [Range<Int>] {
        var pieces = [range]
        for span in subjectSpans where span.overlaps(range) {
            pieces = pieces.flatMap { piece -> [Range<Int>] in
                guard piece.overlaps(span) else { return [piece] }
                return [piece.lowerBound..<max(piece.lowerBound, span.lowerBound), min(piece.upperBound, span.upperBound)..<piece.upperBound]
                    .filter { !$0.isEmpty }
            }
        }
        return pieces
    }
}

/// Finding a value in a text that may write it with spaces, hyphens, other digits.
enum ScalarMatcher {
    /// Where each needle character was found, for every occurrence of `needle`: text scalars are
    /// compared through `fold`, and up to `maxGap` scalars that `skippable` accepts may stand
    /// between two needle characters.
    static func find(
        _ needle: [UInt32],
        in s: [Unicode.Scalar],
        fold: (Unicode.Scalar) -> UInt32?,
        skippable: (Unicode.Scalar) -> Bool,
        maxGap: Int
    ) -> [[Int]] {
        guard let first = needle.first else { return [] }
        var out: [[Int]] = []
        var i = 0
        while i < s.count {
            guard fold(s[i]) == first else {
                i += 1
                continue
            }
            var positions = [i]
            var j = i + 1
            var k = 1
            while k < needle.count {
                var gap = 0
                while j < s.count, gap < maxGap, fold(s[j]) != needle[k], skippable(s[j]) {
                    j += 1
                    gap += 1
                }
                guard j < s.count, fold(s[j]) == needle[k] else { break }
                positions.append(j)
                j += 1
                k += 1
            }
            if k == needle.count {
                out.append(positions)
                i = positions.last! + 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// A name or an address: characters in order, one space allowed between two (黄 志 强),
    /// ASCII letters in either case.
    static func words(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar]) -> [[Int]] {
        find(
            needle.map { RedactionChars.lowerASCII($0).value },
            in: s,
            fold: { RedactionChars.lowerASCII($0).value },
            skippable: { $0 == " " },
            maxGap: 1
        )
    }

    /// A phone or ID number: digits as ASCII, full-width (folded already) or Chinese numerals,
    /// grouped by spaces, hyphens, dots or parentheses; not part of a longer number.
    static func digits(_ needle: [UInt32], in s: [Unicode.Scalar]) -> [Range<Int>] {
        let separators: Set<Unicode.Scalar> = [" ", "-", "—", ".", "(", ")", "·"]
        return find(needle, in: s, fold: { c in RedactionChars.digitValue(c) }, skippable: { separators.contains($0) }, maxGap: 2)
            .compactMap { positions -> Range<Int>? in
                let lower = positions.first!
                let upper = positions.last! + 1
                let chinese = RedactionChars.isChineseDigit(s[lower])
                func joins(_ c: Unicode.Scalar) -> Bool {
                    RedactionChars.isASCIIDigit(c) || RedactionChars.isASCIILetter(c) || (chinese && RedactionChars.isChineseDigit(c))
                }
                if lower > 0, joins(s[lower - 1]) { return nil }
                if upper < s.count, joins(s[upper]) { return nil }
                return lower..<upper
            }
    }

    /// An e-mail address, in any case, not inside a longer one.
    static func email(_ needle: [Unicode.Scalar], in s: [Unicode.Scalar]) -> [Range<Int>] {
        func isAddressScalar(_ c: Unicode.Scalar) -> Bool {
            RedactionChars.isASCIIDigit(c) || RedactionChars.isASCIILetter(c) || c == "_" || c == "-" || c == "+" || c == "%"
        }
        return find(needle.map(\.value), in: s, fold: { RedactionChars.lowerASCII($0).value }, skippable: { _ in false }, maxGap: 0)
            .compactMap { positions -> Range<Int>? in
                let lower = positions.first!
                let upper = positions.last! + 1
                if lower > 0, isAddressScalar(s[lower - 1]) || s[lower - 1] == "." { return nil }
                if upper < s.count, isAddressScalar(s[upper]) { return nil }
                if upper + 1 < s.count, s[upper] == ".", isAddressScalar(s[upper + 1]) { return nil }
                return lower..<upper
            }
    }
}
