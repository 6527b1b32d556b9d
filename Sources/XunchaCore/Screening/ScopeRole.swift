import XunchaText

/// Where a person stands in an inspection's scope (DOMAIN.md section 2): the group mainly takes
/// reports about the leadership team, the principals of the next-level Party organisations and
/// leading cadres in key posts; everyone else is referred.
public enum ScopeRole: String, Codable, Sendable, Hashable, CaseIterable {
    /// 领导班子成员: a member of the inspected unit's leadership team.
    case leadershipMember = "leadership_member"
    /// 下一级党组织主要负责人: the principal of a next-level Party organisation or unit.
    case subordinatePrincipal = "subordinate_principal"
    /// 重要岗位领导干部: the head of a key office (finance, personnel, approvals, procurement …).
    case keyPostLeader = "key_post_leader"
    /// Anyone else: staff, deputies of subordinate units, heads of ordinary offices.
    case other

    /// Whether the group takes reports about this role as leads.
    public var isInScope: Bool { self != .other }

    /// The wording of the scope clause, for reasons shown to staff.
    public var chineseName: String {
        switch self {
        case .leadershipMember: "领导班子成员"
        case .subordinatePrincipal: "下一级党组织主要负责人"
        case .keyPostLeader: "重要岗位领导干部"
        case .other: "其他人员"
        }
    }
}

/// One row of the post → role table: the role applies when the post contains one of `anyOf`,
/// and also one of `alsoAnyOf` when that list is not empty, and none of `noneOf`.
public struct ScopeRoleRule: Codable, Sendable, Hashable {
    public let id: String
    public let role: ScopeRole
    public let anyOf: [String]
    public let alsoAnyOf: [String]
    public let noneOf: [String]
    public let explanation: String

    public init(id: String, role: ScopeRole, anyOf: [String], alsoAnyOf: [String] = [], noneOf: [String] = [], explanation: String) {
        self.id = id
        self.role = role
        self.anyOf = anyOf
        self.alsoAnyOf = alsoAnyOf
        self.noneOf = noneOf
        self.explanation = explanation
    }

}

/// A role with the rule that gave it, so that staff can see why a person counts as in scope.
public struct ScopeRoleInference: Codable, Sendable, Hashable {
    public let role: ScopeRole
    /// The rule's id, `override` when the role was given explicitly, `default` when no rule applied.
    public let rule: String
    /// The words of the post the rule matched (empty for an override or the default).
    public let matched: [String]
    public let explanation: String
    /// The unit level the role was read at, in words (被巡察单位县财政局, 县教育局的下一级单位城关中学（学校）);
    /// nil when the inspection's scope was not consulted.
    public var unitLevel: String?

    public init(role: ScopeRole, rule: String, matched: [String] = [], explanation: String, unitLevel: String? = nil) {
        self.role = role
        self.rule = rule
        self.matched = matched
        self.explanation = explanation
        self.unitLevel = unitLevel
    }

    public static let overrideRule = "override"
    public static let defaultRule = "default"
}

/// The ordered table that turns a post (职务) into a scope role: the first rule that applies wins.
/// Posts are normalized first, so traditional script and full-width forms read the same.
public struct ScopeRoleRules: Sendable {
    public let rules: [ScopeRoleRule]
    private let normalizer = TextNormalizer()
    /// Every word of the table, found in one pass over the post.
    private let words: KeywordAutomaton
    /// Each rule's three lists as indices into `words.patterns`.
    private let compiled: [(anyOf: [Int], alsoAnyOf: [Int], noneOf: [Int])]

    public init(rules: [ScopeRoleRule]) {
        self.rules = rules
        var all = Set<String>()
        for rule in rules { all.formUnion(rule.anyOf + rule.alsoAnyOf + rule.noneOf) }
        let patterns = all.sorted()
        var index: [String: Int] = [:]
        for (i, p) in patterns.enumerated() { index[p] = i }
        words = KeywordAutomaton(patterns: patterns)
        compiled = rules.map { rule in
            (rule.anyOf.map { index[$0]! }, rule.alsoAnyOf.map { index[$0]! }, rule.noneOf.map { index[$0]! })
        }
    }

    /// The role for `post`; `override` (a roster's role column, a staff decision) wins over the table.
    public func infer(post: String, override: ScopeRole? = nil) -> ScopeRoleInference {
        if let override {
            return ScopeRoleInference(role: override, rule: ScopeRoleInference.overrideRule, explanation: "角色由名册或工作人员明确指定")
        }
        return infer(normalizedPost: normalizer.normalize(post).filter { !$0.isWhitespace })
    }

    /// The same for a post already in simplified, half-width form. A rule applies when the post
    /// contains one of its `anyOf` words, one of `alsoAnyOf` when that list is not empty, and
    /// none of `noneOf`.
    func infer(normalizedPost text: String) -> ScopeRoleInference {
        var present = [Bool](repeating: false, count: words.patterns.count)
        words.forEachMatch(in: text) { pattern, _ in present[pattern] = true }
        for (rule, lists) in zip(rules, compiled) {
            guard let first = lists.anyOf.first(where: { present[$0] }), !lists.noneOf.contains(where: { present[$0] }) else { continue }
            var matched = [words.patterns[first]]
            if !lists.alsoAnyOf.isEmpty {
                guard let second = lists.alsoAnyOf.first(where: { present[$0] }) else { continue }
                matched.insert(words.patterns[second], at: 0)
            }
            return ScopeRoleInference(role: rule.role, rule: rule.id, matched: matched, explanation: rule.explanation)
        }
        return ScopeRoleInference(role: .other, rule: ScopeRoleInference.defaultRule, explanation: "职务不属于规则表中的任何一类")
    }
}
