import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// Counts guesses (query codes, passwords) per client, so that one client cannot try codes at
/// speed. Clients are told apart by `ClientTag`, keyed hashes of their address and of their
/// browser's form cookie: no address is ever stored or logged. The counts are kept in the store
/// (`Store.countAttempt`) for the window only, so that every server on one database counts the
/// same guesses.
///
/// An attempt is counted when it starts, before any slow work, so concurrent guesses cannot all
/// pass the check before the first failure is counted. A success refunds that one attempt and no
/// more, so a client who knows one code cannot wipe its failures by mixing it in.
///
/// Two buckets stand behind every attempt: the client's own (its address and browser) with the
/// policy's limit, and its whole address with ten times that. Many people behind one proxy or
/// office NAT share an address: one of them guessing wrong locks out only their own browser,
/// while a client that throws its cookie away to start afresh still meets the address's limit.
public struct ClientThrottle: Sendable {
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

    private let store: any Store
    private let policy: Policy

    init(store: any Store, policy: Policy) {
        self.store = store
        self.policy = policy
    }

    private func limits(_ purpose: Purpose, _ client: ClientTag?) -> [(key: String, limit: Int)] {
        let address = purpose.rawValue + "|" + (client?.address ?? "unknown")
        guard let browser = client?.browser else { return [(address + "|-", policy.maxFailures)] }
        return [(address + "|" + browser, policy.maxFailures), (address, policy.maxFailures * policy.addressFactor)]
    }

    /// Counts an attempt, or says how many seconds the client must wait first.
    func begin(_ purpose: Purpose, _ client: ClientTag?, now: Date) async throws -> Result<Attempt, DeskError> {
        let limits = limits(purpose, client)
        switch try await store.countAttempt(limits, at: now, window: policy.window) {
        case .wait(let seconds): return .failure(.throttled(retryAfter: seconds))
        case .counted(let since): return .success(Attempt(keys: limits.map(\.key), since: since))
        }
    }

    /// Gives back a successful attempt, in the window it was counted in. A refund that cannot be
    /// written leaves the client one guess fewer in this window: not worth failing what succeeded.
    func refund(_ attempt: Attempt) async {
        try? await store.refundAttempt(Array(zip(attempt.keys, attempt.since)).map { (key: $0.0, since: $0.1) })
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
    func beginAttempt(_ purpose: ClientThrottle.Purpose, _ client: ClientTag?) async throws -> ClientThrottle.Attempt {
        try await throttle.begin(purpose, client, now: now()).get()
    }

    /// A failed guess costs the guesser time; it was counted when it began.
    func penalise() async {
        try? await Task.sleep(for: settings.failureDelay)
    }
}
