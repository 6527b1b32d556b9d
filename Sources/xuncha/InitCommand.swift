import ArgumentParser
import Foundation
import XunchaDesk
import XunchaStore

/// `xuncha init`: the first step of an install. It makes the data folder, its key file, the
/// database and the first admin, so that an announcement and a roster can be imported before the
/// server first starts.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建数据目录、密钥文件和第一个管理员账号 / create the data folder, its key file and the first admin account."
    )

    @OptionGroup var dataOptions: DataOptions

    func run() async throws {
        let folder = dataOptions.folder
        let existing = folder.installationFiles
        guard existing.isEmpty else {
            throw ValidationError(
                "数据目录 \(folder.path) 中已有 Xuncha 安装（\(existing.joined(separator: "、"))），未做任何改动。"
                    + "/ \(folder.path) already holds an installation (\(existing.joined(separator: ", "))); nothing was changed."
            )
        }
        let opened = try await dataOptions.open(creating: true, logger: .cli())
        do {
            let desks = DeskServices(store: opened.store, keys: opened.keys, dataFolder: folder)
            let setup = try await FirstRun.prepare(desks, demo: .off)
            print("已创建数据目录 / created data folder \(folder.path)")
            print(
                "已创建密钥文件 / created key file \(folder.keyFilePath)：请另行备份；没有它，举报人身份、查询码和附件都无法读取。/ back it up: identities, query codes and attachments cannot be read without it."
            )
            for account in setup.newAccounts {
                print("已创建账号 / created account: \(account.username)（\(account.role)）一次性密码 / one-time password: \(account.password)")
            }
            try await opened.store.close()
        } catch {
            try? await opened.store.close()
            throw error
        }
    }
}
