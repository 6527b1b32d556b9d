import ArgumentParser
import Foundation
import XunchaDesk
import XunchaStore

/// `xuncha restore`: a backup made into an empty data folder, checked whole before it is used.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "从备份文件恢复到一个空的数据目录 / restore a backup file into an empty data folder.",
        discussion:
            "A backup of a PostgreSQL database goes into the empty database named by --database, with pg_restore; the key and files into --data."
    )

    @Argument(help: "备份文件 / the backup file.")
    var file: String

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "备份不含密钥时，该安装的密钥文件 xuncha.key / the installation's key file, for a backup made without it.")
    var key: String?

    func run() async throws {
        let restored = try await InstallationRestore.restore(
            from: file,
            into: dataOptions.folder,
            database: try dataOptions.databaseURL(),
            keyFile: key,
            logger: .cli()
        )
        let manifest = restored.manifest
        print("已恢复 / restored into \(dataOptions.folder.path): \(manifest.reports) 件反映 reports, \(manifest.files.count) 个文件 files")
        print("操作记录校验通过 / audit chain verified: \(restored.verifiedEvents) 条 events")
    }
}
