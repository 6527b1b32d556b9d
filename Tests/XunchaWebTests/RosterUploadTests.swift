import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaWeb

/// The admin uploads a roster in the console, reads the preview and confirms; bad files, bad
/// tokens, other roles and an altered confirmation write nothing.
@Suite("Console: roster upload")
struct RosterUploadTests {
    static let inspectionID = "demo-seed-2023-laoganbu"
    static let rosterURI = "/staff/admin/inspections/\(inspectionID)/roster"

    func text(_ r: TestResponse) -> String { String(buffer: r.body) }

    /// Runs `body` logged in as the admin of a fresh installation.
    func asAdmin(_ body: @escaping @Sendable (Browser, TestInstallation) async throws -> Void) async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", password)
            try await body(b, installation)
        }
    }

    /// Uploads `data` as the file of the roster page's form.
    func upload(_ b: Browser, _ data: Data, filename: String = "名册.csv", type: String = "text/csv", csrf: String? = nil) async throws -> TestResponse
    {
        var token = csrf ?? ""
        if csrf == nil { token = try await b.csrf(from: Self.rosterURI) }
        let form = ReporterAttachmentTests.multipart([("csrf", token)], files: [(name: "file", filename: filename, type: type, data: data)])
        return try await b.send(Self.rosterURI + "/preview", .post, headers: [.contentType: form.contentType], body: form.body)
    }

    /// The hidden fields of the preview's confirmation form.
    func confirmationFields(_ page: String) throws -> [(String, String)] {
        try ["csrf", "roster_file", "roster_sha256", "roster_filename", "replaces"].map { ($0, try Browser.field($0, in: page)) }
    }

    func confirm(_ b: Browser, _ fields: [(String, String)]) async throws -> TestResponse {
        let form = ReporterAttachmentTests.multipart(fields, files: [])
        return try await b.send(Self.rosterURI, .post, headers: [.contentType: form.contentType], body: form.body)
    }

    func storedRoster(_ installation: TestInstallation) async throws -> [RosterPerson] {
        try await installation.store.roster(inspectionID: Self.inspectionID, rules: .standard)
    }

    @Test func aUTF8CSVWithBOMIsPreviewedThenImportedOnConfirmation() async throws {
        try await asAdmin { b, installation in
            let admin = text(try await b.get("/staff"))
            #expect(admin.contains(#"href="\#(Self.rosterURI)">名册</a>"#))
            let empty = try await b.get(Self.rosterURI)
            #expect(empty.status == .ok)
            #expect(text(empty).contains("还没有导入名册") && text(empty).contains(#"enctype="multipart/form-data""#))

            let response = try await upload(b, RosterFixtures.utf8WithBOM)
            #expect(response.status == .ok)
            let page = text(response)
            #expect(page.contains("UTF-8 编码（带 BOM"))
            #expect(page.contains("姓名（表头“姓名”）；单位（表头“单位”）；职务（表头“职务”）；角色（表头“角色”）；别名（表头“别名”）"))
            #expect(page.contains(#"<dd id="roster-ignored">序号、备注</dd>"#))
            #expect(page.contains("3 人（共 3 行）"))
            #expect(page.contains("<td>领导班子成员</td><td>2</td>") && page.contains("<td>重要岗位领导干部</td><td>1</td>"))
            #expect(page.contains(#"<td data-label="姓名" class="name">赵敏</td>"#) && page.contains("名册指定") && page.contains("按职务推断"))
            #expect(page.contains("确认后将导入文件中的 <strong>3</strong> 人（现在还没有名册）") && page.contains("确认导入"))
            // Nothing is written before the confirmation.
            #expect(try await storedRoster(installation).isEmpty)

            let confirmed = try await confirm(b, try confirmationFields(page))
            #expect(confirmed.status == .ok)
            // The demo's four reports are screened again against the new roster, by the system.
            #expect(text(confirmed).contains("已导入名册“名册.csv”：3 人，替换原有 0 人；已按新名册重新初筛 4 件反映。"))
            let demoReport = try #require(
                try await installation.store.reports(inspectionID: Self.inspectionID, includeUnassigned: false, limit: 1, offset: 0).first
            )
            let screened = try await installation.store.auditEvents(subject: .report, id: demoReport.id).filter {
                $0.action == "report.screened"
            }
            #expect(screened.map(\.actor) == ["system", "system"])
            #expect(text(confirmed).contains("现有名册共 <strong>3</strong> 人"))
            // On a phone each person is a block of labelled lines (table.list), a name never broken.
            #expect(text(confirmed).contains(#"<table class="roster list">"#))
            #expect(text(confirmed).contains(#"<td data-label="序号">1</td><td data-label="姓名" class="name">王建国</td>"#))
            let stored = try await storedRoster(installation)
            #expect(stored.map(\.name) == ["王建国", "李红梅", "赵敏"])
            #expect(stored[2].role.rule == ScopeRoleInference.overrideRule)
            let events = try await installation.store.auditEvents(subject: .inspection, id: Self.inspectionID)
            #expect(events.contains { $0.action == "roster.imported" && $0.detail.contains("3 people replaced 0; source: 名册.csv") })

            // A second import says what it replaces.
            let again = text(try await upload(b, RosterFixtures.gbk))
            #expect(again.contains("现有 <strong>3</strong> 人将全部删除"))
        }
    }

    @Test func aGBKCSVAndAnXLSXWorkbookAreRead() async throws {
        try await asAdmin { b, installation in
            let gbk = try await upload(b, RosterFixtures.gbk)
            #expect(gbk.status == .ok)
            #expect(text(gbk).contains("GBK/GB18030 编码"))
            #expect(text(gbk).contains(#"class="name">王建国</td>"#) && text(gbk).contains(#"<td data-label="职务">财务股股长</td>"#))

            let xlsx = try await upload(
                b,
                RosterFixtures.xlsx,
                filename: "名册.xlsx",
                type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            #expect(xlsx.status == .ok)
            let page = text(xlsx)
            #expect(page.contains("Excel 工作簿（XLSX）") && page.contains("单位（表头“工作单位”）"))
            #expect(page.contains(#"周志强</td><td data-label="单位">市委老干部局</td><td data-label="职务">副局长</td>"#) && page.contains(#"class="name">孙丽</td>"#))
            let confirmed = try await confirm(b, try confirmationFields(page))
            #expect(confirmed.status == .ok)
            #expect(try await storedRoster(installation).map(\.name) == ["周志强", "孙丽"])
        }
    }

    @Test func everyBadRowIsListedWithItsLineAndNothingIsImported() async throws {
        try await asAdmin { b, installation in
            let response = try await upload(b, RosterFixtures.badRows)
            #expect(response.status == .unprocessableContent)
            let page = text(response)
            #expect(page.contains("错误（3 行）") && page.contains("未导入任何人员"))
            #expect(page.contains("<td>第 3 行</td><td>缺少姓名</td>"))
            #expect(page.contains("<td>第 4 行</td><td>单位“县教育局”不是本次巡察的被巡察单位或其下一级单位"))
            #expect(page.contains("<td>第 5 行</td><td>与第 2 行重复（同一单位同名）</td>"))
            #expect(!page.contains("确认导入"))
            #expect(try await storedRoster(installation).isEmpty)
        }
    }

    @Test func filesThatAreNoRosterAreRefusedOnTheRosterPage() async throws {
        try await asAdmin { b, installation in
            let cases: [(Data, String, String)] = [
                (RosterFixtures.malformedXLSX, "坏.xlsx", "XLSX 文件已损坏或格式不对"),
                (Data(), "空.csv", "文件是空的"),
                (RosterFixtures.png, "照片.png", "无法读取文件"),
            ]
            for (data, filename, message) in cases {
                let response = try await upload(b, data, filename: filename, type: "application/octet-stream")
                #expect(response.status == .unprocessableContent, "\(filename)")
                #expect(text(response).contains(#"<p class="error" role="alert" id="roster-error">"#), "\(filename)")
                #expect(text(response).contains(message), "\(filename)")
                #expect(text(response).contains("上传并预览"), "\(filename)")
            }
            let tooLarge = try await upload(b, Data(repeating: 0x41, count: 6 * 1_048_576))
            #expect(tooLarge.status == .contentTooLarge)
            #expect(text(tooLarge).contains("名册文件过大（上限 5 MB）"))
            #expect(try await storedRoster(installation).isEmpty)
        }
    }

    @Test func aMissingTokenOrAnotherRoleChangesNothing() async throws {
        let installation = try await TestInstallation.make()
        let admin = try #require(installation.passwords["admin"])
        let member = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", admin)
            let page = text(try await upload(b, RosterFixtures.utf8WithBOM))
            let noToken = try await upload(b, RosterFixtures.utf8WithBOM, csrf: "")
            #expect(noToken.status == .forbidden)
            let fields = try confirmationFields(page).filter { $0.0 != "csrf" }
            let confirmWithoutToken = try await confirm(b, fields)
            #expect(confirmWithoutToken.status == .forbidden)
            #expect(text(confirmWithoutToken).contains("页面已过期"))

            let m = Browser(client)
            try await m.logIn("zuyuan", member)
            #expect(try await m.get(Self.rosterURI).status == .forbidden)
            let memberToken = try await m.csrf(from: "/staff/password")
            let byMember = try await upload(m, RosterFixtures.utf8WithBOM, csrf: memberToken)
            #expect(byMember.status == .forbidden)
            let confirmByMember = try await confirm(m, fields + [("csrf", memberToken)])
            #expect(confirmByMember.status == .forbidden)
            #expect(text(confirmByMember).contains("您没有执行此操作的权限"))
            #expect(try await storedRoster(installation).isEmpty)
        }
    }

    @Test func anAlteredFileOnConfirmationIsRefused() async throws {
        try await asAdmin { b, installation in
            let page = text(try await upload(b, RosterFixtures.utf8WithBOM))
            var fields = try confirmationFields(page)
            // Another file put in the form, its digest left as it was.
            let other = RosterFixtures.markupName.base64EncodedString()
            fields = fields.map { $0.0 == "roster_file" ? ($0.0, other) : $0 }
            let response = try await confirm(b, fields)
            #expect(response.status == .unprocessableContent)
            #expect(text(response).contains("确认导入时提交的文件与预览的文件不一致，未导入"))
            #expect(try await storedRoster(installation).isEmpty)
        }
    }

    @Test func aRosterChangedSinceThePreviewIsShownAgainNotReplaced() async throws {
        try await asAdmin { b, installation in
            let page = text(try await upload(b, RosterFixtures.utf8WithBOM))
            // Someone imports another roster between the preview and the confirmation.
            try await installation.store.replaceRoster(
                inspectionID: Self.inspectionID,
                people: [RosterPerson(name: "钱七", unit: RosterFixtures.unit)],
                source: "test",
                actor: .commandLine(name: "test"),
                at: Date()
            )
            let response = try await confirm(b, try confirmationFields(page))
            #expect(response.status == .conflict)
            #expect(text(response).contains("名册在预览之后已被修改（现有 1 人）"))
            #expect(text(response).contains("现有 <strong>1</strong> 人将全部删除"))
            #expect(try await storedRoster(installation).map(\.name) == ["钱七"])
        }
    }

    @Test func aNameWithMarkupIsShownAsText() async throws {
        try await asAdmin { b, installation in
            let page = text(try await upload(b, RosterFixtures.markupName))
            #expect(page.contains(#"class="name">&lt;script&gt;alert(1)&lt;/script&gt;</td>"#))
            #expect(!page.contains("<script>"))
            #expect(try await confirm(b, try confirmationFields(page)).status == .ok)
            let roster = text(try await b.get(Self.rosterURI))
            #expect(roster.contains(#"class="name">&lt;script&gt;alert(1)&lt;/script&gt;</td>"#) && !roster.contains("<script>"))
            #expect(try await storedRoster(installation).map(\.name) == ["<script>alert(1)</script>"])
        }
    }

    @Test func theAPIPreviewsOnADryRunAndImportsOtherwise() async throws {
        let installation = try await TestInstallation.make()
        let admin = try #require(installation.passwords["admin"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("admin", admin)
            let token = try await b.csrf(from: "/staff")
            let uri = "/api/v1/inspections/\(Self.inspectionID)/roster"
            let headers: HTTPFields = [.contentType: "text/csv", .init("X-CSRF-Token")!: token]
            let dryRun = try await b.send(uri + "?dry_run=1", .post, headers: headers, body: ByteBuffer(data: RosterFixtures.badRows))
            #expect(dryRun.status == .ok)
            #expect(text(dryRun).contains(#""importable":false"#) && text(dryRun).contains(#""code":"duplicate_person""#))
            let refused = try await b.send(uri, .post, headers: headers, body: ByteBuffer(data: RosterFixtures.badRows))
            #expect(refused.status == .unprocessableContent && text(refused).contains(#""code":"roster_has_errors""#))
            let imported = try await b.send(uri, .post, headers: headers, body: ByteBuffer(data: RosterFixtures.utf8WithBOM))
            #expect(imported.status == .ok && text(imported).contains(#""imported":true"#))
            #expect(try await installation.store.roster(inspectionID: Self.inspectionID, rules: .standard).count == 3)
        }
    }
}
