import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaDesk

@testable import XunchaWeb

/// The console's and the API's second factor: enrolment with the QR code and the secret in groups
/// of four, recovery codes shown once, the login's second step, and nothing opened before it.
@Suite struct SecondFactorPageTests {
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    @Test func theConsoleEnrolsThenAsksForTheCodeAfterThePassword() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            var csrf = try await b.csrf(from: "/staff/login")
            try await b.post("/staff/login", form: ["csrf": csrf, "username": "zuyuan", "password": password])
            csrf = try await b.csrf(from: "/staff/password")
            let changed = try await b.post(
                "/staff/password",
                form: ["csrf": csrf, "current": password, "new": "member-pass-1", "new_again": "member-pass-1"]
            )
            // The login page says why it is shown again, only right after the change.
            #expect(changed.headers[.location] == "/staff/login?changed=1")
            #expect(Self.text(try await b.followRedirect(changed)).contains("密码已修改，请用新密码重新登录。"))
            #expect(!Self.text(try await b.get("/staff/login")).contains("密码已修改"))
            csrf = try await b.csrf(from: "/staff/login")
            let opened = try await b.post("/staff/login", form: ["csrf": csrf, "username": "zuyuan", "password": "member-pass-1"])
            #expect(opened.headers[.location] == "/staff/enrol")
            // Before the second factor: no inbox, no API data; the console sends to the next step.
            #expect(try await b.get("/staff").headers[.location] == "/staff/enrol")
            #expect(try await b.get("/api/v1/reports").status == .unauthorized)

            let page = Self.text(try await b.get("/staff/enrol"))
            #expect(page.contains("<svg"))
            #expect(page.contains("aria-label=\"两步验证二维码"))
            let secret = try Phone.secret(shownOn: page)
            #expect(page.contains(secret.grouped.split(separator: " ").map { "<span>\($0)</span>" }.joined(separator: " ")))
            let formCSRF = try Browser.field("csrf", in: page)
            let wrong = try await b.post("/staff/enrol", form: ["csrf": formCSRF, "code": "12345"])
            #expect(wrong.status == .unauthorized)
            #expect(Self.text(wrong).contains("验证码或恢复码不正确"))
            #expect(try Phone.secret(shownOn: Self.text(wrong)) == secret, "the same secret until it is confirmed")
            let enrolled = Self.text(try await b.post("/staff/enrol", form: ["csrf": formCSRF, "code": await Phone.shared.code(secret)]))
            let codes = enrolled.components(separatedBy: "<li>").dropFirst().map { String($0.prefix { $0 != "<" }) }
            #expect(codes.count == 10)
            #expect(try await b.get("/staff").status == .ok)

            // Next time: the password, then the code (or a recovery code).
            let again = Browser(client)
            csrf = try await again.csrf(from: "/staff/login")
            let step = try await again.post("/staff/login", form: ["csrf": csrf, "username": "zuyuan", "password": "member-pass-1"])
            #expect(step.headers[.location] == "/staff/login/code")
            let codePage = try await again.get("/staff/login/code")
            #expect(Self.text(codePage).contains("验证码或恢复码"))
            let codeCSRF = try Browser.field("csrf", in: Self.text(codePage))
            #expect(try await again.post("/staff/login/code", form: ["csrf": "forged", "code": codes[0]]).status == .forbidden)
            let passed = try await again.post("/staff/login/code", form: ["csrf": codeCSRF, "code": codes[0]])
            #expect(passed.headers[.location] == "/staff")
            #expect(try await again.get("/staff").status == .ok)

            // The API: the code with the password at once; without it, a token for the second step only.
            let half = try json(try await again.postJSON("/api/v1/session", #"{"username":"zuyuan","password":"member-pass-1"}"#))
            #expect(half["stage"] as? String == "second_factor")
            let halfToken = try #require(half["token"] as? String)
            #expect(
                try await again.send("/api/v1/reports", .get, headers: [.authorization: "Bearer \(halfToken)"], body: nil).status == .unauthorized
            )
            let code = await Phone.shared.code(secret)
            let whole = try json(
                try await again.postJSON("/api/v1/session", #"{"username":"zuyuan","password":"member-pass-1","code":"\#(code)"}"#)
            )
            #expect(whole["stage"] as? String == "full")
            let token = try #require(whole["token"] as? String)
            #expect(try await again.send("/api/v1/reports", .get, headers: [.authorization: "Bearer \(token)"], body: nil).status == .ok)
            let replay = try await again.postJSON("/api/v1/session/code", #"{"code":"\#(code)"}"#, headers: [.authorization: "Bearer \(halfToken)"])
            #expect(replay.status == .unauthorized)
            #expect(try errorCode(replay) == "bad_second_factor")
        }
    }
}
