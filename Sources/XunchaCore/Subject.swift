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
