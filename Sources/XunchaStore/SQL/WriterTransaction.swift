import SQLKit

extension SQLDatabase {
    /// One transaction on this writer connection, under `lock` so that this process's writers take
    /// turns on it: `begin` opens it (each engine's own way of also taking turns with other
    /// processes), `body` runs, and it commits, or rolls back when anything threw.
    func writerTransaction<T: Sendable>(
        under lock: AsyncLock,
        begin: [SQLQueryString],
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await lock.withLock {
            // One session for the whole transaction (`PostgresSession` replaces a lost connection
            // between transactions, never inside one).
            try await self.withSession { db in
                try await db.raw(begin[0]).run()
                do {
                    for statement in begin.dropFirst() { try await db.raw(statement).run() }
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
    }
}
