import Foundation
import Logging
import SQLKit
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

private let march10 = Date(timeIntervalSince1970: 1_678_420_800)  // 2023-03-10 12:00 Beijing

/// Query codes are stored as a keyed hash; codes stored under the former scrypt scheme still open
/// their reports and move to the keyed hash on their first use.
@Suite struct QueryCodeHashTests {
    private func submit(_ desks: DeskServices) async throws -> (id: String, code: QueryCode) {
        let receipt = try await desks.intake.submit(
            Submission(channel: .web, content: "反映某局长收受购物卡。", receivedAt: march10),
            from: .reporter(nil)
        )
        return (receipt.reportID, try #require(receipt.queryCode))
    }

    /// Writes a column the store has no call for, as a database of an earlier version holds it.
    private func storeHash(_ hash: String, reportID: String, in installation: TemporaryInstallation) async throws {
        let engine = try await installation.engine()
        try await engine.transaction { db in
            try await db.raw("UPDATE reports SET query_code_hash = \(bind: hash) WHERE id = \(bind: reportID)").run()
        }
        try await engine.close()
    }

    @Test func aNewCodeIsStoredAsItsKeyedHashOnly() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let desks = installation.desks(store)
        let (id, code) = try await submit(desks)
        let stored = desks.codeHasher.hash(code)
        #expect(stored.hasPrefix("hmac:") && stored.count == 5 + 64)
        #expect(try await store.reportID(queryCodeHash: stored) == id)
        #expect(try await store.holdsLegacyQueryCodeHashes() == false)
        // Keyed: another key file gives another hash, so the database alone tests no guess.
        let other = QueryCodeHasher(keys: Keys(master: .init(size: .bits256)))
        #expect(other.hash(code) != stored)
        #expect(try await store.reportID(queryCodeHash: other.hash(code)) == nil)
        try await store.close()
    }

    @Test func aCodeStoredByTheFormerSchemeOpensItsReportAndIsRehashed() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        var store = try await installation.open()
        let desks = installation.desks(store)
        let (id, code) = try await submit(desks)
        let (laterID, laterCode) = try await submit(desks)
        let legacy = try desks.codeHasher.legacyHash(code)
        #expect(!legacy.hasPrefix("hmac:") && legacy.count == 64)
        try await store.close()
        try await storeHash(legacy, reportID: id, in: installation)

        store = try await installation.open()
        let reopened = installation.desks(store)
        #expect(try await store.holdsLegacyQueryCodeHashes())
        // A wrong code is still not found while a legacy hash remains (it costs the slow hash).
        var rng = SplitMix64(seed: 11)
        #expect(try await reopened.intake.reportID(for: QueryCode.generate(using: &rng)) == nil)
        #expect(try await store.reportID(queryCodeHash: legacy) == id)

        let status = try await reopened.reporters.status(code: code.digits, client: nil)
        #expect(status.status == .received)
        #expect(try await store.reportID(queryCodeHash: legacy) == nil)
        #expect(try await store.reportID(queryCodeHash: reopened.codeHasher.hash(code)) == id)
        #expect(try await store.holdsLegacyQueryCodeHashes() == false)
        // Both codes keep opening their own reports.
        #expect(try await reopened.intake.reportID(for: code) == id)
        #expect(try await reopened.intake.reportID(for: laterCode) == laterID)
        try await store.close()
    }
}
