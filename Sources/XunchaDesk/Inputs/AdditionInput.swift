import XunchaCore

/// What a reporter adds with their query code: text, and on the page's file form also files
/// (which travel beside the input).
public struct AdditionInput: Decodable, Sendable {
    public var queryCode: String
    public var content: String
    /// Set by the form that also takes files, so an empty submission is told what it may send.
    public var acceptsFiles = false

    public init(queryCode: String, content: String, acceptsFiles: Bool = false) {
        self.queryCode = queryCode
        self.content = content
        self.acceptsFiles = acceptsFiles
    }

    enum CodingKeys: String, CodingKey {
        case queryCode, content
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        queryCode = try c.decodeIfPresent(String.self, forKey: .queryCode) ?? ""
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
    }
}

/// A reporter asking for a code of their own in place of a staff-issued one. The system issues it:
/// a code a reporter chose could be weak, and refusing one already taken would tell them it exists.
/// Asked with the old code alone, the system proposes a new code and a `confirmation` to carry
/// back; asked again with both and the new code as the reporter wrote it down, the new code
/// replaces the old one. Until then the old code keeps working, so a code not written down locks
/// no one out.
public struct QueryCodeChangeInput: Decodable, Sendable {
    public var queryCode: String
    public var newQueryCode: String?
    public var confirmation: String?

    public init(queryCode: String, newQueryCode: String? = nil, confirmation: String? = nil) {
        self.queryCode = queryCode
        self.newQueryCode = newQueryCode
        self.confirmation = confirmation
    }
}
