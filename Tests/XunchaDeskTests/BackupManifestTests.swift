import Foundation
import Testing

@testable import XunchaDesk

/// The names a backup may restore: only paths that stay inside the data folder.
struct BackupManifestTests {
    @Test(arguments: ["xuncha.sqlite", "xuncha.key", "attachments/r-1/a1", "leads/l-2/材料.pdf", "handovers/i/h.zip"])
    func namesInsideTheFolderAreSafe(_ name: String) {
        #expect(BackupManifest.isSafe(name: name))
    }

    @Test(arguments: [
        "", "/etc/passwd", "../x", "a/../../x", "attachments/../../x", "a//b", "a/", ".ssh/authorized_keys", "a/.hidden",
        "a\\..\\x", "a\u{0}b", "line\nbreak", String(repeating: "a", count: 513),
    ])
    func namesThatCouldLeaveTheFolderAreNot(_ name: String) {
        #expect(!BackupManifest.isSafe(name: name))
    }

    @Test func aManifestReadsBackAsItWasWritten() throws {
        let manifest = BackupManifest(
            format: BackupManifest.format,
            version: BackupManifest.version,
            engine: BackupManifest.sqliteEngine,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000),
            keyID: "0123456789abcdef",
            withKey: false,
            reports: 3,
            auditEvents: 9,
            auditHead: "9 abc def",
            files: [.init(name: "xuncha.sqlite", bytes: 4096, sha256: String(repeating: "0", count: 64))]
        )
        #expect(try BackupManifest.decode(try manifest.encoded()) == manifest)
    }
}
