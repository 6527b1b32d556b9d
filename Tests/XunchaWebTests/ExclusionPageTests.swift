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

/// 回避 on the console and in the API: the member a report names gets "not found" for it, the
/// leader's page says who is kept away and why and lifts or declares one.
@Suite struct ExclusionPageTests {
    @Test func theLeaderSeesWhyAndLiftsANamesakeOnThePage() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let citizen = Browser(client)
            let csrf = try await citizen.csrf(from: "/")
            let sent = try await citizen.report(["csrf": csrf, "content": "反映巡察组的示例组员曾在该局任职时违规报销差旅费，请核实。"])
            #expect(sent.status == .ok)
            let reports = try await installation.store.inbox(InboxQuery(inspectionID: nil)).reports
            let named = try #require(reports.first { $0.content.contains("差旅费") })

            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            #expect(try await member.get("/staff/reports/\(named.id)").status == .notFound)
            #expect(!text(try await member.get("/staff/")).contains("差旅费"))

            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let page = text(try await leader.get("/staff/reports/\(named.id)"))
            #expect(page.contains("<h3>回避</h3>") && page.contains("示例组员：反映中出现其姓名（示例组员），自动回避"))
            let form = ["csrf": try Browser.field("csrf", in: page), "user_id": try #require(try await memberID(installation)), "lift": "1"]
            // No reason: the page comes back saying so, nothing changes.
            let refused = try await leader.post("/staff/reports/\(named.id)/exclusions", form: form.merging(["reason": " "]) { $1 })
            #expect(refused.status == .unprocessableContent && text(refused).contains("请写明理由"))
            #expect(try await member.get("/staff/reports/\(named.id)").status == .notFound)
            let lifted = try await leader.post("/staff/reports/\(named.id)/exclusions", form: form.merging(["reason": "同名，非本人"]) { $1 })
            #expect(lifted.status == .seeOther)
            #expect(text(try await leader.followRedirect(lifted)).contains("同名误判，组长已解除回避：同名，非本人"))
            #expect(try await member.get("/staff/reports/\(named.id)").status == .ok)
        }
    }

    @Test func theAPIDeclaresAndReportsExclusions() async throws {
        let installation = try await TestInstallation.make()
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let report = try #require(try await installation.store.inbox(InboxQuery(inspectionID: nil)).reports.first)
        let memberID = try #require(try await memberID(installation))
        try await installation.test { client async throws in
            let b = Browser(client)
            let leader: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuzhang", leaderPassword))"]
            let member: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuyuan", memberPassword))"]
            let body = #"{"user_id":"\#(memberID)","reason":"与被反映人系同学"}"#
            let refused = try await b.postJSON("/api/v1/reports/\(report.id)/exclusions", body, headers: member)
            #expect(refused.status == .forbidden)
            #expect(try errorCode(refused) == "forbidden")
            let declared = try json(try await b.postJSON("/api/v1/reports/\(report.id)/exclusions", body, headers: leader))
            let rows = try #require(declared["exclusions"] as? [[String: Any]])
            #expect(rows.count == 1 && rows[0]["kind"] as? String == "declared" && rows[0]["reason"] as? String == "与被反映人系同学")
            #expect(try await b.send("/api/v1/reports/\(report.id)", .get, headers: member, body: nil).status == .notFound)
            let file = try json(try await b.send("/api/v1/reports/\(report.id)", .get, headers: leader, body: nil))
            #expect((file["exclusions"] as? [[String: Any]])?.first?["user_id"] as? String == memberID)
            let malformed = try await b.postJSON("/api/v1/reports/\(report.id)/exclusions", #"{"user_id": 5"#, headers: leader)
            #expect(malformed.status == .badRequest)
        }
    }

    private func memberID(_ installation: TestInstallation) async throws -> String? {
        try await installation.store.users().first { $0.username == "zuyuan" }?.id
    }
}
