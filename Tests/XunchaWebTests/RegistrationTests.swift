import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaDesk
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// 2023-03-06 10:00 Beijing time, a Monday inside the demo inspection's period.
private func installationOnMonday() async throws -> TestInstallation {
    var installation = try await TestInstallation.make()
    let now = try #require(ISO8601DateFormatter().date(from: "2023-03-06T02:00:00Z"))
    installation.now = { now }
    return installation
}

@Suite struct RegistrationPageTests {
    @Test func aMemberRegistersACallAndTheReportPageShowsItsFields() async throws {
        let installation = try await installationOnMonday()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("zuyuan", password)
            let form = try await b.get("/staff/register/phone")
            #expect(form.status == .ok)
            let page = text(form)
            #expect(page.contains("登记来电") && page.contains("来电号码") && page.contains(#"value="2023-03-06T10:00""#))
            #expect(!page.contains("<script"))
            let csrf = try Browser.field("csrf", in: page)

            // Without the form token nothing is saved.
            let forged = try await b.post("/staff/register/phone", form: ["received_at": "2023-03-04T10:00", "content": "x"])
            #expect(forged.status == .forbidden)

            var fields = [
                "csrf": csrf, "received_at": "2023-03-04T10:00", "caller_number": "139-1234-5678", "call_minutes": "-7",
                "content": "来电反映某局长周末违规吃喝。", "subjects[0][name]": "赵某", "subjects[0][post]": "局长", "reporter[name]": "孙某",
            ]
            let refused = try await b.post("/staff/register/phone", form: fields)
            #expect(refused.status == .unprocessableContent)
            #expect(text(refused).contains("通话时长不能为负数"))
            // Said at the top, linked to the box, which is marked.
            #expect(text(refused).contains(#"class="error-summary""#))
            #expect(text(refused).contains(##"<a href="#call_minutes">通话时长不能为负数"##))
            #expect(text(refused).contains(#"id="call_minutes" aria-invalid="true""#))
            #expect(text(refused).contains("来电反映某局长周末违规吃喝。"))  // nothing typed is lost

            fields["call_minutes"] = "7"
            let saved = try await b.post("/staff/register/phone", form: fields)
            #expect(saved.status == .created)
            let body = text(saved)
            let id = try #require(
                body.range(of: #"id="report-id" href="/staff/reports/"#).map { String(body[$0.upperBound...].prefix { $0 != "\"" }) }
            )
            #expect(!body.contains(#"id="query-code""#))

            let report = text(try await b.get("/staff/reports/\(id)"))
            for expected in ["来电", "登记信息", "接待/登记人", "来电开始", "2023年3月4日 10:00", "7分0秒", "在受理时间内", "<dd>否</dd>", "赵某", "<dt>来电号码</dt><dd>已加密保存</dd>"] {
                #expect(report.contains(expected), "\(expected)")
            }
            #expect(!report.contains("13912345678") && !report.contains("139-1234-5678"))
            #expect(!report.contains("来电号码/寄信人"))
            let inbox = text(try await b.get("/staff"))
            #expect(inbox.contains("周末违规吃喝") && inbox.contains("登记来电/来信/来访"))
        }
    }

    @Test func badInputGetsAChineseMessage() async throws {
        let installation = try await installationOnMonday()
        let password = try #require(installation.passwords["zuzhang"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("zuzhang", password)
            let csrf = try await b.csrf(from: "/staff/register/letter")
            let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
            let cases: [(String, [String: String], String)] = [
                ("letter", ["received_at": "2023-03-07T10:00", "content": "信"], "收到时间不能晚于现在"),
                ("letter", ["received_at": "3月5日", "content": "信"], "收到时间格式不正确"),
                ("letter", ["received_at": "2023-03-05T10:00", "postmark": "2023-03-06", "content": "信"], "邮戳日期不能晚于收到日期"),
                ("visit", ["received_at": "2023-03-05T10:00", "content": " "], "请填写反映的内容"),
                ("visit", ["received_at": "2023-03-05T10:00", "content": String(repeating: "a", count: 20_001)], "不能超过20000个字"),
            ]
            for (channel, form, message) in cases {
                let r = try await b.post("/staff/register/\(channel)", form: form.merging(["csrf": csrf]) { $1 })
                #expect(r.status == .unprocessableContent, "\(message)")
                #expect(text(r).contains(message), "\(message)")
            }
            #expect(try await b.get("/staff/register/fax").status == .notFound)
            // A body over the upload limit is refused before it is read.
            let huge = try await b.post(
                "/staff/register/visit",
                form: ["csrf": csrf, "received_at": "2023-03-05T10:00", "content": String(repeating: "长", count: 60_000)]
            )
            #expect(huge.status == .contentTooLarge && text(huge).contains("最多20000字"))
            // A size in bytes ("128KB"), not a random form token that happens to hold those letters.
            #expect(text(huge).range(of: "[0-9] *KB", options: .regularExpression) == nil, "the limit in characters, as the form counts")
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == before)
        }
    }

    @Test func aStaffIssuedCodeMustBeReplacedBeforeTheStatusShows() async throws {
        let installation = try await installationOnMonday()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let staff = Browser(client)
            try await staff.logIn("zuyuan", password)
            let csrf = try await staff.csrf(from: "/staff/register/letter")
            let saved = try await staff.post(
                "/staff/register/letter",
                form: [
                    "csrf": csrf, "received_at": "2023-03-06T09:00", "postmark": "2023-03-03", "sender_as_written": "城西路 老王",
                    "content": "来信反映某科长索要好处费。", "reporter[name]": "王某", "reporter[address]": "城西路1号", "reporter_follows_up": "1",
                ]
            )
            #expect(saved.status == .created)
            let body = text(saved)
            let code = try #require(body.range(of: #"id="query-code">"#).map { String(body[$0.upperBound...].prefix { $0 != "<" }) })
            #expect(code.filter(\.isNumber).count == 16)
            let id = try #require(
                body.range(of: #"id="report-id" href="/staff/reports/"#).map { String(body[$0.upperBound...].prefix { $0 != "\"" }) }
            )
            let report = text(try await staff.get("/staff/reports/\(id)"))
            #expect(report.contains("2023年3月3日") && report.contains("尚未由反映人修改") && !report.contains("老王"))

            let reporter = Browser(client)
            let token = try await reporter.csrf(from: "/status")
            let first = text(try await reporter.post("/status", form: ["csrf": token, "query_code": code]))
            #expect(first.contains("请更换查询码") && !first.contains("new_query_code"))
            #expect(!first.contains("已登记，待审查") && !first.contains("办理情况</h1>"))
            // The API holds back the same way.
            let api = try await reporter.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#)
            #expect(api.status == .forbidden && text(api).contains("query_code_change_required"))

            // The system proposes the new code: a reporter cannot pick a weak one, nor learn that a
            // code they tried is someone else's. It is in force only once typed back.
            let proposed = try await reporter.post("/status/code", form: ["csrf": token, "query_code": code])
            #expect(proposed.status == .ok)
            let page = text(proposed)
            #expect(page.contains("再输入一遍新查询码") && !page.contains("已登记，待审查"))
            let newCode = try #require(
                page.range(of: #"id="new-query-code">"#).map { String(page[$0.upperBound...].prefix { $0.isNumber || $0 == " " }) }
            ).replacingOccurrences(of: " ", with: "")
            #expect(newCode.count == 16)
            let confirmation = try #require(
                page.range(of: #"name="confirmation" value=""#).map { String(page[$0.upperBound...].prefix { $0 != "\"" }) }
            )
            #expect(try await reporter.post("/status", form: ["csrf": token, "query_code": code]).status == .ok, "the old code still opens it")
            // A wrong copy shows the same code again with the reason; the right one puts it in force.
            let wrong = try await reporter.post(
                "/status/code",
                form: ["csrf": token, "query_code": code, "confirmation": confirmation, "new_query_code": String(newCode.reversed())]
            )
            #expect(wrong.status == .unprocessableContent)
            #expect(text(wrong).contains("不一致") && text(wrong).contains(#"aria-invalid="true""#))
            #expect(text(wrong).replacingOccurrences(of: " ", with: "").contains(newCode))
            let typed = stride(from: 0, to: 16, by: 4).map { i in String(newCode.dropFirst(i).prefix(4)) }.joined(separator: " ")
            let changed = try await reporter.post(
                "/status/code",
                form: ["csrf": token, "query_code": code, "confirmation": confirmation, "new_query_code": typed]
            )
            #expect(changed.status == .ok)
            #expect(text(changed).contains("已启用") && text(changed).contains("已登记，待审查"))
            let again = try await reporter.post("/status/code", form: ["csrf": token, "query_code": newCode])
            #expect(again.status == .unprocessableContent && text(again).contains("无需更换"))

            let old = try await reporter.post("/status", form: ["csrf": token, "query_code": code])
            #expect(old.status == .notFound)
            let mine = try await reporter.post("/status", form: ["csrf": token, "query_code": newCode])
            #expect(mine.status == .ok && text(mine).contains("已登记，待审查"))
            #expect(!text(try await staff.get("/staff/reports/\(id)")).contains("尚未由反映人修改"))
        }
    }
}

@Suite struct RegistrationAPITests {
    @Test func staffRegisterAVisitByAPIAndBadInputIsRefused() async throws {
        let installation = try await installationOnMonday()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let auth: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuyuan", password))"]
            let created = try await b.postJSON(
                "/api/v1/registrations",
                #"{"channel":"visit","received_at":"2023-03-06T09:10:00+08:00","content":"来访反映低保优亲厚友。","reporter":{"name":"周某","id_number":"11010519491231002X"},"subjects":[{"name":"吴某","unit":"某街道","post":"书记"}]}"#,
                headers: auth
            )
            #expect(created.status == .created, "\(text(created))")
            let body = try json(created)
            let details = try #require(body["channel_details"] as? [String: Any])
            #expect(details["received_by_name"] as? String != nil)
            #expect(details["channel"] as? String == "visit")
            #expect(details["reception_status"] as? String == "open")
            #expect(body["query_code"] == nil || body["query_code"] is NSNull)
            #expect(!text(created).contains("周某") && !text(created).contains("11010519491231002X"))

            let cases: [(String, String)] = [
                (#"{"channel":"fax","received_at":"2023-03-06T09:10:00+08:00","content":"x"}"#, "unknown_channel"),
                (#"{"channel":"letter","received_at":"2023-03-06T09:10:00+08:00","postmark":"2023-03-07","content":"x"}"#, "postmark_after_receipt"),
                (#"{"channel":"phone","received_at":"2023-03-06T09:10:00+08:00","call_duration_seconds":-1,"content":"x"}"#, "negative_duration"),
                (#"{"channel":"phone","received_at":"2024-03-06T09:10:00+08:00","content":"x"}"#, "received_in_future"),
                (#"{"channel":"phone","received_at":"06/03/2023","content":"x"}"#, "invalid_time"),
                (#"{"channel":"phone","received_at":"2023-03-06T09:10:00+08:00","content":""}"#, "empty_content"),
            ]
            for (json, code) in cases {
                let r = try await b.postJSON("/api/v1/registrations", json, headers: auth)
                #expect(r.status == .unprocessableContent, "\(code)")
                #expect(text(r).contains(#""code":"\#(code)""#), "\(code): \(text(r))")
                #expect(text(r).contains("message_en"))
            }
            // A letter for a reporter who will follow up: the issued code opens nothing until replaced.
            let letter = try json(
                try await b.postJSON(
                    "/api/v1/registrations",
                    #"{"channel":"letter","received_at":"2023-03-06T09:00","postmark":"2023-03-02","content":"来信。","reporter_follows_up":true}"#,
                    headers: auth
                )
            )
            let issued = try #require(letter["query_code"] as? String)
            #expect((letter["channel_details"] as? [String: Any])?["query_code_must_change"] as? Bool == true)
            let proposal = try await b.postJSON("/api/v1/status/code", #"{"query_code":"\#(issued)"}"#)
            #expect(proposal.status == .ok && proposal.headers[.cacheControl] == "no-store")
            let proposed = try json(proposal)
            let replacement = try #require(proposed["new_query_code"] as? String)
            let confirmation = try #require(proposed["confirmation"] as? String)
            #expect(replacement.count == 16 && replacement != issued && proposed["confirmed"] as? Bool == false)
            #expect(try await b.postJSON("/api/v1/status", #"{"query_code":"\#(issued)"}"#).status == .forbidden, "still the issued code")
            let mismatch = try await b.postJSON(
                "/api/v1/status/code",
                #"{"query_code":"\#(issued)","confirmation":"\#(confirmation)","new_query_code":"\#(issued)"}"#
            )
            #expect(mismatch.status == .unprocessableContent && text(mismatch).contains("new_query_code_mismatch"))
            let forged = try await b.postJSON(
                "/api/v1/status/code",
                #"{"query_code":"\#(issued)","confirmation":"AAAA","new_query_code":"\#(replacement)"}"#
            )
            #expect(forged.status == .unprocessableContent && text(forged).contains("confirmation_expired"))
            let changed = try await b.postJSON(
                "/api/v1/status/code",
                #"{"query_code":"\#(issued)","confirmation":"\#(confirmation)","new_query_code":"\#(replacement)"}"#
            )
            #expect(changed.status == .ok && text(changed).contains("received"))
            #expect(changed.headers[.cacheControl] == "no-store")
            #expect(try json(changed)["confirmed"] as? Bool == true)
            #expect(try await b.postJSON("/api/v1/status", #"{"query_code":"\#(issued)"}"#).status == .notFound)
            #expect(try await b.postJSON("/api/v1/status", #"{"query_code":"\#(replacement)"}"#).status == .ok)

            // The public may not register, and neither may anyone without a session.
            #expect(
                try await b.postJSON("/api/v1/registrations", #"{"channel":"visit","received_at":"2023-03-06T09:10","content":"x"}"#).status
                    == .unauthorized
            )
        }
    }
}
