import Foundation
import Logging
import XunchaStore

/// How one Xuncha server runs. The defaults are the production ones; tests lower the costs.
public struct AppConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var dataFolder: DataFolder
    /// bcrypt cost for staff passwords.
    public var passwordCost: UInt8
    /// scrypt N for query codes.
    public var queryCodeCost: Int
    /// How long a wrong query code or password takes to answer, so that guessing is slow.
    public var failureDelay: Duration
    public var maxFailuresPerClient: Int
    public var failureWindow: TimeInterval
    public var sessionLifetime: TimeInterval

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
        self.passwordCost = passwordCost
        self.queryCodeCost = queryCodeCost
        self.failureDelay = failureDelay
        self.maxFailuresPerClient = maxFailuresPerClient
        self.failureWindow = failureWindow
        self.sessionLifetime = sessionLifetime
    }
}
