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
public struct QueryCodeChangeInput: Decodable, Sendable {
    public var queryCode: String

    public init(queryCode: String) { self.queryCode = queryCode }
}
