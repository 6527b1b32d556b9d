import Crypto
import Foundation
import Logging
import XunchaStore
import ZIPFoundation

/// `xuncha restore`: a backup file made into a data folder again, only into an empty one, and
/// only when every file is whole, the key is the installation's own and the audit chain verifies
/// in the result. Whatever fails, the folder is left as empty as it was found. A PostgreSQL
/// backup goes into an empty schema of a database (`database`) with pg_restore, and the folder
/// gets the key and the files; a failure leaves the schema without tables again.
public enum InstallationRestore {
    public struct Restored: Sendable {
        public var manifest: BackupManifest
        public var verifiedEvents: Int
    }

    public static func restore(
        from file: String,
        into folder: DataFolder,
        database: DatabaseURL? = nil,
        keyFile: String?,
        logger: Logger
    ) async throws -> Restored {
        guard folder.isAbsentOrEmpty else { throw BackupError.folderNotEmpty(path: folder.path) }
        let archive = try open(file)
        let manifest = try readManifest(archive, file: file)
        switch (manifest.engine, database) {
        case (BackupManifest.sqliteEngine, nil): break
        case (BackupManifest.postgresEngine, let database?):
            if let schema = manifest.schema, schema != database.schemaName {
                throw BackupError.otherSchema(backup: schema, given: database.schemaName)
            }
            guard try await SQLStore.tableCount(database, logger: logger) == 0 else {
                throw BackupError.databaseNotEmpty(database: database.redacted)
            }
        default: throw BackupError.otherEngine(path: file, engine: manifest.engine)
        }
        let givenKey = try keyFile.map(readKey)
        if let givenKey, givenKey.id != manifest.keyID { throw BackupError.wrongKey(expected: manifest.keyID, found: givenKey.id) }
        if !manifest.withKey, givenKey == nil { throw BackupError.keyNeeded(keyID: manifest.keyID) }

        let fm = FileManager.default
        let existed = fm.fileExists(atPath: folder.path)
        try folder.create()
        // An empty folder made by someone else (a package's postinst, say) is ours to close.
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder.path)
        do {
            for entry in manifest.files { try extract(entry, from: archive, into: folder, file: file) }
            if let givenKey, !manifest.withKey {
                _ = fm.createFile(atPath: folder.keyFilePath, contents: givenKey.bytes, attributes: [.posixPermissions: 0o600])
            }
            if let head = manifest.auditHead {
                _ = fm.createFile(atPath: folder.auditHead.path, contents: Data((head + "\n").utf8), attributes: [.posixPermissions: 0o600])
            }
            if let database {
                let dump = folder.path + "/" + BackupManifest.dumpName
                defer { try? fm.removeItem(atPath: dump) }
                try await SQLStore.restoreDump(dump, into: database, logger: logger)
            }
            let verifiedEvents = try await verify(folder, database: database, manifest: manifest, file: file, logger: logger)
            return Restored(manifest: manifest, verifiedEvents: verifiedEvents)
        } catch {
            for entry in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] { try? fm.removeItem(atPath: folder.path + "/" + entry) }
            if !existed { try? fm.removeItem(atPath: folder.path) }
            if let database { try? await SQLStore.dropTables(database, logger: logger) }
            throw error
        }
    }

    /// A zip's end record is its last bytes: a file that begins as a zip but has none was cut off.
    static func open(_ file: String) throws -> Archive {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw BackupError.notABackup(path: file) }
        let start = (try? handle.read(upToCount: 4)) ?? nil
        try? handle.close()
        do {
            return try Archive(url: URL(fileURLWithPath: file), accessMode: .read, pathEncoding: nil)
        } catch {
            guard start == Data([0x50, 0x4B, 0x03, 0x04]) else { throw BackupError.notABackup(path: file) }
            throw BackupError.damaged(path: file, detail: "zip 目录缺失 / the zip directory is missing")
        }
    }

    static func readManifest(_ archive: Archive, file: String) throws -> BackupManifest {
        guard let entry = archive[BackupManifest.entryName], entry.type == .file, entry.uncompressedSize <= 16 << 20 else {
            throw BackupError.notABackup(path: file)
        }
        var data = Data()
        do {
            _ = try archive.extract(entry) { data.append($0) }
        } catch {
            throw BackupError.damaged(path: file, detail: BackupManifest.entryName)
        }
        guard let manifest = try? BackupManifest.decode(data), manifest.format == BackupManifest.format else {
            throw BackupError.notABackup(path: file)
        }
        guard manifest.version <= BackupManifest.version else {
            throw BackupError.unsupported(path: file, detail: "格式版本 \(manifest.version) / format version \(manifest.version)")
        }
        guard [BackupManifest.sqliteEngine, BackupManifest.postgresEngine].contains(manifest.engine) else {
            throw BackupError.unsupported(path: file, detail: "数据库引擎 \(manifest.engine) / engine \(manifest.engine)")
        }
        let names = manifest.files.map(\.name)
        guard names.allSatisfy(BackupManifest.isSafe(name:)), Set(names).count == names.count else {
            throw BackupError.damaged(path: file, detail: "清单中有不安全的文件名 / an unsafe name in the manifest")
        }
        return manifest
    }

    struct GivenKey {
        var bytes: Data
        var id: String
    }

    static func readKey(_ path: String) throws -> GivenKey {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path), (attributes[.size] as? Int) == 32,
            let bytes = FileManager.default.contents(atPath: path)
        else { throw BackupError.keyUnreadable(path: path) }
        return GivenKey(bytes: bytes, id: Keys(master: SymmetricKey(data: bytes)).id)
    }

    /// Writes one listed file, checking its size and SHA-256 against the manifest as it goes.
    static func extract(_ listed: BackupManifest.File, from archive: Archive, into folder: DataFolder, file: String) throws {
        guard let entry = archive[listed.name], entry.type == .file else {
            throw BackupError.damaged(path: file, detail: "缺少 \(listed.name) / \(listed.name) is missing")
        }
        let target = folder.path + "/" + listed.name
        let fm = FileManager.default
        try fm.createDirectory(
            atPath: URL(fileURLWithPath: target).deletingLastPathComponent().path,
            withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700]
        )
        guard fm.createFile(atPath: target, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: target)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target]) }
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        do {
            _ = try archive.extract(entry) { chunk in
                bytes += Int64(chunk.count)
                guard bytes <= listed.bytes else { throw BackupError.damaged(path: file, detail: "\(listed.name) 过长 / \(listed.name) too long") }
                hasher.update(data: chunk)
                try handle.write(contentsOf: chunk)
            }
        } catch let error as BackupError {
            throw error
        } catch {
            throw BackupError.damaged(path: file, detail: "\(listed.name) 无法读出 / \(listed.name) unreadable")
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        guard bytes == listed.bytes, digest == listed.sha256 else {
            throw BackupError.damaged(path: file, detail: "\(listed.name) 校验值不符 / \(listed.name) checksum differs")
        }
    }

    /// Opens the restored folder as the server would and walks its whole audit chain.
    static func verify(_ folder: DataFolder, database: DatabaseURL?, manifest: BackupManifest, file: String, logger: Logger) async throws -> Int {
        let store = try await Installation.open(folder, database: database, creating: false, logger: logger).store
        do {
            let verification = try await store.verifyAudit(headFile: folder.auditHead)
            try await store.close()
            if let problem = verification.problem { throw BackupError.restoredDoesNotVerify(problem: problem) }
            guard verification.events == manifest.auditEvents else {
                throw BackupError.damaged(path: file, detail: "操作记录条数不符 / audit event count differs")
            }
            return verification.events
        } catch {
            try? await store.close()
            throw error
        }
    }
}
