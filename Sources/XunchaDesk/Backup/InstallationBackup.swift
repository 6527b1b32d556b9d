import Crypto
import Foundation
import Logging
import XunchaStore
import ZIPFoundation

/// `xuncha backup`: one file that holds an installation as it was at one moment, taken while the
/// server goes on serving. The database is copied as one snapshot (SQLite: `SQLStore.writeSnapshot`;
/// PostgreSQL: a pg_dump archive, `SQLStore.writeDump`); the folder's files (attachments, lead
/// materials, handovers) are copied after it, so every file the copy names is there. The key file goes in only when asked: a backup without it cannot be read
/// by whoever finds it.
public enum InstallationBackup {
    /// Files of the data folder that are never copied as they are: the live database (the
    /// snapshot stands for it), the key (only with `withKey`), and the head file (the copy's own
    /// head is in the manifest).
    static func isLiveState(_ name: String, folder: DataFolder) -> Bool {
        let database = URL(fileURLWithPath: folder.databasePath).lastPathComponent
        let key = URL(fileURLWithPath: folder.keyFilePath).lastPathComponent
        let head = URL(fileURLWithPath: folder.auditHead.path).lastPathComponent
        return [database, database + "-wal", database + "-shm", database + "-journal", key, BackupManifest.dumpName].contains(name)
            || name.hasPrefix(head)
    }

    public static func write(
        store: SQLStore,
        database: DatabaseURL? = nil,
        keys: Keys,
        folder: DataFolder,
        to output: String,
        withKey: Bool,
        now: Date,
        logger: Logger
    ) async throws -> BackupManifest {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: output) else { throw BackupError.outputExists(path: output) }
        // Written beside the output and renamed at the end: a failed backup leaves no file that looks whole.
        let partial = output + ".partial-\(UUID().uuidString)"
        let snapshotPath = output + ".sqlite-\(UUID().uuidString)"
        defer {
            try? fm.removeItem(atPath: partial)
            try? fm.removeItem(atPath: snapshotPath)
        }
        let snapshot: DatabaseSnapshot
        var sources: [(name: String, path: String)]
        if let database {
            snapshot = try await store.writeDump(of: database, to: snapshotPath)
            sources = [(BackupManifest.dumpName, snapshotPath)]
        } else {
            snapshot = try await store.writeSnapshot(to: snapshotPath, logger: logger)
            sources = [(URL(fileURLWithPath: folder.databasePath).lastPathComponent, snapshotPath)]
        }
        if withKey { sources.append((URL(fileURLWithPath: folder.keyFilePath).lastPathComponent, folder.keyFilePath)) }
        sources += try folderFiles(folder)

        let archive = try Archive(url: URL(fileURLWithPath: partial), accessMode: .create, pathEncoding: nil)
        var files: [BackupManifest.File] = []
        for source in sources {
            let (bytes, digest) = try hash(source.path)
            files.append(BackupManifest.File(name: source.name, bytes: bytes, sha256: digest))
            try archive.addEntry(with: source.name, fileURL: URL(fileURLWithPath: source.path), compressionMethod: .deflate)
        }
        let manifest = BackupManifest(
            format: BackupManifest.format,
            version: BackupManifest.version,
            engine: database == nil ? BackupManifest.sqliteEngine : BackupManifest.postgresEngine,
            createdAt: now,
            keyID: keys.id,
            withKey: withKey,
            reports: snapshot.reports,
            auditEvents: snapshot.auditEvents,
            auditHead: snapshot.auditHeadLine,
            files: files,
            schema: database?.schemaName
        )
        let manifestData = try manifest.encoded()
        try archive.addEntry(with: BackupManifest.entryName, type: .file, uncompressedSize: Int64(manifestData.count)) { position, size in
            manifestData.subdata(in: Int(position)..<min(Int(position) + size, manifestData.count))
        }
        guard rename(partial, output) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: output]) }
        return manifest
    }

    /// The regular files under the data folder, by their path inside it, but the live state.
    static func folderFiles(_ folder: DataFolder) throws -> [(name: String, path: String)] {
        let root = URL(fileURLWithPath: folder.path)
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        else { return [] }
        var found: [(name: String, path: String)] = []
        for case let url as URL in walker {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let name = String(url.standardizedFileURL.path.dropFirst(root.path.count + 1))
            // Half-written files (`.tmp-…`) and anything hidden are no part of the installation.
            guard !isLiveState(name, folder: folder), BackupManifest.isSafe(name: name), !name.contains(".tmp-") else { continue }
            found.append((name, url.path))
        }
        return found.sorted { $0.name < $1.name }
    }

    /// The file's size and SHA-256, read in pieces: a database copy may be larger than memory.
    static func hash(_ path: String) throws -> (bytes: Int64, sha256: String) {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        var bytes: Int64 = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += Int64(chunk.count)
        }
        return (bytes, hasher.finalize().map { String(format: "%02x", $0) }.joined())
    }
}
