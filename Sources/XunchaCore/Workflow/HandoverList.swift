/// A person a handed-over lead concerns, as the roster or the paper names them.
public struct HandoverPerson: Codable, Sendable, Hashable {
    public var name: String
    public var unit: String
    public var post: String

    public init(name: String, unit: String = "", post: String = "") {
        self.name = name
        self.unit = unit
        self.post = post
    }

    /// How the list writes the person: 张三（县交通运输局党组书记、局长）, or the name alone.
    public var chinese: String {
        let place = TextLimits.trimmed(unit) + TextLimits.trimmed(post)
        let name = TextLimits.trimmed(name)
        return place.isEmpty ? name : "\(name)（\(place)）"
    }
}

/// One lead on a handover list, as the caller gathered it from the lead and its working paper.
public struct HandoverEntry: Codable, Sendable, Hashable {
    /// The lead's number as printed (线索编号); the list is in its order.
    public var leadNumber: String
    public var persons: [HandoverPerson]
    /// The problem in a few sentences (the working paper's summary, or a shorter one).
    public var summary: String
    public var kind: LeadKind
    /// The reports behind the lead.
    public var sources: [RegisterNumber]
    /// The working paper's number.
    public var paperNumber: String
    /// Whether the working paper is signed: only signed papers are handed over.
    public var paperSigned: Bool

    public init(
        leadNumber: String,
        persons: [HandoverPerson],
        summary: String,
        kind: LeadKind,
        sources: [RegisterNumber],
        paperNumber: String,
        paperSigned: Bool
    ) {
        self.leadNumber = leadNumber
        self.persons = persons
        self.summary = summary
        self.kind = kind
        self.sources = sources
        self.paperNumber = paperNumber
        self.paperSigned = paperSigned
    }
}

/// The list of leads a group hands over to one recipient (移交清单): a title, and one numbered
/// row per lead in the order of the lead numbers, ready for `CSVWriter` or `XLSXWriter`. Only
/// leads whose working paper is signed, and whose kind goes to this recipient, may be on it.
/// See docs/workflow.md, "Handover lists".
public struct HandoverList: Sendable, Hashable {
    public let recipient: HandoverRecipient
    /// 市委第四巡察组移交纪委监委问题线索清单.
    public let title: String
    /// The entries in the list's order: by lead number, numbers compared digit run by digit run
    /// as numbers (第9号 before 第10号).
    public let entries: [HandoverEntry]

    /// Builds the list, or refuses it when there is nothing to hand over, a lead number is empty
    /// or given twice, a lead's kind goes elsewhere (`wrong_recipient`; an immediate fix goes to
    /// the unit as a notice), or a lead's working paper is missing or not signed
    /// (`unsigned_paper`, naming the lead).
    ///
    /// - Parameters:
    ///   - group: the group's name, as the inspection gives it (市委第四巡察组).
    ///   - recipientName: the department's own name for a list to the department in charge
    ///     (县财政局); the title says 有关部门 when it is nil or empty.
    public init(group: String, recipient: HandoverRecipient, recipientName: String? = nil, entries: [HandoverEntry]) throws(InputError) {
        if entries.isEmpty {
            throw InputError(
                code: "empty_handover",
                zh: "没有需要移交\(recipient.chineseName)的问题线索。",
                en: "there are no leads to hand over to \(recipient.rawValue)."
            )
        }
        var seen = Set<String>()
        for entry in entries {
            let lead = TextLimits.trimmed(entry.leadNumber)
            if lead.isEmpty {
                throw InputError(code: "missing_lead_number", zh: "有问题线索没有编号，请先编号。", en: "a lead has no number.")
            }
            if !seen.insert(lead).inserted {
                throw InputError(code: "duplicate_lead", zh: "问题线索\(lead)重复列入清单。", en: "lead \(lead) is listed twice.")
            }
            guard let goesTo = entry.kind.recipient else {
                throw InputError(
                    code: "wrong_recipient",
                    zh: "问题线索\(lead)属于立行立改问题，应以立行立改通知书交被巡察单位，不列入移交清单。",
                    en: "lead \(lead) is an immediate fix: it goes to the unit as a notice, not in a handover."
                )
            }
            if goesTo != recipient {
                throw InputError(
                    code: "wrong_recipient",
                    zh: "问题线索\(lead)属于\(entry.kind.chineseName)，应移交\(goesTo.chineseName)，不应列入移交\(recipient.chineseName)的清单。",
                    en: "lead \(lead) is \(entry.kind.rawValue) and goes to \(goesTo.rawValue), not \(recipient.rawValue)."
                )
            }
            if TextLimits.trimmed(entry.paperNumber).isEmpty {
                throw InputError(
                    code: "unsigned_paper",
                    zh: "问题线索\(lead)还没有问题底稿，底稿经组长签发后才能移交。",
                    en: "lead \(lead) has no working paper; only leads with a signed paper are handed over."
                )
            }
            if !entry.paperSigned {
                throw InputError(
                    code: "unsigned_paper",
                    zh: "问题线索\(lead)的问题底稿\(entry.paperNumber)尚未经组长签发，不能移交。",
                    en: "the working paper \(entry.paperNumber) of lead \(lead) is not signed."
                )
            }
        }
        self.recipient = recipient
        self.title = Self.title(group: group, recipient: recipient, recipientName: recipientName)
        self.entries = entries.sorted { NaturalOrder.less(TextLimits.trimmed($0.leadNumber), TextLimits.trimmed($1.leadNumber)) }
    }

    /// Handover archives have their own series: the register prefix with 移 (市四巡移〔2023〕第01号).
    public static let series = "移"

    /// The title of a list to `recipient`, as `init` writes it.
    public static func title(group: String, recipient: HandoverRecipient, recipientName: String? = nil) -> String {
        let name = recipientName.map(TextLimits.trimmed) ?? ""
        return "\(TextLimits.trimmed(group))移交\(name.isEmpty ? recipient.chineseName : name)问题线索清单"
    }

    /// The header row.
    public static let columnsZH = ["序号", "线索编号", "涉及人员", "主要问题", "问题类型", "线索来源", "问题底稿编号"]

    /// One row per lead under `columnsZH`, numbered from 1. Several persons, or several source
    /// reports, are one per line in their cell.
    public var rows: [[String]] {
        entries.enumerated().map { index, entry in
            [
                String(index + 1),
                TextLimits.trimmed(entry.leadNumber),
                entry.persons.map(\.chinese).joined(separator: "\n"),
                TextLimits.trimmed(entry.summary),
                entry.kind.chineseName,
                entry.sources.map(\.text).joined(separator: "\n"),
                TextLimits.trimmed(entry.paperNumber),
            ]
        }
    }

    /// The header and the rows, for a writer that takes one table.
    public var table: [[String]] { [Self.columnsZH] + rows }

    /// A list for each recipient that has leads among `entries`, in the order of
    /// `HandoverRecipient.allCases`; immediate fixes are left out (they go to the unit as
    /// notices). Refused as a whole when any lead's paper is not signed.
    public static func lists(
        group: String,
        entries: [HandoverEntry],
        recipientNames: [HandoverRecipient: String] = [:]
    ) throws(InputError)
        -> [HandoverList]
    {
        var out: [HandoverList] = []
        for recipient in HandoverRecipient.allCases {
            let mine = entries.filter { $0.kind.recipient == recipient }
            if mine.isEmpty { continue }
            out.append(try HandoverList(group: group, recipient: recipient, recipientName: recipientNames[recipient], entries: mine))
        }
        return out
    }
}

/// Orders numbers as people read them: runs of ASCII digits compare by value (第9号 < 第10号),
/// everything else by Unicode scalar; a tie in value (第01号, 第1号) falls back to the text.
enum NaturalOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        let x = Array(a.unicodeScalars)
        let y = Array(b.unicodeScalars)
        var i = 0
        var j = 0
        while i < x.count, j < y.count {
            if isDigit(x[i]), isDigit(y[j]) {
                let si = i
                let sj = j
                while i < x.count, isDigit(x[i]) { i += 1 }
                while j < y.count, isDigit(y[j]) { j += 1 }
                let dx = trimmingZeros(x[si..<i])
                let dy = trimmingZeros(y[sj..<j])
                if dx.count != dy.count { return dx.count < dy.count }
                for (p, q) in zip(dx, dy) where p != q { return p.value < q.value }
            } else {
                if x[i] != y[j] { return x[i].value < y[j].value }
                i += 1
                j += 1
            }
        }
        // One ran out: the shorter comes first; both did: equal as read, so the text decides.
        if i < x.count || j < y.count { return i == x.count }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }

    private static func trimmingZeros(_ digits: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        digits.drop { $0 == "0" }
    }
}
