import XunchaCore

/// A lead's person, summary and kind as staff correct them. Form fields: `subject[name]`,
/// `subject[unit]`, `subject[post]`, `summary`, `kind`; the same keys in JSON.
public struct LeadInput: Decodable, Sendable {
    public var subject: Subject?
    public var summary: String?
    public var kind: String?

    public init(subject: Subject? = nil, summary: String? = nil, kind: String? = nil) {
        self.subject = subject
        self.summary = summary
        self.kind = kind
    }

    public static let maxSummaryLength = 2000

    /// The lead's fields as they will be stored: what was given, checked, over what `lead` holds.
    func applied(to lead: Lead) throws(InputError) -> (subject: Subject, summary: String, kind: LeadKind) {
        var subject = lead.subject
        if let given = self.subject {
            subject = Subject(name: TextLimits.trimmed(given.name), unit: TextLimits.trimmed(given.unit), post: TextLimits.trimmed(given.post))
            if subject.name.isEmpty {
                throw InputError(code: "missing_subject_name", zh: "请填写被反映人姓名。", en: "subject.name is required.", field: "subject[name]")
            }
            try LeadText.line(subject.name, field: "subject[name]", labelZH: "被反映人姓名", max: 50)
            try LeadText.line(subject.unit, field: "subject[unit]", labelZH: "被反映人单位", max: 100)
            try LeadText.line(subject.post, field: "subject[post]", labelZH: "被反映人职务", max: 100)
        }
        var summary = lead.summary
        if let given = self.summary {
            summary = TextLimits.trimmed(given)
            if summary.isEmpty {
                throw InputError(code: "missing_summary", zh: "请填写线索摘要。", en: "summary is required.", field: "summary")
            }
            try TextLimits.check(summary, field: "summary", labelZH: "线索摘要", max: Self.maxSummaryLength)
        }
        var kind = LeadKind(rawValue: lead.kind) ?? .other
        if let given = self.kind {
            guard let chosen = LeadKind(rawValue: TextLimits.trimmed(given)) else {
                throw InputError(
                    code: "invalid_kind",
                    zh: "请选择问题类型（违纪违法、干部选任、其他问题或立行立改）。",
                    en: "kind must be discipline, organization, other or immediate_fix.",
                    field: "kind"
                )
            }
            kind = chosen
        }
        return (subject, summary, kind)
    }
}

/// The leader marks a lead as about the inspected unit's principal (一把手), or takes the mark off.
public struct PrincipalInput: Decodable, Sendable {
    public var aboutPrincipal: Bool?

    public init(aboutPrincipal: Bool?) { self.aboutPrincipal = aboutPrincipal }

    enum CodingKeys: String, CodingKey { case aboutPrincipal }

    public init(from decoder: any Decoder) throws {
        aboutPrincipal = try decoder.container(keyedBy: CodingKeys.self).lenientBool(.aboutPrincipal)
    }

    func checked() throws(InputError) -> Bool {
        guard let aboutPrincipal else {
            throw InputError(
                code: "invalid_field",
                zh: "请说明是否为一把手线索。",
                en: "about_principal (true or false) is required.",
                field: "about_principal"
            )
        }
        return aboutPrincipal
    }
}

/// What a file of a lead's material is (谈话记录, 查阅的文件 …), given with the upload.
public struct MaterialNoteInput: Decodable, Sendable {
    public var note: String?

    public init(note: String? = nil) { self.note = note }

    public static let maxLength = 200

    func checked() throws(InputError) -> String {
        let note = TextLimits.trimmed(note ?? "")
        try LeadText.line(note, field: "note", labelZH: "材料说明", max: Self.maxLength)
        return note
    }
}

/// A working paper's fields as its drafter writes them (`PaperContent`): `title`, `date`
/// (YYYY-MM-DD; empty: today), `unit`, `source`, `summary`, `how_found` and `materials`, one item
/// each (a form sends `materials[0]`, `materials[1]` …).
public struct PaperInput: Decodable, Sendable {
    public var title: String
    public var date: String?
    public var unit: String
    public var source: String
    public var summary: String
    public var howFound: String
    public var materials: [String]

    public init(
        title: String,
        date: String? = nil,
        unit: String,
        source: String,
        summary: String,
        howFound: String,
        materials: [String]
    ) {
        self.title = title
        self.date = date
        self.unit = unit
        self.source = source
        self.summary = summary
        self.howFound = howFound
        self.materials = materials
    }

    enum CodingKeys: String, CodingKey {
        case title, date, unit, source, summary, howFound, materials
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        date = try c.nonEmptyString(.date)
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        source = try c.decodeIfPresent(String.self, forKey: .source) ?? ""
        summary = try c.decodeIfPresent(String.self, forKey: .summary) ?? ""
        howFound = try c.decodeIfPresent(String.self, forKey: .howFound) ?? ""
        materials = try c.decodeIfPresent([String].self, forKey: .materials) ?? []
    }

    /// The content Core checks, dated `today` when no date was given.
    func content(today: CivilDate) throws(InputError) -> PaperContent {
        var day = today
        if let date {
            guard let parsed = CivilDate(parsing: TextLimits.trimmed(date)) else {
                throw InputError(code: "invalid_date", zh: "底稿日期应为“年-月-日”，如2024-03-11。", en: "date must be YYYY-MM-DD.", field: "date")
            }
            day = parsed
        }
        return PaperContent(title: title, date: day, unit: unit, source: source, summary: summary, howFound: howFound, materials: materials)
    }
}

/// A step on a working paper: the comment of a submission, review or sign-off (optional), the
/// reason of a return (required). `reason` is read as the comment too.
public struct PaperStepInput: Decodable, Sendable {
    public var comment: String?

    public init(comment: String? = nil) { self.comment = comment }

    enum CodingKeys: String, CodingKey { case comment, reason }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        comment = try c.decodeIfPresent(String.self, forKey: .comment) ?? c.decodeIfPresent(String.self, forKey: .reason)
    }
}

/// Which of a recipient's archives to make: `principal` for the leads about the inspected unit's
/// principal, which go apart (the leader's alone).
public struct HandoverInput: Decodable, Sendable {
    public var principal: Bool

    public init(principal: Bool = false) { self.principal = principal }

    enum CodingKeys: String, CodingKey { case principal }

    public init(from decoder: any Decoder) throws {
        principal = try decoder.container(keyedBy: CodingKeys.self).lenientBool(.principal) ?? false
    }
}

enum LeadText {
    /// A one-line field: within `max`, no control characters, no line break.
    static func line(_ text: String, field: String, labelZH: String, max: Int) throws(InputError) {
        try TextLimits.check(text, field: field, labelZH: labelZH, max: max)
        if text.contains(where: \.isNewline) {
            throw InputError(code: "line_break", zh: "\(labelZH)不能换行。", en: "\(field) must be a single line.", field: field)
        }
    }
}
