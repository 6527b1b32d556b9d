import XunchaText

/// Masks what identifies the reporter in a report's text before the report is referred (转办)
/// to the inspected unit or another department: the values of the reporter's identity wherever
/// and however they are written, every phone number, ID number, e-mail address and QQ/WeChat
/// account, self-introductions (我叫…, 本人…, 举报人…), and addresses, workplaces and family
/// names the reporter gives as their own. The subjects' names, units, posts, amounts, dates and
/// the places of the misconduct stay (docs/referrals.md).
///
/// Pure and deterministic: the same text, identity and subjects give the same masks.
public struct ReferralRedactor: Sendable {
    public let normalizer: TextNormalizer
    public let extractor: TextExtractor
    public let lexicon: SubjectLexicon

    let subjectFinder: SubjectFinder
    let triggers: KeywordAutomaton
    let triggerRoles: [RedactionTrigger.Role]
    /// Posts and private-party words: a surname followed by one is not a name (王局长).
    let posts: KeywordAutomaton
    let falseNames: ScalarPairSet
    let compoundSurnames: ScalarPairSet

    public init(normalizer: TextNormalizer = TextNormalizer(), extractor: TextExtractor = TextExtractor(), lexicon: SubjectLexicon = .standard) {
        self.normalizer = normalizer
        self.extractor = extractor
        self.lexicon = lexicon
        subjectFinder = SubjectFinder(lexicon: lexicon)
        let table = RedactionTrigger.table
        triggers = KeywordAutomaton(patterns: table.map(\.word))
        triggerRoles = table.map(\.role)
        posts = KeywordAutomaton(patterns: (lexicon.officialPosts + lexicon.privateParties).map { normalizer.normalize($0) })
        falseNames = ScalarPairSet(SubjectFinder.falseNameWords + RedactionTrigger.falseNameWords)
        compoundSurnames = ScalarPairSet(lexicon.compoundSurnames)
    }

    /// Masks `text`. `identity` is the reporter's identity as opened by the caller (empty for an
    /// anonymous report); `subjects` are the names of the persons reported, which are never
    /// masked: the referral is about them.
    public func redact(_ text: String, identity: ReporterIdentity, subjects: [String]) -> ReferralRedaction {
        let needles = IdentityNeedles(identity, normalizer: normalizer)
        let normalized = normalizer.normalizeWithOffsets(text)
        var scan = RedactionScan(redactor: self, normalized: normalized, needles: needles, subjects: subjects, namesFromElsewhere: [])
        return scan.run()
    }

    /// Masks a report's content and its additions alike: a name the reporter gives in one of
    /// them (我叫…) is masked in all of them. One redaction per text, in the same order.
    public func redact(_ texts: [String], identity: ReporterIdentity, subjects: [String]) -> [ReferralRedaction] {
        let needles = IdentityNeedles(identity, normalizer: normalizer)
        let normalized = texts.map { normalizer.normalizeWithOffsets($0) }
        var learned: [LearnedName] = []
        for n in normalized {
            var scan = RedactionScan(redactor: self, normalized: n, needles: needles, subjects: subjects, namesFromElsewhere: [])
            _ = scan.run()
            for name in scan.learned where !learned.contains(where: { $0.scalars == name.scalars }) { learned.append(name) }
        }
        return normalized.map { n in
            var scan = RedactionScan(redactor: self, normalized: n, needles: needles, subjects: subjects, namesFromElsewhere: learned)
            return scan.run()
        }
    }
}

/// A name the reporter gave in the text (their own or a family member's), masked wherever else
/// it occurs.
struct LearnedName: Sendable, Hashable {
    var scalars: [Unicode.Scalar]
    var isRelative: Bool
}

/// The reporter's identity in the forms the text is searched for.
struct IdentityNeedles: Sendable {
    /// The name normalized (simplified script, no spaces), when it has two characters or more.
    var name: [Unicode.Scalar] = []
    /// The name as registered, to tell staff when the text writes it otherwise.
    var nameAsRegistered = ""
    /// The phone's digits (+86 dropped), and the local number of a landline with area code.
    var phones: [[UInt32]] = []
    /// The ID number as digit values, X as 10.
    var idNumber: [UInt32] = []
    /// The e-mail address in lower case.
    var email: [Unicode.Scalar] = []
    /// Runs of the address's components to look for, each with the offset in it where the part
    /// to mask starts (after leading administrative places such as 长沙市, 红星村).
    var addressRuns: [(needle: [Unicode.Scalar], maskFrom: Int)] = []

    init(_ identity: ReporterIdentity, normalizer: TextNormalizer) {
        func compact(_ s: String) -> [Unicode.Scalar] {
            normalizer.normalize(s).unicodeScalars.filter { !$0.properties.isWhitespace }
        }
        let name = compact(identity.name)
        if name.count >= 2 { self.name = name }
        nameAsRegistered = TextLimits.trimmed(identity.name)

        var digits = compact(identity.phone).compactMap { RedactionChars.digitValue($0) }.filter { $0 < 10 }
        if digits.count == 13, digits.starts(with: [8, 6]) { digits.removeFirst(2) }
        if digits.count == 15, digits.starts(with: [0, 0, 8, 6]) { digits.removeFirst(4) }
        if digits.count >= 5 { phones.append(digits) }
        if digits.first == 0, (10...12).contains(digits.count) {
            let area = digits.count >= 2 && (digits[1] == 1 || digits[1] == 2) ? 3 : 4
            let local = Array(digits.dropFirst(area))
            if (7...8).contains(local.count) { phones.append(local) }
        }

        let id = compact(identity.idNumber).compactMap { RedactionChars.digitValue($0) }
        if id.count >= 15 { idNumber = id }

        email = compact(identity.email).map { RedactionChars.lowerASCII($0) }
        if !email.contains("@") { email = [] }

        let address = compact(identity.address)
        addressRuns = AddressParser.runs(of: address)
    }
}
