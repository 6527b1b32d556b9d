import Foundation

/// The first entry a reader looks for in a backup file: what the backup holds and how to check
/// it. Every other entry is listed here with its size and SHA-256, so a damaged or cut-off file is
/// found before anything of it is used.
public struct BackupManifest: Codable, Sendable, Equatable {
    public static let format = "xuncha-backup"
    public static let version = 1
    public static let entryName = "manifest.json"
    /// The SQLite engine's database file is one of the files. A PostgreSQL backup names
    /// `postgresql` and carries a pg_dump archive (`dumpName`) in its place; the rest (key,
    /// attachments, manifest) is the same.
    public static let sqliteEngine = "sqlite"
    public static let postgresEngine = "postgresql"
    /// The pg_dump archive's entry in a PostgreSQL backup.
    public static let dumpName = "database.pgdump"

    public struct File: Codable, Sendable, Equatable {
        /// The path inside the data folder.
        public var name: String
        public var bytes: Int64
        public var sha256: String
    }

    public var format: String
    public var version: Int
    public var engine: String
    public var createdAt: Date
    /// The installation's key id (`Keys.id`): restore checks a key file given to it against this.
    public var keyID: String
    public var withKey: Bool
    public var reports: Int
    public var auditEvents: Int
    /// The database copy's own audit head line, written as the restored folder's head file.
    public var auditHead: String?
    public var files: [File]
    /// The PostgreSQL schema the dump's tables are in (a restore goes into the same); nil for SQLite.
    public var schema: String?

    static func decode(_ data: Data) throws -> BackupManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(BackupManifest.self, from: data)
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Whether an entry name stays inside the data folder it is restored into: relative, without
    /// `..`, empty or hidden parts, and in plain characters. A hostile backup names nothing else.
    static func isSafe(name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 512, !name.hasPrefix("/"), !name.contains("\\") else { return false }
        guard name.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return false }
        return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") }
    }
}
