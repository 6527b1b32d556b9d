import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaWeb

/// The finding of issue 14 replayed in the console: the admin creates a member account, receives
/// its one-time password and logs in as it. It sees nothing until the leader confirms it on the
/// leader's page; the admin's reset puts it back.
@Suite struct TwoPersonRulePageTests {
    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func oneTimePassword(_ page: String) throws -> String {
        guard let range = page.range(of: #"id="one-time-password">"#) else { throw CocoaError(.fileReadUnknown) }
        return String(page[range.upperBound...].prefix { $0 != "<" })
    }

    @Test func theAdminsNewAccountSeesNothingUntilTheLeaderConfirmsIt() async throws {
        let installation = try await TestInstallation.make()
        let adminPassword = try #require(installation.passwords["admin"])
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let report = try #require(try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 1, offset: 0).first)
        try await installation.test { client async throws in
            let admin = Browser(client)
            try await admin.logIn("admin", adminPassword)
            let created = try await admin.post(
                "/staff/admin/users",
                form: [
                    "csrf": try await admin.csrf(from: "/staff"), "username": "new.member", "display_name": "新组员", "role": "member",
                    "inspection_id": "demo-seed-2023-laoganbu",
                ]
            )
            #expect(Self.text(created).contains("须经本巡察组长"))
            let password = try Self.oneTimePassword(Self.text(created))

            // The admin, holding the password, logs in as the new member: nothing to read.
            let intruder = Browser(client)
            try await intruder.logIn("new.member", password)
            let home = try await intruder.get("/staff")
            #expect(Self.text(home).contains("尚待本巡察组长确认"))
            #expect(!Self.text(home).contains(report.content.prefix(20)))
            for path in ["/staff/reports/\(report.id)", "/staff/leads", "/staff/ledgers", "/staff/statistics", "/staff/team"] {
                let refused = try await intruder.get(path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(!Self.text(refused).contains(report.content.prefix(20)))
            }
            let login = try json(
                try await intruder.postJSON("/api/v1/session", await StaffAPITests.loginBody("new.member", "changed-\(password)"))
            )
            let token = try #require(login["token"] as? String)
            let api = try await intruder.send("/api/v1/reports", .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(api.status == .forbidden)
            #expect(try errorCode(api) == "access_pending")

            // The leader sees who waits and confirms them; the trail says so.
            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let team = Self.text(try await leader.get("/staff/team"))
            #expect(team.contains("等待确认（1）"))
            #expect(team.contains("new.member"))
            #expect(team.contains("可以查看本巡察反映的人员（2）"))
            let users = try await installation.store.users()
            let member = try #require(users.first { $0.username == "new.member" })
            let confirmed = try await leader.post("/staff/team/\(member.id)/confirm", form: ["csrf": try await leader.csrf(from: "/staff/team")])
            #expect(confirmed.status == .seeOther || confirmed.status == .found)
            #expect(Self.text(try await leader.get("/staff/team")).contains("等待确认（0）"))
            #expect(try await intruder.get("/staff/reports/\(report.id)").status == .ok)

            // The admin's reset: pending again, logged out, and the leader's page shows it waiting.
            let reset = try await admin.post("/staff/admin/users/\(member.id)/reset", form: ["csrf": try await admin.csrf(from: "/staff")])
            #expect(Self.text(reset).contains("账号已重置"))
            #expect(try await intruder.get("/staff/reports/\(report.id)").headers[.location] == "/staff/login")
            #expect(Self.text(try await leader.get("/staff/team")).contains("等待确认（1）"))
            // The admin confirms nobody, nor reads the list.
            #expect(
                try await admin.post("/staff/team/\(member.id)/confirm", form: ["csrf": try await admin.csrf(from: "/staff")]).status == .forbidden
            )
            #expect(try await admin.get("/staff/team").status == .forbidden)
            let trail = try await installation.store.auditEvents(afterSeq: 0, limit: 10_000).compactMap(\.knownAction)
            #expect(trail.contains(.staffAccessConfirmed))
            #expect(trail.contains(.staffPasswordReset))
        }
    }
}
