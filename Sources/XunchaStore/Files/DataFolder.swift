import Foundation

/// The folder that holds everything one Xuncha installation keeps: the SQLite database, the key
/// file that seals identities, and (later) attachments. Created on first use.
public struct DataFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
    }

    public var databasePath: String { path + "/xuncha.sqlite" }
    public var keyFilePath: String { path + "/xuncha.key" }
    /// The audit chain's head, kept outside the database (`AuditHeadFile`).
    public var auditHead: AuditHeadFile { AuditHeadFile(path: path + "/audit-head") }

    /// Creates the folder readable by its owner only: it holds the sealing key.
    public func create() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }
}
