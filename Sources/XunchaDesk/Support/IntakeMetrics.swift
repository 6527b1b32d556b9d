import CoreMetrics
import XunchaCore

/// What intake tells the server's metrics: how long screening and the whole intake took, and how
/// many reports came in by each channel. Only durations and a channel's name: nothing about the
/// report or who sent it.
public struct IntakeMetrics: Sendable {
    let factory: any MetricsFactory

    /// Without a factory nothing is recorded (the command-line tools, most tests).
    public init(factory: any MetricsFactory = NOOPMetricsHandler.instance) {
        self.factory = factory
    }

    public static let intakeDuration = "xuncha_intake_duration_seconds"
    public static let screeningDuration = "xuncha_screening_duration_seconds"
    public static let reportsReceived = "xuncha_reports_received_total"

    func screened(since start: ContinuousClock.Instant) {
        Timer(label: Self.screeningDuration, factory: factory).recordNanoseconds(Self.nanoseconds(since: start))
    }

    func received(_ channel: Channel, since start: ContinuousClock.Instant) {
        Timer(label: Self.intakeDuration, factory: factory).recordNanoseconds(Self.nanoseconds(since: start))
        Counter(label: Self.reportsReceived, dimensions: [("channel", channel.rawValue)], factory: factory).increment()
    }

    public static func nanoseconds(since start: ContinuousClock.Instant) -> Int64 {
        let elapsed = (ContinuousClock.now - start).components
        return elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000
    }
}
