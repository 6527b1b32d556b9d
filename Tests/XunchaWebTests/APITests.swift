import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaDesk
import XunchaWeb

/// Decodes a JSON body for assertions.
func json(_ response: TestResponse) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any] ?? [:]
}

func errorCode(_ response: TestResponse) throws -> String? {
    let error = try json(response)["error"] as? [String: Any]
    #expect(error?["message_zh"] is String && error?["message_en"] is String)
    return error?["code"] as? String
}

@Suite struct PublicAPITests {
    @Test func aReportIsAcknowledgedWithACodeThatShowsItsStatus() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let created = try await b.postJSON(
                "/api/v1/reports",
                #"{"channel":"web","content":"反映某局长收受红包。","subjects":[{"name":"王某","post":"局长"}],"reporter":{"name":"赵六","phone":"13912345678"}}"#
            )
            #expect(created.status == .created)
            let body = try json(created)
            let code = try #require(body["query_code"] as? String)
            #expect(code.count == 16 && code.allSatisfy(\.isNumber))
            #expect(body["id"] is String)

            let status = try await b.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#)
            #expect(status.status == .ok)
            #expect(try json(status)["status"] as? String == "received")
            #expect(try json(status)["received_at"] is String)

            let added = try await b.postJSON("/api/v1/status/additions", #"{"query_code":"\#(code)","content":"补充：发生在3月1日。"}"#)
            #expect(added.status == .created)
            #expect((try json(added)["additions"] as? [Any])?.count == 1)
        }
    }

    @Test func badInputGetsItsOwnAnswerAndChangesNothing() async throws {
        let installation = try await TestInstallation.make()
        let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
        try await installation.test { client async throws in
            let b = Browser(client)
            let cases: [(String, HTTPFields, ByteBuffer, HTTPResponse.Status, String)] = [
                ("empty", [.contentType: "application/json"], ByteBuffer(string: #"{"content":""}"#), .unprocessableContent, "empty_content"),
                (
                    "blank", [.contentType: "application/json"], ByteBuffer(string: #"{"content":" \n\u3000 "}"#), .unprocessableContent,
                    "empty_content"
                ),
                ("missing", [.contentType: "application/json"], ByteBuffer(string: #"{"subjects":[]}"#), .unprocessableContent, "invalid_field"),
                ("wrong type", [.contentType: "application/json"], ByteBuffer(string: #"{"content":42}"#), .unprocessableContent, "invalid_field"),
                ("malformed", [.contentType: "application/json"], ByteBuffer(string: #"{"content": "#), .badRequest, "malformed_json"),
                (
                    "not json type", [.contentType: "text/plain"], ByteBuffer(string: #"{"content":"x"}"#), .unsupportedMediaType,
                    "unsupported_media_type"
                ),
                ("no type", [:], ByteBuffer(string: #"{"content":"x"}"#), .unsupportedMediaType, "unsupported_media_type"),
                (
                    "invalid utf8", [.contentType: "application/json"],
                    ByteBuffer(bytes: Array(#"{"content":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)), .badRequest, "invalid_utf8"
                ),
                (
                    "too long", [.contentType: "application/json"], ByteBuffer(string: #"{"content":"\#(String(repeating: "字", count: 20_001))"}"#),
                    .unprocessableContent, "too_long"
                ),
                (
                    "oversized", [.contentType: "application/json"], ByteBuffer(string: #"{"content":"\#(String(repeating: "a", count: 300_000))"}"#),
                    .contentTooLarge, "body_too_large"
                ),
                (
                    "other channel", [.contentType: "application/json"], ByteBuffer(string: #"{"channel":"phone","content":"x"}"#),
                    .unprocessableContent, "channel_not_allowed"
                ),
                (
                    "bad phone", [.contentType: "application/json"], ByteBuffer(string: #"{"content":"x","reporter":{"phone":"abc"}}"#),
                    .unprocessableContent, "invalid_phone"
                ),
                (
                    "unknown inspection", [.contentType: "application/json"], ByteBuffer(string: #"{"content":"x","inspection_id":"nope"}"#),
                    .unprocessableContent, "unknown_inspection"
                ),
                (
                    "control chars", [.contentType: "application/json"], ByteBuffer(string: #"{"content":"a\u0000b"}"#), .unprocessableContent,
                    "control_characters"
                ),
            ]
            for (name, headers, body, status, code) in cases {
                let response = try await b.send("/api/v1/reports", .post, headers: headers, body: body)
                #expect(response.status == status, "\(name)")
                #expect(try errorCode(response) == code, "\(name)")
            }
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == before)
        }
    }

    @Test func wrongCodesAreSlowNotFoundAndThrottled() async throws {
        try await TestInstallation.make(maxFailures: 3).test { client async throws in
            let b = Browser(client)
            #expect(try errorCode(try await b.postJSON("/api/v1/status", #"{"query_code":"12ab"}"#)) == "invalid_query_code")
            for _ in 0..<3 {
                let start = ContinuousClock.now
                let response = try await b.postJSON("/api/v1/status", #"{"query_code":"0000 0000 0000 0000"}"#)
                #expect(response.status == .notFound)
                #expect(try errorCode(response) == "not_found")
                #expect(ContinuousClock.now - start >= .milliseconds(20))
            }
            let throttled = try await b.postJSON("/api/v1/status", #"{"query_code":"0000000000000001"}"#)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] != nil)
            #expect(try errorCode(throttled) == "too_many_attempts")
        }
    }
}

@Suite struct StaffAPITests {
    /// Logs in through the API, changing the one-time password; returns the bearer token.
    static func token(_ b: Browser, _ username: String, _ password: String) async throws -> String {
        var login = try json(try await b.postJSON("/api/v1/session", await loginBody(username, password)))
        let first = try #require(login["token"] as? String)
        let changed = try await b.send(
            "/api/v1/session/password",
            .post,
            headers: [.contentType: "application/json", .authorization: "Bearer \(first)"],
            body: ByteBuffer(string: #"{"current":"\#(password)","new":"new-\#(password)"}"#)
        )
        #expect(changed.status == .noContent)
        login = try json(try await b.postJSON("/api/v1/session", await loginBody(username, "new-\(password)")))
        let token = try #require(login["token"] as? String)
        if login["stage"] as? String == "enrolment" { try await enrol(b, token: token, username: username) }
        return token
    }

    /// A login's body, with the code of the moment when the phone has the account's secret.
    static func loginBody(_ username: String, _ password: String) async -> String {
        let code = await Phone.shared.code(for: username)
        if code.isEmpty { return #"{"username":"\#(username)","password":"\#(password)"}"# }
        return #"{"username":"\#(username)","password":"\#(password)","code":"\#(code)"}"#
    }

    /// Enrols the second factor of the login `token` opened, as an API client with a phone would.
    static func enrol(_ b: Browser, token: String, username: String) async throws {
        let auth: HTTPFields = [.contentType: "application/json", .authorization: "Bearer \(token)"]
        let enrolment = try json(try await b.send("/api/v1/session/enrolment", .post, headers: auth, body: nil))
        let shown = try #require(enrolment["secret"] as? String)
        let secret = try #require(TOTPSecret(base32: shown))
        Phone.shared.remember(username, secret)
        let code = await Phone.shared.code(secret)
        let confirmed = try await b.send("/api/v1/session/enrolment/confirm", .post, headers: auth, body: ByteBuffer(string: #"{"code":"\#(code)"}"#))
        #expect(confirmed.status == .ok)
    }

    @Test func leadersReadTheInboxNewestFirstWithTheAuditTrail() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuzhang"])
        try await installation.test { client async throws in
            let b = Browser(client)
            #expect(try await b.get("/api/v1/reports").status == .unauthorized)
            let first = try json(try await b.postJSON("/api/v1/session", #"{"username":"zuzhang","password":"\#(password)"}"#))
            let oneTime = try #require(first["token"] as? String)
            let blocked = try await b.send("/api/v1/reports", .get, headers: [.authorization: "Bearer \(oneTime)"], body: nil)
            #expect(try errorCode(blocked) == "password_change_required")

            let token = try await Self.token(b, "zuzhang", password)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let inbox = try json(try await b.send("/api/v1/reports", .get, headers: auth, body: nil))
            let reports = try #require(inbox["reports"] as? [[String: Any]])
            #expect(reports.count == 4)
            let times = reports.compactMap { $0["received_at"] as? String }
            #expect(times == times.sorted(by: >))
            #expect(reports.allSatisfy { $0["snippet"] is String && $0["channel"] is String && $0["status"] is String })
            #expect(reports.allSatisfy { $0["reporter"] == nil })

            let id = try #require(reports[0]["id"] as? String)
            let detail = try json(try await b.send("/api/v1/reports/\(id)", .get, headers: auth, body: nil))
            #expect((detail["audit_trail"] as? [[String: Any]])?.first?["action"] as? String == "report.received")
            #expect(try await b.send("/api/v1/reports/nope", .get, headers: auth, body: nil).status == .notFound)
        }
    }

    @Test func theAdminConfiguresButReadsNoReport() async throws {
        let installation = try await TestInstallation.make()
        let adminPassword = try #require(installation.passwords["admin"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let admin: HTTPFields = [.authorization: "Bearer \(try await Self.token(b, "admin", adminPassword))", .contentType: "application/json"]
            #expect(try await b.send("/api/v1/reports", .get, headers: admin, body: nil).status == .forbidden)

            let inspection = try await b.send(
                "/api/v1/inspections",
                .post,
                headers: admin,
                body: ByteBuffer(
                    string:
                        #"{"group":"县委第二巡察组","units":["某县水利局"],"period_start":"2026-09-01","period_end":"2026-11-30","phone_hours":[{"days":"workdays","from":"8:30","to":"12:00"}]}"#
                )
            )
            #expect(inspection.status == .created)
            let inspectionID = try #require(try json(inspection)["id"] as? String)
            #expect(try json(inspection)["deadline"] as? String == "2026-11-30")

            let reversed = try await b.send(
                "/api/v1/inspections",
                .post,
                headers: admin,
                body: ByteBuffer(string: #"{"group":"g","units":["u"],"period_start":"2026-09-01","period_end":"2026-08-01"}"#)
            )
            #expect(try errorCode(reversed) == "period_reversed")
            let badDate = try await b.send(
                "/api/v1/inspections",
                .post,
                headers: admin,
                body: ByteBuffer(string: #"{"group":"g","units":["u"],"period_start":"2026-02-30","period_end":"2026-08-01"}"#)
            )
            #expect(badDate.status == .unprocessableContent)

            let staff = try await b.send(
                "/api/v1/staff",
                .post,
                headers: admin,
                body: ByteBuffer(string: #"{"username":"li.si","display_name":"李四","role":"member","inspection_id":"\#(inspectionID)"}"#)
            )
            #expect(staff.status == .created)
            #expect((try json(staff)["one_time_password"] as? String)?.count == 20)
            let again = try await b.send(
                "/api/v1/staff",
                .post,
                headers: admin,
                body: ByteBuffer(string: #"{"username":"li.si","role":"member","inspection_id":"\#(inspectionID)"}"#)
            )
            #expect(try errorCode(again) == "username_taken")
            let noInspection = try await b.send(
                "/api/v1/staff",
                .post,
                headers: admin,
                body: ByteBuffer(string: #"{"username":"wang","role":"leader"}"#)
            )
            #expect(try errorCode(noInspection) == "inspection_required")

            let member: HTTPFields = [
                .authorization: "Bearer \(try await Self.token(b, "zuyuan", memberPassword))", .contentType: "application/json",
            ]
            let refused = try await b.send("/api/v1/staff", .post, headers: member, body: ByteBuffer(string: #"{"username":"x1x","role":"admin"}"#))
            #expect(refused.status == .forbidden)
            #expect(try await b.send("/api/v1/inspections", .post, headers: member, body: ByteBuffer(string: "{}")).status == .forbidden)
        }
    }

    @Test func cookieSessionsNeedTheCSRFHeaderToChangeAnything() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuzhang"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("zuzhang", password)
            #expect(b.cookies["xuncha_session"] != nil)
            #expect(try await b.get("/api/v1/reports").status == .ok)
            let refused = try await b.send("/api/v1/session", .delete, headers: [:], body: nil)
            #expect(try errorCode(refused) == "csrf")
            #expect(try await b.get("/api/v1/reports").status == .ok)
        }
    }

    @Test func wrongPasswordsAreRefusedAndThrottled() async throws {
        try await TestInstallation.make(maxFailures: 2).test { client async throws in
            let b = Browser(client)
            for _ in 0..<2 {
                #expect(
                    try errorCode(try await b.postJSON("/api/v1/session", #"{"username":"admin","password":"wrong-password"}"#)) == "bad_credentials"
                )
            }
            #expect(try await b.postJSON("/api/v1/session", #"{"username":"admin","password":"wrong-password"}"#).status == .tooManyRequests)
        }
    }
}
