/// The six disciplines of the 2023 《中国共产党纪律处分条例》, each with the chapter of articles
/// that defines its violations (Part II, chapters 6–11).
public enum Discipline: String, CaseIterable, Sendable, Hashable, Codable {
    case political
    case organizational
    case integrity
    case mass
    case work
    case life

    /// The articles of the 2023 text in this discipline's chapter.
    public var articles: ClosedRange<Int> {
        switch self {
        case .political: 49...76
        case .organizational: 77...93
        case .integrity: 94...121
        case .mass: 122...129
        case .work: 130...149
        case .life: 150...154
        }
    }

    /// 政治纪律, 组织纪律 …, as staff read it.
    public var chineseName: String {
        switch self {
        case .political: "政治纪律"
        case .organizational: "组织纪律"
        case .integrity: "廉洁纪律"
        case .mass: "群众纪律"
        case .work: "工作纪律"
        case .life: "生活纪律"
        }
    }
}

/// Kinds of report the group does not take as leads: they are referred (转办) or filed.
public enum NonLeadKind: String, CaseIterable, Sendable, Hashable, Codable {
    /// 个人诉求: the reporter's own wages, pension, compensation, job.
    case personalDemand = "personal_demand"
    /// 涉法涉诉: matters for courts, arbitration or administrative review.
    case litigation
    /// 咨询: a question about policy or procedure, no conduct reported.
    case consultation
    /// 服务态度: a complaint about how a counter or hotline treated the reporter.
    case serviceComplaint = "service_complaint"
    /// 无实质内容: a label (贪官, 有问题) with no what, when or where.
    case noSubstance = "no_substance"

    public var chineseName: String {
        switch self {
        case .personalDemand: "个人诉求"
        case .litigation: "涉法涉诉"
        case .consultation: "咨询"
        case .serviceComplaint: "服务态度投诉"
        case .noSubstance: "无实质内容"
        }
    }
}

/// What a lexicon entry points at: a discipline, a non-lead kind, or nothing (a shadow entry
/// that only stops a shorter cue from firing inside a longer neutral phrase).
public enum ReportCategory: Sendable, Hashable {
    case discipline(Discipline)
    case nonLead(NonLeadKind)
    case neutral

    /// The code used in JSON and evaluation files: `integrity`, `personal_demand`, `neutral`.
    public var code: String {
        switch self {
        case .discipline(let d): d.rawValue
        case .nonLead(let k): k.rawValue
        case .neutral: "neutral"
        }
    }

    public init?(code: String) {
        if let d = Discipline(rawValue: code) {
            self = .discipline(d)
        } else if let k = NonLeadKind(rawValue: code) {
            self = .nonLead(k)
        } else if code == "neutral" {
            self = .neutral
        } else {
            return nil
        }
    }
}

/// Kept and exchanged as its code (`integrity`, `personal_demand`).
extension ReportCategory: Codable {
    public init(from decoder: any Decoder) throws {
        let code = try decoder.singleValueContainer().decode(String.self)
        guard let category = ReportCategory(code: code) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown category \(code)"))
        }
        self = category
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }

    /// 廉洁纪律, 个人诉求 …, as staff read it.
    public var chineseName: String {
        switch self {
        case .discipline(let d): d.chineseName
        case .nonLead(let k): k.chineseName
        case .neutral: "无"
        }
    }
}
