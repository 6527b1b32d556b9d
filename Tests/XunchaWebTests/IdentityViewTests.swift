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

/// A reporter's sealed identity is opened only by the leader of the report's inspection, and
/// every opening is in the trail before anything is shown.
@Suite struct IdentityViewTests {
    @Test func theLeaderOpensItAuditedAndTheMemberCannot() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let reports = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 10, offset: 0)
        let named = try #require(reports.first { $0.content.contains("购物卡") })
        try await installation.test { client async throws in
            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            let memberPage = text(try await member.get("/staff/reports/\(named.id)"))
            #expect(!memberPage.contains("查看反映人身份（记入操作记录）") && memberPage.contains("申请查看反映人身份"))
            let refused = try await member.post("/staff/reports/\(named.id)/identity", form: ["csrf": try Browser.field("csrf", in: memberPage)])
            #expect(refused.status == .forbidden)
            #expect(!text(refused).contains("13800000000"))

            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let page = text(try await leader.get("/staff/reports/\(named.id)"))
            #expect(page.contains("查看反映人身份（记入操作记录）"))
            #expect(!page.contains("13800000000"), "the identity is not on the page until it is asked for")
            let opened = text(try await leader.post("/staff/reports/\(named.id)/identity", form: ["csrf": try Browser.field("csrf", in: page)]))
            #expect(opened.contains("李示例") && opened.contains("13800000000"))
            let trail = try await installation.store.auditEvents(subject: .report, id: named.id)
            let views = trail.filter { $0.action == AuditAction.reportIdentityViewed.rawValue }
            #expect(views.count == 1 && views[0].detail == "identity")
            #expect(text(try await leader.get("/staff/reports/\(named.id)")).contains("查看反映人身份</td>"))
        }
    }

    @Test func aMemberSeesItOnceAfterTheLeaderApprovesUnderTheirOwnName() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let reports = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 10, offset: 0)
        let named = try #require(reports.first { $0.content.contains("购物卡") })
        let uri = "/staff/reports/\(named.id)"
        try await installation.test { client async throws in
            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            var page = text(try await member.get(uri))
            let csrf = try Browser.field("csrf", in: page)
            let empty = try await member.post(uri + "/identity/requests", form: ["csrf": csrf, "reason": ""])
            #expect(empty.status == .unprocessableContent && text(empty).contains("请写明理由"))
            let asked = try await member.post(uri + "/identity/requests", form: ["csrf": csrf, "reason": "需电话回访核实"])
            page = text(try await member.followRedirect(asked))
            #expect(page.contains("已提交查看反映人身份的申请") && page.contains("<strong>待组长审批</strong>\n"), "no remark, no empty brackets")
            #expect(!page.contains("id=\"identity-request-form\""), "one open request at a time")

            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            #expect(text(try await leader.get("/staff/")).contains("查看反映人身份的申请待审批"))
            let leaderPage = text(try await leader.get(uri))
            #expect(leaderPage.contains("示例组员</span> 需电话回访核实"))
            let requestID = try #require(try await installation.store.identityRequests(reportID: named.id).first?.id)
            let approved = try await leader.post(
                uri + "/identity/requests/\(requestID)",
                form: ["csrf": try Browser.field("csrf", in: leaderPage), "approve": "1", "note": "同意"]
            )
            #expect(text(try await leader.followRedirect(approved)).contains("已批准：申请人可查看一次反映人身份"))

            page = text(try await member.get(uri))
            #expect(page.contains("查看反映人身份（已获组长批准，仅可查看一次）"))
            let opened = text(try await member.post(uri + "/identity", form: ["csrf": csrf]))
            #expect(opened.contains("13800000000") && opened.contains("示例组员 查看于 "))
            #expect(opened.contains("class=\"watermark\" aria-hidden=\"true\""))
            #expect(!text(try await member.get(uri)).contains("仅可查看一次"))
            #expect(try await member.post(uri + "/identity", form: ["csrf": csrf]).status == .forbidden)
        }
    }

    @Test func theAPIGivesItToTheLeaderOnly() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let reports = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 10, offset: 0)
        let named = try #require(reports.first { $0.content.contains("购物卡") })
        let anonymous = try #require(reports.first { !$0.isRealName && $0.channel != .web })
        try await installation.test { client async throws in
            let b = Browser(client)
            let leader: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuzhang", leaderPassword))"]
            let member: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuyuan", memberPassword))"]
            let opened = try json(try await b.send("/api/v1/reports/\(named.id)/identity", .post, headers: leader, body: nil))
            #expect((opened["identity"] as? [String: Any])?["phone"] as? String == "13800000000")
            let none = try json(try await b.send("/api/v1/reports/\(anonymous.id)/identity", .post, headers: leader, body: nil))
            #expect(none["identity"] == nil)
            #expect(try errorCode(try await b.send("/api/v1/reports/\(named.id)/identity", .post, headers: member, body: nil)) == "forbidden")

            // Asked for and approved, once.
            let asked = try await b.postJSON("/api/v1/reports/\(named.id)/identity/requests", #"{"reason":"回访"}"#, headers: member)
            #expect(asked.status == .created)
            let requestID = try #require(try json(asked)["id"] as? String)
            let decided = try json(
                try await b.postJSON("/api/v1/reports/\(named.id)/identity/requests/\(requestID)", #"{"approve":true}"#, headers: leader)
            )
            #expect(decided["state"] as? String == "approved")
            let seen = try json(try await b.send("/api/v1/reports/\(named.id)/identity", .post, headers: member, body: nil))
            #expect((seen["identity"] as? [String: Any])?["phone"] as? String == "13800000000" && seen["viewed_by"] as? String == "示例组员")
            #expect(try errorCode(try await b.send("/api/v1/reports/\(named.id)/identity", .post, headers: member, body: nil)) == "forbidden")
            let file = try json(try await b.send("/api/v1/reports/\(named.id)", .get, headers: member, body: nil))
            #expect((file["identity_requests"] as? [[String: Any]])?.first?["state"] as? String == "used")
        }
    }
}
