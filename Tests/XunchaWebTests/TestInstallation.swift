import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

/// A whole Xuncha on a temporary data folder with the demo's seed loaded (one inspection, a leader,
/// a member and four undecided reports), at test-friendly costs (cheap bcrypt and scrypt, short
/// failure delay), served on a loopback port and reached over HTTP.
struct TestInstallation {
    let folder: DataFolder
    let keys: Keys
    let store: SQLStore
    var configuration: AppConfiguration
    let passwords: [String: String]
    /// The server's clock; nil is the real one.
    var now: (@Sendable () -> Date)?

    /// `writerQueue` bounds the reports waiting for the writer once the seed is in (0: every
    /// report is refused as if the queue were full).
    static func make(
        maxFailures: Int = 10,
        trustedProxies: [String] = [],
        demo: FirstRun.Demo = .seed,
        writerQueue: Int? = nil
    ) async throws -> TestInstallation {
        let folder = DataFolder(path: NSTemporaryDirectory() + "xuncha-web-test-\(UUID().uuidString)")
        try folder.create()
        let keys = try Keys.loadOrCreate(at: folder.keyFilePath).keys
        var store = try await SQLStore(
            engine: try await SQLiteEngine(path: folder.databasePath, logger: Logger(label: "test")),
            auditKey: keys.auditChain
        )
        var configuration = AppConfiguration(
            dataFolder: folder,
            passwordCost: 4,
            queryCodeCost: 1 << 4,
            failureDelay: .milliseconds(20),
            maxFailuresPerClient: maxFailures
        )
        configuration.trustedProxies = trustedProxies
        let setup = try await FirstRun.prepare(
            DeskServices(store: store, keys: keys, dataFolder: folder, settings: configuration.desk),
            demo: demo
        )
        if let writerQueue {
            try await store.close()
            store = try await SQLStore(
                engine: try await SQLiteEngine(path: folder.databasePath, logger: Logger(label: "test")),
                auditKey: keys.auditChain,
                writerQueue: writerQueue
            )
        }
        return TestInstallation(
            folder: folder,
            keys: keys,
            store: store,
            configuration: configuration,
            passwords: Dictionary(uniqueKeysWithValues: setup.newAccounts.map { ($0.username, $0.password) })
        )
    }

    /// An account the admin made, confirmed as its leader would confirm it on /staff/team (the
    /// two-person rule); for accounts whose confirmation is not what a test is about.
    func confirm(_ username: String) async throws {
        guard let user = try await store.users().first(where: { $0.username == username }) else { throw CocoaError(.fileNoSuchFile) }
        try await store.setAccess(userID: user.id, access: .confirmed, actor: .commandLine(name: "test"), at: Date())
    }

    /// The desks over this installation, on the server's clock.
    func desks() -> DeskServices {
        DeskServices(store: store, keys: keys, dataFolder: folder, settings: configuration.desk, now: now ?? { Date() })
    }

    func test<T>(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        // The server logs a line for each request (docs/deploy.md); tests read answers, not logs.
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try await buildApplication(configuration: configuration, desks: desks(), logger: logger)
        defer {
            try? FileManager.default.removeItem(atPath: folder.path)
        }
        do {
            let result = try await Phone.$installation.withValue(folder.path) {
                try await Phone.$clock.withValue(now ?? { Date() }) { try await app.test(.live, body) }
            }
            try await store.close()
            return result
        } catch {
            // An open SQLite connection must be closed before it is released, failure or not.
            try? await store.close()
            throw error
        }
    }
}

/// A minimal browser for the router client: keeps cookies, reads the form token from pages.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String) async throws -> TestResponse {
        try await send(uri, .get, headers: [:], body: nil)
    }

    @discardableResult
    func post(_ uri: String, form: [String: String]) async throws -> TestResponse {
        let body = form.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        return try await send(uri, .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body))
    }

    @discardableResult
    func postJSON(_ uri: String, _ json: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var h = headers
        h[.contentType] = "application/json"
        return try await send(uri, .post, headers: h, body: ByteBuffer(string: json))
    }

    func send(_ uri: String, _ method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var h = headers
        if !cookies.isEmpty { h[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        let response = try await client.execute(uri: uri, method: method, headers: h, body: body)
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || header.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// Follows a 303 as a browser does (a GET with the cookies it was given).
    func followRedirect(_ response: TestResponse) async throws -> TestResponse {
        let location = try #require(response.headers[.location])
        return try await get(location)
    }

    /// Sends the public report form and follows the redirect to the page that shows the code.
    func report(_ form: [String: String]) async throws -> TestResponse {
        let sent = try await post("/report", form: form)
        return sent.status == .seeOther ? try await followRedirect(sent) : sent
    }

    /// The query code a page shows (its groups of four joined by spaces), nil when it shows none.
    static func queryCode(in page: String) -> String? {
        guard let start = page.range(of: #"id="query-code""#), let end = page[start.upperBound...].range(of: "</p>") else { return nil }
        let inner = page[start.upperBound..<end.lowerBound].drop { $0 != ">" }.dropFirst()
        let text = inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The form token of the page last fetched from `uri`.
    func csrf(from uri: String) async throws -> String {
        let page = String(buffer: try await get(uri).body)
        return try Self.field("csrf", in: page)
    }

    static func field(_ name: String, in page: String) throws -> String {
        guard let range = page.range(of: "name=\"\(name)\" value=\"") else { throw CocoaError(.fileReadUnknown) }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s
    }

    /// Logs in through the form and, when the password is one-time, changes it first; then
    /// enrols the second factor from the secret the page shows (or gives its code), as a person
    /// with a phone would.
    func logIn(_ username: String, _ password: String) async throws {
        var csrf = try await csrf(from: "/staff/login")
        var response = try await post("/staff/login", form: ["csrf": csrf, "username": username, "password": password])
        if response.headers[.location] == "/staff/password" {
            csrf = try await self.csrf(from: "/staff/password")
            let newPassword = "changed-\(password)"
            try await post("/staff/password", form: ["csrf": csrf, "current": password, "new": newPassword, "new_again": newPassword])
            csrf = try await self.csrf(from: "/staff/login")
            response = try await post("/staff/login", form: ["csrf": csrf, "username": username, "password": newPassword])
        }
        try await passSecondFactor(username, after: response)
    }

    /// The second step after a login's password, when the answer sends there.
    func passSecondFactor(_ username: String, after response: TestResponse) async throws {
        switch response.headers[.location] {
        case "/staff/enrol":
            let page = String(buffer: try await get("/staff/enrol").body)
            let secret = try Phone.secret(shownOn: page)
            Phone.shared.remember(username, secret)
            try await post("/staff/enrol", form: ["csrf": try Self.field("csrf", in: page), "code": await Phone.shared.code(secret)])
        case "/staff/login/code":
            let csrf = try await csrf(from: "/staff/login/code")
            try await post("/staff/login/code", form: ["csrf": csrf, "code": await Phone.shared.code(for: username)])
        default:
            return
        }
    }
}
