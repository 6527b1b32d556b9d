import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
import XunchaDesk

private let browserAvailable =
    WebDriver.chromedriverPath != nil || ProcessInfo.processInfo.environment["XUNCHA_REQUIRE_BROWSER"] == "1"

/// The lead's page, the paper's print view and the handover page in a real Chromium the size of a
/// phone, scripts off: nothing wider than the screen (a table that overflows, a column squeezed
/// to a character a line would show here).
@Suite(.serialized, .enabled(if: browserAvailable, "needs chromium and chromium-driver")) struct LeadBrowserTests {
    /// A JSON call with a bearer token; the body and status.
    static func call(
        _ server: XunchaProcess,
        _ method: String,
        _ path: String,
        token: String? = nil,
        _ json: String? = nil
    ) async throws
        -> (status: Int, body: [String: Any])
    {
        var request = HTTPClientRequest(url: server.baseURL + path)
        request.method = .init(rawValue: method)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: json))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = try await response.body.collect(upTo: 1 << 20)
        let body = (try? JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body)
    }

    /// Logs in through the API with the one-time password (or the current one), sets `password`,
    /// enrols the second factor when the account has none, returns a token.
    static func token(_ server: XunchaProcess, _ username: String, _ oneTime: String, _ password: String) async throws -> String {
        let first = try #require(
            try await call(server, "POST", "/api/v1/session", try await loginBody(server, username, oneTime)).body["token"] as? String
        )
        _ = try await call(server, "POST", "/api/v1/session/password", token: first, #"{"current":"\#(oneTime)","new":"\#(password)"}"#)
        let login = try await call(server, "POST", "/api/v1/session", try await loginBody(server, username, password)).body
        let token = try #require(login["token"] as? String)
        guard login["stage"] as? String == "enrolment" else { return token }
        // The second factor, enrolled as a phone would: the secret shown, the code of the moment.
        let enrolment = try await call(server, "POST", "/api/v1/session/enrolment", token: token)
        let shown = try #require(enrolment.body["secret"] as? String)
        let secret = try #require(TOTPSecret(base32: shown))
        Phones.shared.remember(server.baseURL, username, secret)
        let code = try await Phones.shared.code(server.baseURL, username)
        let confirmed = try await call(server, "POST", "/api/v1/session/enrolment/confirm", token: token, #"{"code":"\#(code)"}"#)
        #expect(confirmed.status == 200)
        return token
    }

    /// A login's body, with the code of the moment once the account has enrolled its phone.
    static func loginBody(_ server: XunchaProcess, _ username: String, _ password: String) async throws -> String {
        guard Phones.shared.knows(server.baseURL, username) else { return #"{"username":"\#(username)","password":"\#(password)"}"# }
        let code = try await Phones.shared.code(server.baseURL, username)
        return #"{"username":"\#(username)","password":"\#(password)","code":"\#(code)"}"#
    }

    @Test func theLeadPagesFitAPhone() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        let server = try await XunchaProcess.serve(data: data.path, demo: true)
        defer { server.stop() }
        let leader = try await Self.token(server, "zuzhang", try server.oneTimePassword("zuzhang"), "leader-password-1")
        let member = try await Self.token(server, "zuyuan", try server.oneTimePassword("zuyuan"), "member-password-1")
        // A report comes in; the leader accepts it as a lead of its own; the member writes the
        // paper; the leader reviews and signs it. The lead goes to 组织部, whose other lead in the
        // demo is signed too, so the handover can be made from the page.
        let sent = try await server.post(
            "/api/v1/reports",
            json: #"{"content":"反映市委老干部局某科科长钱某某2022年负责编外人员招聘时，招聘信息不公开，面试前向考官打招呼，录用了其侄子和两名同学的子女。"}"#
        )
        #expect(sent.status == 201)
        let reports = try #require(try await Self.call(server, "GET", "/api/v1/reports", token: leader).body["reports"] as? [[String: Any]])
        let reportID = try #require(reports.first { ($0["snippet"] as? String)?.contains("钱某某") == true }?["id"] as? String)
        let decided = try await Self.call(
            server,
            "POST",
            "/api/v1/reports/\(reportID)/decision",
            token: leader,
            #"{"outcome":"accept","reason":"予以受理","lead_subject":{"name":"钱某某","unit":"市委老干部局","post":"科长"}}"#
        )
        let leadID = try #require(decided.body["lead_id"] as? String)
        _ = try await Self.call(server, "PATCH", "/api/v1/leads/\(leadID)", token: leader, #"{"kind":"organization"}"#)
        let paper = try await Self.call(
            server,
            "POST",
            "/api/v1/leads/\(leadID)/paper",
            token: member,
            #"{"title":"违规干预编外人员招聘","unit":"市委老干部局","source":"信访举报","summary":"2022年负责编外人员招聘期间，招聘信息未公开发布，面试前向考官打招呼，录用其侄子和两名同学的子女。","how_found":"受理信访举报，调阅招聘档案，个别谈话","materials":["编外人员招聘审批表","面试评分表","谈话记录"]}"#
        )
        #expect(paper.status == 201)
        let paperID = try #require(paper.body["id"] as? String)
        #expect(try await Self.call(server, "POST", "/api/v1/papers/\(paperID)/submit", token: member).status == 200)
        #expect(try await Self.call(server, "POST", "/api/v1/papers/\(paperID)/review", token: leader).status == 200)
        #expect(try await Self.call(server, "POST", "/api/v1/papers/\(paperID)/sign", token: leader).status == 200)

        let browser = try await WebDriver()
        do {
            try await browser.open(server.baseURL + "/staff/login")
            try await browser.type("zuzhang", into: "#username")
            try await browser.type("leader-password-1", into: "#password")
            try await browser.click(#"form[action="/staff/login"] button[type=submit]"#)
            try await browser.type(try await Phones.shared.code(server.baseURL, "zuzhang"), into: "#code")
            try await browser.click(#"form[action="/staff/login/code"] button[type=submit]"#)
            _ = try await browser.find("table.inbox")
            let pages: [(path: String, waitFor: String, elements: [String])] = [
                ("/staff/leads", "table.leads", ["main", "table.leads"]),
                (
                    "/staff/leads/\(leadID)", "#paper-sheet",
                    ["main", "#lead", "#reports table", "#paper-sheet", "table.paper-fields", "table.paper-steps"]
                ),
                ("/staff/papers/\(paperID)/print", "#paper-sheet", ["#paper-sheet", "table.paper-fields", ".paper-signatures"]),
                ("/staff/handover", "#plan-organization", ["main", "#plan-discipline table", "#plan-organization table"]),
            ]
            for (index, page) in pages.enumerated() {
                try await browser.open(server.baseURL + page.path)
                _ = try await browser.find(page.waitFor)
                for css in page.elements {
                    let extent = try await browser.horizontalExtent(css)
                    #expect(extent.x >= 0 && extent.x + extent.width <= 390.5, "\(page.path): \(css) is \(extent) on a 390 px screen")
                }
                try await browser.screenshot(to: data.path + "-lead-\(index).png")
            }
            // A field's label in the paper stays on one line: as wide as its text, not a character.
            try await browser.open(server.baseURL + "/staff/papers/\(paperID)/print")
            let label = try await browser.horizontalExtent("table.paper-fields th")
            #expect(label.width > 60, "the label column is \(label.width) px wide")
            // The handover from the page: the archive is listed with its SHA-256.
            try await browser.open(server.baseURL + "/staff/handover")
            try await browser.click(#"#plan-organization button[type=submit]"#)
            #expect(try await browser.text("#notice").contains("已生成移交档案"))
            #expect(try await browser.text("#archives table").contains("组织部"))
            let sha = try await browser.horizontalExtent("#archives td.hash")
            #expect(sha.x + sha.width <= 390.5)
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
