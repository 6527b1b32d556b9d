import Foundation
import PostgresKit

/// Where a PostgreSQL database is, as `--database postgres://user[:password]@host[:port]/db` names
/// it, checked before any connection is tried. The password never appears in what is shown back.
/// `?schema=NAME` keeps the installation's tables in a schema of their own, so that several groups
/// (or tests) share one database; without it they are in `public`.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    /// Longer than any real address; a longer one is a mistake or an attack on the parser.
    static let maxLength = 2048

    let configuration: PostgresConnection.Configuration
    /// The schema the tables live in; nil for `public`.
    let schema: String?
    /// The address with any password replaced by `***`, for messages and logs.
    public let redacted: String
    /// The same address as libpq's environment (`PGHOST`, `PGPASSWORD`…), for pg_dump and
    /// pg_restore: in the environment, the password is not on a command line others can list.
    let libpqEnvironment: [String: String]

    public enum Refusal: Error, CustomStringConvertible, Equatable {
        case malformed(url: String, reason: String)
        case unreachable(url: String, reason: String)

        /// A stable code for scripts and the operator's runbook.
        public var code: String {
            switch self {
            case .malformed: "database_url_invalid"
            case .unreachable: "database_unreachable"
            }
        }

        public var description: String {
            switch self {
            case .malformed(let url, let reason):
                "[\(code)] 数据库地址 \(url) 无法使用（\(reason)）；应写成 postgres://用户@主机:端口/数据库名。"
                    + " / database URL \(url) is not usable (\(reason)); write it as postgres://user@host:port/database."
            case .unreachable(let url, let reason):
                "[\(code)] 无法连接数据库 \(url)：\(reason)。请检查地址、端口、用户名、密码和数据库名，以及数据库服务是否在运行。"
                    + " / cannot connect to database \(url): \(reason). Check host, port, user, password and database name, and that the server runs."
            }
        }
    }

    public init(_ text: String) throws {
        let shown = Self.redact(text)
        guard text.utf8.count <= Self.maxLength else { throw Refusal.malformed(url: String(shown.prefix(80)) + "…", reason: "too long") }
        guard text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value != 0x7f }) else {
            throw Refusal.malformed(url: shown, reason: "only printable ASCII without spaces; percent-encode other characters")
        }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw Refusal.malformed(url: shown, reason: "not a URL")
        }
        guard ["postgres", "postgresql"].contains(scheme) else {
            throw Refusal.malformed(url: shown, reason: "the scheme must be postgres://")
        }
        guard components.host?.isEmpty == false else { throw Refusal.malformed(url: shown, reason: "no host") }
        guard let user = components.user, !user.isEmpty else { throw Refusal.malformed(url: shown, reason: "no user") }
        let database = String(components.path.dropFirst())
        guard !database.isEmpty, !database.contains("/") else { throw Refusal.malformed(url: shown, reason: "no database name") }
        if let port = components.port, !(1...65535).contains(port) { throw Refusal.malformed(url: shown, reason: "no such port") }
        let schemas = (components.queryItems ?? []).filter { $0.name == "schema" }.map { $0.value ?? "" }
        guard schemas.count <= 1, schemas.allSatisfy(Self.isPlainName) else {
            throw Refusal.malformed(url: shown, reason: "schema must be one name of lower-case letters, digits and _")
        }
        schema = schemas.first
        do {
            // postgres-kit reads the TLS mode (`?sslmode=…`) as libpq does.
            configuration = try SQLPostgresConfiguration(url: text).coreConfiguration
        } catch {
            throw Refusal.malformed(url: shown, reason: "unknown option")
        }
        redacted = shown
        var environment = ["PGHOST": components.host ?? "", "PGUSER": user.removingPercentEncoding ?? user]
        environment["PGDATABASE"] = database.removingPercentEncoding ?? database
        if let port = components.port { environment["PGPORT"] = String(port) }
        if let password = components.password { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
        environment["PGSSLMODE"] = (components.queryItems ?? []).last { $0.name == "sslmode" }?.value ?? "prefer"
        libpqEnvironment = environment
    }

    /// The schema the installation's tables are in.
    public var schemaName: String { schema ?? "public" }

    public var description: String { redacted }

    /// A name PostgreSQL takes unquoted and as written: it is spliced into `SET search_path`.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 63, ("a"..."z").contains(first) || first == "_"
        else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `postgres://user:secret@host/db` shown as `postgres://user:***@host/db`.
    public static func redact(_ text: String) -> String {
        guard let at = text.range(of: "@", options: .backwards), let schemeEnd = text.range(of: "://"),
            schemeEnd.upperBound <= at.lowerBound
        else { return text }
        let credentials = text[schemeEnd.upperBound..<at.lowerBound]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at.lowerBound...])
    }
}
