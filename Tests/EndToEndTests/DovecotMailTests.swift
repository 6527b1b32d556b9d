import Foundation
import Testing

/// The mail path against a real IMAP server: Dovecot on loopback with a throwaway configuration,
/// mbsync (isync) fetching into a local Maildir, `xuncha mail ingest` registering it. Runs wherever
/// the packages are installed, and must run in CI (scripts/test installs them and sets
/// XUNCHA_REQUIRE_DOVECOT=1), so that missing packages there fail loudly.
private let dovecotAvailable =
    DovecotServer.tools != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_DOVECOT"] == "1"

@Suite(.serialized, .enabled(if: dovecotAvailable, "needs dovecot-imapd and isync (mbsync): apt-get install dovecot-imapd isync"))
struct DovecotMailTests {
    @Test func mailDeliveredToTheServerIsFetchedAndRegisteredOnce() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let initialise = try await XunchaProcess.serve(data: data.path, demo: true)
        initialise.stop()
        // The demo's own mail keeps its raw messages there already.
        let demoFiles = (try? FileManager.default.contentsOfDirectory(atPath: data.path + "/attachments"))?.count ?? 0

        let dovecot = try await DovecotServer.start()
        defer { dovecot.stop() }
        try dovecot.deliver(Self.message(1, subject: "=?GBK?B?vtmxqA==?=", body: "某局长违规收受礼金。", messageID: true))
        try dovecot.deliver(Self.message(2, subject: "second", body: "某科长在工作日饮酒。", messageID: false))
        try dovecot.deliver(Self.withAttachment())

        let local = dovecot.folder + "/local"
        let fetched = try dovecot.fetch(into: local)
        #expect(fetched.status == 0, "\(fetched.output)")
        let maildir = local + "/Maildir"
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/new").count == 3)

        let first = try XunchaProcess.run(["mail", "ingest", maildir, "--data", data.path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("registered 3, duplicates 0, failed 0"), "\(first.output)")

        // New mail on the server: the next fetch brings only it, and only it is registered.
        try dovecot.deliver(Self.message(4, subject: "fourth", body: "某主任公车私用。", messageID: true))
        #expect(try dovecot.fetch(into: local).status == 0)
        let second = try XunchaProcess.run(["mail", "ingest", maildir, "--data", data.path])
        #expect(second.output.contains("registered 1, duplicates 3, failed 0"), "\(second.output)")
        let third = try XunchaProcess.run(["mail", "ingest", maildir, "--data", data.path])
        #expect(third.output.contains("registered 0, duplicates 4, failed 0"), "\(third.output)")

        let listed = try XunchaProcess.run(["report", "list", "--data", data.path, "--json"])
        for text in ["主题：举报", "某局长违规收受礼金", "某科长在工作日饮酒", "某主任公车私用", "附件：材料.pdf"] {
            #expect(listed.output.contains(text), "\(text) missing from \(listed.output)")
        }
        // The server keeps every message: the sync is Pull only, without expunge.
        #expect(try dovecot.serverMessageCount() == 4)
        // Sealed at rest: the sender's address is neither in the database nor in the files.
        var stored = Data()
        for suffix in ["", "-wal"] {
            if let bytes = FileManager.default.contents(atPath: data.path + "/xuncha.sqlite" + suffix) { stored.append(bytes) }
        }
        let attachments = data.path + "/attachments"
        for report in (try? FileManager.default.contentsOfDirectory(atPath: attachments)) ?? [] {
            for file in try FileManager.default.contentsOfDirectory(atPath: attachments + "/" + report) {
                stored.append(FileManager.default.contents(atPath: attachments + "/" + report + "/" + file) ?? Data())
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: attachments).count == demoFiles + 4)
        #expect(stored.range(of: Data("reporter1@example.cn".utf8)) == nil)
        #expect(stored.range(of: Data("%PDF-1.4".utf8)) == nil)
    }

    static func message(_ n: Int, subject: String, body: String, messageID: Bool) -> Data {
        var lines = [
            "From: reporter\(n)@example.cn",
            "To: xuncha@example.gov.cn",
            "Subject: \(subject)",
            "Date: \(rfc822(Date()))",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        if messageID { lines.insert("Message-ID: <dovecot-\(n)-\(UUID().uuidString)@example.cn>", at: 2) }
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n" + Data(body.utf8).base64EncodedString() + "\r\n").utf8)
    }

    static func withAttachment() -> Data {
        let pdf = Data("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n".utf8).base64EncodedString()
        let text =
            """
            From: reporter3@example.cn\r
            To: xuncha@example.gov.cn\r
            Subject: =?UTF-8?B?5p2Q5paZ?=\r
            Message-ID: <dovecot-3-\(UUID().uuidString)@example.cn>\r
            Date: \(rfc822(Date()))\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="xb"\r
            \r
            --xb\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            见附件，某处长收受购物卡。\r
            --xb\r
            Content-Type: application/pdf; name="=?UTF-8?B?5p2Q5paZLnBkZg==?="\r
            Content-Disposition: attachment; filename*=UTF-8''%E6%9D%90%E6%96%99.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(pdf)\r
            --xb--\r

            """
        return Data(text.utf8)
    }

    static func rfc822(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }
}

/// A Dovecot IMAP server of its own for one test: a throwaway configuration in a temporary folder,
/// listening on a free loopback port, plain login allowed (loopback only), one passwd-file user
/// whose mail is a Maildir. Started in the foreground and stopped with SIGTERM.
final class DovecotServer: @unchecked Sendable {
    struct Tools {
        var dovecot: String
        var doveadm: String
        var mbsync: String
    }

    static let user = "xuncha"
    static let password = "loopback-only-\(UUID().uuidString.prefix(8))"

    static var tools: Tools? {
        func find(_ name: String) -> String? {
            let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/bin:/sbin"
            return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let dovecot = find("dovecot"), let doveadm = find("doveadm"), let mbsync = find("mbsync") else { return nil }
        return Tools(dovecot: dovecot, doveadm: doveadm, mbsync: mbsync)
    }

    let folder: String
    let port: Int
    let tools: Tools
    let pid: pid_t
    private var stopped = false

    private init(folder: String, port: Int, tools: Tools, pid: pid_t) {
        self.folder = folder
        self.port = port
        self.tools = tools
        self.pid = pid
    }

    private var isRunning: Bool {
        guard !stopped else { return false }
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    /// Foundation's `Process` passes on the signal mask of the thread that starts it, and the test
    /// runner's threads block nearly every signal: a Dovecot started that way ignores SIGTERM and
    /// never stops. posix_spawn with an empty mask and default handlers starts it as a shell would.
    private static func spawnWithCleanSignals(_ path: String, _ arguments: [String]) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for arg in argv { free(arg) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, nil, &attributes, argv, environ)
        guard rc == 0 else { throw Failure("could not start \(path): error \(rc)") }
        return pid
    }

    var configPath: String { folder + "/dovecot.conf" }
    var log: String { (try? String(contentsOfFile: folder + "/dovecot.log", encoding: .utf8)) ?? "" }

    static func start() async throws -> DovecotServer {
        guard let tools else {
            throw Failure("dovecot, doveadm or mbsync not found (apt-get install dovecot-imapd isync); XUNCHA_REQUIRE_DOVECOT=1 requires them")
        }
        let folder = NSTemporaryDirectory() + "xuncha-dovecot-\(UUID().uuidString)"
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/mail", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: folder + "/run", withIntermediateDirectories: true)
        // As root, mail belongs to nobody and Dovecot's own users run the services; otherwise
        // everything runs as the current user (Dovecot's rootless mode).
        let root = getuid() == 0
        let uid = root ? 65534 : Int(getuid())
        let gid = root ? 65534 : Int(getgid())
        let me = String(cString: getpwuid(getuid()).pointee.pw_name)
        let myGroup = String(cString: getgrgid(getgid()).pointee.gr_name)
        try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
        if root { try fm.setAttributes([.ownerAccountID: uid, .groupOwnerAccountID: gid], ofItemAtPath: folder + "/mail") }
        try "\(user):{PLAIN}\(password):\(uid):\(gid)::\(folder)/mail/\(user)::\n".write(
            toFile: folder + "/passwd",
            atomically: true,
            encoding: .utf8
        )
        let port = XunchaProcess.freePort()
        try config(folder: folder, port: port, root: root, me: me, group: myGroup).write(
            toFile: folder + "/dovecot.conf",
            atomically: true,
            encoding: .utf8
        )
        let pid = try spawnWithCleanSignals(tools.dovecot, ["-F", "-c", folder + "/dovecot.conf"])
        let server = DovecotServer(folder: folder, port: port, tools: tools, pid: pid)
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if !server.isRunning { throw Failure("dovecot exited: \(server.log)") }
            if server.accepts() { return server }
            try await Task.sleep(for: .milliseconds(100))
        }
        server.stop()
        throw Failure("dovecot not listening within 20 s: \(server.log)")
    }

    static func config(folder: String, port: Int, root: Bool, me: String, group: String) -> String {
        """
        # Throwaway: one test's IMAP server on loopback, no TLS, plain login.
        base_dir = \(folder)/run
        state_dir = \(folder)/run/state
        log_path = \(folder)/dovecot.log
        protocols = imap
        listen = 127.0.0.1
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        mail_location = maildir:~/Maildir
        first_valid_uid = 1
        default_internal_user = \(root ? "dovecot" : me)
        default_login_user = \(root ? "dovenull" : me)
        \(root ? "" : "default_internal_group = \(group)\nservice anvil {\n  chroot =\n}\n")
        service imap-login {
          \(root ? "" : "chroot =")
          inet_listener imap {
            address = 127.0.0.1
            port = \(port)
          }
          inet_listener imaps {
            port = 0
          }
        }
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u \(folder)/passwd
        }
        userdb {
          driver = passwd-file
          args = username_format=%u \(folder)/passwd
        }

        """
    }

    /// The mbsync configuration the test runs (docs/mail.md shows it for a real mailbox).
    func mbsyncConfig(local: String) -> String {
        """
        IMAPAccount group
        Host 127.0.0.1
        Port \(port)
        User \(Self.user)
        PassCmd "cat \(folder)/imap-password"
        SSLType None
        AuthMechs LOGIN

        IMAPStore group-remote
        Account group

        MaildirStore group-local
        Path \(local)/
        Inbox \(local)/Maildir/

        Channel group
        Far :group-remote:
        Near :group-local:
        Patterns INBOX
        Sync Pull
        Create Near
        Expunge None
        SyncState *

        """
    }

    private func accepts() -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        let length = socklen_t(MemoryLayout<sockaddr_in>.size)
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, length) } } == 0
    }

    /// Delivers a message into the user's mailbox through Dovecot's own storage (`doveadm save`).
    func deliver(_ message: Data) throws {
        let result = try Self.run(tools.doveadm, ["-c", configPath, "save", "-u", Self.user], input: message)
        if result.status != 0 { throw Failure("doveadm save failed: \(result.output) \(log)") }
    }

    func serverMessageCount() throws -> Int {
        let result = try Self.run(tools.doveadm, ["-c", configPath, "search", "-u", Self.user, "mailbox", "INBOX", "ALL"], input: nil)
        return result.output.split(separator: "\n").count
    }

    /// Runs mbsync with a generated configuration, fetching the mailbox into `local`/Maildir.
    func fetch(into local: String) throws -> (status: Int32, output: String) {
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
        try "\(Self.password)\n".write(toFile: folder + "/imap-password", atomically: true, encoding: .utf8)
        try mbsyncConfig(local: local).write(toFile: folder + "/mbsyncrc", atomically: true, encoding: .utf8)
        return try Self.run(tools.mbsync, ["-c", folder + "/mbsyncrc", "group"], input: nil)
    }

    /// SIGTERM, and Dovecot's master stops its services; SIGKILL if it has not within 10 s.
    func stop() {
        if isRunning {
            kill(pid, SIGTERM)
            let deadline = ContinuousClock.now + .seconds(10)
            var status: Int32 = 0
            while waitpid(pid, &status, WNOHANG) == 0 {
                if ContinuousClock.now > deadline {
                    kill(pid, SIGKILL)
                    waitpid(pid, &status, 0)
                    break
                }
                usleep(50_000)
            }
        }
        stopped = true
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func run(_ executable: String, _ arguments: [String], input: Data?) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
