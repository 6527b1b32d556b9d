/// One statement of a schema version: the same SQL for both engines (written as a string), or
/// each engine's own where they differ.
struct MigrationStep: ExpressibleByStringLiteral, Sendable {
    private let sqlite: [String]
    private let postgres: [String]

    init(stringLiteral statement: String) {
        sqlite = [statement]
        postgres = [statement]
    }

    private init(sqlite: [String], postgres: [String]) {
        self.sqlite = sqlite
        self.postgres = postgres
    }

    static func engines(sqlite: [String], postgres: [String]) -> MigrationStep { MigrationStep(sqlite: sqlite, postgres: postgres) }

    func statements(_ dialect: EngineDialect) -> [String] {
        switch dialect {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }
}
