import XunchaCore

/// A call's, letter's or visit's own fields as they are written: the record staff see, and the
/// identifying fields (caller number, sender as written) sealed under the identity key.
public struct ChannelDetailsRow: Sendable {
    public var record: ChannelRecord
    public var sealedDetails: String?

    public init(record: ChannelRecord, sealedDetails: String?) {
        self.record = record
        self.sealedDetails = sealedDetails
    }
}
