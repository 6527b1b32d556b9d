/// One person of the inspected units, as a roster file lists them (姓名, 单位, 职务, 别名, 角色).
/// The role is inferred from the post unless the roster gives it explicitly.
public struct RosterPerson: Codable, Sendable, Hashable {
    public var name: String
    public var unit: String
    public var post: String
    /// Other ways reports write this person: 小名, the name in another script, a nickname.
    public var aliases: [String]
    public var role: ScopeRoleInference

    /// With a `scope`, the role is read at the unit's level: the principal of a next-level unit
    /// is 下一级党组织主要负责人 (ScopeRoleRules+Level.swift).
    public init(
        name: String,
        unit: String = "",
        post: String = "",
        aliases: [String] = [],
        role: ScopeRole? = nil,
        rules: ScopeRoleRules = .standard,
        scope: InspectionScope? = nil
    ) {
        self.init(name: name, unit: unit, post: post, aliases: aliases, role: role, rules: rules, placer: scope.map(UnitPlacer.init))
    }

    /// The same with the scope's placer made once for a whole roster.
    public init(name: String, unit: String, post: String, aliases: [String], role: ScopeRole?, rules: ScopeRoleRules, placer: UnitPlacer?) {
        self.name = name
        self.unit = unit
        self.post = post
        self.aliases = aliases
        self.role = rules.infer(post: post, override: role, placement: placer?.place(unit))
    }
}
