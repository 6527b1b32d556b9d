import ArgumentParser
import Foundation
import XunchaDesk
import XunchaStore

/// `xuncha backup`: the installation in one file, taken while the server serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份数据库与附件到一个文件（服务运行时也可）/ back up the database and attachments to one file, while serving too.",
        discussion: """
            With --database postgres://… the database is copied with pg_dump (postgresql-client), writes waiting meanwhile. \
            The key file goes in only with --with-key. Without it the backup cannot be opened without the installation's \
            xuncha.key: keep that file apart (another medium, another safe) and give it to `xuncha restore --key`.
            """
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "备份文件（不得已存在）/ the backup file to write (must not exist).")
    var out: String

    @Flag(help: "把密钥文件也放进备份；持有此备份者即可读取举报人身份 / put the key file in too: whoever holds the backup can then read identities.")
    var withKey = false

    func run() async throws {
        let folder = dataOptions.folder
        let database = try dataOptions.databaseURL()
        let manifest = try await dataOptions.withExistingStore { store, desks in
            try await InstallationBackup.write(
                store: store,
                database: database,
                keys: desks.keys,
                folder: folder,
                to: out,
                withKey: withKey,
                now: Date(),
                logger: .cli()
            )
        }
        let files = manifest.files.count
        print("已备份 / backed up: \(manifest.reports) 件反映 reports, \(manifest.auditEvents) 条操作记录 audit events, \(files) 个文件 files → \(out)")
        if manifest.withKey {
            print("备份中含密钥文件：请像保管密钥一样保管此备份。/ the backup holds the key file: guard it as the key itself.")
        } else {
            print(
                "此备份不含密钥文件：没有 \(folder.keyFilePath)（标识 \(manifest.keyID)），这份备份无法打开。请另行保管该文件，恢复时用 --key 指定。"
                    + " / this backup holds no key file: it cannot be opened without \(folder.keyFilePath) (id \(manifest.keyID)); keep that file apart and give it to restore with --key."
            )
        }
    }
}
