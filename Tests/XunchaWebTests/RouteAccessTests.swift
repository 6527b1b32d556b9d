import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore

@testable import XunchaWeb

/// Every route of the route table, asked by every kind of caller, against the whole demo
/// inspection: the answer must be the one written here. A route added to the table without a row
/// here fails, so nobody adds an endpoint without saying who may reach it.
///
/// Callers, in the order of each row's letters: anonymous, admin, leader, deputy, member, liaison,
/// a member kept away (回避) from every report of the inspection, and a member of another
/// inspection. Answers: A = reached the handler (2xx, a redirect that is not to the login, or a
/// refusal of the empty input: 400, 409, 413, 422), L = sent to log in (401, or 303 to the login
/// page), F = forbidden (403), N = not found (404). A 500 never passes.
@Suite struct RouteAccessTests {
    enum Role: String, CaseIterable {
        case anonymous, admin, leader, deputy, member, liaison, excluded, stranger
    }

    /// anonymous, admin, leader, deputy, member, liaison, kept away (回避), another inspection's member.
    static let expected: [String: String] = [
        "DELETE /api/v1/session": "LAAAAAAA",
        "GET /": "AAAAAAAA",
        "GET /api/v1/handover": "LFAFFFFF",
        "GET /api/v1/handover/archives/{id}": "LFAFFFFF",
        "GET /api/v1/handover/{recipient}": "LFAFFFFF",
        "GET /api/v1/inspections": "AAAAAAAA",
        "GET /api/v1/inspections/{id}/scope": "LAFFFFFF",
        "GET /api/v1/leads": "LFAAAFAA",
        "GET /api/v1/leads/{id}": "LFAAAFNN",
        "GET /api/v1/leads/{id}/materials/{ordinal}": "LFAAAFNN",
        "GET /api/v1/ledgers/{kind}": "LFAAAFAA",
        "GET /api/v1/papers/{id}": "LFAAAFNN",
        "GET /api/v1/rectification": "LFAAAAAA",
        "GET /api/v1/rectification/{id}": "LFAAAAAN",
        "GET /api/v1/referrals": "LFAAAAAA",
        "GET /api/v1/referrals/{id}": "LFAAAANN",
        "GET /api/v1/reports": "LFAAAFAA",
        "GET /api/v1/reports/{id}": "LFAAAFNN",
        "GET /api/v1/reports/{id}/attachments": "LFAAAFNN",
        "GET /api/v1/reports/{id}/attachments/{ordinal}": "LFAAAFNN",
        "GET /api/v1/staff": "LAFFFFFF",
        "GET /api/v1/statistics": "LAAAAFAA",
        "GET /api/v1/team": "LFAFFFFF",
        "GET /healthz": "AAAAAAAA",
        // The test client is on loopback, as a scraper on the server itself is; others: ServerMetricsTests.
        "GET /metrics": "AAAAAAAA",
        "GET /inspections": "AAAAAAAA",
        "GET /inspections/{id}": "AAAAAAAA",
        "GET /received": "AAAAAAAA",
        "GET /staff": "LAAAAAAA",
        "GET /staff/admin/inspections/{id}/roster": "LAFFFFFF",
        "GET /staff/admin/inspections/{id}/scope": "LAFFFFFF",
        "GET /staff/enrol": "LLLLLLLL",  // only between a password and a first second factor
        "GET /staff/handover": "LFAFFFFF",
        "GET /staff/handover/archives/{id}": "LFAFFFFF",
        "GET /staff/leads": "LFAAAFAA",
        "GET /staff/leads/{id}": "LFAAAFNN",
        "GET /staff/leads/{id}/materials/{ordinal}": "LFAAAFNN",
        "GET /staff/ledgers": "LFAAAAAA",
        "GET /staff/ledgers/{kind}": "LFAAAFAA",
        "GET /staff/ledgers/{kind}/print": "LFAAAFAA",
        "GET /staff/ledgers/{kind}/{format}": "LFAAAFAA",
        "GET /staff/login": "AAAAAAAA",
        "GET /staff/login/code": "LLLLLLLL",  // only between a password and the code
        "GET /staff/papers/{id}/print": "LFAAAFNN",
        "GET /staff/password": "LAAAAAAA",
        "GET /staff/rectification/{id}": "LFAAAAAN",
        "GET /staff/referrals": "LFAAAAAA",
        "GET /staff/referrals/{id}": "LFAAAANN",
        "GET /staff/referrals/{id}/letter": "LFAAAANN",
        "GET /staff/register/{channel}": "LFAAAFAA",
        "GET /staff/reports/{id}": "LFAAAFNN",
        "GET /staff/reports/{id}/attachments/{ordinal}": "LFAAAFNN",
        "GET /staff/statistics": "LAAAAFAA",
        "GET /staff/statistics.xlsx": "LAAAAFAA",
        "GET /staff/team": "LFAFFFFF",
        "GET /static/xuncha.css": "AAAAAAAA",
        "GET /status": "AAAAAAAA",
        "PATCH /api/v1/leads/{id}": "LFAAAFNN",
        "PATCH /api/v1/papers/{id}": "LFAAAFNN",
        "PATCH /api/v1/rectification/{id}": "LFAAAAAN",
        "POST /api/v1/handover/{recipient}": "LFAFFFFF",
        "POST /api/v1/inspections": "LAFFFFFF",
        "POST /api/v1/inspections/{id}/roster": "LAFFFFFF",
        "POST /api/v1/inspections/{id}/scope": "LAFFFFFF",
        "POST /api/v1/leads/{id}": "LFAAAFNN",
        "POST /api/v1/leads/{id}/materials": "LFAAAFNN",
        "POST /api/v1/leads/{id}/outcome": "LFAAAFNN",
        "POST /api/v1/leads/{id}/paper": "LFAAAFNN",
        "POST /api/v1/leads/{id}/principal": "LFAAAFNN",
        "POST /api/v1/papers/{id}": "LFAAAFNN",
        "POST /api/v1/papers/{id}/return": "LFAAAFNN",
        "POST /api/v1/papers/{id}/review": "LFAAAFNN",
        "POST /api/v1/papers/{id}/sign": "LFAAAFNN",
        "POST /api/v1/papers/{id}/submit": "LFAAAFNN",
        "POST /api/v1/rectification": "LFAAAAAA",
        "POST /api/v1/rectification/{id}": "LFAAAAAN",
        "POST /api/v1/referrals/{id}/edit": "LFAAAFNN",
        "POST /api/v1/referrals/{id}/feedback": "LFAAAANN",
        "POST /api/v1/referrals/{id}/send": "LFAAAFNN",
        "POST /api/v1/registrations": "LFAAAFAA",
        "POST /api/v1/reports": "AAAAAAAA",
        "POST /api/v1/reports/{id}/assignee": "LFAFFFNN",
        "POST /api/v1/reports/{id}/claim": "LFAFFFNN",
        "POST /api/v1/reports/{id}/decision": "LFAAAFNN",
        "POST /api/v1/reports/{id}/decision/approve": "LFAFFFNN",
        "POST /api/v1/reports/{id}/decision/reopen": "LFAFFFNN",
        "POST /api/v1/reports/{id}/decision/return": "LFAFFFNN",
        "POST /api/v1/reports/{id}/exclusions": "LFAFFFNN",
        "POST /api/v1/reports/{id}/identity": "LFAFFFNN",
        "POST /api/v1/reports/{id}/identity/requests": "LFFAAFNN",  // the leader opens it without asking
        "POST /api/v1/reports/{id}/identity/requests/{request}": "LFAFFFNN",
        "POST /api/v1/reports/{id}/notes": "LFAAAFNN",
        "POST /api/v1/rescreen": "LFAAAFAA",
        "POST /api/v1/session": "AAAAAAAA",
        "POST /api/v1/session/code": "LLLLLLLL",  // only for a token waiting for its code
        "POST /api/v1/session/enrolment": "LLLLLLLL",  // only for a token waiting for its enrolment
        "POST /api/v1/session/enrolment/confirm": "LLLLLLLL",  // only for a token waiting for its enrolment
        "POST /api/v1/session/password": "LAAAAAAA",
        "POST /api/v1/staff": "LAFFFFFF",
        "POST /api/v1/staff/{id}/reset": "LAFFFFFF",
        "POST /api/v1/status": "AAAAAAAA",
        "POST /api/v1/status/additions": "AAAAAAAA",
        "POST /api/v1/status/code": "AAAAAAAA",
        "POST /api/v1/team/{id}/confirm": "LFAFFFFF",
        "POST /api/v1/team/{id}/revoke": "LFAFFFFF",
        "POST /report": "AAAAAAAA",
        "POST /staff/admin/inspections": "LAFFFFFF",
        "POST /staff/admin/inspections/announcement": "LAFFFFFF",
        "POST /staff/admin/inspections/{id}/roster": "LAFFFFFF",
        "POST /staff/admin/inspections/{id}/roster/preview": "LAFFFFFF",
        "POST /staff/admin/inspections/{id}/scope": "LAFFFFFF",
        "POST /staff/admin/users": "LAFFFFFF",
        "POST /staff/admin/users/{id}/reset": "LAFFFFFF",
        "POST /staff/enrol": "LLLLLLLL",  // only between a password and a first second factor
        "POST /staff/handover/{recipient}": "LFAFFFFF",
        "POST /staff/leads/{id}": "LFAAAFNN",
        "POST /staff/leads/{id}/materials": "LFAAAFNN",
        "POST /staff/leads/{id}/outcome": "LFAAAFNN",
        "POST /staff/leads/{id}/paper": "LFAAAFNN",
        "POST /staff/leads/{id}/principal": "LFAAAFNN",
        "POST /staff/login": "AAAAAAAA",
        "POST /staff/login/code": "LLLLLLLL",  // only between a password and the code
        "POST /staff/logout": "LLLLLLLL",  // logged out: back to the login page
        "POST /staff/papers/{id}": "LFAAAFNN",
        "POST /staff/papers/{id}/return": "LFAAAFNN",
        "POST /staff/papers/{id}/review": "LFAAAFNN",
        "POST /staff/papers/{id}/sign": "LFAAAFNN",
        "POST /staff/papers/{id}/submit": "LFAAAFNN",
        "POST /staff/password": "LAAAAAAA",
        "POST /staff/rectification": "LFAAAAAA",
        "POST /staff/rectification/{id}": "LFAAAAAN",
        "POST /staff/referrals/{id}/edit": "LFAAAFNN",
        "POST /staff/referrals/{id}/feedback": "LFAAAANN",
        "POST /staff/referrals/{id}/send": "LFAAAFNN",
        "POST /staff/register/{channel}": "LFAAAFAA",
        "POST /staff/reports/{id}/assignee": "LFAFFFNN",
        "POST /staff/reports/{id}/claim": "LFAFFFNN",
        "POST /staff/reports/{id}/decision": "LFAAAFNN",
        "POST /staff/reports/{id}/decision/approve": "LFAFFFNN",
        "POST /staff/reports/{id}/decision/reopen": "LFAFFFNN",
        "POST /staff/reports/{id}/decision/return": "LFAFFFNN",
        "POST /staff/reports/{id}/exclusions": "LFAFFFNN",
        "POST /staff/reports/{id}/identity": "LFAFFFNN",
        "POST /staff/reports/{id}/identity/requests": "LFFAAFNN",  // the leader opens it without asking
        "POST /staff/reports/{id}/identity/requests/{request}": "LFAFFFNN",
        "POST /staff/reports/{id}/notes": "LFAAAFNN",
        "POST /staff/reports/{id}/replies": "LFFFFFNN",  // the demo inspection does not reply (replies_disabled)
        "POST /staff/rescreen": "LFAAAFAA",
        "POST /staff/team/{id}/confirm": "LFAFFFFF",
        "POST /staff/team/{id}/revoke": "LFAFFFFF",
        "POST /status": "AAAAAAAA",
        "POST /status/add": "AAAAAAAA",
        "POST /status/attach": "AAAAAAAA",
        "POST /status/code": "AAAAAAAA",
        "PUT /api/v1/inspections/{id}/scope": "LAFFFFFF",
    ]

    @Test func everyRouteAnswersEveryCallerAsTheTableSays() async throws {
        let installation = try await TestInstallation.make(maxFailures: 10_000, demo: .whole)
        let world: World
        do {
            world = try await World.make(installation)
        } catch {
            // An open SQLite connection must be closed before it is released.
            try? await installation.store.close()
            throw error
        }
        let table = routes(AppServices(configuration: installation.configuration, desks: installation.desks(), pages: try await Pages())).routes
        let described = table.map { "\($0.method) \($0.path)" }
        let answers = try await installation.test { client async throws -> [String: String] in
            var callers: [Role: Caller] = [:]
            for role in Role.allCases { callers[role] = try await Caller.make(role, world, client) }
            var answers: [String: String] = [:]
            // Logging out last: every other route is asked on a live session.
            let ordered = described.sorted { (Self.endsSession($0) ? 1 : 0, $0) < (Self.endsSession($1) ? 1 : 0, $1) }
            for route in ordered {
                var letters = ""
                for role in Role.allCases {
                    letters.append(try await callers[role]!.ask(route, world.url(for: route)))
                }
                answers[route] = letters
            }
            return answers
        }
        if let out = ProcessInfo.processInfo.environment["ROUTE_ACCESS_OUT"] {
            // For a reviewer changing the table: the answers as rows to compare with it.
            let lines = answers.keys.sorted().map { "        \"\($0)\": \"\(answers[$0]!)\"," }
            try lines.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
        for route in described.sorted() {
            #expect(Self.expected[route] != nil, "the table has no row for \(route)")
            if let row = Self.expected[route] { #expect(answers[route] == row, "\(route): expected \(row), answered \(answers[route] ?? "")") }
        }
        for route in Self.expected.keys where !described.contains(route) { Issue.record("\(route) is not a route any more") }
    }

    static func endsSession(_ route: String) -> Bool {
        ["POST /staff/logout", "DELETE /api/v1/session"].contains(route)
    }
}

extension RouteAccessTests {
    /// The demo inspection with the callers' accounts and an object of each kind to ask about.
    struct World {
        var passwords: [String: String]
        var ids: [String: String]

        static func make(_ installation: TestInstallation) async throws -> World {
            let store = installation.store
            let desks = installation.desks()
            var passwords = installation.passwords
            guard let inspection = try await store.inspections().first else { throw CocoaError(.fileNoSuchFile) }
            var other = inspection
            other.id = "other-inspection"
            other.group = "市委第九巡察组"
            try await desks.admin.createInspection(.system, keeping: other)
            for (username, name, inspectionID) in [("huibi", "回避组员", inspection.id), ("waizu", "外组组员", other.id), ("spare", "备用组员", inspection.id)] {
                let made = try await desks.admin.createStaff(
                    .system,
                    StaffAccountInput(username: username, displayName: name, role: "member", inspectionId: inspectionID)
                )
                passwords[username] = made.oneTimePassword
                try await installation.confirm(username)
            }
            let users = try await store.users()
            func user(_ name: String) -> String { users.first { $0.username == name }?.id ?? "" }
            let reports = try await store.reports(inspectionID: inspection.id, includeUnassigned: false, limit: 1000, offset: 0)
            for report in reports {
                try await store.setExclusion(
                    ReportExclusion(reportID: report.id, userID: user("huibi"), kind: .declared, reason: "路由测试"),
                    actor: .commandLine(name: "test"),
                    at: Date()
                )
            }
            // A lead anyone of the group may see (not about the unit's principal), open, with a material.
            let leads = try await store.leads(inspectionID: inspection.id)
            let lead = leads.first { !$0.aboutPrincipal && $0.state == .open } ?? leads[0]
            guard var leader = users.first(where: { $0.username == "zuzhang" }) else { throw CocoaError(.fileNoSuchFile) }
            leader.mustChangePassword = false
            _ = try await desks.staff.addMaterials(
                .staff(leader),
                leadID: lead.id,
                files: [NewAttachment(filename: "谈话记录.pdf", declaredType: "application/pdf", data: Data("%PDF-1.4\n%%EOF\n".utf8))],
                MaterialNoteInput()
            )
            // An archive for a recipient whose leads are all ready (the story leaves some without papers).
            var handover: StoredHandover?
            for recipient in HandoverRecipient.allCases where handover == nil {
                handover = try? await desks.staff.createHandover(.staff(leader), recipient: recipient, aboutPrincipal: false, allowEmpty: true)
                    .handover
            }
            var withAttachment = reports.first?.id ?? ""
            for report in reports where !(try await store.attachments(reportID: report.id)).isEmpty {
                withAttachment = report.id
                break
            }
            let report = reports.first?.id ?? ""
            let request = IdentityRequest(id: "route-test-request", reportID: report, requestedBy: user("zuyuan"), reason: "测试", requestedAt: Date())
            try await store.addIdentityRequest(request)
            let referral = try await store.referrals(inspectionID: inspection.id).first
            let ids: [String: String] = [
                "inspection": inspection.id,
                "report": report,
                "attachment": withAttachment,
                "lead": lead.id,
                "paper": try await store.papers(inspectionID: inspection.id).first?.id ?? "",
                "referral": referral?.id ?? "",
                "recipient": HandoverRecipient.discipline.rawValue,
                "handover": try #require(handover).id,
                "rectification": try await store.rectificationItems(inspectionID: inspection.id).first?.id ?? "",
                "spare": user("spare"),
                "request": request.id,
            ]
            return World(passwords: passwords, ids: ids)
        }

        /// The route's path with each parameter filled in with an object of the demo inspection.
        func url(for route: String) -> String {
            let path = String(route.split(separator: " ")[1])
            var parts: [String] = []
            let components = path.split(separator: "/").map(String.init)
            for (k, c) in components.enumerated() {
                guard c.hasPrefix("{") else {
                    parts.append(c)
                    continue
                }
                let before = k > 0 ? components[k - 1] : ""
                let value: String
                switch (before, c) {
                case ("reports", "{id}"): value = path.contains("attachments") ? ids["attachment"]! : ids["report"]!
                case ("attachments", "{ordinal}"), ("materials", "{ordinal}"): value = "0"
                case ("leads", "{id}"): value = ids["lead"]!
                case ("papers", "{id}"): value = ids["paper"]!
                case ("referrals", "{id}"): value = ids["referral"]!
                case ("rectification", "{id}"): value = ids["rectification"]!
                case ("inspections", "{id}"): value = ids["inspection"]!
                case ("users", "{id}"), ("staff", "{id}"), ("team", "{id}"): value = ids["spare"]!
                case ("archives", "{id}"): value = ids["handover"]!
                case ("handover", "{recipient}"): value = ids["recipient"]!
                case ("register", "{channel}"): value = "phone"
                case ("ledgers", "{kind}"): value = "calls"
                case (_, "{format}"): value = "csv"
                case ("requests", "{request}"): value = ids["request"]!
                default: value = "unknown"
                }
                parts.append(value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value)
            }
            return "/" + parts.joined(separator: "/")
        }
    }

    /// One kind of caller: a browser with its cookies, and for staff a bearer token for the API.
    struct Caller {
        let browser: Browser
        let token: String?
        let csrf: String

        static func make(_ role: Role, _ world: World, _ client: any TestClientProtocol) async throws -> Caller {
            let browser = Browser(client)
            let username: String? =
                switch role {
                case .anonymous: nil
                case .admin: "admin"
                case .leader: "zuzhang"
                case .deputy: "fuzuzhang"
                case .member: "zuyuan"
                case .liaison: "lianluo"
                case .excluded: "huibi"
                case .stranger: "waizu"
                }
            guard let username, let password = world.passwords[username] else {
                return Caller(browser: browser, token: nil, csrf: try await browser.csrf(from: "/"))
            }
            let token = try await StaffAPITests.token(browser, username, password)
            browser.cookies = [:]
            try await browser.logIn(username, "new-\(password)")
            return Caller(browser: browser, token: token, csrf: try await browser.csrf(from: "/staff/password"))
        }

        /// The letter for how the route answered this caller (see the suite's comment).
        func ask(_ route: String, _ url: String) async throws -> Character {
            let method = HTTPRequest.Method(rawValue: String(route.split(separator: " ")[0]))!
            var headers: HTTPFields = [:]
            var body: ByteBuffer?
            if url.hasPrefix("/api/") {
                if let token { headers[.authorization] = "Bearer \(token)" }
                if method != .get {
                    headers[.contentType] = "application/json"
                    body = ByteBuffer(string: "{}")
                }
            } else if method != .get {
                headers[.contentType] = "application/x-www-form-urlencoded"
                body = ByteBuffer(string: "csrf=\(Browser.encode(csrf))")
            }
            let response = try await browser.send(url, method, headers: headers, body: body)
            switch response.status.code {
            case 401: return "L"
            case 303 where response.headers[.location]?.hasPrefix("/staff/login") == true: return "L"
            case 403: return "F"
            case 404: return "N"
            case 500...: return "E"
            default: return "A"
            }
        }
    }
}
