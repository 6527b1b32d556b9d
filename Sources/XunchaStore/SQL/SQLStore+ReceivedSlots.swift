import Foundation
import SQLKit

/// The one-time slots (`received_slots`) in the database, so that the page after the form finds
/// the code whichever server the browser's next request reaches. Both steps are write
/// transactions: under the write lock a slot is taken by one request only.
extension SQLStore {
    public func keepReceivedSlot(_ slot: ReceivedSlotRow, now: Date) async throws {
        try await engine.transaction { db in
            try await db.raw("DELETE FROM received_slots WHERE expires <= \(bind: Self.millis(now))").run()
            try await db.raw(
                """
                INSERT INTO received_slots (token_hash, sealed, expires)
                VALUES (\(bind: slot.tokenHash), \(bind: slot.sealed), \(bind: Self.millis(slot.expires)))
                """
            ).run()
        }
    }

    public func takeReceivedSlot(tokenHash: String, now: Date) async throws -> String? {
        try await engine.transaction { db in
            let row = try await db.raw("SELECT sealed, expires FROM received_slots WHERE token_hash = \(bind: tokenHash)").first()
            guard let row else { return nil }
            try await db.raw("DELETE FROM received_slots WHERE token_hash = \(bind: tokenHash)").run()
            guard try row.decode(column: "expires", as: Int64.self) > Self.millis(now) else { return nil }
            return try row.decode(column: "sealed", as: String.self)
        }
    }
}
