/// A report's text as it may leave the group in a referral (转办): whatever identifies the
/// reporter replaced by a bracketed note, with the list of what was replaced for the member who
/// reviews the referral before it goes (docs/referrals.md).
public struct ReferralRedaction: Sendable, Hashable, Codable {
    /// The masked text.
    public var text: String
    /// What was masked, in the order of the text; no two masks overlap.
    public var masks: [Mask]

    /// One masked stretch of the input.
    public struct Mask: Sendable, Hashable, Codable {
        public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
            /// The reporter's name where it is not itself a self-introduction: the registered
            /// name, or a name the reporter gave elsewhere in the text.
            case reporterName = "reporter_name"
            /// Any phone number, the reporter's or anyone's.
            case phone
            /// Any ID card number (身份证号).
            case idNumber = "id_number"
            /// Any e-mail address.
            case email
            /// The reporter's own address: the registered one, or one given as theirs.
            case address
            /// The name in a self-introduction (我叫…, 本人…, 举报人…, 署名…).
            case selfIdentification = "self_identification"
            /// Another detail that points at the reporter: the workplace or house number given in
            /// the first person, a family member's name.
            case reporterDetail = "reporter_detail"
            /// A QQ number or WeChat ID, anyone's.
            case contactAccount = "contact_account"

            /// The note that replaces a masked stretch of this kind.
            public var replacement: String {
                switch self {
                case .reporterName, .selfIdentification: "［姓名已隐去］"
                case .phone: "［电话已隐去］"
                case .idNumber: "［身份证号已隐去］"
                case .email: "［邮箱已隐去］"
                case .address: "［住址已隐去］"
                case .reporterDetail: "［个人信息已隐去］"
                case .contactAccount: "［联系账号已隐去］"
                }
            }

            /// Which kind names a merged mask: the one whose loss would hurt most.
            var rank: Int {
                switch self {
                case .idNumber: 0
                case .phone: 1
                case .email: 2
                case .contactAccount: 3
                case .address: 4
                case .selfIdentification: 5
                case .reporterName: 6
                case .reporterDetail: 7
                }
            }
        }

        public var kind: Kind
        /// Unicode-scalar offsets in the input text.
        public var original: Range<Int>
        /// What stands in the masked text instead, e.g. ［电话已隐去］.
        public var replacement: String
        /// Why it was masked, in words for staff (反映人的电话号码 …).
        public var reasonZH: String

        public init(kind: Kind, original: Range<Int>, replacement: String? = nil, reasonZH: String) {
            self.kind = kind
            self.original = original
            self.replacement = replacement ?? kind.replacement
            self.reasonZH = reasonZH
        }
    }

    public init(text: String, masks: [Mask]) {
        self.text = text
        self.masks = masks
    }

    /// Applies `masks` to `original`: ranges are clamped to the text, empty ones dropped,
    /// overlapping ones merged (the higher-ranked kind names the result, the reasons are kept
    /// side by side, one per kind), and the rest sorted. A reviewer who takes a mask back builds the
    /// referral again with this from the masks left.
    public init(original: String, masks: [Mask]) {
        let scalars = Array(original.unicodeScalars)
        let merged = Self.merge(masks, length: scalars.count)
        var out = String.UnicodeScalarView()
        var position = 0
        for mask in merged {
            out.append(contentsOf: scalars[position..<mask.original.lowerBound])
            out.append(contentsOf: mask.replacement.unicodeScalars)
            position = mask.original.upperBound
        }
        out.append(contentsOf: scalars[position...])
        self.init(text: String(out), masks: merged)
    }

    /// Sorted, clamped, non-overlapping masks. Masks that only touch stay apart.
    static func merge(_ masks: [Mask], length: Int) -> [Mask] {
        let clamped: [Mask] = masks.compactMap { mask in
            let lower = min(max(mask.original.lowerBound, 0), length)
            let upper = min(max(mask.original.upperBound, lower), length)
            guard lower < upper else { return nil }
            var m = mask
            m.original = lower..<upper
            return m
        }
        let sorted = clamped.sorted {
            if $0.original.lowerBound != $1.original.lowerBound { return $0.original.lowerBound < $1.original.lowerBound }
            if $0.original.upperBound != $1.original.upperBound { return $0.original.upperBound > $1.original.upperBound }
            if $0.kind.rank != $1.kind.rank { return $0.kind.rank < $1.kind.rank }
            return ($0.replacement, $0.reasonZH) < ($1.replacement, $1.reasonZH)
        }
        var out: [Mask] = []
        for mask in sorted {
            guard var last = out.last, mask.original.lowerBound < last.original.upperBound else {
                out.append(mask)
                continue
            }
            last.original = last.original.lowerBound..<max(last.original.upperBound, mask.original.upperBound)
            if mask.kind == last.kind {
                // One reason per kind: the one about the reporter's own value when there is one.
                if mask.reasonZH.hasPrefix("反映人"), !last.reasonZH.hasPrefix("反映人") { last.reasonZH = mask.reasonZH }
            } else {
                if mask.kind.rank < last.kind.rank {
                    last.kind = mask.kind
                    last.replacement = mask.replacement
                }
                if !last.reasonZH.split(separator: "；").contains(Substring(mask.reasonZH)) { last.reasonZH += "；" + mask.reasonZH }
            }
            out[out.count - 1] = last
        }
        return out
    }
}
