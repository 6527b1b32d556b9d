import Foundation
import Logging
import XunchaStore
import XunchaTestSupport

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
        try await SQLStore(engine: try await engine(), auditKey: keys.auditChain)
    }

    /// The engine the tests run on (`TestDatabase`), over this folder's database.
    func engine() async throws -> any SQLEngine {
        try await TestDatabase.engine(for: folder)
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder.path) }

    /// Everything the database keeps for this installation (`TestDatabase.storedBytes`).
    func databaseBytes() async throws -> Data {
        try await TestDatabase.storedBytes(for: folder)
    }
}
