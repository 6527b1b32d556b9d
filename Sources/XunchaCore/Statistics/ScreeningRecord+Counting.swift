/// How a screening counts in the statistics of an inspection report: whether the report was in
/// the group's scope, and the rank of the person it is about.
public enum ScopeClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// About a person the group takes reports on, with substance.
    case inScope = "in_scope"
    /// About someone or something else: referred to whoever owns it.
    case outOfScope = "out_of_scope"
    /// Names a wrong with nothing to go on (the screener's 不予受理).
    case noSubstance = "no_substance"

    public var chineseName: String {
        switch self {
        case .inScope: "属于受理范围"
        case .outOfScope: "不属于受理范围"
        case .noSubstance: "无实质内容"
        }
    }
}

extension ScreeningRecord {
    /// No substance when the screener suggests 不予受理; in scope when the subject rule found a
    /// person the group takes reports on (clearly or among candidates); out of scope otherwise.
    public var scopeClass: ScopeClass {
        if suggestion == .reject { return .noSubstance }
        let subjectRule = reasons.first { $0.family == "subject" }?.rule
        return subjectRule == "subject.in_scope" || subjectRule == "subject.ambiguous_in_scope" ? .inScope : .outOfScope
    }

    /// The highest rank among the people screening found (领导班子成员 before 下一级主要负责人 before
    /// 重要岗位领导干部); `other` when it found none of them.
    public var rank: ScopeRole {
        let roles = Set(subjects.compactMap { $0.role.flatMap(ScopeRole.init(rawValue:)) })
        return ScopeRole.ranked.first { roles.contains($0) } ?? .other
    }
}

extension ScopeRole {
    /// Highest first, as inspection reports count them.
    public static let ranked: [ScopeRole] = [.leadershipMember, .subordinatePrincipal, .keyPostLeader, .other]
}
