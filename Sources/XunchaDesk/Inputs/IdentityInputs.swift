import XunchaCore

/// A member's request to see a report's reporter: the reason is required.
public struct IdentityRequestInput: Decodable, Sendable {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public init(from decoder: any Decoder) throws { reason = try decoder.text(.reason) }

    func reasonChecked() throws(InputError) -> String { try DecisionProposal.requiredReason(reason) }
}

/// The leader's answer to such a request, with an optional remark.
public struct IdentityDecisionInput: Decodable, Sendable {
    public var approve: Bool
    public var note: String

    public init(approve: Bool, note: String = "") {
        self.approve = approve
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case approve, note }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        approve = try c.lenientBool(.approve) ?? false
        note = try c.decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    func noteChecked() throws(InputError) -> String { try DecisionProposal.optionalReason(note) }
}
