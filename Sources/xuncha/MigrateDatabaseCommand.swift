import ArgumentParser
import Foundation
import XunchaStore

/// `xuncha migrate-db`: a group's SQLite data folder moved to PostgreSQL (docs/postgres.md).
struct MigrateDatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-db",
        abstract: "把数据目录中的 SQLite 数据库迁移到一个空的 PostgreSQL 数据库 / move a data folder's SQLite database into an empty PostgreSQL database.",
        discussion: """
            Stop the server first. The key file, attachments and the audit head file stay in --from: afterwards run \
            every command with --data DIR --database URL. The SQLite file is left as it was.
            """
    )

    @Option(help: "数据目录（其中有 SQLite 数据库与密钥文件）/ the data folder (its SQLite database and key file).")
    var from: String

    @Option(help: "空的 PostgreSQL 数据库 postgres://用户@主机:端口/库名 / the empty PostgreSQL database postgres://user@host:port/db.")
    var to: String

    @Option(help: "每批行数 / rows per batch.")
    var batch = 500

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch 应在 1 到 10000 之间 / --batch must be 1 to 10000.") }
    }

    func run() async throws {
        let source = DataOptions.naming(from)
        let target = DataOptions.naming(from, database: to)
        guard let url = try target.databaseURL() else { throw ValidationError("--to") }
        let tables = try await SQLStore.tableCount(url, logger: .cli())
        guard tables == 0 else { throw DatabaseMove.Refusal.targetNotEmpty(database: url.redacted, tables: tables) }
        let counts = try await source.withExistingStore { sourceStore, _ in
            try await target.withExistingStore { targetStore, _ in
                let counts = try await DatabaseMove.move(from: sourceStore, to: targetStore, batchSize: batch) { table, moved, total in
                    print("迁移 / moving \(table): \(moved)/\(total)")
                }
                let verified = try await targetStore.verifyAudit(headFile: source.folder.auditHead)
                if let problem = verified.problem {
                    print("目标数据库的操作记录校验失败 / audit verification failed on the target: \(problem)")
                    throw ExitCode(1)
                }
                print("目标数据库操作记录完整 / audit chain verified on the target: \(verified.events) events")
                return counts
            }
        }
        for count in counts { print("\(count.table): \(count.source) = \(count.target)") }
        print("已迁移 / moved \(counts.count) 张表 tables, \(counts.map(\.target).reduce(0, +)) 行 rows → \(url.redacted)")
        print("此后每条命令都加上 --database \(url.redacted) / from now on give every command --database \(url.redacted)")
    }
}
