import Foundation
import Logging
import SQLKit
import XunchaStore

/// The PostgreSQL server of `XUNCHA_TEST_POSTGRES` (scripts/postgres-test-cluster; CI sets it),
/// where the end-to-end tests on PostgreSQL make databases of their own and drop them after.
/// Without it those tests are skipped and say so once.
enum PostgresTestServer {
    static let url: String? = {
        let url = ProcessInfo.processInfo.environment["XUNCHA_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
        if url == nil {
            print("end-to-end tests on PostgreSQL skipped: XUNCHA_TEST_POSTGRES is not set (scripts/test sets it on a throw-away cluster)")
        }
        return url
    }()

    /// The server's address with `database` in place of its database (and `extra` options added).
    static func address(of database: String, extra: String = "") throws -> String {
        guard let url, var components = URLComponents(string: url) else { throw Failure("XUNCHA_TEST_POSTGRES is not set") }
        components.path = "/" + database
        let address = components.string ?? url
        return extra.isEmpty ? address : address + (address.contains("?") ? "&" : "?") + extra
    }

    /// A new empty database, named for the test; `drop` removes it.
    static func createDatabase(_ purpose: String) async throws -> String {
        let name = "e2e_\(purpose)_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        try await onServer { try await $0.raw("CREATE DATABASE \(ident: name)").run() }
        return name
    }

    static func drop(_ database: String) async {
        try? await onServer { try await $0.raw("DROP DATABASE IF EXISTS \(ident: database) WITH (FORCE)").run() }
    }

    /// Runs `body` on a connection to the server's own database (outside any transaction).
    static func onServer(_ body: (any SQLDatabase) async throws -> Void) async throws {
        guard let url else { throw Failure("XUNCHA_TEST_POSTGRES is not set") }
        try await on(url, body)
    }

    /// Runs `body` on a connection to the database at `address`, to read what the servers wrote.
    static func on(_ address: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let engine = try await PostgresEngine(url: try DatabaseURL(address), logger: Logger(label: "e2e"))
        do {
            try await body(engine.reader)
            try await engine.close()
        } catch {
            try? await engine.close()
            throw error
        }
    }
}
