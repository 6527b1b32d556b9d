import XunchaCore

/// A register's row as stored: the entry, and (only when asked for) the sealed identity and
/// channel fields the desk opens for a caller allowed to see them.
public struct SealedRegisterEntry: Sendable {
    public var entry: RegisterEntry
    public var sealedIdentity: String?
    public var sealedChannelFields: String?
}
