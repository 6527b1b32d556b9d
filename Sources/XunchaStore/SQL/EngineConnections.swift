import PostgresKit
import SQLiteKit

/// A database connection an engine holds (SQLite's or PostgreSQL's), for closing them alike.
protocol EngineConnection: AnyObject, Sendable {
    var isClosed: Bool { get }
    func close() async throws
}

extension SQLiteConnection: EngineConnection {}
extension PostgresConnection: EngineConnection {}

extension Array where Element == any EngineConnection {
    func closeAll() async throws {
        for connection in self { try await connection.close() }
    }

    /// For an engine let go without `close` (a store whose migration failed, a command that stopped
    /// half-way): the connections are still closed, the task keeping them until they are.
    func closeWhenLetGo() {
        Task { for connection in self where !connection.isClosed { try? await connection.close() } }
    }
}
