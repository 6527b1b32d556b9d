import Foundation

/// A working paper (问题底稿): one problem the group found, written up by the member handling its
/// lead, reviewed by a deputy leader and signed off by the leader. Its history of steps is
/// appended, never edited; its state follows the latest step. `PaperFlow` makes and moves it.
/// See docs/workflow.md, "Working papers".
public struct WorkingPaper: Codable, Sendable, Hashable {
    public var id: String
    /// The problem lead (问题线索) the paper belongs to.
    public var leadID: String
    /// The paper's number as printed, given by the caller: `市四巡底〔2023〕第01号`
    /// (`WorkingPaper.number(prefix:year:sequence:)`).
    public var number: String
    public var title: String
    /// The day the paper is dated.
    public var date: CivilDate
    /// The inspected unit the problem is in.
    public var unit: String
    /// Where the problem came from: reports by register number, a talk, documents read.
    public var source: String
    /// The problem: facts, amounts, people, the rule broken.
    public var summary: String
    /// How it was found: 个别谈话, 查阅资料, 走访调研, 受理信访 ….
    public var howFound: String
    /// The supporting material, one item each (证明材料清单).
    public var materials: [String]
    /// What was done to the paper, oldest first.
    public var steps: [PaperStep]

    public init(id: String, leadID: String, number: String, content: PaperContent, steps: [PaperStep]) {
        self.id = id
        self.leadID = leadID
        self.number = number
        self.title = content.title
        self.date = content.date
        self.unit = content.unit
        self.source = content.source
        self.summary = content.summary
        self.howFound = content.howFound
        self.materials = content.materials
        self.steps = steps
    }

    /// The fields a drafter writes, together.
    public var content: PaperContent {
        get {
            PaperContent(title: title, date: date, unit: unit, source: source, summary: summary, howFound: howFound, materials: materials)
        }
        set {
            title = newValue.title
            date = newValue.date
            unit = newValue.unit
            source = newValue.source
            summary = newValue.summary
            howFound = newValue.howFound
            materials = newValue.materials
        }
    }

    /// Where the paper stands, from its latest step (a paper with none is a draft).
    public var state: PaperState {
        switch steps.last?.kind {
        case nil, .drafted: .draft
        case .submitted: .submitted
        case .returned: .returned
        case .reviewed: .reviewed
        case .signed: .signed
        }
    }

    /// Signed papers are final: nothing more is done to them.
    public var isSigned: Bool { state == .signed }

    /// The latest step of a kind: who signed and when, the reason of the last return.
    public func latestStep(_ kind: PaperStep.Kind) -> PaperStep? {
        steps.last { $0.kind == kind }
    }

    /// A working paper's number: the prefix, the year and at least two digits,
    /// `市四巡底〔2023〕第01号`. The register's one numbering (`RegisterNumber`); an inspection numbers
    /// its papers with `inspection.registerNumber(seq, series: WorkingPaper.series, width: 2)`.
    public static func number(prefix: String, year: Int, sequence: Int) -> String {
        RegisterNumber(prefix: prefix, year: year, sequence: sequence, width: 2).text
    }

    /// Working papers have their own series: the register prefix with 底 (市四巡底〔2023〕第01号).
    public static let series = "底"

    public static let maxNumberLength = 40
    public static let maxTitleLength = 100
    public static let maxUnitLength = 100
    public static let maxSourceLength = 500
    public static let maxSummaryLength = 5_000
    public static let maxHowFoundLength = 1_000
    public static let maxMaterialLength = 200
    public static let maxMaterials = 100
    /// A step's comment: the reason of a return, a reviewer's note.
    public static let maxCommentLength = 500
    /// The actor written on a step: a staff user's id or name.
    public static let maxActorLength = 64
}

/// The fields of a working paper its drafter writes. `validated()` trims them and checks them.
public struct PaperContent: Codable, Sendable, Hashable {
    public var title: String
    public var date: CivilDate
    public var unit: String
    public var source: String
    public var summary: String
    public var howFound: String
    public var materials: [String]

    public init(title: String, date: CivilDate, unit: String, source: String, summary: String, howFound: String, materials: [String]) {
        self.title = title
        self.date = date
        self.unit = unit
        self.source = source
        self.summary = summary
        self.howFound = howFound
        self.materials = materials
    }

    /// The content trimmed, with empty material items dropped, or the first thing wrong: a
    /// required field empty, a field too long, control characters, a line break in a one-line
    /// field (title, unit, a material item), too many material items.
    public func validated() throws(InputError) -> PaperContent {
        var out = self
        out.title = try PaperText.required(title, field: "title", labelZH: "标题", max: WorkingPaper.maxTitleLength, singleLine: true)
        out.unit = try PaperText.required(unit, field: "unit", labelZH: "被巡察单位", max: WorkingPaper.maxUnitLength, singleLine: true)
        out.source = try PaperText.required(source, field: "source", labelZH: "问题来源", max: WorkingPaper.maxSourceLength)
        out.summary = try PaperText.required(summary, field: "summary", labelZH: "问题摘要", max: WorkingPaper.maxSummaryLength)
        out.howFound = try PaperText.required(howFound, field: "how_found", labelZH: "发现方式", max: WorkingPaper.maxHowFoundLength)
        var items: [String] = []
        for item in materials {
            let item = TextLimits.trimmed(item)
            if item.isEmpty { continue }
            try PaperText.check(item, field: "materials", labelZH: "证明材料", max: WorkingPaper.maxMaterialLength, singleLine: true)
            items.append(item)
        }
        if items.count > WorkingPaper.maxMaterials {
            throw InputError(
                code: "too_many_materials",
                zh: "证明材料不能超过\(WorkingPaper.maxMaterials)项（现有\(items.count)项），请合并后重试。",
                en: "at most \(WorkingPaper.maxMaterials) material items (got \(items.count)).",
                field: "materials"
            )
        }
        out.materials = items
        return out
    }
}

/// One thing done to a working paper: what, by whom, when, and the comment given (the reason of
/// a return; empty when none was given).
public struct PaperStep: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        case drafted
        case submitted
        case returned
        case reviewed
        case signed

        public var chineseName: String {
            switch self {
            case .drafted: "起草"
            case .submitted: "提交审核"
            case .returned: "退回修改"
            case .reviewed: "审核"
            case .signed: "签发"
            }
        }
    }

    public var kind: Kind
    /// The staff user who did it.
    public var by: String
    public var at: Date
    public var comment: String

    public init(kind: Kind, by: String, at: Date, comment: String = "") {
        self.kind = kind
        self.by = by
        self.at = at
        self.comment = comment
    }
}

/// Where a working paper stands.
public enum PaperState: String, Codable, Sendable, Hashable, CaseIterable {
    /// Being written by its drafter.
    case draft
    /// Sent back by the deputy leader or the leader for changes; with its drafter again.
    case returned
    /// Awaiting the deputy leader's review.
    case submitted
    /// Reviewed, awaiting the leader's sign-off.
    case reviewed
    /// Signed off: final.
    case signed

    public var chineseName: String {
        switch self {
        case .draft: "起草中"
        case .returned: "已退回修改"
        case .submitted: "待副组长审核"
        case .reviewed: "待组长签发"
        case .signed: "已签发"
        }
    }

    /// Whether the drafter may change the paper and submit it.
    public var isWithDrafter: Bool { self == .draft || self == .returned }
}

/// Field checks shared by the paper, its steps and their comments.
enum PaperText {
    static func check(_ text: String, field: String, labelZH: String, max: Int, singleLine: Bool = false) throws(InputError) {
        try TextLimits.check(text, field: field, labelZH: labelZH, max: max)
        if singleLine, text.contains(where: \.isNewline) {
            throw InputError(code: "line_break", zh: "\(labelZH)不能换行。", en: "\(field) must be a single line.", field: field)
        }
    }

    /// The text trimmed, or an error when it is empty or breaks `check`.
    static func required(_ text: String, field: String, labelZH: String, max: Int, singleLine: Bool = false) throws(InputError) -> String {
        let text = TextLimits.trimmed(text)
        if text.isEmpty {
            throw InputError(code: "missing_\(field)", zh: "请填写\(labelZH)。", en: "\(field) is required.", field: field)
        }
        try check(text, field: field, labelZH: labelZH, max: max, singleLine: singleLine)
        return text
    }
}
