import Foundation

/// A public reporter's one-time slot as the database keeps it: nothing in it can be read or
/// matched to a browser without the token the browser holds (`ReceivedSlots` in the desks).
public struct ReceivedSlotRow: Sendable, Equatable {
    /// A keyed hash of the browser's token.
    public var tokenHash: String
    /// The query code and the note to show with it, sealed under a key derived from the token.
    public var sealed: String
    public var expires: Date

    public init(tokenHash: String, sealed: String, expires: Date) {
        self.tokenHash = tokenHash
        self.sealed = sealed
        self.expires = expires
    }
}
