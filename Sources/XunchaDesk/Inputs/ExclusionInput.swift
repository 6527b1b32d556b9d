import XunchaCore

/// The leader's 回避 decision on one report: keep an account away from it, or (`lift`) let a
/// namesake the text matched see it again; either way with a reason.
public struct ExclusionInput: Decodable, Sendable {
    public var userId: String
    public var reason: String
    /// Lift an exclusion instead of declaring one.
    public var lift: Bool

    public init(userId: String, reason: String, lift: Bool = false) {
        self.userId = userId
        self.reason = reason
        self.lift = lift
    }

    enum CodingKeys: String, CodingKey { case userId, reason, lift }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        userId = try c.decodeIfPresent(String.self, forKey: .userId) ?? ""
        reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        lift = try c.lenientBool(.lift) ?? false
    }

    /// A reason, as for returning a decision: required and bounded.
    func reasonChecked() throws(InputError) -> String { try DecisionProposal.requiredReason(reason) }
}
