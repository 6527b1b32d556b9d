import AsyncHTTPClient
import Foundation
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The real `xuncha` binary, run as a user runs it: a server on a free loopback port, or a
/// one-shot command. Its output is captured so tests can read what a person would see.
final class XunchaProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let output: URL

    static var binary: URL {
        if let override = ProcessInfo.processInfo.environment["XUNCHA_BIN"] { return URL(fileURLWithPath: override) }
        // The test bundle sits beside the products of the same build.
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("xuncha")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/xuncha")
    }

    /// A port nothing listens on right now: bind to port 0 and ask the kernel which it gave.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private init(process: Process, port: Int, output: URL) {
        self.process = process
        self.port = port
        self.output = output
    }

    /// `options` are more of `serve`'s (`--log-format json`); `environment` is added to the test's own.
    static func serve(data: String, demo: Bool = false, options: [String] = [], environment: [String: String] = [:]) async throws -> XunchaProcess {
        let port = freePort()
        let output = URL(fileURLWithPath: data + "-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--data", data, "--host", "127.0.0.1", "--port", String(port)] + (demo ? ["--demo"] : []) + options
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        let server = XunchaProcess(process: process, port: port, output: output)
        try await server.waitUntilHealthy()
        return server
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    var log: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// The one-time password `serve` printed for an account it created.
    func oneTimePassword(_ username: String) throws -> String {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("account: \(username)（") }),
            let password = line.components(separatedBy: "one-time password: ").last
        else { throw Failure("no one-time password for \(username) in the log") }
        return password
    }

    private func waitUntilHealthy() async throws {
        // A demo server alone is healthy in about 5 s; a dozen suites starting theirs at once on two
        // busy cores have taken over a minute.
        try await Self.waitUntilHealthy(baseURL, seconds: 180, name: "server", process: process) { self.log }
    }

    /// Waits until `baseURL/healthz` answers 200 (through nginx too), failing with `log` when
    /// `process` exits first or the time runs out.
    static func waitUntilHealthy(_ baseURL: String, seconds: Int, name: String, process: Process, log: () -> String) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            guard process.isRunning else { throw Failure("\(name) exited: \(log())") }
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + "/healthz"), timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure("\(name) not healthy within \(seconds) s: \(log())")
    }

    /// kill -9: no shutdown code runs, as in a power cut.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    func post(_ path: String, json: String) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: json))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Runs a one-shot command (`report list`, `audit verify`) and returns its exit code and output.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A data folder for one test, removed afterwards with its logs.
struct TemporaryDataFolder {
    let path = NSTemporaryDirectory() + "xuncha-e2e-\(UUID().uuidString)"

    func remove() {
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let name = URL(fileURLWithPath: path).lastPathComponent
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(name) {
            try? FileManager.default.removeItem(atPath: parent + "/" + entry)
        }
    }
}
