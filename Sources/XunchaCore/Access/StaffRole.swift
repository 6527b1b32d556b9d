/// What a staff account may do. The admin runs the system but reads no report: the people who
/// configure Xuncha are not the people cleared to see reports.
public enum StaffRole: String, Codable, Sendable, CaseIterable {
    case admin
    case leader
    /// 副组长: works as a member and reviews working papers before the leader signs them.
    case deputy
    case member
    /// 联络员: the account of one recipient of referrals (the inspected unit, a department); it sees
    /// only the referrals sent to that recipient and reports back on them.
    case liaison

    public var displayName: String {
        switch self {
        case .admin: "系统管理员"
        case .leader: "组长"
        case .deputy: "副组长"
        case .member: "组员"
        case .liaison: "转办联络员"
        }
    }
}

/// Where an inspection's account stands under the two-person rule: the admin creates it pending,
/// a confirmed leader of the same inspection confirms it (a leader with none yet: the operator at
/// the server, `xuncha user confirm`), and the admin's password reset makes it pending again.
public enum StaffAccess: String, Codable, Sendable, CaseIterable {
    case pending
    case confirmed

    public var chineseName: String {
        switch self {
        case .pending: "待组长确认"
        case .confirmed: "已确认"
        }
    }
}

/// A staff account as the rest of the system sees it (no password hash).
public struct StaffUser: Sendable, Equatable, Codable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: StaffRole
    /// The inspection a leader or member works on; admins have none.
    public var inspectionID: String?
    /// Set for accounts whose password was issued by someone else and must be changed first.
    public var mustChangePassword: Bool
    /// For a liaison: the recipient of referrals the account speaks for, as referrals name it.
    public var recipient: String?
    /// Whether a leader of the inspection confirmed the account (the two-person rule): an account
    /// of an inspection sees nothing of it while pending. The admin's account is never pending.
    public var access: StaffAccess

    public init(
        id: String,
        username: String,
        displayName: String,
        role: StaffRole,
        inspectionID: String?,
        mustChangePassword: Bool,
        recipient: String? = nil,
        access: StaffAccess = .confirmed
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.inspectionID = inspectionID
        self.mustChangePassword = mustChangePassword
        self.recipient = recipient
        self.access = role == .admin ? .confirmed : access
    }

    /// Whether the account may act at all: its own password set, and (for an inspection's
    /// account) confirmed by a leader of the inspection.
    public var isReady: Bool { !mustChangePassword && access == .confirmed }

    /// Usernames are typed at a login prompt: keep them plain.
    public static func validatedUsername(_ name: String) throws(InputError) -> String {
        let name = TextLimits.trimmed(name)
        let ok =
            (3...32).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
        guard ok else {
            throw InputError(
                code: "invalid_username",
                zh: "用户名应为3至32位英文字母、数字、点、下划线或连字符。",
                en: "username must be 3-32 ASCII letters, digits, '.', '_' or '-'.",
                field: "username"
            )
        }
        return name.lowercased()
    }

    /// A staff password: long enough, within bcrypt's limit, and not one a guesser tries first.
    public static func validatedPassword(_ password: String, username: String? = nil) throws(InputError) -> String {
        guard password.count >= 10, password.utf8.count <= 72 else {
            throw InputError(
                code: "weak_password",
                zh: "密码应为10至72个字符。",
                en: "password must be 10 to 72 characters (bcrypt's limit).",
                field: "password"
            )
        }
        guard !PasswordStrength.isGuessable(password, username: username) else {
            throw InputError(
                code: "guessable_password",
                zh: "该密码过于常见或有规律（如连续数字、键盘顺序、重复字符或含用户名），容易被猜中，请换一个。",
                en: "this password is common or patterned (a run, a keyboard row, repeated characters, the username) and easily guessed.",
                field: "password"
            )
        }
        return password
    }
}
