import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The text of the element with `id`, up to its closing tag (for error paragraphs and the like).
private func element(_ id: String, in page: String) -> String? {
    guard let start = page.range(of: "id=\"\(id)\"") else { return nil }
    let rest = page[start.upperBound...]
    guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</") else { return nil }
    return String(rest[rest.index(after: open)..<close.lowerBound])
}

/// Referrals in the console over a real server: the member reviews the masks and sends, the
/// letter carries nothing of the reporter, a liaison sees its own referral only and reports back,
/// and every form refuses bad input with the page and its reason.
@Suite struct ReferralPageTests {
    /// Monday 10 April 2023, 10:00 in Beijing: inside the demo inspection's period.
    static let now = Date(timeIntervalSince1970: 1_681_092_000)
    static let inspectionID = DemoData.inspection.id
    /// The reporter's identity, also written into the text.
    static let name = "周建华"
    static let phone = "13712345678"
    static let idNumber = "430102198505055678"
    static let address = "娄底市娄星区幸福路66号3栋402室"
    static let email = "zhoujh@example.cn"
    static let content =
        "我叫周建华，手机137 1234 5678，身份证号430102198505055678，家住娄星区幸福路66号3栋402室，邮箱ZhouJH@example.cn。"
        + "反映市委老干部局活动中心管理员刘某某长期占用活动室打牌，周建华多次劝阻无果。"
    /// What must never be on a page a liaison sees or on the letter.
    static let secrets = [name, phone, "1234 5678", idNumber, "幸福路66号", "3栋402室", email, "ZhouJH", "13800000000", "李示例"]

    static func installation() async throws -> TestInstallation {
        var installation = try await TestInstallation.make()
        installation.now = { now }
        return installation
    }

    /// Sends a public report with the identity planted in it; returns its id.
    static func submit(_ b: Browser, _ content: String = content) async throws -> String {
        let body: [String: Any] = [
            "channel": "web", "content": content, "inspection_id": inspectionID,
            "reporter": ["name": name, "phone": phone, "id_number": idNumber, "address": address, "email": email],
        ]
        let data = try JSONSerialization.data(withJSONObject: body)
        let created = try await b.postJSON("/api/v1/reports", String(decoding: data, as: UTF8.self))
        #expect(created.status == .created)
        return try #require(try json(created)["id"] as? String)
    }

    /// The leader decides to refer the report to `recipient`; returns the referral drafted.
    static func refer(_ leader: Browser, _ installation: TestInstallation, reportID: String, to recipient: String) async throws -> Referral {
        let csrf = try await leader.csrf(from: "/staff/reports/\(reportID)")
        let decided = try await leader.post(
            "/staff/reports/\(reportID)/decision",
            form: ["csrf": csrf, "outcome": "refer", "reason": "属一般性问题，转主管部门办理", "recipient": recipient]
        )
        #expect(decided.status == .seeOther)
        return try #require(try await installation.store.referrals(reportID: reportID).first)
    }

    @Test func aMemberReviewsTheMasksSendsAndPrintsALetterWithNothingOfTheReporter() async throws {
        let installation = try await Self.installation()
        let passwords = installation.passwords
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let reportID = try await Self.submit(leader)
            let referral = try await Self.refer(leader, installation, reportID: reportID, to: "市委老干部局")
            let member = Browser(client)
            try await member.logIn("zuyuan", try #require(passwords["zuyuan"]))

            // The list: the number, the report, the recipient, the state and the send clock.
            let list = text(try await member.get("/staff/referrals"))
            for expected in [referral.number, "市委老干部局", "待发出", "发出期限", "2023年4月17日", "剩5个工作日", "/staff/reports/\(reportID)"] {
                #expect(list.contains(expected), "\(expected)")
            }
            #expect(text(try await member.get("/staff")).contains("href=\"/staff/referrals\""), "the menu leads to the referrals")

            // The page: the masked text, every mask with its reason, the original beside it.
            let uri = "/staff/referrals/\(referral.id)"
            let page = text(try await member.get(uri))
            for expected in ["已隐去的内容", "mask-list", "反映人的电话号码", "反映人的身份证号码", "［电话已隐去］", "发出转办件", "反映原文", "<mark>"] {
                #expect(page.contains(expected), "\(expected)")
            }
            let shown = try #require(element("referral-edit", in: page))
            for secret in Self.secrets { #expect(!shown.contains(secret), "the text to send holds \(secret)") }

            // Every refusal of the form: the page again, the reason, what was typed kept.
            let csrf = try Browser.field("csrf", in: page)
            let form = ["csrf": csrf, "content": referral.content, "recipient": "市委老干部局", "feedback_due": ""]
            let refusals: [(String, [String: String], String)] = [
                ("send", ["content": referral.content + "联系人周建华。"], "反映人的姓名"),
                ("send", ["content": referral.content + "回电13712345678。"], "反映人的联系电话"),
                ("edit", ["content": referral.content + "邮箱zhoujh@example.cn"], "反映人的电子邮箱"),
                ("edit", ["content": "  "], "转办文本不能为空"),
                ("edit", ["content": String(repeating: "a", count: Referral.maxContentLength + 1)], "不能超过40000个字"),
                ("edit", ["content": "反映\u{08}问题"], "控制字符"),
                ("edit", ["recipient": ""], "转办须写明转给哪个单位或部门"),
                ("edit", ["recipient": String(repeating: "局", count: 101)], "不能超过100个字"),
                ("send", ["feedback_due": "2023-02-30"], "反馈期限应写作"),
                ("send", ["feedback_due": "2099-01-01"], "超出工作日历"),
                ("send", ["feedback_due": "2023-04-10"], "应晚于发出之日"),
            ]
            for (action, change, reason) in refusals {
                let refused = try await member.post("\(uri)/\(action)", form: form.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                let body = text(refused)
                let error = try #require(element("send-error", in: body), "\(change)")
                #expect(error.contains(reason), "\(change): \(error)")
                for secret in Self.secrets { #expect(!error.contains(secret), "the refusal shows \(secret)") }
                if reason.hasPrefix("反映人"), let typed = change["content"] {
                    #expect(body.contains(String(typed.suffix(8))), "the typed text is kept")
                }
            }
            let unchanged = try #require(try await installation.store.referral(id: referral.id))
            #expect(unchanged.state == .draft && unchanged.content == referral.content && unchanged.recipient == "市委老干部局")
            // A wrong form token changes nothing either.
            #expect(try await member.post("\(uri)/send", form: form.merging(["csrf": "x"]) { $1 }).status == .forbidden)

            // Sent as reviewed (the browser sends the text back with CR LF): the feedback due in 30 working days.
            let sent = try await member.post(
                "\(uri)/send",
                form: form.merging(["content": referral.content.replacingOccurrences(of: "\n", with: "\r\n")]) { $1 }
            )
            #expect(sent.status == .seeOther && sent.headers[.location] == "\(uri)?done=sent")
            let stored = try #require(try await installation.store.referral(id: referral.id))
            #expect(stored.state == .sent && stored.content == referral.content)
            let due = try #require(stored.feedbackDue)
            #expect(due == (try WorkCalendar.official.addWorkdays(CivilDate(year: 2023, month: 4, day: 10)!, 30)))
            let after = text(try await member.get("\(uri)?done=sent"))
            #expect(after.contains("转办件已发出") && after.contains("反馈期限") && !after.contains("referral-form"))
            #expect(try await member.post("\(uri)/send", form: form).status == .conflict)

            // The letter: the group, number, recipient, due date, closing and seal; nothing of the reporter.
            let letterResponse = try await member.get("\(uri)/letter")
            #expect(letterResponse.status == .ok)
            let letter = text(letterResponse)
            let dueText = "\(due.year)年\(due.month)月\(due.day)日"
            for expected in ["转办函", "市委第四巡察组", stored.number, "市委老干部局：", "请于", dueText, "前将办理情况反馈巡察组", "（盖章）", "2023年4月10日", "刘某某"] {
                #expect(letter.contains(expected), "\(expected)")
            }
            for secret in Self.secrets { #expect(!letter.contains(secret), "the letter holds \(secret)") }
            #expect(!letter.contains("<script") && !letter.contains("已隐去的内容"))
            let css = text(try await member.get("/static/xuncha.css"))
            #expect(css.contains("@page { size: A4") && css.contains("FangSong") && css.contains("@media print"))
        }
    }

    @Test func aLiaisonSeesItsOwnReferralOnlyAndRecordsTheFeedback() async throws {
        let installation = try await Self.installation()
        let passwords = installation.passwords
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let own = try await Self.refer(leader, installation, reportID: try await Self.submit(leader), to: "市委老干部局")
            let elsewhere = try await Self.refer(leader, installation, reportID: try await Self.submit(leader), to: "市民政局")
            let draft = try await Self.refer(leader, installation, reportID: try await Self.submit(leader), to: "市委老干部局")
            for r in [own, elsewhere] {
                let csrf = try await leader.csrf(from: "/staff/referrals/\(r.id)")
                #expect(try await leader.post("/staff/referrals/\(r.id)/send", form: ["csrf": csrf]).status == .seeOther)
            }

            // The admin makes the liaison accounts; the form comes back with the role when refused.
            let admin = Browser(client)
            try await admin.logIn("admin", try #require(passwords["admin"]))
            var csrf = try await admin.csrf(from: "/staff")
            let account = ["csrf": csrf, "role": "liaison", "inspection_id": Self.inspectionID, "display_name": "老干部局联络员"]
            let noRecipient = try await admin.post("/staff/admin/users", form: account.merging(["username": "lgb"]) { $1 })
            #expect(noRecipient.status == .unprocessableContent)
            #expect(text(noRecipient).contains("转办联络员须写明代表哪个单位或部门"))
            #expect(text(noRecipient).contains(#"<option value="liaison" selected>"#))
            #expect(text(noRecipient).contains(#"<option value="\#(Self.inspectionID)" selected>"#))
            for (change, reason) in [
                (["username": "lgb", "role": "superuser", "recipient": "市委老干部局"], "请选择角色"),
                (["username": "", "recipient": "市委老干部局"], "用户名应为"),
                (["username": "lgb", "recipient": "市委老干部局\u{07}"], "控制字符"),
                (["username": "lgb", "recipient": String(repeating: "局", count: 101)], "不能超过100个字"),
                (["username": "lgb", "recipient": "市委老干部局", "inspection_id": ""], "必须指定所在的巡察"),
            ] {
                let refused = try await admin.post("/staff/admin/users", form: account.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                #expect(text(refused).contains(reason), "\(change)")
            }
            // The admin configures and reads no referral.
            #expect(try await admin.get("/staff/referrals").status == .forbidden)
            #expect(try await admin.get("/staff/referrals/\(own.id)").status == .forbidden)
            #expect(try await admin.get("/api/v1/referrals").status == .forbidden)
            var liaisonPasswords: [String: String] = [:]
            for (username, recipient) in [("lgb", "市委老干部局"), ("mzj", "市民政局")] {
                let made = text(
                    try await admin.post("/staff/admin/users", form: account.merging(["username": username, "recipient": recipient]) { $1 })
                )
                let password: String = try #require(element("one-time-password", in: made))
                try await installation.confirm(username)
                liaisonPasswords[username] = password
                #expect(made.contains("代表：\(recipient)"))
            }

            let liaison = Browser(client)
            try await liaison.logIn("lgb", try #require(liaisonPasswords["lgb"]))
            let home = try await liaison.get("/staff")
            #expect(home.status == .seeOther && home.headers[.location] == "/staff/referrals")
            let list = text(try await liaison.get("/staff/referrals"))
            #expect(list.contains(own.number))
            #expect(!list.contains(elsewhere.number) && !list.contains(draft.number), "another recipient's and a draft stay hidden")
            #expect(!list.contains("收件箱") && !list.contains("登记来电"), "a liaison's menu has its referrals only")
            let page = text(try await liaison.get("/staff/referrals/\(own.id)"))
            #expect(page.contains("刘某某") && page.contains("feedback-form"))
            for hidden in ["已隐去的内容", "反映原文", "/staff/reports/", "操作记录", "发出转办件"] + Self.secrets {
                #expect(!page.contains(hidden), "a liaison sees \(hidden)")
            }
            #expect(try await liaison.get("/staff/referrals/\(own.id)/letter").status == .ok)
            // Everything else is not there for it.
            for uri in [
                "/staff/referrals/\(elsewhere.id)", "/staff/referrals/\(draft.id)", "/staff/referrals/\(elsewhere.id)/letter",
                "/api/v1/referrals/\(elsewhere.id)",
            ] {
                #expect(try await liaison.get(uri).status == .notFound, "\(uri)")
            }
            for uri in [
                "/staff/reports/\(own.reportID)", "/staff/register/phone", "/api/v1/reports", "/api/v1/reports/\(own.reportID)", "/api/v1/leads",
            ] {
                #expect(try await liaison.get(uri).status == .forbidden, "\(uri)")
            }
            let apiList = try json(try await liaison.get("/api/v1/referrals"))["referrals"] as? [[String: Any]]
            #expect(apiList?.map { $0["number"] as? String } == [own.number])
            #expect(apiList?.first?["report_id"] == nil && apiList?.first?["sent_by"] == nil)

            // Its feedback form refuses bad input, and the wrong role is refused.
            let uri = "/staff/referrals/\(own.id)"
            csrf = try Browser.field("csrf", in: page)
            let feedback = ["csrf": csrf, "finding": "partly_substantiated", "closure": "concluded", "content": "经核查，刘某某确有占用活动室情况，已责令整改。"]
            #expect(try await liaison.post("\(uri)/send", form: ["csrf": csrf]).status == .forbidden)
            for (change, reason) in [
                (["content": ""], "请填写办理情况"), (["finding": "maybe"], "请选择核查结论"), (["finding": ""], "请选择核查结论"),
                (["closure": "done"], "请选择办理情况"), (["content": "已查\u{01}实"], "控制字符"),
                (["content": String(repeating: "查", count: 5001)], "不能超过5000个字"),
            ] {
                let refused = try await liaison.post("\(uri)/feedback", form: feedback.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                #expect(element("feedback-error", in: text(refused))?.contains(reason) == true, "\(change)")
            }
            #expect(try await installation.store.referral(id: own.id)?.state == .sent)
            // Another recipient's liaison cannot report on it.
            let other = Browser(client)
            try await other.logIn("mzj", try #require(liaisonPasswords["mzj"]))
            let otherCSRF = try await other.csrf(from: "/staff/referrals/\(elsewhere.id)")
            #expect(try await other.post("\(uri)/feedback", form: feedback.merging(["csrf": otherCSRF]) { $1 }).status == .notFound)

            let recorded = try await liaison.post("\(uri)/feedback", form: feedback)
            #expect(recorded.status == .seeOther)
            let answered = text(try await liaison.get("\(uri)?done=answered"))
            #expect(answered.contains("已登记反馈") && answered.contains("部分属实 · 已办结") && !answered.contains("feedback-form"))
            let stored = try #require(try await installation.store.referral(id: own.id))
            #expect(stored.state == .answered && stored.feedbackBy?.hasPrefix("user:") == true)
            #expect(try await installation.store.auditEvents(subject: .referral, id: own.id).last?.action == AuditAction.referralAnswered.rawValue)

            // The group sees it answered on the list and on the report's page.
            let groupList = text(try await leader.get("/staff/referrals"))
            #expect(groupList.contains("已反馈") && groupList.contains("部分属实"))
            #expect(text(try await leader.get("/staff/reports/\(own.reportID)")).contains("已反馈（部分属实 · 已办结）"))
        }
    }

    @Test func overdueReferralsAreRedOnTheListAndOnTheLeadersAgenda() async throws {
        var setup = try await Self.installation()
        let passwords = setup.passwords
        // Decided on 10 April, due to be sent by 17 April; then it is Thursday 20 April.
        let later = Date(timeIntervalSince1970: 1_681_956_000)
        let clock = MovableClock(Self.now)
        setup.now = { clock.now }
        let installation = setup
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let referral = try await Self.refer(leader, installation, reportID: try await Self.submit(leader), to: "市委老干部局")
            clock.now = later
            // Ten days on, the session has expired: log in again.
            try await leader.logIn("zuzhang", "changed-" + (try #require(passwords["zuzhang"])))
            let list = text(try await leader.get("/staff/referrals"))
            #expect(list.contains(#"<tr class="overdue">"#) && list.contains("已逾期3个工作日") && list.contains("有1件已逾期"))
            let inbox = text(try await leader.get("/staff"))
            #expect(inbox.contains("id=\"agenda\""))
            #expect(inbox.contains("href=\"/staff/referrals/\(referral.id)\"") && inbox.contains("转办发出（\(referral.number)）：已逾期3个工作日"))
            #expect(inbox.contains(#"<li class="warn">"#))
            let css = text(try await leader.get("/static/xuncha.css"))
            #expect(css.contains("li.warn") && css.contains("tr.overdue"))
        }
    }

    @Test func theAPIListsEditsSendsAndTakesFeedback() async throws {
        let installation = try await Self.installation()
        let passwords = installation.passwords
        let admin = StaffUser(id: "api-admin", username: "apiadmin", displayName: "管理员", role: .admin, inspectionID: nil, mustChangePassword: false)
        let created = try await installation.desks().admin.createStaff(
            .staff(admin),
            StaffAccountInput(username: "lgbapi", displayName: "联络员", role: "liaison", inspectionId: Self.inspectionID, recipient: "市委老干部局")
        )
        try await installation.confirm("lgbapi")
        try await installation.test { client async throws in
            let b = Browser(client)
            let leaderPage = Browser(client)
            try await leaderPage.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let referral = try await Self.refer(leaderPage, installation, reportID: try await Self.submit(b), to: "市委老干部局")
            let member: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuyuan", try #require(passwords["zuyuan"])))"]
            let liaison: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "lgbapi", created.oneTimePassword))"]
            func post(_ path: String, _ body: String, _ headers: HTTPFields) async throws -> TestResponse {
                var h = headers
                h[.contentType] = "application/json"
                return try await b.send("/api/v1/referrals/\(referral.id)/\(path)", .post, headers: h, body: ByteBuffer(string: body))
            }

            let list = try json(try await b.send("/api/v1/referrals", .get, headers: member, body: nil))["referrals"] as? [[String: Any]]
            #expect(list?.first?["number"] as? String == referral.number && list?.first?["report_id"] as? String == referral.reportID)
            #expect((list?.first?["clock"] as? [String: Any])?["kind"] as? String == "referral_send")
            let detail = try json(try await b.send("/api/v1/referrals/\(referral.id)", .get, headers: member, body: nil))
            let masks = (detail["draft"] as? [String: Any])?["masks"] as? [[String: Any]] ?? []
            #expect(masks.contains { $0["kind"] as? String == "phone" && ($0["reason_zh"] as? String)?.contains("电话") == true })
            #expect(detail["audit_trail"] is [Any])
            // The liaison sees no draft.
            #expect(try await b.send("/api/v1/referrals/\(referral.id)", .get, headers: liaison, body: nil).status == .notFound)

            let leak = try await post("edit", #"{"content":"来电人手机一三七一二三四五六七八"}"#, member)
            let leakCode = try errorCode(leak)
            #expect(leak.status == .unprocessableContent && leakCode == "identity_in_referral")
            #expect(!String(buffer: leak.body).contains("1371234") && !String(buffer: leak.body).contains("一三七"))
            #expect(try errorCode(try await post("edit", #"{"content":42}"#, member)) == "invalid_field")
            #expect(try errorCode(try await post("edit", #"{"recipient":""}"#, member)) == "recipient_required")
            #expect(try errorCode(try await post("feedback", #"{"finding":"属实","closure":"已办结","content":"查实"}"#, member)) == "referral_not_sent")
            #expect(try errorCode(try await post("send", #"{"feedback_due":"2031-01-01"}"#, member)) == "due_beyond_calendar")
            let edited = try json(try await post("edit", #"{"recipient":"市委老干部局","content":"反映市委老干部局活动中心管理员刘某某长期占用活动室打牌。"}"#, member))
            #expect(edited["edited"] as? Bool == true)
            let sent = try await b.send("/api/v1/referrals/\(referral.id)/send", .post, headers: member, body: nil)
            let sentBody = try json(sent)["referral"] as? [String: Any]
            #expect(sent.status == .ok && sentBody?["state"] as? String == "sent")

            let mine = try json(try await b.send("/api/v1/referrals/\(referral.id)", .get, headers: liaison, body: nil))
            let seen = try #require(mine["referral"] as? [String: Any])
            #expect(seen["content"] as? String == "反映市委老干部局活动中心管理员刘某某长期占用活动室打牌。")
            #expect(seen["report_id"] == nil && mine["draft"] == nil && mine["audit_trail"] == nil && seen["feedback_due"] is String)
            #expect(try errorCode(try await post("send", "{}", liaison)) == "forbidden")
            #expect(
                try errorCode(try await post("feedback", #"{"finding":"true","closure":"concluded","content":"x"}"#, liaison)) == "invalid_finding"
            )
            #expect(try errorCode(try await post("feedback", #"{"finding":"unsubstantiated","closure":"concluded"}"#, liaison)) == "empty_content")
            let answered = try await post(
                "feedback",
                #"{"finding":"unsubstantiated","closure":"interim","content":"经初步核查，反映问题不属实，正在进一步核实。"}"#,
                liaison
            )
            #expect(answered.status == .ok)
            let body = try #require(try json(answered)["referral"] as? [String: Any])
            #expect(
                body["state"] as? String == "answered" && body["finding"] as? String == "unsubstantiated" && body["closure"] as? String == "interim"
            )
            #expect(body["feedback_by"] == nil)
            #expect(try errorCode(try await post("feedback", #"{"finding":"属实","closure":"已办结","content":"再报"}"#, member)) == "feedback_recorded")
        }
    }
}

/// A clock a test moves while the server runs.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var moment: Date

    init(_ moment: Date) { self.moment = moment }

    var now: Date {
        get { lock.withLock { moment } }
        set { lock.withLock { moment = newValue } }
    }
}
