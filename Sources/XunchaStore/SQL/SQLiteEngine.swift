import Logging
import SQLKit
import SQLiteKit

/// The embedded default: one file, WAL journal with full sync so that a commit is on disk before
/// anyone is told "saved", one writer connection behind a lock, on a thread of its own
/// (`WriterThread`), and a reader per core beside it.
public final class SQLiteEngine: SQLEngine {
    private let writerConnection: SQLiteConnection
    private let readerConnections: [SQLiteConnection]
    private let writer: any SQLDatabase
    public let reader: any SQLDatabase
    private let lock = AsyncLock()

    public init(path: String, logger: Logger) async throws {
        writerConnection = try await SQLiteConnection.open(
            storage: .file(path: path),
            threadPool: WriterThread.shared.pool,
            logger: logger,
            on: WriterThread.shared.loop
        ).get()
        // Queries carry sealed identities and hashes: they are never logged.
        writer = writerConnection.sql(queryLogLevel: nil)
        for pragma in Self.everyConnectionPragmas + Self.writerPragmas {
            try await writer.raw("PRAGMA \(unsafeRaw: pragma)").run()
        }
        var readers: [SQLiteConnection] = []
        for _ in 0..<ReaderPool.size {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), logger: logger)
            readers.append(connection)
            // Each reader also maps the file: the inbox and the statistics of a million reports
            // read hundreds of megabytes of index, page by page (docs/performance.md).
            for pragma in Self.everyConnectionPragmas + ["mmap_size = 4294967296"] {
                try await connection.sql(queryLogLevel: nil).raw("PRAGMA \(unsafeRaw: pragma)").run()
            }
        }
        readerConnections = readers
        reader = ReaderPool(readers.map { $0.sql(queryLogLevel: nil) })
    }

    /// Every connection's settings, first. The wait first of all: a second process opening a new
    /// file at the same moment must wait for the first one's switch to WAL rather than fail. A
    /// larger cache than SQLite's 2 MB: the readers page through large indexes, and with the
    /// default a batch of reports spilled its pages to the WAL before the writer's commit.
    private static let everyConnectionPragmas = ["busy_timeout = 10000", "foreign_keys = ON", "cache_size = -65536"]

    /// The writer's own settings, after those: each multi-row insert's statement journal in memory
    /// rather than in a temporary file (with the spilled pages, a tenth of the server's time under
    /// load, docs/performance.md).
    private static let writerPragmas = ["journal_mode = WAL", "synchronous = FULL", "temp_store = MEMORY"]

    public var writerExecutor: (any TaskExecutor)? { WriterThread.shared }

    public func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.writerTransaction(under: lock, begin: ["BEGIN IMMEDIATE"], body)
    }

    private var connections: [any EngineConnection] { readerConnections + [writerConnection] }

    public func close() async throws { try await connections.closeAll() }

    deinit { connections.closeWhenLetGo() }
}
