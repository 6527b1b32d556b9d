import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// Desk errors as HTTP: one status per kind, the same JSON shape for every API refusal, and on
/// pages the login page, the password page or a page that says what went wrong.
@Suite struct DeskErrorMappingTests {
    @Test(arguments: [
        (DeskError.Kind.notFound, HTTPResponse.Status.notFound),
        (.forbidden, .forbidden),
        (.passwordChangeRequired, .forbidden),
        (.unauthenticated, .unauthorized),
        (.invalid, .unprocessableContent),
        (.tooLarge, .contentTooLarge),
        (.conflict, .conflict),
        (.throttled(retryAfter: 90), .tooManyRequests),
        (.damaged, .internalServerError),
    ])
    func everyKindHasItsStatus(_ kind: DeskError.Kind, _ status: HTTPResponse.Status) {
        let error = APIError(DeskError(kind, code: "c", zh: "中文", en: "english", field: "f"))
        #expect(error.status == status)
        #expect(error.code == "c" && error.messageZH == "中文" && error.messageEN == "english" && error.field == "f")
        if case .throttled = kind { #expect(error.headers[.retryAfter] == "90") }
    }

    @Test func theAPIAnswersEveryRefusalInOneShape() async throws {
        let installation = try await TestInstallation.make()
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            // No session: 401 from the staff context itself, in the API's JSON.
            let anonymous = try await b.get("/api/v1/reports")
            #expect(anonymous.status == .unauthorized)
            let body = try json(anonymous)["error"] as? [String: Any]
            #expect(body?["code"] as? String == "unauthorized")
            #expect(body?["message_zh"] as? String == "请先登录。")
            #expect(body?["message_en"] as? String == "log in first.")
            #expect(anonymous.headers[.contentType]?.hasPrefix("application/json") == true)
            // A member: the admin's list is forbidden; a report that does not exist is not found.
            let token = try await StaffAPITests.token(b, "zuyuan", memberPassword)
            let bearer: HTTPFields = [.authorization: "Bearer \(token)"]
            #expect(try errorCode(try await b.send("/api/v1/staff", .get, headers: bearer, body: nil)) == "forbidden")
            let missing = try await b.send("/api/v1/reports/no-such-report", .get, headers: bearer, body: nil)
            #expect(missing.status == .notFound)
            #expect(try errorCode(missing) == "not_found")
            // Input refused by Core through the desk: 422 with the field.
            let refused = try await b.postJSON(
                "/api/v1/registrations",
                #"{"channel":"fax","received_at":"2023-03-06T09:00","content":"x"}"#,
                headers: bearer
            )
            #expect(refused.status == .unprocessableContent)
            #expect(try errorCode(refused) == "unknown_channel")
        }
    }

    @Test func pagesSendToLoginToThePasswordPageOrSayWhatWentWrong() async throws {
        let installation = try await TestInstallation.make()
        let adminPassword = try #require(installation.passwords["admin"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let report = try #require(try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 1, offset: 0).first)
        try await installation.test { client async throws in
            let anonymous = Browser(client)
            let toLogin = try await anonymous.get("/staff/reports/\(report.id)")
            #expect(toLogin.status == .seeOther && toLogin.headers[.location] == "/staff/login")

            // A one-time password not yet changed: every console page leads to the password page.
            let pending = Browser(client)
            let csrf = try await pending.csrf(from: "/staff/login")
            try await pending.post("/staff/login", form: ["csrf": csrf, "username": "zuyuan", "password": memberPassword])
            let toPassword = try await pending.get("/staff/reports/\(report.id)")
            #expect(toPassword.status == .seeOther && toPassword.headers[.location] == "/staff/password")

            // The admin reads no report: a page in Chinese that says so, with the console around it.
            let admin = Browser(client)
            try await admin.logIn("admin", adminPassword)
            let refused = try await admin.get("/staff/reports/\(report.id)")
            #expect(refused.status == .forbidden)
            #expect(text(refused).contains("您没有执行此操作的权限。"))
            #expect(text(refused).contains("系统管理员"))
            // A form without its token changes nothing and says why.
            let noToken = try await admin.post("/staff/admin/users", form: ["username": "someone", "role": "member"])
            #expect(noToken.status == .forbidden && text(noToken).contains("页面已过期"))
        }
    }
}
