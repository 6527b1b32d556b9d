import Foundation
import HummingbirdTesting
import Testing
import XunchaStore

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// Every staff form that comes back refused says so at the top of the page as well, linked to
/// the reason beside the form, so that on a phone the reason is not a screen or two below.
@Suite struct StaffErrorSummaryTests {
    /// The summary is there, in focus, and links to the reason with this id.
    static func summarises(_ page: String, _ id: String) -> Bool {
        page.contains(#"id="error-summary" role="alert" tabindex="-1" autofocus"#) && page.contains("<a href=\"#\(id)\">")
            && page.contains(#"id="\#(id)""#)
    }

    @Test func thePasswordAdminAndLedgerFormsSummariseTheirRefusals() async throws {
        let installation = try await TestInstallation.make()
        let memberPassword = try #require(installation.passwords["zuyuan"])
        let adminPassword = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            var csrf = try await member.csrf(from: "/staff/password")
            let wrong = try await member.post("/staff/password", form: ["csrf": csrf, "current": "not-it", "new": "x", "new_again": "x"])
            #expect(Self.summarises(text(wrong), "password-error"))
            csrf = try await member.csrf(from: "/staff/ledgers/rectification")
            let empty = try await member.post("/staff/rectification", form: ["csrf": csrf])
            #expect(Self.summarises(text(empty), "rectification-error"))

            let admin = Browser(client)
            try await admin.logIn("admin", adminPassword)
            csrf = try await admin.csrf(from: "/staff")
            #expect(Self.summarises(text(try await admin.post("/staff/admin/users", form: ["csrf": csrf, "role": "member"])), "user-error"))
            #expect(Self.summarises(text(try await admin.post("/staff/admin/inspections", form: ["csrf": csrf])), "inspection-error"))
            // A page without a refusal has no summary.
            #expect(!text(try await admin.get("/staff")).contains("error-summary"))
        }
    }

    @Test func theLeadFormsSummariseTheirRefusals() async throws {
        let installation = try await TestInstallation.make(demo: .whole)
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let inspection = try #require(try await installation.store.inspections().first)
        let lead = try #require(try await installation.store.leads(inspectionID: inspection.id).first { $0.state == .open })
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let path = "/staff/leads/\(lead.id)"
            let csrf = try await leader.csrf(from: path)
            let refused = try await leader.post(path, form: ["csrf": csrf, "summary": "", "kind": "no-such-kind"])
            #expect(refused.status == .unprocessableContent)
            #expect(Self.summarises(text(refused), "lead-error"))
        }
    }
}
