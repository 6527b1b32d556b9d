import ArgumentParser
import Foundation
import Hummingbird
import Logging
import XunchaStore
import XunchaWeb

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "启动 Xuncha 服务 / run the Xuncha server."
    )

    @OptionGroup var dataOptions: DataOptions

    @Option(help: "监听地址 / address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "端口 / port.")
    var port = 8080

    @Flag(help: "载入示例巡察和示例反映 / load the seed inspection and synthetic reports.")
    var demo = false

    func run() async throws {
        let logger = Logger.cli()
        let folder = dataOptions.folder
        try folder.create()
        let (keys, createdKey) = try Keys.loadOrCreate(at: folder.keyFilePath)
        if createdKey {
            logger.info("created key file \(folder.keyFilePath) (mode 0600): back it up, reporters' identities cannot be read without it")
        }
        let store = try await SQLStore(engine: try await SQLiteEngine(path: folder.databasePath, logger: logger))
        let configuration = AppConfiguration(host: host, port: port, dataFolder: folder)
        let setup = try await FirstRun.prepare(store: store, keys: keys, configuration: configuration, demo: demo)
        for account in setup.newAccounts {
            print("已创建账号 / created account: \(account.username)（\(account.role)）一次性密码 / one-time password: \(account.password)")
        }
        if setup.demoLoaded { print("已载入示例数据 / demo data loaded") }
        print("Xuncha 已启动 / listening on http://\(host):\(port)")
        // Whoever started the server may be reading a redirected log: the passwords must be there now.
        fflush(nil)
        let app = try await buildApplication(configuration: configuration, store: store, keys: keys, logger: logger)
        try await app.runService()
        try await store.close()
    }
}
