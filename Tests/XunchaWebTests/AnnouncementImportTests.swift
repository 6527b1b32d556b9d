import Foundation
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaWeb

/// An admin pastes an announcement in the console, checks the pre-filled form with the sentence
/// behind each field, and creates the inspection from it.
@Suite("Console: inspection from an announcement")
struct AnnouncementImportTests {
    static let announcement = """
        根據(jù)縣委統(tǒng)一部署，２０２４年３月４日，縣委第一巡察組進駐縣財政局開展巡察工作。
        巡察期間（３月５日—５月１０日），設立專門值班電話：０７３８－８３１２３４５，電子郵箱：xcz1@163.com。\
        值班電話受理時間為工作日上午８:３０—１２:００，下午２:３０—５:３０。受理信訪截止時間為２０２４年５月８日。
        """

    func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    /// The value of an `<input name="…">` on a page, whatever attributes come between.
    func input(_ name: String, in page: String) throws -> String {
        let open = try #require(page.range(of: "name=\"\(name)\""))
        let tagEnd = try #require(page[open.upperBound...].range(of: ">")).lowerBound
        let value = try #require(page[open.upperBound..<tagEnd].range(of: "value=\""))
        return String(page[value.upperBound...].prefix { $0 != "\"" })
    }

    /// Runs `body` logged in as the admin of a fresh installation.
    func asAdmin(_ body: @escaping @Sendable (Browser, TestInstallation, String) async throws -> Void) async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", password)
            try await body(b, installation, try await b.csrf(from: "/staff"))
        }
    }

    /// The text of a `<textarea name="…">` on a page.
    func textarea(_ name: String, in page: String) throws -> String {
        let open = try #require(page.range(of: "name=\"\(name)\""))
        let start = try #require(page[open.upperBound...].range(of: ">")).upperBound
        let end = try #require(page[start...].range(of: "</textarea>")).lowerBound
        return String(page[start..<end])
    }

    @Test func pastedAnnouncementPrefillsTheFormAndCreatesTheInspection() async throws {
        try await asAdmin { b, installation, csrf in
            let response = try await b.post("/staff/admin/inspections/announcement", form: ["csrf": csrf, "announcement": Self.announcement])
            #expect(response.status == .ok)
            let page = text(response)
            #expect(page.contains("已根据公告预填"))
            #expect(try input("group", in: page) == "县委第一巡察组")
            #expect(try input("period_start", in: page) == "2024-03-05")
            #expect(try input("period_end", in: page) == "2024-05-10")
            #expect(try input("deadline", in: page) == "2024-05-08")
            #expect(try textarea("units", in: page) == "县财政局")
            #expect(try textarea("phones", in: page) == "0738-8312345")
            #expect(try textarea("phone_hours", in: page) == "工作日 08:30-12:00\n工作日 14:30-17:30")
            // Each field shows the sentence it came from, as published (traditional, full width).
            #expect(page.contains("原文：巡察期間（３月５日—５月１０日）"))
            #expect(page.contains("原文：受理信訪截止時間為２０２４年５月８日。"))

            // The admin confirms: the form goes back as it was filled in.
            var form = ["csrf": try Browser.field("csrf", in: page)]
            for key in ["group", "leader", "period_start", "period_end", "deadline", "deadline_time"] {
                form[key] = try input(key, in: page)
            }
            for key in ["units", "phones", "phone_hours", "emails", "postal_boxes", "other_channels", "scope"] {
                form[key] = try textarea(key, in: page)
            }
            let created = try await b.post("/staff/admin/inspections", form: form)
            #expect(text(created).contains("已创建巡察：县委第一巡察组"))
            let stored = try #require(try await installation.store.inspections().first { $0.group == "县委第一巡察组" })
            #expect(stored.units == ["县财政局"])
            #expect(stored.periodStart == (try CivilDate(iso: "2024-03-05")))
            #expect(stored.deadline == (try CivilDate(iso: "2024-05-08")))
            #expect(stored.phones == ["0738-8312345"])
            #expect(stored.emails == ["xcz1@163.com"])
            #expect(stored.phoneHours.count == 2)
        }
    }

    @Test func textThatIsNotAnAnnouncementIsRefusedAndCreatesNothing() async throws {
        try await asAdmin { b, installation, csrf in
            let before = try await installation.store.inspections().count
            let response = try await b.post("/staff/admin/inspections/announcement", form: ["csrf": csrf, "announcement": "今天天气很好。"])
            #expect(response.status == .unprocessableContent)
            #expect(text(response).contains("没有在粘贴的文字中找到巡察公告内容"))
            #expect(try await installation.store.inspections().count == before)
        }
    }

    @Test func severalGroupsOfferEachInTurn() async throws {
        try await asAdmin { b, installation, csrf in
            let announcement = """
                区委第二、第三巡察组于2024年9月2日至11月29日开展巡察。
                （一）区委第二巡察组巡察区财政局。举报电话：0851-5123456。
                （二）区委第三巡察组巡察区审计局。举报电话：0851-5123457。
                """
            let second = try await b.post("/staff/admin/inspections/announcement", form: ["csrf": csrf, "announcement": announcement, "pick": "1"])
            let page = text(second)
            #expect(page.contains("公告中有多个巡察组"))
            #expect(try input("group", in: page) == "区委第三巡察组")
            #expect(try textarea("units", in: page) == "区审计局")
            #expect(try textarea("phones", in: page) == "0851-5123457")
        }
    }
}
