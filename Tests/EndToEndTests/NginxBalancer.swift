import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// nginx from Debian's packages in front of several servers on loopback, round robin, as
/// deploy/nginx-xuncha.conf puts it in front of one: a configuration of its own in a temporary
/// folder (pid, logs, temporary files there too), run in the foreground as the current user.
final class NginxBalancer: @unchecked Sendable {
    static let binary: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/nginx" } + ["/usr/sbin/nginx"]
        return path.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    let port: Int
    let folder: String
    private let process: Process

    init(upstreams: [Int]) async throws {
        guard let binary = Self.binary else { throw Failure("nginx is not installed (apt-get install nginx-light)") }
        port = XunchaProcess.freePort()
        folder = NSTemporaryDirectory() + "xuncha-nginx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let servers = upstreams.map { "        server 127.0.0.1:\($0) max_fails=1 fail_timeout=60s;" }.joined(separator: "\n")
        // Run as root (CI), nginx's workers would otherwise become `nobody`, who cannot use the folder.
        let user = getuid() == 0 ? "user root;\n" : ""
        let configuration = """
            \(user)daemon off;
            worker_processes 1;
            pid \(folder)/nginx.pid;
            error_log \(folder)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path \(folder)/body;
                proxy_temp_path \(folder)/proxy;
                fastcgi_temp_path \(folder)/fastcgi;
                uwsgi_temp_path \(folder)/uwsgi;
                scgi_temp_path \(folder)/scgi;
                upstream xuncha {
            \(servers)
                }
                server {
                    listen 127.0.0.1:\(port);
                    client_max_body_size 30m;
                    location / {
                        proxy_pass http://xuncha;
                        proxy_http_version 1.1;
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_connect_timeout 2s;
                        # A server that refuses the connection gets nothing: the request goes to the next.
                        proxy_next_upstream error timeout;
                    }
                }
            }
            """
        try configuration.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["-p", folder, "-c", folder + "/nginx.conf", "-e", folder + "/error.log"]
        let logPath = folder + "/out.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try await XunchaProcess.waitUntilHealthy(baseURL, seconds: 30, name: "nginx", process: process) { self.log }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var log: String {
        ["out.log", "error.log"].map { (try? String(contentsOfFile: folder + "/" + $0, encoding: .utf8)) ?? "" }.joined(separator: "\n")
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
