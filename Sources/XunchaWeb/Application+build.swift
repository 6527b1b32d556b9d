import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import XunchaCore
import XunchaStore

/// Builds the whole server from its configuration and an open store. `xuncha serve` and the tests
/// both come through here, so what is tested is what runs.
public func buildApplication(
    configuration: AppConfiguration,
    store: any Store,
    keys: Keys,
    now: @escaping @Sendable () -> Date = { Date() },
    maildir: MaildirWatch? = nil,
    logger: Logger
) async throws -> some ApplicationProtocol {
    let services = try await AppServices(configuration: configuration, store: store, keys: keys, now: now)
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: StaffSessionMiddleware(services: services))
    router.get("/healthz") { _, _ in "ok" }
    router.get("/static/xuncha.css") { _, _ in
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: services.pages.stylesheet)
        )
    }
    router.addRoutes(PublicPages(services: services).routes)
    router.addRoutes(PublicPages(services: services).queryCodeRoutes)
    router.addRoutes(StaffPages(services: services).routes, atPath: "/staff")
    router.addRoutes(StaffPages(services: services).registrationRoutes, atPath: "/staff")
    router.addRoutes(StaffPages(services: services).rosterRoutes, atPath: "/staff")
    router.addRoutes(APIController(services: services).routes, atPath: "/api/v1")
    router.addRoutes(APIController(services: services).attachmentRoutes, atPath: "/api/v1")
    router.addRoutes(APIController(services: services).registrationRoutes, atPath: "/api/v1")
    router.addRoutes(APIController(services: services).rosterRoutes, atPath: "/api/v1")
    // `serve --maildir`: the watcher runs as a service beside the server and stops with it.
    let watchers = maildir.map {
        [MaildirWatcher(watch: $0, sink: StoreMailSink(intake: services.intake, attachments: services.attachments), logger: logger)]
    }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Xuncha"),
        services: watchers ?? [],
        logger: logger
    )
}
