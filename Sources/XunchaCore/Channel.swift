/// The ways a report reaches the group (DOMAIN.md §6). Every channel ends in the same `Submission`.
public enum Channel: String, Codable, Sendable, CaseIterable {
    case web
    case phone
    case letter
    case visit
    case email

    public var displayName: String {
        switch self {
        case .web: "网上"
        case .phone: "来电"
        case .letter: "来信"
        case .visit: "来访"
        case .email: "电子邮件"
        }
    }
}
