import AsyncHTTPClient
import Foundation
import NIOCore
import XunchaDesk

#if canImport(Glibc)
import Glibc
#endif

/// Just enough of the W3C WebDriver protocol to drive a real Chromium through chromedriver:
/// open a page, find elements, type, click, read text and geometry, take a screenshot.
final class WebDriver: @unchecked Sendable {
    static let chromedriverPath = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let chromiumPath = ["/usr/bin/chromium", "/usr/lib/chromium/chromium"].first { FileManager.default.isExecutableFile(atPath: $0) }

    private let driver: Process
    private let base: String
    private var session = ""

    struct Element {
        let id: String
    }

    /// Starts chromedriver and a headless Chromium the size of a phone, with JavaScript turned off.
    init() async throws {
        guard let chromedriver = Self.chromedriverPath, let chromium = Self.chromiumPath else {
            throw Failure("chromium and chromedriver are needed: apt-get install chromium chromium-driver (scripts/test does this when run as root)")
        }
        let port = XunchaProcess.freePort()
        driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        base = "http://127.0.0.1:\(port)"
        let deadline = ContinuousClock.now + .seconds(20)
        while (try? await call("GET", "/status")) == nil {
            if ContinuousClock.now > deadline { throw Failure("chromedriver did not start") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": chromium,
                        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN"],
                        "prefs": ["profile.managed_default_content_settings.javascript": 2],
                    ],
                ]
            ]
        ]
        let created = try await call("POST", "/session", capabilities)
        guard let value = created["value"] as? [String: Any], let id = value["sessionId"] as? String else {
            throw Failure("no WebDriver session: \(created)")
        }
        session = id
        // A click that submits a form may return before the next page is there: let element
        // lookups wait for it (each page's elements are chosen to be absent from the page before).
        _ = try await call("POST", "/session/\(session)/timeouts", ["implicit": 15000])
        // A phone's screen. Set through DevTools: windows cannot be narrower than 500 px, and
        // chromedriver's mobileEmulation option hangs clicks when scripts are off.
        _ = try await call(
            "POST",
            "/session/\(session)/goog/cdp/execute",
            ["cmd": "Emulation.setDeviceMetricsOverride", "params": ["width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": true]]
        )
    }

    /// Ends the browser, then chromedriver; SIGKILL because chromedriver may outlive a SIGTERM.
    func quit() async {
        _ = try? await call("DELETE", "/session/\(session)")
        kill(driver.processIdentifier, SIGKILL)
        driver.waitUntilExit()
    }

    func open(_ url: String) async throws { _ = try await call("POST", "/session/\(session)/url", ["url": url]) }

    func currentURL() async throws -> String { try await call("GET", "/session/\(session)/url")["value"] as? String ?? "" }

    func find(_ css: String) async throws -> Element { try await find(css, using: "css selector") }

    /// The first element an XPath names: for a row picked by its text, which CSS cannot say.
    func find(xpath: String) async throws -> Element { try await find(xpath, using: "xpath") }

    private func find(_ locator: String, using strategy: String) async throws -> Element {
        let found = try await call("POST", "/session/\(session)/element", ["using": strategy, "value": locator])
        guard let value = found["value"] as? [String: Any], let id = value.values.first as? String,
            value.keys.contains(where: { $0.hasPrefix("element-") })
        else { throw Failure("no element \(locator): \(found)") }
        return Element(id: id)
    }

    /// Clicks the link in the cell `cellClass` of the row of `tableClass` that contains `text`.
    func clickRow(of tableClass: String, containing text: String, cell cellClass: String) async throws {
        let e = try await find(
            xpath: "//table[contains(@class,'\(tableClass)')]//tr[contains(., '\(text)')]//td[contains(@class,'\(cellClass)')]//a"
        )
        _ = try await call("POST", "/session/\(session)/element/\(e.id)/click", [String: Any]())
    }

    func type(_ text: String, into css: String) async throws {
        let e = try await find(css)
        _ = try await call("POST", "/session/\(session)/element/\(e.id)/value", ["text": text])
    }

    func clear(_ css: String) async throws {
        let e = try await find(css)
        _ = try await call("POST", "/session/\(session)/element/\(e.id)/clear", [String: Any]())
    }

    func click(_ css: String) async throws {
        let e = try await find(css)
        _ = try await call("POST", "/session/\(session)/element/\(e.id)/click", [String: Any]())
    }

    func text(_ css: String) async throws -> String {
        let e = try await find(css)
        return try await call("GET", "/session/\(session)/element/\(e.id)/text")["value"] as? String ?? ""
    }

    /// The text of `css` once it holds `expected`: after a click that submits a form the old page
    /// may still be there (its element then goes stale), so this waits for the new one.
    @discardableResult
    func waitForText(_ css: String, containing expected: String, timeout: Duration = .seconds(15)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            if let text = try? await text(css) {
                last = text
                if text.contains(expected) { return text }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Failure("\(css) never held \(expected); last: \(last)")
    }

    /// Left edge and width in CSS pixels.
    func horizontalExtent(_ css: String) async throws -> (x: Double, width: Double) {
        let e = try await find(css)
        let rect = try await call("GET", "/session/\(session)/element/\(e.id)/rect")["value"] as? [String: Any] ?? [:]
        return ((rect["x"] as? Double) ?? -1, (rect["width"] as? Double) ?? -1)
    }

    /// The screen as a phone (390 × 844) or a desktop (1366 × 900) shows pages, at one device
    /// pixel per CSS pixel so screenshots stay small.
    func emulate(width: Int, height: Int, mobile: Bool) async throws {
        _ = try await call(
            "POST",
            "/session/\(session)/goog/cdp/execute",
            ["cmd": "Emulation.setDeviceMetricsOverride", "params": ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile]]
        )
    }

    /// The whole page, top to bottom, as a PNG.
    func fullPageScreenshot(to path: String) async throws {
        let metrics = try await call("POST", "/session/\(session)/goog/cdp/execute", ["cmd": "Page.getLayoutMetrics", "params": [String: Any]()])
        let size = ((metrics["value"] as? [String: Any])?["cssContentSize"] as? [String: Any]) ?? [:]
        let width = (size["width"] as? Double) ?? 390
        let height = min((size["height"] as? Double) ?? 844, 8000)
        let shot = try await call(
            "POST",
            "/session/\(session)/goog/cdp/execute",
            [
                "cmd": "Page.captureScreenshot",
                "params": ["format": "png", "captureBeyondViewport": true, "clip": ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]],
            ]
        )
        guard let value = shot["value"] as? [String: Any], let b64 = value["data"] as? String, let data = Data(base64Encoded: b64) else {
            throw Failure("no screenshot")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    /// The page's HTML as the browser holds it.
    func source() async throws -> String { try await call("GET", "/session/\(session)/source")["value"] as? String ?? "" }

    /// The id of the element that has the focus (no script needed).
    func activeElementID() async throws -> String {
        let active = try await call("GET", "/session/\(session)/element/active")
        guard let value = active["value"] as? [String: Any], let id = value.values.first as? String else { return "" }
        return try await call("GET", "/session/\(session)/element/\(id)/attribute/id")["value"] as? String ?? ""
    }

    /// The rectangles (y, height) of every element `css` matches.
    func rects(_ css: String) async throws -> [(y: Double, height: Double)] {
        let found = try await call("POST", "/session/\(session)/elements", ["using": "css selector", "value": css])
        var out: [(Double, Double)] = []
        for element in found["value"] as? [[String: Any]] ?? [] {
            guard let id = element.values.first as? String else { continue }
            let rect = try await call("GET", "/session/\(session)/element/\(id)/rect")["value"] as? [String: Any] ?? [:]
            out.append(((rect["y"] as? Double) ?? -1, (rect["height"] as? Double) ?? -1))
        }
        return out
    }

    func screenshot(to path: String) async throws {
        let shot = try await call("GET", "/session/\(session)/screenshot")
        if let b64 = shot["value"] as? String, let data = Data(base64Encoded: b64) { try data.write(to: URL(fileURLWithPath: path)) }
    }

    /// Logs in through the console's forms with a one-time password, sets `password` as the
    /// form asks, logs in again and enrols the second factor: the inbox (or the account's home) is next.
    func logInFirstTime(_ base: String, _ username: String, oneTime: String, password: String) async throws {
        try await open(base + "/staff/login")
        try await type(username, into: "#username")
        try await type(oneTime, into: "#password")
        try await click(#"form[action="/staff/login"] button[type=submit]"#)
        try await type(oneTime, into: "#current")
        try await type(password, into: "#new")
        try await type(password, into: "#new_again")
        try await click(#"form[action="/staff/password"] button[type=submit]"#)
        try await type(username, into: "#username")
        try await type(password, into: "#password")
        try await click(#"form[action="/staff/login"] button[type=submit]"#)
        // The second factor, enrolled from the secret the page shows, as a phone would.
        guard let secret = TOTPSecret(base32: try await text("#totp-secret")) else { throw Failure("no second factor secret shown") }
        Phones.shared.remember(base, username, secret)
        try await type(try await Phones.shared.code(base, username), into: "#code")
        try await click(#"form[action="/staff/enrol"] button[type=submit]"#)
        // The recovery codes, shown once; then the account's home.
        _ = try await find("#recovery-codes")
        try await click(#"a.button[href="/staff"]"#)
        // Logged in when the menu's logout button is there: the next page opened carries the session.
        _ = try await find(#"form[action="/staff/logout"]"#)
    }

    /// The page printed to PDF as the browser's print dialog would, with the page's own `@page`
    /// size and margins (their page-number boxes included).
    func printToPDF(to path: String) async throws {
        let printed = try await call(
            "POST",
            "/session/\(session)/goog/cdp/execute",
            ["cmd": "Page.printToPDF", "params": ["preferCSSPageSize": true, "printBackground": true]]
        )
        guard let value = printed["value"] as? [String: Any], let b64 = value["data"] as? String, let data = Data(base64Encoded: b64) else {
            throw Failure("no PDF: \(printed.keys)")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    private func call(_ method: String, _ path: String, _ body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        if ProcessInfo.processInfo.environment["XUNCHA_TRACE_WEBDRIVER"] != nil {
            FileHandle.standardError.write(Data("webdriver \(method) \(path)\n".utf8))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = try await response.body.collect(upTo: 50 << 20)
        let object = (try? JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:]
        if response.status.code >= 400 { throw Failure("WebDriver \(method) \(path): \(response.status) \(object)") }
        return object
    }
}

/// The phones of the accounts a test enrolled, by server and username: each gives the code of the
/// moment, never one given before (the server takes each code once), as an authenticator app would.
final class Phones: @unchecked Sendable {
    static let shared = Phones()
    private let lock = NSLock()
    private var secrets: [String: TOTPSecret] = [:]
    private var lastSteps: [String: Int64] = [:]

    func remember(_ base: String, _ username: String, _ secret: TOTPSecret) { lock.withLock { secrets[base + "|" + username] = secret } }

    func knows(_ base: String, _ username: String) -> Bool { lock.withLock { secrets[base + "|" + username] != nil } }

    func code(_ base: String, _ username: String) async throws -> String {
        let key = base + "|" + username
        guard let secret = lock.withLock({ secrets[key] }) else { throw Failure("no phone for \(username)") }
        while true {
            let now = TOTPSecret.step(at: Date())
            let step: Int64? = lock.withLock {
                let step = max(now, (lastSteps[key] ?? .min) + 1)
                guard step <= now + 1 else { return nil }
                lastSteps[key] = step
                return step
            }
            if let step { return secret.code(step: step) }
            try await Task.sleep(for: .seconds(2))
        }
    }
}
