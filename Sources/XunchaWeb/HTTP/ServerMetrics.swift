import CoreMetrics
import Crypto
import Foundation
import Hummingbird
import Prometheus
import XunchaDesk
import XunchaStore

/// The server's metrics in Prometheus's text format at `/metrics`: requests by route pattern,
/// method and status, intake and screening durations, reports received by channel, and the
/// reports waiting for the group commit. Labels are route patterns (`/api/v1/reports/{id}`),
/// never a path as sent, so no report id, query code or address is ever a label.
///
/// Who may read it: a scraper on the machine itself (a loopback peer that came through no proxy),
/// or anyone showing the token of `serve --metrics-token-file`. Everyone else gets 404.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let token: String?
    let requests = "xuncha_http_requests_total"
    let requestDuration = "xuncha_http_request_duration_seconds"
    let waitingToCommit = "xuncha_group_commit_queue_depth"

    public init(token: String? = nil) {
        self.token = token.flatMap { $0.isEmpty ? nil : $0 }
    }

    public var factory: any MetricsFactory { PrometheusMetricsFactory(registry: registry) }

    func served(route: String, method: String, status: Int, since start: ContinuousClock.Instant) {
        let labels = [("route", route), ("method", method), ("status", String(status))]
        registry.makeCounter(name: requests, labels: labels).increment()
        let elapsed = ContinuousClock.now - start
        registry.makeDurationHistogram(name: requestDuration, labels: [("route", route)], buckets: Self.buckets).record(elapsed)
    }

    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5)]

    func mayRead(_ request: Request, context: AppRequestContext) -> Bool {
        if let token, let given = request.headers[.authorization], given.hasPrefix("Bearer ") {
            // Compared as digests, so the time taken says nothing about how much of it was right.
            return SHA256.hash(data: Data(given.dropFirst(7).utf8)) == SHA256.hash(data: Data(token.utf8))
        }
        let proxied = request.headers[.init("X-Forwarded-For")!] != nil
        return !proxied && Self.loopback.contains(context.clientAddress ?? "")
    }

    static let loopback: Set<String> = ["127.0.0.1", "::1", "::ffff:127.0.0.1"]

    func exposition(_ store: any Store) async -> Response {
        if let store = store as? SQLStore {
            registry.makeGauge(name: waitingToCommit).set(Double(await store.reportsWaitingToCommit()))
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer()))
        )
    }
}

/// Counts and times every routed request by its route pattern, and logs one line for it with the
/// pattern, method, status and duration: no path as sent, no address, no body.
struct ObservationMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        do {
            let response = try await next(request, context)
            record(route, method, Int(response.status.code), start, context)
            return response
        } catch {
            record(route, method, Int((error as? any HTTPResponseError)?.status.code ?? 500), start, context)
            throw error
        }
    }

    private func record(_ route: String, _ method: String, _ status: Int, _ start: ContinuousClock.Instant, _ context: Context) {
        metrics.served(route: route, method: method, status: status, since: start)
        let milliseconds = Double(IntakeMetrics.nanoseconds(since: start)) / 1_000_000
        context.logger.info(
            "request",
            metadata: ["route": "\(route)", "method": "\(method)", "status": "\(status)", "duration_ms": "\(String(format: "%.1f", milliseconds))"]
        )
    }
}
