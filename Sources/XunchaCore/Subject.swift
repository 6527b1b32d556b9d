/// A person a report is about (被反映人), as the reporter or the registering staff wrote them.
public struct Subject: Codable, Sendable, Equatable {
    public var name: String
    public var unit: String
    public var post: String

    public init(name: String = "", unit: String = "", post: String = "") {
        self.name = name
        self.unit = unit
        self.post = post
    }

    public var isEmpty: Bool { name.isEmpty && unit.isEmpty && post.isEmpty }
}

extension Subject {
    /// Every field is optional in what people send: a subject may be known by post alone.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            unit: try c.decodeIfPresent(String.self, forKey: .unit) ?? "",
            post: try c.decodeIfPresent(String.self, forKey: .post) ?? ""
        )
    }
}
