import Foundation

/// What counting one guess (a query code, a password) came to in the throttle's buckets
/// (`Store.countAttempt`).
public enum AttemptCount: Sendable, Equatable {
    /// Counted in every bucket; the moment each bucket's window began, in the order asked.
    case counted(since: [Date])
    /// A bucket is full: nothing was counted, and it frees in this many seconds.
    case wait(seconds: Int)
}
