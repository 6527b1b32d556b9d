import Foundation

/// One file kept with a report. The bytes are sealed in the data folder's `attachments/`; this is
/// what the database knows of them.
public struct StoredAttachment: Sendable, Equatable {
    public var reportID: String
    /// 0, 1, 2 … in the order the files were added.
    public var ordinal: Int
    public var filename: String
    /// Checked against the bytes (`AttachmentPolicy`), not the sender's claim.
    public var mediaType: String
    public var size: Int
    /// Of the plain bytes, hex.
    public var sha256: String
    /// The sealed file's name under `attachments/<report id>/`.
    var storageName: String
    public var addedAt: Date
}
