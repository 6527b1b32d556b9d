import Crypto
import Foundation
import Logging

/// Opening a data folder as one installation: the folder, its key file and its database, checked
/// against each other before anything is read or written. A database that holds sealed data is
/// never paired with a new key (every identity and query code would be lost without a word), nor
/// with another installation's key, and no file of it is left readable by other local users.
public enum Installation {
    public struct Opened {
        public let store: SQLStore
        public let keys: Keys
        /// A new key file was made: the operator must back it up.
        public let createdKey: Bool

        public var parts: (store: SQLStore, keys: Keys, createdKey: Bool) { (store, keys, createdKey) }
    }

    public enum Refusal: Error, CustomStringConvertible {
        case folderTooOpen(path: String, mode: Int)
        case keyMissing(folder: String)
        case keyMismatch(folder: String, expected: String, found: String)

        public var description: String {
            switch self {
            case .folderTooOpen(let path, let mode):
                "数据目录 \(path) 的权限为 \(String(mode, radix: 8))，其他用户可进入；其中有举报内容和密码散列。请执行 chmod 700 \(path) 后重试。"
                    + " / data folder \(path) has mode \(String(mode, radix: 8)); run chmod 700."
            case .keyMissing(let folder):
                "数据目录 \(folder) 中的数据库保存着封存的数据，但密钥文件 xuncha.key 不见了。没有它，举报人身份、查询码和附件都无法读取；"
                    + "Xuncha 不会另造一个新密钥。请从备份把该文件恢复到 \(folder)/xuncha.key（chmod 600）后重试。"
                    + " / the database in \(folder) holds sealed data but its key file xuncha.key is missing; restore it from backup (mode 0600). No new key is made."
            case .keyMismatch(let folder, let expected, let found):
                "密钥文件 \(folder)/xuncha.key（标识 \(found)）不是这个数据库的密钥（应为 \(expected)）。请恢复本数据目录原来的密钥文件。"
                    + " / key file \(folder)/xuncha.key (id \(found)) is not this database's key (id \(expected)); restore the folder's own key file."
            }
        }
    }

    /// Opens the installation in `folder`, its data in the SQLite file there or, given `database`,
    /// in that PostgreSQL database (the key file stays in `folder`). `creating` makes the folder,
    /// database and key when they are not there yet (`serve`); otherwise a folder without a
    /// database is refused by the caller.
    public static func open(_ folder: DataFolder, database: DatabaseURL? = nil, creating: Bool, logger: Logger) async throws -> Opened {
        let fm = FileManager.default
        if creating { try folder.create() }
        let mode = ((try? fm.attributesOfItem(atPath: folder.path))?[.posixPermissions] as? Int) ?? 0
        if mode & 0o077 != 0 { throw Refusal.folderTooOpen(path: folder.path, mode: mode) }
        let engine: any SQLEngine
        if let database {
            engine = try await PostgresEngine(url: database, logger: logger)
        } else {
            // SQLite gives the -wal and -shm it creates the database file's mode; an empty file is a
            // new database to it.
            if !fm.fileExists(atPath: folder.databasePath) {
                _ = fm.createFile(atPath: folder.databasePath, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            for suffix in ["", "-wal", "-shm"] where fm.fileExists(atPath: folder.databasePath + suffix) {
                try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder.databasePath + suffix)
            }
            engine = try await SQLiteEngine(path: folder.databasePath, logger: logger)
        }
        do {
            // Decided before any key is used: a new key must never be written over sealed data.
            if !fm.fileExists(atPath: folder.keyFilePath), await SQLStore.wasUsedWithAKey(engine) {
                throw Refusal.keyMissing(folder: folder.path)
            }
            let (keys, created) = try Keys.loadOrCreate(at: folder.keyFilePath)
            if let keyID = try? await SQLStore.installationKeyID(engine), keyID != keys.id {
                throw Refusal.keyMismatch(folder: folder.path, expected: keyID, found: keys.id)
            }
            let store = try await SQLStore(engine: engine, auditKey: keys.auditChain, auditHead: folder.auditHead, logger: logger)
            if try await store.installationKeyID() == nil { try await store.recordInstallationKeyID(keys.id) }
            return Opened(store: store, keys: keys, createdKey: created)
        } catch {
            try? await engine.close()
            throw error
        }
    }
}
