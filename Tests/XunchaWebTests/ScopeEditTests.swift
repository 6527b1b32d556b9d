import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaWeb

/// The admin writes an inspection's next-level units in the console or through the API; bad
/// kinds, units under no inspected unit and other roles change nothing.
@Suite("Console and API: an inspection's scope")
struct ScopeEditTests {
    static let inspectionID = "demo-seed-2023-laoganbu"
    static let scopeURI = "/staff/admin/inspections/\(inspectionID)/scope"
    static let apiURI = "/api/v1/inspections/\(inspectionID)/scope"

    func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    func stored(_ installation: TestInstallation) async throws -> [NextLevelUnit] {
        try #require(try await installation.store.scope(inspectionID: Self.inspectionID)).nextLevel
    }

    @Test func theAdminWritesNextLevelUnitsOneALineAndTheyAreKeptWithTheirKinds() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", password)
            #expect(text(try await b.get("/staff")).contains(#"href="\#(Self.scopeURI)">巡察范围</a>"#))
            let empty = try await b.get(Self.scopeURI)
            #expect(empty.status == .ok)
            #expect(text(empty).contains("市委老干部局（现有下一级单位 0 个）") && text(empty).contains(#"name="next_level_0""#))

            let csrf = try await b.csrf(from: Self.scopeURI)
            let saved = try await b.post(
                Self.scopeURI,
                form: ["csrf": csrf, "next_level_0": "市老年大学\n老干部活动中心，直属单位\r\n 离退休干部党委（直属单位）、  \n\n老年书画院"]
            )
            #expect(saved.status == .ok)
            #expect(text(saved).contains("已保存巡察范围：1 个被巡察单位，4 个下一级单位"))
            #expect(text(saved).contains("市老年大学，学校\n老干部活动中心，直属单位\n离退休干部党委，直属单位\n老年书画院，直属单位"))
            #expect(try await stored(installation).map(\.name) == ["市老年大学", "老干部活动中心", "离退休干部党委", "老年书画院"])
            #expect(try await stored(installation).map(\.kind) == [.school, .affiliatedUnit, .affiliatedUnit, .affiliatedUnit])

            // A kind that is none: the page comes back with what was typed, nothing changes.
            let bad = try await b.post(Self.scopeURI, form: ["csrf": csrf, "next_level_0": "市老年大学，火箭基地"])
            #expect(bad.status == .unprocessableContent)
            #expect(text(bad).contains("类别“火箭基地”无法识别") && text(bad).contains("市老年大学，火箭基地</textarea>"))
            #expect(try await stored(installation).count == 4)
            // Markup typed into the box is shown as text.
            let hostile = try await b.post(Self.scopeURI, form: ["csrf": csrf, "next_level_0": "<script>alert(1)</script>，火箭"])
            #expect(hostile.status == .unprocessableContent && !text(hostile).contains("<script>alert(1)"))
            // No token, no change.
            #expect(try await b.post(Self.scopeURI, form: ["next_level_0": ""]).status != .ok)
            #expect(try await stored(installation).count == 4)

            let events = try await installation.store.auditEvents(subject: .inspection, id: Self.inspectionID)
            #expect(events.filter { $0.action == "scope.updated" }.map(\.detail) == ["4 next-level units replaced 0"])
        }
    }

    @Test func scriptsReadAndReplaceTheScopeThroughTheAPI() async throws {
        let installation = try await TestInstallation.make()
        let adminPassword = try #require(installation.passwords["admin"])
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let token = try await StaffAPITests.token(b, "admin", adminPassword)
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let empty = try json(try await b.send(Self.apiURI, .get, headers: auth, body: nil))
            let units = try #require(empty["units"] as? [[String: Any]])
            #expect(units.map { $0["name"] as? String } == ["市委老干部局"])

            let body = #"{"next_level":[{"parent":"市委老干部局","name":"市老年大学"},{"parent":"市委老干部局","name":"活动中心","kind":"affiliated_unit"}]}"#
            let replaced = try await b.send(Self.apiURI, .put, headers: auth, body: ByteBuffer(string: body))
            #expect(replaced.status == .ok)
            let next = try #require((try json(replaced)["units"] as? [[String: Any]])?.first?["next_level"] as? [[String: Any]])
            #expect(next.map { $0["kind"] as? String } == ["school", "affiliated_unit"])
            #expect(next.map { $0["kind_zh"] as? String } == ["学校", "直属单位"])

            for (bad, code) in [
                (#"{"next_level":[{"parent":"市财政局","name":"国库科"}]}"#, "unknown_parent_unit"),
                (#"{"next_level":[{"parent":"市委老干部局","name":"甲","kind":"spaceport"}]}"#, "unknown_unit_kind"),
                (#"{"next_level":[{"parent":"市委老干部局","name":"甲"},{"parent":"市委老干部局","name":"甲"}]}"#, "duplicate_next_level_unit"),
                (#"{"next_level":[{"parent":"市委老干部局","name":"\#(String(repeating: "长", count: 101))"}]}"#, "too_long"),
                (#"{"next_level":"#, "malformed_json"),
                (#"{"next_level":[{"name":"甲"}]}"#, "invalid_field"),
            ] {
                let refused = try await b.send(Self.apiURI, .put, headers: auth, body: ByteBuffer(string: bad))
                #expect(refused.status == .unprocessableContent || refused.status == .badRequest, "\(bad)")
                #expect(try errorCode(refused) == code, "\(bad)")
            }
            #expect(try await stored(installation).map(\.name) == ["市老年大学", "活动中心"])

            // A leader may not see or change the scope: setup data, like the roster.
            let leader = try await StaffAPITests.token(b, "zuzhang", leaderPassword)
            let refused = try await b.send(Self.apiURI, .get, headers: [.authorization: "Bearer \(leader)"], body: nil)
            #expect(refused.status == .forbidden || refused.status == .notFound)
        }
    }
}
