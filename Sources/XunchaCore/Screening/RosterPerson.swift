/// One person of the inspected units, as a roster file lists them (姓名, 单位, 职务, 别名, 角色).
/// The role is inferred from the post unless the roster gives it explicitly.
public struct RosterPerson: Codable, Sendable, Hashable {
    public var name: String
    public var unit: String
    public var post: String
    /// Other ways reports write this person: 小名, the name in another script, a nickname.
    public var aliases: [String]
    public var role: ScopeRoleInference

    public init(name: String, unit: String = "", post: String = "", aliases: [String] = [], role: ScopeRole? = nil, rules: ScopeRoleRules = .standard)
    {
        self.name = name
        self.unit = unit
        self.post = post
        self.aliases = aliases
        self.role = rules.infer(post: post, override: role)
    }
}
