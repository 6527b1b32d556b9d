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

/// The ledgers over a real server: the list, a register with its filter in the address, the
/// identity columns for the leader who asks, the print view, the files (XLSX read back by
/// openpyxl, CSV with its byte order mark), the rectification forms and the API.
@Suite struct LedgerPageTests {
    static let demoIdentity = ["李示例", "13800000000", "王示例", "13900000000", "娄底市某小区"]

    @Test func aRegisterIsAPagePrintViewAndFileWithItsFilterInTheAddress() async throws {
        let installation = try await TestInstallation.make()
        let passwords = installation.passwords
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let list = text(try await leader.get("/staff/ledgers"))
            for kind in LedgerKind.allCases {
                for href in [
                    "/staff/ledgers/\(kind.rawValue)\"", "/staff/ledgers/\(kind.rawValue)/print", "/staff/ledgers/\(kind.rawValue)/xlsx",
                    "/staff/ledgers/\(kind.rawValue)/csv",
                ] {
                    #expect(list.contains(href), "\(href)")
                }
                #expect(list.contains(kind.chineseName))
            }
            #expect(list.contains("href=\"/staff/ledgers\">台账</a>"), "the menu leads to the ledgers")

            let web = text(try await leader.get("/staff/ledgers/web"))
            #expect(web.contains("市委第四巡察组网上及电子邮件举报登记簿") && web.contains("共2条"))
            #expect(web.contains("<th class=\"long\">反映的主要问题</th>") && web.contains("href=\"/staff/reports/"))
            #expect(web.contains("href=\"/staff/ledgers/web/print\"") && web.contains("name=\"identities\""))
            for secret in Self.demoIdentity { #expect(!web.contains(secret), "\(secret)") }

            // The filter travels into the print view and the files.
            let march20 = text(try await leader.get("/staff/ledgers/web?from=2023-03-10&to=2023-03-31"))
            #expect(march20.contains("共1条") && march20.contains("value=\"2023-03-10\""))
            #expect(march20.contains("href=\"/staff/ledgers/web/xlsx?from=2023-03-10&amp;to=2023-03-31\""))

            // Identities for the leader who asks, said on the page and written to the trail.
            let named = text(try await leader.get("/staff/ledgers/web?identities=1"))
            #expect(named.contains("李示例") && named.contains("13800000000") && named.contains("id=\"identities-shown\""))
            #expect(named.contains("href=\"/staff/ledgers/web/csv?identities=1\""))
            let trail = try await installation.store.auditEvents(subject: .inspection, id: DemoData.inspection.id)
            #expect(trail.last?.action == AuditAction.ledgerExported.rawValue && trail.last?.detail == "web page rows=2 from=1 identities")

            let print = try await leader.get("/staff/ledgers/web/print?from=2023-03-10")
            let sheet = text(print)
            #expect(print.status == .ok)
            for expected in ["class=\"print-view ledger-print\"", "<thead><tr>", "网上及电子邮件举报登记簿", "时间范围：自2023年3月10日起", "填表人", "组长签字", "共1条"] {
                #expect(sheet.contains(expected), "\(expected)")
            }

            let xlsx = try await leader.get("/staff/ledgers/web/xlsx")
            #expect(xlsx.status == .ok && xlsx.headers[.contentType] == LedgerFormat.xlsx.contentType)
            #expect(xlsx.headers[.contentDisposition]?.contains("filename*=UTF-8''") == true)
            #expect(Array(xlsx.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            let csv = try await leader.get("/staff/ledgers/letters/csv")
            let bytes = Array(csv.body.readableBytesView)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8" && Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("序号,编号,收到时间,邮戳日期,实名/匿名,"))

            // Wrong addresses and days: said, not guessed.
            #expect(try await leader.get("/staff/ledgers/receipts").status == .notFound)
            #expect(try await leader.get("/staff/ledgers/web/pdf").status == .notFound)
            let badDay = try await leader.get("/staff/ledgers/web?from=2023-02-30")
            #expect(badDay.status == .unprocessableContent && text(badDay).contains("起始日期格式不正确"))
            let reversed = try await leader.get("/staff/ledgers/web?from=2023-04-01&to=2023-03-01")
            #expect(reversed.status == .unprocessableContent && text(reversed).contains("起始日期不能晚于截止日期"))

            // A member reads and exports the registers, never with identities.
            let member = Browser(client)
            try await member.logIn("zuyuan", try #require(passwords["zuyuan"]))
            #expect(try await member.get("/staff/ledgers/web").status == .ok)
            #expect(!text(try await member.get("/staff/ledgers/web")).contains("name=\"identities\""))
            #expect(try await member.get("/staff/ledgers/web?identities=1").status == .forbidden)
            #expect(try await member.get("/staff/ledgers/web/xlsx?identities=1").status == .forbidden)
            let memberCSV = text(try await member.get("/staff/ledgers/web/csv"))
            for secret in Self.demoIdentity { #expect(!memberCSV.contains(secret), "\(secret)") }
            // The admin reads no ledger.
            let admin = Browser(client)
            try await admin.logIn("admin", try #require(passwords["admin"]))
            #expect(try await admin.get("/staff/ledgers/web").status == .forbidden)
            #expect(try await admin.get("/staff/ledgers").status == .forbidden)
        }
    }

    @Test func theWorkbookOpensInOpenpyxlWithDatesAsDatesAndAFrozenBoldHeader() async throws {
        guard Self.openpyxlAvailable else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { Issue.record("python3-openpyxl is missing in CI (scripts/test installs it)") }
            return
        }
        let installation = try await TestInstallation.make()
        let passwords = installation.passwords
        let folder = NSTemporaryDirectory() + "xuncha-openpyxl-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            for kind in LedgerKind.allCases {
                let file = try await leader.get("/staff/ledgers/\(kind.rawValue)/xlsx")
                #expect(file.status == .ok)
                try Data(file.body.readableBytesView).write(to: URL(fileURLWithPath: "\(folder)/\(kind.rawValue).xlsx"))
            }
        }
        let script = """
            import json, sys, datetime, openpyxl
            out = {}
            for kind in sys.argv[2:]:
                wb = openpyxl.load_workbook(f"{sys.argv[1]}/{kind}.xlsx")
                ws = wb.worksheets[0]
                header = [c.value for c in ws[1]]
                row = [c for c in ws[2]] if ws.max_row > 1 else []
                out[kind] = {
                    "title": ws.title, "header": header, "rows": ws.max_row - 1, "frozen": ws.freeze_panes,
                    "bold": all(c.font.b for c in ws[1]), "landscape": ws.page_setup.orientation,
                    "widths": all((ws.column_dimensions[c.column_letter].width or 0) > 0 for c in ws[1]),
                    "received": isinstance(row[2].value, datetime.datetime) if len(row) > 2 else None,
                    "received_text": row[2].value.strftime("%Y-%m-%d %H:%M") if len(row) > 2 and isinstance(row[2].value, datetime.datetime) else None,
                }
            print(json.dumps(out, ensure_ascii=False))
            """
        let output = try Self.python(script, [folder] + LedgerKind.allCases.map(\.rawValue))
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [String: Any]])
        for kind in LedgerKind.allCases {
            let sheet = try #require(result[kind.rawValue], "\(kind)")
            #expect(sheet["title"] as? String == kind.chineseName)
            #expect((sheet["header"] as? [String])?.first == "序号")
            #expect(sheet["frozen"] as? String == "A2" && sheet["bold"] as? Bool == true && sheet["widths"] as? Bool == true)
            #expect(sheet["landscape"] as? String == "landscape")
        }
        let web = try #require(result["web"])
        #expect(web["rows"] as? Int == 2 && web["received"] as? Bool == true && web["received_text"] as? String == "2023-03-06 09:20")
        #expect(result["calls"]?["rows"] as? Int == 1 && result["letters"]?["rows"] as? Int == 1)
        #expect(result["rectification"]?["rows"] as? Int == 0)
    }

    @Test func theRectificationLedgerIsKeptThroughItsFormsWithoutLosingAnEntry() async throws {
        let installation = try await TestInstallation.make()
        let passwords = installation.passwords
        try await installation.test { client async throws in
            let member = Browser(client)
            try await member.logIn("zuyuan", try #require(passwords["zuyuan"]))
            let ledger = text(try await member.get("/staff/ledgers/rectification"))
            #expect(ledger.contains("id=\"rectification-form\"") && ledger.contains("台账中还没有记录"))
            let csrf = try Browser.field("csrf", in: ledger)
            let form = [
                "csrf": csrf, "problem": "公务接待不规范", "measure": "修订接待办法", "responsible": "办公室", "deadline": "2023-06-30", "state": "in_progress",
            ]
            let added = try await member.post("/staff/rectification", form: form)
            #expect(added.status == .seeOther && added.headers[.location] == "/staff/ledgers/rectification?done=added#ledger")
            let after = text(try await member.get("/staff/ledgers/rectification?done=added"))
            #expect(after.contains("已新增整改问题") && after.contains("公务接待不规范") && after.contains("整改中") && after.contains("2023-06-30"))
            let item = try #require(try await installation.store.rectificationItems(inspectionID: DemoData.inspection.id).first)
            #expect(after.contains("href=\"/staff/rectification/\(item.id)\""))

            // Refused: the ledger again with the reason, and what was typed kept.
            for (change, reason) in [
                (["problem": "  "], "请填写存在的问题"), (["deadline": "六月底"], "完成时限格式不正确"), (["state": "finished"], "整改状态只能是"),
                (["problem": String(repeating: "问", count: 2001)], "不能超过2000个字"),
            ] {
                let refused = try await member.post("/staff/rectification", form: form.merging(change) { $1 })
                #expect(refused.status == .unprocessableContent, "\(change)")
                let body = text(refused)
                #expect(body.contains(reason) && body.contains("id=\"rectification-error\""), "\(change)")
                #expect(body.contains("修订接待办法"), "what was typed is kept")
            }
            #expect(try await member.post("/staff/rectification", form: form.merging(["csrf": "forged"]) { $1 }).status == .forbidden)
            #expect(try await installation.store.rectificationItems(inspectionID: DemoData.inspection.id).count == 1)

            // Two people edit the same item: the second is shown the first's entry and keeps their own.
            let editURI = "/staff/rectification/\(item.id)"
            let editPage = text(try await member.get(editURI))
            let seen = try Browser.field("seen_at", in: editPage)
            let leader = Browser(client)
            try await leader.logIn("zuzhang", try #require(passwords["zuzhang"]))
            let leaderCSRF = try await leader.csrf(from: editURI)
            let first = try await leader.post(editURI, form: form.merging(["csrf": leaderCSRF, "seen_at": seen, "progress": "已印发新办法"]) { $1 })
            #expect(first.status == .seeOther)
            let clash = try await member.post(editURI, form: form.merging(["seen_at": seen, "progress": "正在征求意见"]) { $1 })
            #expect(clash.status == .conflict)
            let clashPage = text(clash)
            #expect(clashPage.contains("刚刚被他人修改") && clashPage.contains("id=\"theirs\"") && clashPage.contains("已印发新办法"))
            #expect(clashPage.contains("正在征求意见"), "the member's own entry is kept in the form")
            let fresh = try Browser.field("seen_at", in: clashPage)
            let second = try await member.post(editURI, form: form.merging(["seen_at": fresh, "progress": "正在征求意见"]) { $1 })
            #expect(second.status == .seeOther)
            #expect(try await installation.store.rectificationItem(id: item.id)?.progress == "正在征求意见")
            #expect(try await member.get("/staff/rectification/no-such-item").status == .notFound)
        }
    }

    @Test func theAPIGivesLedgersAsRowsOrFilesAndKeepsTheRectificationLedger() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let token = try await StaffAPITests.token(b, "zuyuan", password)
            let auth: HTTPFields = [.authorization: "Bearer \(token)"]
            let web = try json(try await b.send("/api/v1/ledgers/web", .get, headers: auth, body: nil))
            #expect(web["title"] as? String == "市委第四巡察组网上及电子邮件举报登记簿" && web["with_identities"] as? Bool == false)
            #expect((web["columns"] as? [String])?.prefix(3) == ["序号", "编号", "收到时间"])
            #expect((web["rows"] as? [[String]])?.count == 2 && (web["row_ids"] as? [String])?.count == 2)
            #expect(web["total"] as? Int == 2 && web["offset"] as? Int == 0)
            // A slice, cut in the database: the second row, numbered 2 in the whole register.
            let slice = try json(try await b.send("/api/v1/ledgers/web?offset=1&limit=1", .get, headers: auth, body: nil))
            #expect((slice["rows"] as? [[String]])?.map { $0.first } == ["2"] && slice["total"] as? Int == 2 && slice["offset"] as? Int == 1)
            #expect((slice["row_ids"] as? [String]) == (web["row_ids"] as? [String]).map { Array($0.suffix(1)) })
            // An offset alone: every row from there.
            let rest = try json(try await b.send("/api/v1/ledgers/web?offset=1", .get, headers: auth, body: nil))
            #expect((rest["rows"] as? [[String]])?.count == 1 && rest["offset"] as? Int == 1)
            for bad in ["limit=0", "limit=1001", "offset=-1", "limit=ten"] {
                #expect(try errorCode(try await b.send("/api/v1/ledgers/web?\(bad)", .get, headers: auth, body: nil)) == "invalid_page")
            }
            let csv = try await b.send("/api/v1/ledgers/calls?format=csv", .get, headers: auth, body: nil)
            #expect(Array(csv.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(try errorCode(try await b.send("/api/v1/ledgers/calls?format=pdf", .get, headers: auth, body: nil)) == "invalid_format")
            #expect(try errorCode(try await b.send("/api/v1/ledgers/calls?identities=1", .get, headers: auth, body: nil)) == "forbidden")
            #expect(try errorCode(try await b.send("/api/v1/ledgers/calls?to=tomorrow", .get, headers: auth, body: nil)) == "invalid_date")

            var headers = auth
            headers[.contentType] = "application/json"
            let created = try await b.send(
                "/api/v1/rectification",
                .post,
                headers: headers,
                body: ByteBuffer(string: #"{"problem":"档案管理不规范","state":"未启动","deadline":"2023-07-31"}"#)
            )
            #expect(created.status == .created)
            let body = try json(created)
            let item = try #require(body["item"] as? [String: Any])
            let id = try #require(item["id"] as? String)
            let version = try #require(body["version"] as? String)
            #expect(item["state"] as? String == "not_started" && item["sequence"] as? Int == 1)
            let changed = try await b.send(
                "/api/v1/rectification/\(id)",
                .patch,
                headers: headers,
                body: ByteBuffer(string: #"{"state":"in_progress","seen_at":"\#(version)"}"#)
            )
            #expect(changed.status == .ok)
            let stale = try await b.send(
                "/api/v1/rectification/\(id)",
                .patch,
                headers: headers,
                body: ByteBuffer(string: #"{"state":"closed","seen_at":"\#(version)"}"#)
            )
            #expect(stale.status == .conflict)
            #expect(try errorCode(stale) == "changed_meanwhile")
            let listed = try json(try await b.send("/api/v1/rectification", .get, headers: auth, body: nil))["items"] as? [[String: Any]]
            #expect(listed?.count == 1 && (listed?.first?["item"] as? [String: Any])?["state"] as? String == "in_progress")
            #expect(try errorCode(try await b.send("/api/v1/rectification", .post, headers: headers, body: ByteBuffer(string: "{"))) != nil)
        }
    }

    static let openpyxlAvailable: Bool = (try? python("import openpyxl", [])) != nil

    /// Runs a script with Debian's Python 3 (where `apt-get install python3-openpyxl` puts the
    /// module), or the first `python3` on the path; its standard output, or an error when it fails.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", script] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script] + arguments
        }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self)
    }
}
