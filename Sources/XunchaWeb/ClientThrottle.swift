import Crypto
import Foundation

/// Counts failed guesses (query codes, passwords) per client in memory, so that one client cannot
/// try codes at speed. Clients are told apart by a keyed hash of their address that lives only in
/// this process and is forgotten when its window ends: no address is ever stored or logged.
actor ClientThrottle {
    struct Policy: Sendable {
        var maxFailures: Int
        var window: TimeInterval
    }

    private let key: SymmetricKey
    private let policy: Policy
    private var failures: [String: (count: Int, since: Date)] = [:]

    init(key: SymmetricKey, policy: Policy) {
        self.key = key
        self.policy = policy
    }

    func tag(_ purpose: String, _ address: String?) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(purpose)|\(address ?? "unknown")".utf8), using: key)
        return Data(mac).base64EncodedString()
    }

    /// Seconds the client must wait, or nil when it may try again.
    func retryAfter(_ tag: String, now: Date) -> Int? {
        guard let entry = failures[tag] else { return nil }
        let elapsed = now.timeIntervalSince(entry.since)
        if elapsed >= policy.window {
            failures[tag] = nil
            return nil
        }
        return entry.count >= policy.maxFailures ? Int((policy.window - elapsed).rounded(.up)) : nil
    }

    func recordFailure(_ tag: String, now: Date) {
        if let entry = failures[tag], now.timeIntervalSince(entry.since) < policy.window {
            failures[tag] = (entry.count + 1, entry.since)
        } else {
            failures[tag] = (1, now)
        }
        if failures.count > 100_000 { failures = failures.filter { now.timeIntervalSince($0.value.since) < policy.window } }
    }

    func recordSuccess(_ tag: String) { failures[tag] = nil }
}
