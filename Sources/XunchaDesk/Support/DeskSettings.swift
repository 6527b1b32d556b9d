import Foundation
import XunchaStore

/// The costs and limits of one installation. The defaults are the production ones; tests lower
/// the slow hashes and the delay so that they run in seconds.
public struct DeskSettings: Sendable {
    /// bcrypt cost for staff passwords.
    public var passwordCost: UInt8
    /// scrypt N of the query codes stored before the keyed hash (`QueryCodeHasher.legacyHash`).
    public var queryCodeCost: Int
    /// How long a wrong query code or password takes to answer, so that guessing is slow.
    public var failureDelay: Duration
    public var maxFailuresPerClient: Int
    public var failureWindow: TimeInterval
    public var sessionLifetime: TimeInterval
    public var attachmentPolicy: AttachmentPolicy

    public init(
        passwordCost: UInt8 = 12,
        queryCodeCost: Int = 1 << 14,
        failureDelay: Duration = .seconds(1),
        maxFailuresPerClient: Int = 10,
        failureWindow: TimeInterval = 15 * 60,
        sessionLifetime: TimeInterval = 12 * 3600,
        attachmentPolicy: AttachmentPolicy = AttachmentPolicy()
    ) {
        self.passwordCost = passwordCost
        self.queryCodeCost = queryCodeCost
        self.failureDelay = failureDelay
        self.maxFailuresPerClient = maxFailuresPerClient
        self.failureWindow = failureWindow
        self.sessionLifetime = sessionLifetime
        self.attachmentPolicy = attachmentPolicy
    }
}
