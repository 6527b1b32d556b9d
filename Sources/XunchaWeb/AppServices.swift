import Foundation
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import XunchaCore
import XunchaStore

/// What the controllers share: storage, the intake path, keys, templates and the clock.
struct AppServices: Sendable {
    let configuration: AppConfiguration
    let store: any Store
    let intake: ReportIntake
    let keys: Keys
    let pages: Pages
    let throttle: ClientThrottle
    let now: @Sendable () -> Date

    init(configuration: AppConfiguration, store: any Store, keys: Keys, now: @escaping @Sendable () -> Date) async throws {
        self.configuration = configuration
        self.store = store
        self.keys = keys
        self.now = now
        intake = ReportIntake(store: store, keys: keys, queryCodeCost: configuration.queryCodeCost)
        pages = try await Pages()
        throttle = ClientThrottle(
            key: keys.clientTag,
            policy: .init(maxFailures: configuration.maxFailuresPerClient, window: configuration.failureWindow)
        )
    }

    /// bcrypt is slow on purpose; it runs on the thread pool so the event loop keeps serving.
    func hashPassword(_ password: String) async throws -> String {
        let cost = configuration.passwordCost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verifyPassword(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Refuses a client that has failed too often, before any slow work is done for it.
    func checkThrottle(_ purpose: String, _ context: AppRequestContext) async throws -> String {
        let tag = await throttle.tag(purpose, context.clientAddress)
        if let wait = await throttle.retryAfter(tag, now: now()) { throw APIError.tooManyAttempts(retryAfter: wait) }
        return tag
    }

    /// A failed guess costs the guesser time, and counts against them.
    func penalise(_ tag: String) async throws {
        await throttle.recordFailure(tag, now: now())
        try await Task.sleep(for: configuration.failureDelay)
    }
}
