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
            #expect(!memberPage.contains("查看反映人身份"))
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
        }
    }
}
