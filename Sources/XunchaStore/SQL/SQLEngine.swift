import SQLKit

/// What the SQL store needs from an engine: a database to read from, and transactions that
/// commit durably. SQLite and PostgreSQL each provide one; everything above is shared SQL.
public protocol SQLEngine: Sendable {
    var reader: any SQLDatabase { get }
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func close() async throws
    /// Where the group commit's writer runs between its statements; nil for the shared pool.
    var writerExecutor: (any TaskExecutor)? { get }
}

extension SQLEngine {
    public var writerExecutor: (any TaskExecutor)? { nil }
}
