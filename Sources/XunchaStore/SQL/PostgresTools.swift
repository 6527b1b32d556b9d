import Foundation

/// PostgreSQL's own client programs (pg_dump, pg_restore from Debian's `postgresql-client`), run
/// for backups, restores and moves. They are found on the PATH or under
/// `/usr/lib/postgresql/N/bin` (the newest), and given the database's address in their
/// environment, never on the command line.
public enum PostgresTools {
    public enum Failure: Error, CustomStringConvertible, Equatable {
        case missing(tool: String)
        case failed(tool: String, status: Int32, output: String)

        /// A stable code for scripts and the operator's runbook.
        public var code: String {
            switch self {
            case .missing: "postgres_client_missing"
            case .failed: "postgres_tool_failed"
            }
        }

        public var description: String {
            switch self {
            case .missing(let tool):
                "[\(code)] 找不到 PostgreSQL 客户端程序 \(tool)；请安装 postgresql-client（apt-get install postgresql-client），版本不低于数据库服务器的版本。"
                    + " / PostgreSQL's \(tool) was not found: install postgresql-client (apt-get install postgresql-client), of the server's version or later."
            case .failed(let tool, let status, let output):
                "[\(code)] \(tool) 失败（退出码 \(status)）：\(output) / \(tool) failed (exit status \(status)): \(output)"
            }
        }
    }

    /// Where `tool` is: the PATH first (Debian's wrappers pick the right version), then the newest
    /// versioned folder.
    static func path(of tool: String) throws -> String {
        let fm = FileManager.default
        let onPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(tool)" }
        let versions = ((try? fm.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        guard let found = (onPath + versions).first(where: fm.isExecutableFile(atPath:)) else { throw Failure.missing(tool: tool) }
        return found
    }

    /// Runs `tool` against `database` and returns what it wrote to standard output (kept in a file
    /// when `output` names one). A failure carries the last lines it wrote to standard error.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], database: DatabaseURL, output: String? = nil) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try path(of: tool))
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        environment.merge(database.libpqEnvironment) { $1 }
        process.environment = environment
        // Files, not pipes: a tool that writes much to one stream while we wait on the other never stalls.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-\(tool)-\(UUID().uuidString)").path
        let outPath = output ?? scratch + ".out"
        let errPath = scratch + ".err"
        defer { for path in [scratch + ".out", errPath] { try? FileManager.default.removeItem(atPath: path) } }
        for path in [outPath, errPath] {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure.missing(tool: tool))
            }
        }
        try? out.close()
        try? err.close()
        guard status == 0 else {
            let said = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            let lines = said.split(separator: "\n").suffix(5).joined(separator: " | ")
            throw Failure.failed(tool: tool, status: status, output: String(lines.prefix(2000)))
        }
        return output == nil ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    }
}
