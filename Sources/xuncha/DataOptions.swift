import ArgumentParser
import Foundation
import Logging
import XunchaDesk
import XunchaStore

/// The `--data` option every command shares, and opening what it names.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "数据目录 / data folder (SQLite database, key file).")
    var data: String = "./xuncha-data"

    @Option(
        name: .long,
        help:
            "PostgreSQL 数据库（不写则用数据目录中的 SQLite）；密钥文件仍在数据目录 / a PostgreSQL database postgres://user@host:port/db instead of SQLite in --data; the key file stays in --data."
    )
    var database: String?

    var folder: DataFolder { DataFolder(path: data) }

    /// The PostgreSQL database named by `--database`, checked; nil for SQLite in the data folder.
    func databaseURL() throws -> DatabaseURL? {
        guard let database else { return nil }
        do {
            return try DatabaseURL(database)
        } catch let refusal as DatabaseURL.Refusal {
            throw ValidationError(refusal.description)
        }
    }

    /// Opens the installation, creating what is missing (`serve`).
    func open(creating: Bool, logger: Logger) async throws -> Installation.Opened {
        try await Installation.open(folder, database: try databaseURL(), creating: creating, logger: logger)
    }

    /// Opens an existing installation; only `init` and `serve` create one (and `restore` fills an empty folder).
    private func openExisting(logger: Logger) async throws -> (store: SQLStore, keys: Keys) {
        guard database != nil || FileManager.default.fileExists(atPath: folder.databasePath) else {
            throw ValidationError(
                "数据目录 \(folder.path) 中没有 Xuncha 数据库；请先运行 xuncha init --data \(data)。/ no Xuncha database in \(folder.path): run xuncha init --data \(data) first."
            )
        }
        let opened = try await open(creating: false, logger: logger)
        return (opened.store, opened.keys)
    }

    /// Runs `body` on the existing installation's store and desks, and closes the store
    /// afterwards, failure or not: SQLite must be closed before the process ends for its last
    /// writes to be checkpointed cleanly.
    /// `now` is the desks' clock (the benchmark reads its data set at the moment it describes).
    func withExistingStore<T>(
        now: @escaping @Sendable () -> Date = { Date() },
        _ body: (SQLStore, DeskServices) async throws -> T
    ) async throws -> T {
        let (store, keys) = try await openExisting(logger: .cli())
        do {
            let result = try await body(store, DeskServices(store: store, keys: keys, dataFolder: folder, now: now))
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

extension Logger {
    /// Logs go to standard error so that `--json` output on standard out stays clean.
    static func cli(_ label: String = "xuncha") -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .configured
        return logger
    }
}

extension Logger.Level {
    /// `LOG_LEVEL` from the environment, or info.
    static var configured: Logger.Level {
        ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    }
}

extension DataOptions {
    /// The options as a command that names two installations (`migrate-db`) gives them.
    static func naming(_ data: String, database: String? = nil) -> DataOptions {
        var options = DataOptions()
        options.data = data
        options.database = database
        return options
    }
}
