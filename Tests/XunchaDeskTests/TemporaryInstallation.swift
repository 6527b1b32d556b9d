import Foundation
import Logging
import XunchaDesk
import XunchaStore

/// A data folder of its own for each test, removed afterwards, and the desks over it at test
/// costs (cheap bcrypt and scrypt, a short failure delay).
struct TemporaryInstallation {
    let folder: DataFolder
    let keys: Keys

    init() throws {
        folder = DataFolder(path: NSTemporaryDirectory() + "xuncha-desk-test-\(UUID().uuidString)")
        try folder.create()
        keys = try Keys.loadOrCreate(at: folder.keyFilePath).keys
    }

    func open() async throws -> SQLStore {
        try await SQLStore(engine: try await SQLiteEngine(path: folder.databasePath, logger: Logger(label: "test")), auditKey: keys.auditChain)
    }

    static let settings = DeskSettings(passwordCost: 4, queryCodeCost: 1 << 4, failureDelay: .milliseconds(10))

    func desks(_ store: any Store, now: @escaping @Sendable () -> Date = { Date() }) -> DeskServices {
        DeskServices(store: store, keys: keys, dataFolder: folder, settings: Self.settings, now: now)
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
