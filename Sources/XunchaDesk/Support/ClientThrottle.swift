import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// Counts guesses (query codes, passwords) per client in memory, so that one client cannot try
/// codes at speed. Clients are told apart by `ClientTag`, keyed hashes of their address and of
/// their browser's form cookie that live only in this process and are forgotten when their window
/// ends: no address is ever stored or logged.
///
/// An attempt is counted when it starts, before any slow work, so concurrent guesses cannot all
/// pass the check before the first failure is counted. A success refunds that one attempt and no
/// more, so a client who knows one code cannot wipe its failures by mixing it in.
///
/// Two buckets stand behind every attempt: the client's own (its address and browser) with the
/// policy's limit, and its whole address with ten times that. Many people behind one proxy or
/// office NAT share an address: one of them guessing wrong locks out only their own browser,
/// while a client that throws its cookie away to start afresh still meets the address's limit.
public actor ClientThrottle {
    public struct Policy: Sendable {
        var maxFailures: Int
        var window: TimeInterval
        /// How many of the client's own limit an address may use across all its browsers.
        var addressFactor = 10
    }

    /// What is being guessed: each has its own count.
    public enum Purpose: String, Sendable {
        case queryCode = "query-code"
        case login
    }

    /// One counted attempt, given back to `refund` when it succeeds.
    public struct Attempt: Sendable {
        fileprivate let keys: [String]
        fileprivate let since: [Date]
    }

    private struct Bucket {
        var count: Int
        var since: Date
    }

    private let policy: Policy
    private var buckets: [String: Bucket] = [:]

    init(policy: Policy) { self.policy = policy }

    private func limits(_ purpose: Purpose, _ client: ClientTag?) -> [(key: String, limit: Int)] {
        let address = purpose.rawValue + "|" + (client?.address ?? "unknown")
        guard let browser = client?.browser else { return [(address + "|-", policy.maxFailures)] }
        return [(address + "|" + browser, policy.maxFailures), (address, policy.maxFailures * policy.addressFactor)]
    }

    /// Counts an attempt, or says how many seconds the client must wait first.
    func begin(_ purpose: Purpose, _ client: ClientTag?, now: Date) -> Result<Attempt, DeskError> {
        let limits = limits(purpose, client)
        var waits: [Int] = []
        for (key, limit) in limits {
            guard let bucket = buckets[key] else { continue }
            let elapsed = now.timeIntervalSince(bucket.since)
            if elapsed >= policy.window {
                buckets[key] = nil
            } else if bucket.count >= limit {
                waits.append(Int((policy.window - elapsed).rounded(.up)))
            }
        }
        if let wait = waits.max() { return .failure(.throttled(retryAfter: max(wait, 1))) }
        var since: [Date] = []
        for (key, _) in limits {
            let bucket = buckets[key].map { Bucket(count: $0.count + 1, since: $0.since) } ?? Bucket(count: 1, since: now)
            buckets[key] = bucket
            since.append(bucket.since)
        }
        if buckets.count > 100_000 { buckets = buckets.filter { now.timeIntervalSince($0.value.since) < policy.window } }
        return .success(Attempt(keys: limits.map(\.key), since: since))
    }

    /// Gives back a successful attempt, in the window it was counted in.
    func refund(_ attempt: Attempt) {
        for (key, since) in zip(attempt.keys, attempt.since) {
            guard var bucket = buckets[key], bucket.since == since else { continue }
            bucket.count = max(bucket.count - 1, 0)
            buckets[key] = bucket
        }
    }
}

extension ClientTag {
    /// The tag of a client under the installation's throttling key: its address and, for a browser,
    /// its form cookie. Both are used for this one computation and not kept.
    public init(address: String?, browser: String?, keys: Keys) {
        func tag(_ text: String) -> String {
            Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: keys.clientTag)).base64EncodedString()
        }
        self.init(address: tag(address ?? "unknown"), browser: browser.map { tag("browser|" + $0) })
    }
}

extension DeskServices {
    /// Counts an attempt at guessing before any slow work is done for it, or refuses a client that
    /// has tried too often.
    func beginAttempt(_ purpose: ClientThrottle.Purpose, _ client: ClientTag?) async throws(DeskError) -> ClientThrottle.Attempt {
        try await throttle.begin(purpose, client, now: now()).get()
    }

    /// A failed guess costs the guesser time; it was counted when it began.
    func penalise() async {
        try? await Task.sleep(for: settings.failureDelay)
    }
}
