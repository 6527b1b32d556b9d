import SQLKit
import XunchaCore

/// The few places where SQLite and PostgreSQL need different SQL, all here: everything else the
/// store writes is plain SQL both run. Read off the database a statement runs on, so that a query
/// needs no engine passed to it.
enum EngineDialect {
    case sqlite
    case postgres

    init(_ db: any SQLDatabase) {
        self = db.dialect.name == "postgresql" ? .postgres : .sqlite
    }

    /// Whether `haystack` contains `needle` (both SQL expressions of text).
    func contains(_ haystack: String, _ needle: String) -> SQLQueryString {
        switch self {
        case .sqlite: "instr(\(unsafeRaw: haystack), \(unsafeRaw: needle)) > 0"
        case .postgres: "strpos(\(unsafeRaw: haystack), \(unsafeRaw: needle)) > 0"
        }
    }

    /// `rows` as a table of `columns`, from one bound parameter however many rows there are (a
    /// JSON array of arrays): the statement's text, and what preparing and binding it cost, then do
    /// not grow with them. Binding a value cost more than writing it as a row (docs/performance.md).
    func integerRows(_ rows: [[Int64]], columns: [String]) -> SQLQueryString {
        var json = JSONText(capacity: rows.count * (columns.count * 12 + 3))
        json.array(rows) { json, row in json.array(row) { $0.value(Int($1)) } }
        let array = json.text
        let picked = columns.enumerated().map { i, column in
            switch self {
            case .sqlite: "value ->> \(i) AS \(column)"
            case .postgres: "CAST(value ->> \(i) AS BIGINT) AS \(column)"
            }
        }.joined(separator: ", ")
        switch self {
        case .sqlite: return "SELECT \(unsafeRaw: picked) FROM json_each(\(bind: array))"
        case .postgres: return "SELECT \(unsafeRaw: picked) FROM jsonb_array_elements(CAST(\(bind: array) AS JSONB))"
        }
    }

    // MARK: Full-text search
    //
    // Both engines index the same terms (`SearchKeys.indexWords`: every pair of adjacent Han
    // characters and every word, separated by spaces). SQLite keeps them in a contentless FTS5
    // table under the report's rowid and matches phrases with MATCH; PostgreSQL keeps them in a
    // plain table under the report's id with a pg_trgm index, and matches each phrase as the
    // space-bounded run of terms it is.

    /// The search table's rows: the report's key and its terms.
    var searchRows: SQLRows {
        switch self {
        case .sqlite: SQLRows("reports_fts", ["rowid", "body"])
        case .postgres: SQLRows("reports_fts", ["report_id", "body"])
        }
    }

    func searchRow(reportID: String, words: String) -> [any SQLExpression] {
        switch self {
        case .sqlite: ["(SELECT rowid FROM reports WHERE id = \(bind: reportID))" as SQLQueryString, SQLBind(words)]
        case .postgres: [SQLBind(reportID), SQLBind(" " + words + " ")]
        }
    }

    func deleteSearchRow(reportID: String) -> SQLQueryString {
        switch self {
        case .sqlite: "DELETE FROM reports_fts WHERE rowid = (SELECT rowid FROM reports WHERE id = \(bind: reportID))"
        case .postgres: "DELETE FROM reports_fts WHERE report_id = \(bind: reportID)"
        }
    }

    /// The condition that report `r` holds every phrase of `phrases` (each a run of terms).
    func searchMatch(_ phrases: [[String]]) -> SQLQueryString {
        switch self {
        case .sqlite:
            let match = phrases.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " AND ")
            return "r.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH \(bind: match))"
        case .postgres:
            var all: SQLQueryString = "EXISTS (SELECT 1 FROM reports_fts s WHERE s.report_id = r.id"
            for phrase in phrases {
                // Terms are letters, digits and Han characters only: nothing LIKE would read as a pattern.
                all = all + " AND s.body LIKE \(bind: "% " + phrase.joined(separator: " ") + " %")"
            }
            return all + ")"
        }
    }
}
