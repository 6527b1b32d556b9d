import SQLKit

/// Rows for one table, built by the same functions whether one report is saved or many are
/// bulk-loaded (`SQLStore.bulkLoadReports`), so that both write the same values; inserted as
/// multi-row `INSERT … VALUES (…), (…)` statements of one fixed shape. SQLiteNIO prepares every
/// statement it runs and keeps no handle to reuse, so many rows per statement is how a batch
/// avoids paying the preparation and the thread hop once per row.
struct SQLRows {
    let table: String
    let columns: [String]
    private(set) var rows: [[any SQLExpression]] = []

    init(_ table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
    }

    mutating func append(_ row: [any SQLExpression]) {
        precondition(row.count == columns.count, "a row of \(table) has \(row.count) values for \(columns.count) columns")
        rows.append(row)
    }

    /// Rows per statement: a few hundred, well inside SQLite's limit on bound parameters.
    var rowsPerStatement: Int { max(1, min(500, 20_000 / columns.count)) }

    func insert(_ db: any SQLDatabase) async throws {
        var start = 0
        while start < rows.count {
            let end = min(start + rowsPerStatement, rows.count)
            let values = SQLList(rows[start..<end].map { SQLGroupExpression($0) })
            try await db.raw(
                "INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values)"
            ).run()
            start = end
        }
    }
}
