import Foundation
import XunchaDesk
import XunchaStore

/// How one Xuncha server runs: where it listens, its data folder, and the desks' costs and limits.
/// The defaults are the production ones; tests lower the costs.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var dataFolder: DataFolder
    public var desk: DeskSettings
    /// Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.
    public var trustedProxies: [String] = []
    /// Lets a scraper that is not on this machine read `/metrics` (`Authorization: Bearer …`).
    public var metricsToken: String?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataFolder: DataFolder = DataFolder(path: "./xuncha-data"),
        passwordCost: UInt8 = 12,
        queryCodeCost: Int = 1 << 14,
        failureDelay: Duration = .seconds(1),
        maxFailuresPerClient: Int = 10,
        failureWindow: TimeInterval = 15 * 60,
        sessionLifetime: TimeInterval = 12 * 3600
    ) {
        self.host = host
        self.port = port
        self.dataFolder = dataFolder
        desk = DeskSettings(
            passwordCost: passwordCost,
            queryCodeCost: queryCodeCost,
            failureDelay: failureDelay,
            maxFailuresPerClient: maxFailuresPerClient,
            failureWindow: failureWindow,
            sessionLifetime: sessionLifetime
        )
    }
}
