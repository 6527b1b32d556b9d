import Foundation

/// A logged-in staff member's session. Only a hash of the cookie's token is stored, so a copy of
/// the database does not let anyone log in.
public struct StaffSession: Sendable, Equatable {
    public var tokenHash: String
    public var userID: String
    public var csrfToken: String
    public var expiresAt: Date
    /// How far the login got: a session that has not passed the second factor opens nothing but
    /// the second step (or the enrolment of a second factor).
    public var stage: Stage

    /// Where a login stands.
    public enum Stage: String, Sendable, Equatable {
        /// Password and second factor given (or a one-time password, which opens only its change).
        case full
        /// The password was right; the code from the authenticator (or a recovery code) is next.
        case secondFactor = "second_factor"
        /// The password was right and the account has no second factor yet: enrolling one is next.
        case enrolment
    }

    public init(tokenHash: String, userID: String, csrfToken: String, expiresAt: Date, stage: Stage = .full) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
        self.stage = stage
    }
}

/// What the store keeps of an account's second factor: the sealed TOTP secret in force, one
/// being enrolled (until its first code confirms it), and the last time step a code was accepted
/// for, so no code is taken twice.
public struct SecondFactorRecord: Sendable, Equatable {
    public var sealedSecret: String?
    public var sealedPendingSecret: String?
    public var lastStep: Int64?

    public init(sealedSecret: String? = nil, sealedPendingSecret: String? = nil, lastStep: Int64? = nil) {
        self.sealedSecret = sealedSecret
        self.sealedPendingSecret = sealedPendingSecret
        self.lastStep = lastStep
    }
}

/// What passed the second step: the TOTP time step a code matched, or a recovery code's hash.
public enum SecondFactorProof: Sendable, Equatable {
    case step(Int64)
    case recoveryCode(hash: String)
}
