import Foundation
import Logging
import XunchaStore

/// A data folder of its own for each test, removed afterwards.
struct TemporaryInstallation {
    let folder: DataFolder
    let keys: Keys

    /// `sharingKeyOf` gives this folder another's key file, so that the two write the same audit links.
    init(sharingKeyOf other: TemporaryInstallation? = nil) throws {
        folder = DataFolder(path: NSTemporaryDirectory() + "xuncha-store-test-\(UUID().uuidString)")
        try folder.create()
        if let other { try FileManager.default.copyItem(atPath: other.folder.keyFilePath, toPath: folder.keyFilePath) }
        keys = try Keys.loadOrCreate(at: folder.keyFilePath).keys
    }

    func open() async throws -> SQLStore {
        try await SQLStore(engine: try await SQLiteEngine(path: folder.databasePath, logger: Logger(label: "test")), auditKey: keys.auditChain)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder.path) }

    /// Every byte SQLite keeps for this database, the write-ahead log included.
    func databaseBytes() throws -> Data {
        var all = Data()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: folder.databasePath + suffix) {
            all.append(try Data(contentsOf: URL(fileURLWithPath: folder.databasePath + suffix)))
        }
        return all
    }
}
