import Foundation
import SQLKit
import Testing
import XunchaCore
import XunchaStore

private let inspection = Inspection(
    id: "insp-1",
    group: "市委第一巡察组",
    units: ["市某局"],
    periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
    periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
    deadline: CivilDate(year: 2023, month: 5, day: 31)!
)
private let march10 = Date(timeIntervalSince1970: 1_678_420_800)  // 2023-03-10 12:00 Beijing

@Suite struct SQLiteStoreTests {
    @Test func theSealedIdentityOpensOnlyForItsOwnReport() throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let sealer = Sealer(keys: installation.keys)
        let identity = ReporterIdentity(name: "钱七", phone: "13700000000")
        let sealed = try sealer.sealValue(identity, .identity(reportID: "r1"))
        #expect(try sealer.openValue(ReporterIdentity.self, sealed, .identity(reportID: "r1")) == identity)
        #expect(throws: Sealer.Failure.self) { try sealer.openValue(ReporterIdentity.self, sealed, .identity(reportID: "r2")) }
        // One purpose's sealed value does not open as another's, even for the same report.
        #expect(throws: Sealer.Failure.self) { try sealer.openValue(ReporterIdentity.self, sealed, .channelFields(reportID: "r1")) }
        let otherKeys = Keys(master: .init(size: .bits256))
        #expect(throws: Sealer.Failure.self) { try Sealer(keys: otherKeys).openValue(ReporterIdentity.self, sealed, .identity(reportID: "r1")) }
    }

    @Test func reopeningKeepsEverythingAndRunsNoMigrationTwice() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        var store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        try await store.close()
        store = try await installation.open()
        #expect(try await store.inspections() == [inspection])
        #expect(try await store.inspection(id: "insp-1") == inspection)
        try await store.close()
    }

    @Test func staffAccountsSessionsAndPasswordChanges() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let user = StaffUser(id: "u1", username: "zhang", displayName: "张", role: .member, inspectionID: nil, mustChangePassword: true)
        try await store.createUser(user, passwordHash: "h1", actor: .system, at: march10)
        await #expect(throws: StoreError.duplicateUsername("zhang")) {
            try await store.createUser(user, passwordHash: "h2", actor: .system, at: march10)
        }
        #expect(try await store.userCredentials(username: "zhang")?.passwordHash == "h1")
        let session = StaffSession(tokenHash: "t", userID: "u1", csrfToken: "c", expiresAt: march10.addingTimeInterval(3600))
        try await store.createSession(session, at: march10)
        #expect(try await store.session(tokenHash: "t") == session)
        try await store.setPassword(userID: "u1", passwordHash: "h3", mustChange: false, actor: .user(id: "u1"), at: march10)
        #expect(try await store.session(tokenHash: "t") == nil, "a password change ends the old sessions")
        #expect(try await store.user(id: "u1")?.mustChangePassword == false)
        try await store.createSession(session, at: march10)
        try await store.deleteSession(tokenHash: "t", at: march10)
        #expect(try await store.session(tokenHash: "t") == nil)
        let actions = try await store.auditEvents(subject: .staff, id: "u1").map(\.action)
        #expect(actions == ["staff.created", "staff.login", "staff.password_set", "staff.login", "staff.logout"])
        try await store.close()
    }
}

@Suite struct KeyFileTests {
    @Test func theKeyFileIsCreatedOwnerOnlyAndLoadsTheSameKeys() throws {
        let path = NSTemporaryDirectory() + "xuncha-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (first, created) = try Keys.loadOrCreate(at: path)
        #expect(created)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (second, createdAgain) = try Keys.loadOrCreate(at: path)
        #expect(!createdAgain)
        #expect(first.queryCodeSalt == second.queryCodeSalt)
    }

    @Test func aKeyFileOthersCanReadOrOfTheWrongSizeIsRefused() throws {
        let path = NSTemporaryDirectory() + "xuncha-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try Keys.loadOrCreate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        #expect(throws: Keys.KeyFileError.self) { try Keys.loadOrCreate(at: path) }
        try Data(count: 5).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        #expect(throws: Keys.KeyFileError.self) { try Keys.loadOrCreate(at: path) }
    }
}
