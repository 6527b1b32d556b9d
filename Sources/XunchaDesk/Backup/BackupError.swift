import Foundation

/// Why a backup was not written or not restored, in words for the operator who typed the command.
public enum BackupError: Error, CustomStringConvertible, Equatable {
    case outputExists(path: String)
    case notABackup(path: String)
    case damaged(path: String, detail: String)
    case unsupported(path: String, detail: String)
    case folderNotEmpty(path: String)
    case keyNeeded(keyID: String)
    case keyUnreadable(path: String)
    case wrongKey(expected: String, found: String)
    case restoredDoesNotVerify(problem: String)
    case otherEngine(path: String, engine: String)
    case otherSchema(backup: String, given: String)
    case databaseNotEmpty(database: String)

    public var description: String {
        switch self {
        case .outputExists(let path):
            "\(path) 已存在，未覆盖；请换一个文件名。/ \(path) already exists and was not overwritten; choose another name."
        case .notABackup(let path):
            "\(path) 不是 Xuncha 备份文件。/ \(path) is not a Xuncha backup."
        case .damaged(let path, let detail):
            "备份文件 \(path) 已损坏或不完整（\(detail)），未恢复任何内容。/ backup \(path) is damaged or cut off (\(detail)); nothing was restored."
        case .unsupported(let path, let detail):
            "备份文件 \(path) 无法由本版本恢复（\(detail)）。/ backup \(path) cannot be restored by this version (\(detail))."
        case .folderNotEmpty(let path):
            "数据目录 \(path) 不是空目录；恢复只写入空目录，未做任何改动。/ data folder \(path) is not empty; restore writes into an empty folder only, nothing was changed."
        case .keyNeeded(let keyID):
            "此备份不含密钥文件；请用 --key 指定该安装的密钥文件 xuncha.key（标识 \(keyID)）。/ this backup holds no key file: give the installation's xuncha.key (id \(keyID)) with --key."
        case .keyUnreadable(let path):
            "\(path) 不是 Xuncha 密钥文件（应为32字节）。/ \(path) is not a Xuncha key file (32 bytes)."
        case .wrongKey(let expected, let found):
            "所给密钥文件（标识 \(found)）不是这份备份所属安装的密钥（应为 \(expected)）；它来自另一个安装。/ the key file given (id \(found)) is another installation's; this backup needs key id \(expected)."
        case .restoredDoesNotVerify(let problem):
            "恢复出的数据未通过操作记录校验，已删除：\(problem) / the restored data failed audit verification and was removed: \(problem)"
        case .otherEngine(let path, let engine):
            engine == BackupManifest.postgresEngine
                ? "\(path) 是 PostgreSQL 数据库的备份；请用 --database postgres://… 指定要恢复到的空数据库。/ \(path) is a backup of a PostgreSQL database: name the empty database to restore it into with --database postgres://…."
                : "\(path) 是 SQLite 数据库的备份，只能恢复为数据目录中的 SQLite；要放进 PostgreSQL，先恢复，再用 xuncha migrate-db。/ \(path) is a backup of a SQLite database: restore it without --database, then move it with xuncha migrate-db."
        case .otherSchema(let backup, let given):
            "备份中的数据在模式 \(backup) 中，只能恢复到同名模式；所给地址的模式是 \(given)（在地址后加 ?schema=\(backup)）。/ the backup's tables are in schema \(backup) and restore into that schema only; the address names \(given) (add ?schema=\(backup))."
        case .databaseNotEmpty(let database):
            "数据库 \(database) 中已有数据表；恢复只写入空数据库（或空模式），未做任何改动。/ database \(database) already holds tables; restore writes into an empty database (or schema) only, nothing was changed."
        }
    }
}
