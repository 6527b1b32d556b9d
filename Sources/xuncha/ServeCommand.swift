import ArgumentParser
import Foundation
import Hummingbird
import Logging
import XunchaDesk
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

    @Option(
        help:
            "可信的反向代理地址（可重复）：采用其 X-Forwarded-For 所给的访问者地址，X-Forwarded-Proto 为 https 时 Cookie 加 Secure / a reverse proxy whose X-Forwarded-For and -Proto are believed (repeatable)."
    )
    var trustedProxy: [String] = []

    @Flag(help: "载入一次完整的示例巡察（约60件反映及其处理）/ load a whole demo inspection (about sixty reports and the work on them).")
    var demo = false

    @Option(help: "持续登记此 Maildir 中的新邮件（由 mbsync 等收取）/ watch this Maildir and register new mail (filled by a fetcher).")
    var maildir: String?

    @Option(help: "--maildir 的邮件归入的巡察编号；可省略 / inspection for --maildir mail; may be left out.")
    var inspection: String?

    @Option(help: "检查 Maildir 的间隔秒数 / seconds between Maildir scans.")
    var maildirInterval: Double = 5

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "日志格式：text 或 json（每行一个 JSON 对象）/ log format: text, or json (one object a line).")
    var logFormat: LogFormat = .text

    @Option(
        help:
            "文件中存放一个令牌：持 Authorization: Bearer 令牌者可从别处读取 /metrics（否则只限本机）/ a file holding a token that opens /metrics from elsewhere (otherwise loopback only)."
    )
    var metricsTokenFile: String?

    func run() async throws {
        if logFormat == .json {
            LoggingSystem.bootstrap { label in
                var handler = JSONLinesLogHandler(label: label)
                handler.logLevel = .configured
                return handler
            }
        }
        let logger = logFormat == .json ? Logger(label: "xuncha") : Logger.cli()
        let metricsToken = try metricsTokenFile.map(Self.readToken)
        let folder = dataOptions.folder
        let (store, keys, createdKey) = try await dataOptions.open(creating: true, logger: logger).parts
        if createdKey {
            logger.info("created key file \(folder.keyFilePath) (mode 0600): back it up, reporters' identities cannot be read without it")
        }
        let watch: MaildirWatch?
        do {
            watch = try await maildirWatch(store: store)
        } catch {
            try await store.close()
            throw error
        }
        var configuration = AppConfiguration(host: host, port: port, dataFolder: folder)
        configuration.trustedProxies = trustedProxy
        configuration.metricsToken = metricsToken
        let desks = DeskServices(store: store, keys: keys, dataFolder: folder, settings: configuration.desk)
        let setup = try await FirstRun.prepare(desks, demo: demo ? .whole : .off)
        for account in setup.newAccounts {
            print("已创建账号 / created account: \(account.username)（\(account.role)）一次性密码 / one-time password: \(account.password)")
        }
        if setup.demoLoaded { print("已载入示例数据 / demo data loaded") }
        print("Xuncha 已启动 / listening on http://\(host):\(port)")
        // Whoever started the server may be reading a redirected log: the passwords must be there now.
        fflush(nil)
        if let watch { print("正在监视邮箱目录 / watching Maildir \(watch.path)") }
        let app = try await buildApplication(configuration: configuration, desks: desks, maildir: watch, logger: logger)
        try await app.runService()
        try await store.close()
    }

    /// A token too short to resist guessing is refused rather than trusted.
    static func readToken(_ path: String) throws -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("无法读取 \(path)。/ cannot read \(path).")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16, token.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F }) else {
            throw ValidationError("\(path) 中的令牌应为至少16个可见 ASCII 字符。/ the token in \(path) must be at least 16 printable ASCII characters.")
        }
        return token
    }

    /// Refuses a `--maildir` that is not a Maildir, or an unknown `--inspection`, before the server starts.
    private func maildirWatch(store: SQLStore) async throws -> MaildirWatch? {
        guard let maildir else {
            if inspection != nil { throw ValidationError("--inspection 只与 --maildir 一起使用。/ --inspection goes with --maildir.") }
            return nil
        }
        var isFolder: ObjCBool = false
        for sub in ["new", "cur"] where !FileManager.default.fileExists(atPath: maildir + "/" + sub, isDirectory: &isFolder) || !isFolder.boolValue {
            throw ValidationError("\(maildir) 不是 Maildir 目录（需要 new/ 和 cur/）。/ \(maildir) is not a Maildir (needs new/ and cur/).")
        }
        if let inspection, try await store.inspection(id: inspection) == nil {
            throw ValidationError("没有编号为 \(inspection) 的巡察。/ no inspection with id \(inspection).")
        }
        guard maildirInterval >= 0.1 else { throw ValidationError("--maildir-interval 至少 0.1 秒。/ --maildir-interval must be at least 0.1 s.") }
        return MaildirWatch(path: maildir, inspectionID: inspection, interval: .milliseconds(Int(maildirInterval * 1000)))
    }
}
