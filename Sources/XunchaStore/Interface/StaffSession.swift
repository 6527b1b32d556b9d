import Foundation

/// A logged-in staff member's session. Only a hash of the cookie's token is stored, so a copy of
/// the database does not let anyone log in.
public struct StaffSession: Sendable, Equatable {
    public var tokenHash: String
    public var userID: String
    public var csrfToken: String
    public var expiresAt: Date

    public init(tokenHash: String, userID: String, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
