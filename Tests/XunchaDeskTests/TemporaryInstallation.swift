import Foundation
import Logging
import XunchaDesk
import XunchaStore
import XunchaTestSupport

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
        try await SQLStore(engine: try await engine(), auditKey: keys.auditChain)
    }

    /// The engine the tests run on (`TestDatabase`), over this folder's database.
    func engine() async throws -> any SQLEngine {
        try await TestDatabase.engine(for: folder)
    }

    static let settings = DeskSettings(passwordCost: 4, queryCodeCost: 1 << 4, failureDelay: .milliseconds(10))

    func desks(_ store: any Store, now: @escaping @Sendable () -> Date = { Date() }) -> DeskServices {
        DeskServices(store: store, keys: keys, dataFolder: folder, settings: Self.settings, now: now)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder.path) }

    /// Everything the database keeps for this installation (`TestDatabase.storedBytes`).
    func databaseBytes() async throws -> Data {
        try await TestDatabase.storedBytes(for: folder)
    }
}
