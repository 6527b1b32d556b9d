import Crypto
import Foundation
import Logging
import SQLKit
import Testing

@testable import XunchaStore

/// A data folder is opened as one installation: its key file and database belong together, and
/// no file of it is readable by other local users.
@Suite(.serialized) struct InstallationTests {
    static let logger = Logger(label: "test")

    static func withFolder(_ body: (DataFolder) async throws -> Void) async throws {
        let folder = DataFolder(path: NSTemporaryDirectory() + "xuncha-installation-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder.path) }
        try await body(folder)
    }

    static func mode(_ path: String) throws -> Int { try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? -1 }

    static func refusal(_ folder: DataFolder) async -> Installation.Refusal? {
        do {
            try await Installation.open(folder, creating: true, logger: logger).store.close()
            return nil
        } catch { return error as? Installation.Refusal }
    }

    @Test func aMissingKeyFileIsNeverReplacedOnceTheDatabaseKnowsItsKey() async throws {
        try await Self.withFolder { folder in
            let first = try await Installation.open(folder, creating: true, logger: Self.logger)
            #expect(first.createdKey)
            #expect(try await first.store.installationKeyID() == first.keys.id)
            try await first.store.close()
            let backup = try Data(contentsOf: URL(fileURLWithPath: folder.keyFilePath))
            try FileManager.default.removeItem(atPath: folder.keyFilePath)
            guard case .keyMissing = await Self.refusal(folder) else {
                Issue.record("a missing key was not refused")
                return
            }
            #expect(!FileManager.default.fileExists(atPath: folder.keyFilePath))
            #expect(Installation.Refusal.keyMissing(folder: folder.path).description.contains("请从备份"))
            // Another installation's key is refused too, and the folder's own, restored, opens it.
            let other = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
            FileManager.default.createFile(atPath: folder.keyFilePath, contents: other, attributes: [.posixPermissions: 0o600])
            guard case .keyMismatch = await Self.refusal(folder) else {
                Issue.record("a foreign key was not refused")
                return
            }
            try backup.write(to: URL(fileURLWithPath: folder.keyFilePath))
            let restored = try await Installation.open(folder, creating: true, logger: Self.logger)
            #expect(!restored.createdKey && restored.keys.id == first.keys.id)
            try await restored.store.close()
        }
    }

    @Test func aDatabaseFromBeforeKeyIdentifiersWithReportsIsRefusedWithoutItsKey() async throws {
        try await Self.withFolder { folder in
            let first = try await Installation.open(folder, creating: true, logger: Self.logger)
            try await first.store.engine.transaction { db in
                try await db.raw("DELETE FROM installation_facts").run()
                try await db.raw(
                    "INSERT INTO reports (id, channel, received_at, content, status, is_real_name) VALUES ('r', 'web', 0, 'x', 'received', 0)"
                ).run()
            }
            try await first.store.close()
            try FileManager.default.removeItem(atPath: folder.keyFilePath)
            guard case .keyMissing = await Self.refusal(folder) else {
                Issue.record("a missing key was not refused")
                return
            }
        }
    }

    @Test func theFolderAndEveryFileAreTheOwnersAlone() async throws {
        try await Self.withFolder { folder in
            let opened = try await Installation.open(folder, creating: true, logger: Self.logger)
            try await opened.store.engine.transaction { db in try await db.raw("INSERT INTO installation_facts VALUES ('probe', 'x')").run() }
            #expect(try Self.mode(folder.path) == 0o700)
            for suffix in ["", "-wal", "-shm"] { #expect(try Self.mode(folder.databasePath + suffix) == 0o600, "\(suffix)") }
            #expect(try Self.mode(folder.keyFilePath) == 0o600)
            try await opened.store.close()
            // An older installation's loose modes are tightened; a folder others can enter is refused.
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.databasePath)
            try await Installation.open(folder, creating: true, logger: Self.logger).store.close()
            #expect(try Self.mode(folder.databasePath) == 0o600)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
            guard case .folderTooOpen = await Self.refusal(folder) else {
                Issue.record("an open folder was not refused")
                return
            }
        }
    }
}
