import XunchaCore

/// A login: the console's form and `POST /api/v1/session` alike.
public struct LoginInput: Decodable, Sendable {
    public var username: String
    public var password: String
    /// The second factor's code (or a recovery code), for a client that sends it with the password.
    public var code: String?

    public init(username: String, password: String, code: String? = nil) {
        self.username = username
        self.password = password
        self.code = code
    }
}

/// A password change: the current password and the new one (the console asks for it twice).
public struct PasswordChangeInput: Decodable, Sendable {
    public var current: String
    public var new: String
    public var newAgain: String?

    public init(current: String, new: String, newAgain: String? = nil) {
        self.current = current
        self.new = new
        self.newAgain = newAgain
    }
}

/// A new staff account, as the admin creates it.
public struct StaffAccountInput: Decodable, Sendable {
    public var username: String
    public var displayName: String?
    public var role: String
    public var inspectionId: String?
    /// For a liaison: the recipient of referrals the account speaks for.
    public var recipient: String?

    public init(username: String, displayName: String? = nil, role: String, inspectionId: String? = nil, recipient: String? = nil) {
        self.username = username
        self.displayName = displayName
        self.role = role
        self.inspectionId = inspectionId
        self.recipient = recipient
    }
}
