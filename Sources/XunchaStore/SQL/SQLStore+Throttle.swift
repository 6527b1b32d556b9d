import Foundation
import SQLKit

/// The throttle's buckets (`ClientThrottle` of the desks) in the database, so that every server
/// counts the same guesses. Each count is one write transaction: under the write lock, so that
/// concurrent guesses cannot all pass the check before the first is counted.
extension SQLStore {
    public func countAttempt(_ buckets: [(key: String, limit: Int)], at now: Date, window: TimeInterval) async throws -> AttemptCount {
        let nowMillis = Self.millis(now)
        let windowMillis = Int64(window * 1000)
        return try await engine.transaction { db in
            try await db.raw("DELETE FROM throttle_buckets WHERE since <= \(bind: nowMillis - windowMillis)").run()
            var found: [String: Int64] = [:]
            var waits: [Int] = []
            for (key, limit) in buckets {
                guard let row = try await db.raw("SELECT attempts, since FROM throttle_buckets WHERE bucket = \(bind: key)").first() else {
                    continue
                }
                let since = try row.decode(column: "since", as: Int64.self)
                found[key] = since
                if try row.decode(column: "attempts", as: Int.self) >= limit {
                    waits.append(Int((Double(since + windowMillis - nowMillis) / 1000).rounded(.up)))
                }
            }
            if let wait = waits.max() { return .wait(seconds: max(wait, 1)) }
            for (key, _) in buckets {
                if found[key] != nil {
                    try await db.raw("UPDATE throttle_buckets SET attempts = attempts + 1 WHERE bucket = \(bind: key)").run()
                } else {
                    try await db.raw("INSERT INTO throttle_buckets (bucket, attempts, since) VALUES (\(bind: key), 1, \(bind: nowMillis))").run()
                }
            }
            return .counted(since: buckets.map { Self.date(found[$0.key] ?? nowMillis) })
        }
    }

    public func refundAttempt(_ counted: [(key: String, since: Date)]) async throws {
        try await engine.transaction { db in
            for (key, since) in counted {
                try await db.raw(
                    """
                    UPDATE throttle_buckets SET attempts = attempts - 1
                    WHERE bucket = \(bind: key) AND since = \(bind: Self.millis(since)) AND attempts > 0
                    """
                ).run()
            }
        }
    }
}
