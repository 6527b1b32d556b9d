import Foundation
import XunchaCore

/// A file kept with a problem lead: interview notes, documents read, photographs. The bytes are
/// sealed in the data folder's `leads/<lead id>/` (`LeadFiles`); this is what the database knows.
public struct StoredLeadMaterial: Sendable, Equatable {
    public var leadID: String
    /// 0, 1, 2 … in the order the files were added.
    public var ordinal: Int
    public var filename: String
    /// Checked against the bytes (`AttachmentPolicy`), not the uploader's claim.
    public var mediaType: String
    public var size: Int
    /// Of the plain bytes, hex.
    public var sha256: String
    /// What the file is, in the uploader's words (谈话记录, 会议纪要 …); may be empty.
    public var note: String
    /// The sealed file's name under `leads/<lead id>/`.
    var storageName: String
    public var addedAt: Date
    /// The stored actor who added it (`user:<id>`, `cli:<name>`).
    public var addedBy: String
}

/// A handover archive (移交档案) as it was made: numbered per inspection in its own series, the
/// leads it handed over, and the archive's SHA-256, so a download months later can be checked
/// against what was given. The bytes are sealed in the data folder's `handovers/<inspection id>/`.
public struct StoredHandover: Sendable, Equatable {
    public var id: String
    public var inspectionID: String
    public var sequence: Int
    /// `市四巡移〔2024〕第01号`, given by the store.
    public var number: String
    public var recipient: HandoverRecipient
    /// The separate archive of the leads about the inspected unit's principal (the leader's alone).
    public var aboutPrincipal: Bool
    /// The leads handed over in it, in the list's order.
    public var leadIDs: [String]
    /// Files in the archive, besides its manifest.
    public var fileCount: Int
    public var size: Int
    /// Of the archive's bytes, hex.
    public var sha256: String
    var storageName: String
    public var createdAt: Date
    /// The stored actor who made it.
    public var createdBy: String

    public init(
        id: String,
        inspectionID: String,
        recipient: HandoverRecipient,
        aboutPrincipal: Bool,
        leadIDs: [String],
        fileCount: Int,
        size: Int,
        sha256: String,
        createdAt: Date,
        createdBy: String
    ) {
        self.id = id
        self.inspectionID = inspectionID
        sequence = 0
        number = ""
        self.recipient = recipient
        self.aboutPrincipal = aboutPrincipal
        self.leadIDs = leadIDs
        self.fileCount = fileCount
        self.size = size
        self.sha256 = sha256
        storageName = ""
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// The archive's file name when it is downloaded: its number and recipient.
    public var filename: String {
        "\(number)移交\(recipient.chineseName)\(aboutPrincipal ? "（一把手）" : "").zip"
    }
}
