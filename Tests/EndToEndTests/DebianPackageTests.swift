import AsyncHTTPClient
import Foundation
import Testing

/// Root on a throw-away machine (CI=true), or asked for by XUNCHA_DEB_TEST=1.
private let mayInstallSystemWide: Bool = {
    let environment = ProcessInfo.processInfo.environment
    return getuid() == 0 && (environment["CI"] == "true" || environment["XUNCHA_DEB_TEST"] == "1")
}()

/// `scripts/build-deb` and the package it makes, installed with dpkg and started as its unit
/// starts it. This installs system-wide (a `xuncha` user, /usr/lib/xuncha, /var/lib/xuncha), so it
/// runs where CI runs, as root on a throw-away machine (CI=true), or when XUNCHA_DEB_TEST=1 asks.
@Suite(.serialized, .enabled(if: mayInstallSystemWide)) struct DebianPackageTests {
    static var root: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent() }

    @discardableResult
    func sh(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = Self.root
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failure("\(command) failed:\n\(output)") }
        return output
    }

    @Test func thePackageInstallsInitsAndServes() async throws {
        let out = NSTemporaryDirectory() + "xuncha-deb-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let binary = XunchaProcess.binary.path
        let deb =
            try sh("scripts/build-deb --binary '\(binary)' --version 0.0.1~test --out '\(out)' --compress none")
            .split(separator: "\n").last.map(String.init) ?? ""
        let contents = try sh("dpkg-deb --contents '\(deb)'")
        for path in [
            "./usr/bin/xuncha", "./usr/lib/xuncha/xuncha", "./lib/systemd/system/xuncha.service", "./usr/share/doc/xuncha/examples/nginx-xuncha.conf",
        ] {
            #expect(contents.contains(path), "\(path) in the package")
        }
        #expect(contents.contains(".resources/"), "the templates' bundle travels with the binary")

        try sh("dpkg -i '\(deb)'")
        defer {
            _ = try? sh("dpkg --purge xuncha")
            _ = try? sh("rm -rf /var/lib/xuncha")
        }
        #expect(try sh("getent passwd xuncha").contains("/var/lib/xuncha"))
        #expect(try sh("stat -c '%U %a' /var/lib/xuncha").trimmingCharacters(in: .whitespacesAndNewlines) == "xuncha 700")

        let initialised = try sh("runuser -u xuncha -- /usr/bin/xuncha init --data /var/lib/xuncha")
        #expect(initialised.contains("one-time password"))

        // Started as the unit starts it, on a free port instead of 8080.
        let unit = try String(contentsOfFile: "/lib/systemd/system/xuncha.service", encoding: .utf8)
        let execStart = try #require(unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") }?.dropFirst("ExecStart=".count))
        let port = XunchaProcess.freePort()
        let command = execStart.replacingOccurrences(of: "--port 8080", with: "--port \(port)")
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        server.arguments = ["-u", "xuncha", "--"] + command.split(separator: " ").map(String.init)
        let log = Pipe()
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var healthy = false
        for _ in 0..<300 where !healthy {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/healthz"), timeout: .seconds(2)) {
                healthy = response.status == .ok
            }
            if !healthy { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(healthy, "the installed server answers")
        #expect(try sh("stat -c '%U %a' /var/lib/xuncha/xuncha.key").trimmingCharacters(in: .whitespacesAndNewlines) == "xuncha 600")
    }
}
