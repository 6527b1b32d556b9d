import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The decision form shows the screened category and further disciplines and lets staff correct
/// them; the decision keeps and shows what was chosen; the API takes the same fields.
@Suite struct DecisionCategoryPageTests {
    typealias S = ScreeningPageTests

    @Test func theFormStartsFromTheScreenedCategoryAndKeepsACorrection() async throws {
        let installation = try await S.installation()
        try await installation.test { client async throws in
            try await S.submit(Browser(client), S.report)
            let id = try await S.reportID(installation.store, S.report)
            let staff = try await S.leader(client, installation)
            let form = text(try await staff.get("/staff/reports/\(id)"))
            #expect(form.contains(#"<option value="integrity" selected>廉洁纪律（初筛）</option>"#))
            #expect(form.contains(#"<option value="">未定</option>"#))
            #expect(form.contains(#"name="also_disciplines[3]" value="mass""#))

            let path = "/staff/reports/\(id)/decision"
            let csrf = try await staff.csrf(from: "/staff/reports/\(id)")
            // A category that is not on the list comes back with the form as it was sent.
            let bad = try await staff.post(path, form: ["csrf": csrf, "outcome": "accept", "category": "<script>", "also_disciplines[3]": "mass"])
            #expect(bad.status == .unprocessableContent)
            #expect(text(bad).contains("问题类别不正确"))
            #expect(text(bad).contains(#"name="also_disciplines[3]" value="mass" checked"#))
            #expect(!text(bad).contains("<script>"))
            #expect(try await installation.store.decisions(reportID: id).isEmpty)

            let decided = try await staff.post(
                path,
                form: ["csrf": csrf, "outcome": "accept", "category": "work", "also_disciplines[2]": "integrity", "also_disciplines[5]": "life"]
            )
            #expect(decided.status == .seeOther)
            let page = text(try await staff.get(try #require(decided.headers[.location])))
            #expect(page.contains("问题类别：工作纪律（另涉及廉洁纪律、生活纪律）"))
            let stored = try #require(try await installation.store.decisions(reportID: id).inForce)
            #expect(stored.category == .discipline(.work) && stored.alsoDisciplines == [.integrity, .life])
        }
    }

    @Test func theAPITakesAndGivesTheCategory() async throws {
        let installation = try await S.installation()
        try await installation.test { client async throws in
            let content = "反映市委老干部局某科长让下属每天去他家接孩子。"
            try await S.submit(Browser(client), content)
            let id = try await S.reportID(installation.store, content)
            let token = try await StaffAPITests.token(Browser(client), "zuzhang", try #require(installation.passwords["zuzhang"]))
            let api = Browser(client)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            for body in [
                #"{"outcome":"file","comment":"存查","category":"bogus"}"#, #"{"outcome":"file","comment":"存查","category":42}"#,
                #"{"outcome":"file","comment":"存查","category":"mass","also_disciplines":"mass"}"#,
                #"{"outcome":"file","comment":"存查","category":"mass","also_disciplines":["neutral"]}"#,
            ] {
                let refused = try await api.postJSON("/api/v1/reports/\(id)/decision", body, headers: auth)
                #expect(refused.status == .unprocessableContent, "\(body)")
            }
            let made = try await api.postJSON(
                "/api/v1/reports/\(id)/decision",
                #"{"outcome":"file","comment":"存查","category":"mass","also_disciplines":["integrity"]}"#,
                headers: auth
            )
            #expect(made.status == .created)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: made.body)) as? [String: Any])
            #expect(object["category"] as? String == "mass")
            #expect(object["also_disciplines"] as? [String] == ["integrity"])
        }
    }
}
