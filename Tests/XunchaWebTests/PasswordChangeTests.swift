import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// After changing the one-time password the login page says why it is shown again.
@Suite struct PasswordChangeTests {
    @Test func theLoginPageAfterAChangeSaysThePasswordWasChanged() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            var csrf = try await b.csrf(from: "/staff/login")
            try await b.post("/staff/login", form: ["csrf": csrf, "username": "zuyuan", "password": password])
            csrf = try await b.csrf(from: "/staff/password")
            let newPassword = "Tz8#qL2!vR-\(password)"
            let changed = try await b.post(
                "/staff/password",
                form: ["csrf": csrf, "current": password, "new": newPassword, "new_again": newPassword]
            )
            #expect(changed.headers[.location] == "/staff/login?changed=1")
            #expect(String(buffer: try await b.followRedirect(changed).body).contains("密码已修改，请用新密码重新登录。"))
            #expect(!String(buffer: try await b.get("/staff/login").body).contains("密码已修改"))
        }
    }
}
