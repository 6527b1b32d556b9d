import Foundation
import XunchaCore
import XunchaText

/// A report ready to be written: validated, its identity already sealed and its query code
/// already hashed, so that no plain identity or code ever reaches the store.
public struct NewReport: Sendable {
    public var report: Report
    public var sealedIdentity: String?
    public var queryCodeHash: String?
    /// Keys of the source the report was made from (an e-mail's Message-ID and SHA-256), unique
    /// across the store: saving a second report with a key already taken fails as a whole.
    public var sourceKeys: [String]
    /// What intake noted about the source (unreadable parts and the like), as JSON.
    public var intakeNotes: String?
    /// A call's, letter's or visit's own fields, with the identifying ones already sealed.
    public var channelDetails: ChannelDetailsRow?
    /// The screening made on arrival, stored in the same transaction as the report.
    public var screening: StoredScreening?
    /// What the screening made of the content for the near-duplicate index
    /// (`NearDuplicateIndex.signature(of:)` of it normalized), filed with the report; made
    /// from the content when nil.
    public var nearDuplicateText: PreparedText?

    public init(
        report: Report,
        sealedIdentity: String?,
        queryCodeHash: String?,
        sourceKeys: [String] = [],
        intakeNotes: String? = nil,
        channelDetails: ChannelDetailsRow? = nil,
        screening: StoredScreening? = nil,
        nearDuplicateText: PreparedText? = nil
    ) {
        self.report = report
        self.sealedIdentity = sealedIdentity
        self.queryCodeHash = queryCodeHash
        self.sourceKeys = sourceKeys
        self.intakeNotes = intakeNotes
        self.channelDetails = channelDetails
        self.screening = screening
        self.nearDuplicateText = nearDuplicateText
    }
}
