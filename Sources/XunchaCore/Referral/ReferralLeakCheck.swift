import XunchaText

/// Something in a referral's text that must not leave the group: a value of the reporter's
/// identity, however it is written, or any phone number, ID number or e-mail address. Staff who
/// edit a drafted referral are told what must go before it can be saved or sent; the identity's
/// values are named by their field only (联系电话, 姓名), never shown.
public struct ReferralLeak: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Values of the reporter's identity.
        case name, phone
        case idNumber = "id_number"
        case address, email
        /// What the extractor finds, whoever's it is.
        case otherPhone = "other_phone"
        case otherIDNumber = "other_id_number"
        case otherEmail = "other_email"

        /// Whether the value is the reporter's (and so never shown).
        public var isIdentity: Bool {
            switch self {
            case .name, .phone, .idNumber, .address, .email: true
            case .otherPhone, .otherIDNumber, .otherEmail: false
            }
        }

        /// How staff are told what must go: the identity's field, or the kind of value.
        public var chineseName: String {
            switch self {
            case .name: "反映人的姓名"
            case .phone: "反映人的联系电话"
            case .idNumber: "反映人的身份证号码"
            case .address: "反映人的住址"
            case .email: "反映人的电子邮箱"
            case .otherPhone: "电话号码"
            case .otherIDNumber: "身份证号码"
            case .otherEmail: "电子邮箱"
            }
        }
    }

    public var kind: Kind
    /// Unicode-scalar offsets in the text checked.
    public var range: Range<Int>
    /// The value as written in the text; for the identity's values, for the caller's own use only.
    public var written: String

    /// Tells staff what must go: the identity's fields by name, other values as written.
    public static func messageZH(_ leaks: [ReferralLeak]) -> String {
        var parts: [String] = []
        for kind in Kind.allCases where kind.isIdentity && leaks.contains(where: { $0.kind == kind }) { parts.append(kind.chineseName) }
        for leak in leaks where !leak.kind.isIdentity {
            let part = "\(leak.kind.chineseName)“\(leak.written)”"
            if !parts.contains(part) { parts.append(part) }
        }
        return "转办文本中仍有" + parts.joined(separator: "、") + "，请删除后再保存或发出。"
    }
}

extension ReferralRedactor {
    /// What of the identity, and which phone numbers, ID numbers and e-mail addresses, `text`
    /// still holds, sorted by position. The identity's values are looked for as the redactor
    /// looks for them (any script, spacing, digit form; the address by its places); a name that
    /// is a subject's is the subject's. Phone numbers etc. are what the extractor reads.
    /// `extraPhones` are further numbers of the reporter (a caller's number kept with a call).
    public func leaks(in text: String, identity: ReporterIdentity, subjects: [String], extraPhones: [String] = []) -> [ReferralLeak] {
        let normalized = normalizer.normalizeWithOffsets(text)
        let s = normalized.scalars
        guard !s.isEmpty else { return [] }
        var needles = IdentityNeedles(identity, normalizer: normalizer)
        for phone in extraPhones {
            let more = IdentityNeedles(ReporterIdentity(phone: phone), normalizer: normalizer).phones
            for p in more where !needles.phones.contains(p) { needles.phones.append(p) }
        }
        var found: [(kind: ReferralLeak.Kind, range: Range<Int>)] = []

        if !needles.name.isEmpty {
            let subjectSpans = subjects.map { normalizer.normalize($0).unicodeScalars.filter { !$0.properties.isWhitespace } }
                .filter { $0.count >= 2 }
                .flatMap { ScalarMatcher.words($0, in: s).map { $0.first!..<($0.last! + 1) } }
            for hit in ScalarMatcher.words(needles.name, in: s) {
                let range = hit.first!..<(hit.last! + 1)
                // The subject wins where the reporter's name and a subject's are written alike.
                if subjectSpans.contains(where: { $0.contains(range.lowerBound) && range.upperBound <= $0.upperBound }) { continue }
                found.append((.name, range))
            }
        }
        for needle in needles.phones {
            for hit in ScalarMatcher.digits(needle, in: s) { found.append((.phone, hit)) }
        }
        if !needles.idNumber.isEmpty {
            for hit in ScalarMatcher.digits(needles.idNumber, in: s) { found.append((.idNumber, hit)) }
        }
        if !needles.email.isEmpty {
            for hit in ScalarMatcher.email(needles.email, in: s) { found.append((.email, hit)) }
        }
        for run in needles.addressRuns {
            for hit in ScalarMatcher.words(run.needle, in: s) { found.append((.address, hit[run.maskFrom]..<(hit.last! + 1))) }
        }
        let extracted = extractor.extract(from: normalized.text)
        let identitySpans = found.map(\.range)
        func other(_ kind: ReferralLeak.Kind, _ range: Range<Int>) {
            if !identitySpans.contains(where: { $0.overlaps(range) }) { found.append((kind, range)) }
        }
        for phone in extracted.phones { other(.otherPhone, phone.range) }
        for id in extracted.idNumbers { other(.otherIDNumber, id.range) }
        for email in extracted.emails { other(.otherEmail, email.range) }

        // One leak per stretch and kind: the longest of overlapping matches (a number and its local part, an address and its tail).
        var kept: [(kind: ReferralLeak.Kind, range: Range<Int>)] = []
        for f in found.sorted(by: { ($0.range.lowerBound, -$0.range.count) < ($1.range.lowerBound, -$1.range.count) })
        where !kept.contains(where: { $0.kind == f.kind && $0.range.overlaps(f.range) }) {
            kept.append(f)
        }
        return kept.map { f in
            ReferralLeak(kind: f.kind, range: normalized.originalRange(of: f.range), written: normalized.originalString(of: f.range))
        }
    }
}
