import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// Counts failed guesses (query codes, passwords) per client in memory, so that one client cannot
/// try codes at speed. Clients are told apart by `ClientTag`, a keyed hash of their address that
/// lives only in this process and is forgotten when its window ends: no address is ever stored
/// or logged.
public actor ClientThrottle {
    public struct Policy: Sendable {
        var maxFailures: Int
        var window: TimeInterval
    }

    /// What is being guessed: each has its own count.
    public enum Purpose: String, Sendable {
        case queryCode = "query-code"
        case login
    }

    private let policy: Policy
    private var failures: [String: (count: Int, since: Date)] = [:]

    init(policy: Policy) { self.policy = policy }

    private static func key(_ purpose: Purpose, _ client: ClientTag?) -> String { purpose.rawValue + "|" + (client?.value ?? "unknown") }

    /// Seconds the client must wait, or nil when it may try again.
    func retryAfter(_ purpose: Purpose, _ client: ClientTag?, now: Date) -> Int? {
        let key = Self.key(purpose, client)
        guard let entry = failures[key] else { return nil }
        let elapsed = now.timeIntervalSince(entry.since)
        if elapsed >= policy.window {
            failures[key] = nil
            return nil
        }
        return entry.count >= policy.maxFailures ? Int((policy.window - elapsed).rounded(.up)) : nil
    }

    func recordFailure(_ purpose: Purpose, _ client: ClientTag?, now: Date) {
        let key = Self.key(purpose, client)
        if let entry = failures[key], now.timeIntervalSince(entry.since) < policy.window {
            failures[key] = (entry.count + 1, entry.since)
        } else {
            failures[key] = (1, now)
        }
        if failures.count > 100_000 { failures = failures.filter { now.timeIntervalSince($0.value.since) < policy.window } }
    }

    func recordSuccess(_ purpose: Purpose, _ client: ClientTag?) { failures[Self.key(purpose, client)] = nil }
}

extension ClientTag {
    /// The tag of a client address under the installation's throttling key. The address itself is
    /// used for this one computation and not kept.
    public init(address: String?, keys: Keys) {
        let mac = HMAC<SHA256>.authenticationCode(for: Data((address ?? "unknown").utf8), using: keys.clientTag)
        self.init(Data(mac).base64EncodedString())
    }
}

extension DeskServices {
    /// Refuses a client that has failed too often, before any slow work is done for it.
    func checkThrottle(_ purpose: ClientThrottle.Purpose, _ client: ClientTag?) async throws(DeskError) {
        if let wait = await throttle.retryAfter(purpose, client, now: now()) { throw DeskError.throttled(retryAfter: wait) }
    }

    /// A failed guess costs the guesser time, and counts against them.
    func penalise(_ purpose: ClientThrottle.Purpose, _ client: ClientTag?) async {
        await throttle.recordFailure(purpose, client, now: now())
        try? await Task.sleep(for: settings.failureDelay)
    }
}
