import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import XunchaCore
import XunchaDesk
import XunchaStore

/// Builds the whole server from its configuration and the desks over an open store. `xuncha
/// serve` and the tests both come through here, so what is tested is what runs.
public func buildApplication(
    configuration: AppConfiguration,
    desks: DeskServices,
    maildir: MaildirWatch? = nil,
    logger: Logger
) async throws -> some ApplicationProtocol {
    let metrics = ServerMetrics(token: configuration.metricsToken)
    var desks = desks
    desks.metrics = IntakeMetrics(factory: metrics.factory)
    let services = AppServices(configuration: configuration, desks: desks, pages: try await Pages(), metrics: metrics)
    // `serve --maildir`: the watcher runs as a service beside the server and stops with it.
    let watchers = maildir.map { [MaildirWatcher(watch: $0, sink: desks.mail, logger: logger)] }
    return Application(
        router: routes(services),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Xuncha"),
        services: watchers ?? [],
        logger: logger
    )
}
