import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// Leads, working papers and the handover in the console, on a real server over HTTP: the lead's
/// page, a paper through its steps by three accounts, the handover page and its download, and
/// the refusals each form gives.
@Suite struct LeadPageTests {
    /// The demo installation with a deputy leader besides its leader and member; its password.
    static func installation() async throws -> (TestInstallation, deputyPassword: String) {
        let installation = try await TestInstallation.make()
        let inspection = try #require(try await installation.store.inspections().first)
        let created = try await installation.desks().admin.createStaff(
            .system,
            StaffAccountInput(username: "fuzuzhang", displayName: "示例副组长", role: "deputy", inspectionId: inspection.id)
        )
        try await installation.confirm("fuzuzhang")
        return (installation, created.oneTimePassword)
    }

    /// The leader accepts the demo's report about shopping cards; the lead it makes, set to go to
    /// the discipline commission and visible to the whole group.
    static func acceptedLead(_ leader: Browser, _ store: SQLStore) async throws -> Lead {
        let reports = try await store.reports(inspectionID: nil, includeUnassigned: true, limit: 20, offset: 0)
        let report = try #require(reports.first { $0.content.contains("购物卡") })
        let page = text(try await leader.get("/staff/reports/\(report.id)"))
        let csrf = try Browser.field("csrf", in: page)
        let decided = try await leader.post("/staff/reports/\(report.id)/decision", form: ["csrf": csrf, "outcome": "accept", "reason": "予以受理"])
        #expect(decided.status == .seeOther)
        let leadID = try #require(try await store.decisions(reportID: report.id).last?.leadID)
        if try await store.lead(id: leadID)?.aboutPrincipal == true {
            try await leader.post("/staff/leads/\(leadID)/principal", form: ["csrf": csrf, "about_principal": "0"])
        }
        return try #require(try await store.lead(id: leadID))
    }

    static func paperForm(_ csrf: String, title: String = "违规收受购物卡") -> [String: String] {
        [
            "csrf": csrf, "title": title, "date": "2023-04-10", "unit": "市委老干部局", "source": "信访举报",
            "how_found": "受理信访举报，调阅财务凭证", "summary": "2022年中秋前后多次收受下属单位购物卡，每次约2000元。",
            "materials[0]": "购物卡发放记录", "materials[1]": "", "materials[2]": "谈话记录",
        ]
    }

    @Test func aPaperGoesThroughItsStepsByThreeAccountsAndTheLeaderHandsItOver() async throws {
        let (installation, deputyPassword) = try await Self.installation()
        let store = installation.store
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            let deputy = Browser(client)
            try await deputy.logIn("fuzuzhang", deputyPassword)
            let lead = try await Self.acceptedLead(leader, store)

            // The list and the lead's page, for the member too.
            let list = text(try await member.get("/staff/leads"))
            #expect(list.contains(lead.number) && list.contains("/staff/leads/\(lead.id)") && list.contains("未起草"))
            let leadPath = "/staff/leads/\(lead.id)"
            var page = text(try await member.get(leadPath))
            #expect(page.contains(#"id="lead-number">\#(lead.number)<"#))
            #expect(page.contains(#"id="lead-form""#) && page.contains(#"id="paper-form""#) && page.contains(#"id="material-form""#))
            #expect(!page.contains(#"id="principal-form""#), "only the leader marks a lead as the principal's")
            var csrf = try Browser.field("csrf", in: page)

            // The member sets the kind, uploads a note of an interview, drafts the paper.
            var edited = try await member.post(
                leadPath,
                form: [
                    "csrf": csrf, "subject[name]": lead.subject.name, "subject[unit]": "市委老干部局", "subject[post]": "科长",
                    "summary": "多次收受下属单位购物卡。", "kind": "discipline",
                ]
            )
            #expect(edited.status == .seeOther && edited.headers[.location] == "\(leadPath)?done=updated#lead")
            let upload = ReporterAttachmentTests.multipart(
                [("csrf", csrf), ("note", "与财务人员谈话记录")],
                files: [(name: "files", filename: "谈话记录.pdf", type: "application/pdf", data: ReporterAttachmentTests.pdf)]
            )
            let uploaded = try await member.send("\(leadPath)/materials", .post, headers: [.contentType: upload.contentType], body: upload.body)
            #expect(uploaded.status == .seeOther)
            let drafted = try await member.post("\(leadPath)/paper", form: Self.paperForm(csrf))
            #expect(drafted.status == .seeOther)
            page = text(try await member.get(leadPath))
            #expect(page.contains("谈话记录.pdf") && page.contains("与财务人员谈话记录"))
            #expect(page.contains("市四巡底〔2023〕第01号") || page.contains("巡底〔2023〕第01号"))
            let paper = try #require(try await store.papers(inspectionID: lead.inspectionID).first)
            #expect(paper.materials == ["购物卡发放记录", "谈话记录"])
            // The material's download is audited.
            let file = try await member.get("\(leadPath)/materials/0")
            #expect(file.status == .ok && file.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            #expect(try await store.auditEvents(subject: .lead, id: lead.id).contains { $0.action == AuditAction.leadMaterialViewed.rawValue })

            // Submitted by the member; the member cannot sign it, in Core's words.
            try await member.post("/staff/papers/\(paper.id)/submit", form: ["csrf": csrf, "comment": ""])
            let signByMember = try await member.post("/staff/papers/\(paper.id)/sign", form: ["csrf": csrf])
            #expect(signByMember.status == .forbidden)
            #expect(text(signByMember).contains("签发底稿应由组长进行，承办人不能签发底稿。"))
            // The leader cannot sign before the deputy's review.
            csrf = try Browser.field("csrf", in: text(try await leader.get(leadPath)))
            let early = try await leader.post("/staff/papers/\(paper.id)/sign", form: ["csrf": csrf])
            #expect(early.status == .conflict && text(early).contains("底稿尚未经副组长审核，不能签发。"))
            // The deputy sees the review form and reviews.
            page = text(try await deputy.get(leadPath))
            #expect(page.contains(#"id="review-form""#) && !page.contains(#"id="sign-form""#))
            let deputyCSRF = try Browser.field("csrf", in: page)
            let reviewed = try await deputy.post("/staff/papers/\(paper.id)/review", form: ["csrf": deputyCSRF, "comment": "事实清楚"])
            #expect(reviewed.headers[.location] == "\(leadPath)?done=reviewed#paper")
            // The leader signs.
            page = text(try await leader.get(leadPath))
            #expect(page.contains(#"id="sign-form""#))
            try await leader.post("/staff/papers/\(paper.id)/sign", form: ["csrf": csrf, "comment": "同意移交"])
            #expect(try await store.paper(id: paper.id)?.isSigned == true)
            page = text(try await leader.get("\(leadPath)?done=signed"))
            #expect(page.contains("已签发问题底稿。") && page.contains(#"id="paper-state">已签发<"#))

            // The print view: the sheet on A4, every signer named, no script.
            let printed = try await member.get("/staff/papers/\(paper.id)/print")
            let sheet = text(printed)
            #expect(printed.status == .ok)
            #expect(sheet.contains("问题底稿") && sheet.contains(paper.number) && sheet.contains("购物卡发放记录"))
            #expect(sheet.contains("示例组员") && sheet.contains("示例副组长") && sheet.contains("示例组长"))
            #expect(!sheet.contains("<script") && sheet.contains(#"class="print-view""#))

            // The handover: only the leader.
            #expect(try await member.get("/staff/handover").status == .forbidden)
            #expect(
                try await member.post(
                    "/staff/handover/discipline",
                    form: ["csrf": try Browser.field("csrf", in: text(try await member.get(leadPath)))]
                ).status == .forbidden
            )
            page = text(try await leader.get("/staff/handover"))
            #expect(page.contains(lead.number) && page.contains(#"action="/staff/handover/discipline""#))
            let made = try await leader.post("/staff/handover/discipline", form: ["csrf": csrf])
            #expect(made.status == .seeOther)
            page = text(try await leader.get("/staff/handover?done=created"))
            let archive = try #require(try await store.handovers(inspectionID: lead.inspectionID).first)
            #expect(page.contains(archive.number) && page.contains(archive.sha256))
            let download = try await leader.get("/staff/handover/archives/\(archive.id)")
            #expect(download.status == .ok && download.headers[.contentType] == "application/zip")
            let bytes = Array(download.body.readableBytesView)
            #expect(ArchiveVerifier.verify(bytes: bytes) == .ok(fileCount: archive.fileCount))
            #expect(SHA256.hash(data: bytes).hexString == archive.sha256)
            let trail = try await store.auditEvents(subject: .handover, id: archive.id).map(\.action)
            #expect(trail == [AuditAction.handoverCreated.rawValue, AuditAction.handoverDownloaded.rawValue])
            #expect(try await member.get("/staff/handover/archives/\(archive.id)").status == .forbidden)
            // Handed over, the lead takes no more changes.
            #expect(try await store.lead(id: lead.id)?.state == .handedOver)
            edited = try await leader.post(leadPath, form: ["csrf": csrf, "summary": "再改"])
            #expect(edited.status == .conflict)
        }
    }

    @Test func everyFormOfTheLeadsPageRefusesBadInputAndKeepsWhatWasTyped() async throws {
        let (installation, _) = try await Self.installation()
        let store = installation.store
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let leader = Browser(client)
            try await leader.logIn("zuzhang", leaderPassword)
            let member = Browser(client)
            try await member.logIn("zuyuan", memberPassword)
            let lead = try await Self.acceptedLead(leader, store)
            let path = "/staff/leads/\(lead.id)"
            let csrf = try Browser.field("csrf", in: text(try await member.get(path)))

            let cases: [([String: String], String)] = [
                (["subject[name]": " ", "summary": "摘要"], "请填写被反映人姓名。"),
                (["subject[name]": String(repeating: "张", count: 51), "summary": "摘要"], "被反映人姓名不能超过50个字"),
                (["subject[name]": "张某某", "summary": "有\u{0007}控制字符"], "线索摘要含有无法显示的控制字符"),
                (["subject[name]": "张某某", "summary": "摘要", "kind": "secret"], "请选择问题类型"),
            ]
            for (fields, message) in cases {
                let refused = try await member.post(path, form: fields.merging(["csrf": csrf]) { $1 })
                #expect(refused.status == .unprocessableContent)
                let page = text(refused)
                #expect(page.contains(message), "\(fields)")
                #expect(page.contains(#"id="lead-error""#))
            }
            #expect(try await store.lead(id: lead.id) == lead, "nothing changed")

            // A paper that comes back keeps what was typed.
            var form = Self.paperForm(csrf, title: "")
            form["summary"] = "已经写好的摘要"
            let noTitle = try await member.post("\(path)/paper", form: form)
            #expect(noTitle.status == .unprocessableContent)
            #expect(text(noTitle).contains("请填写标题。") && text(noTitle).contains("已经写好的摘要"))
            form = Self.paperForm(csrf)
            form["summary"] = String(repeating: "事", count: 5001)
            #expect(try await member.post("\(path)/paper", form: form).status == .unprocessableContent)
            form = Self.paperForm(csrf)
            form["how_found"] = "谈话\u{0001}"
            #expect(text(try await member.post("\(path)/paper", form: form)).contains("含有无法显示的控制字符"))
            #expect(try await store.papers(inspectionID: lead.inspectionID).isEmpty)

            // Material: an empty upload, a program.
            let empty = ReporterAttachmentTests.multipart([("csrf", csrf), ("note", "")], files: [])
            let noFile = try await member.send("\(path)/materials", .post, headers: [.contentType: empty.contentType], body: empty.body)
            #expect(noFile.status == .unprocessableContent && text(noFile).contains("请选择要上传的材料文件。"))
            let program = ReporterAttachmentTests.multipart(
                [("csrf", csrf)],
                files: [(name: "files", filename: "a.exe", type: "application/octet-stream", data: ReporterAttachmentTests.program)]
            )
            let refusedProgram = try await member.send("\(path)/materials", .post, headers: [.contentType: program.contentType], body: program.body)
            #expect(refusedProgram.status == .unprocessableContent && text(refusedProgram).contains(#"id="material-error""#))

            // A step: a return without a reason; a member returning is the wrong part.
            try await member.post("\(path)/paper", form: Self.paperForm(csrf))
            let paper = try #require(try await store.papers(inspectionID: lead.inspectionID).first)
            try await member.post("/staff/papers/\(paper.id)/submit", form: ["csrf": csrf])
            let leaderCSRF = try Browser.field("csrf", in: text(try await leader.get(path)))
            let noReason = try await leader.post("/staff/papers/\(paper.id)/return", form: ["csrf": leaderCSRF, "comment": ""])
            #expect(noReason.status == .unprocessableContent && text(noReason).contains("退回底稿时请说明退回理由。"))
            let wrongPart = try await member.post("/staff/papers/\(paper.id)/return", form: ["csrf": csrf, "comment": "我自己退回"])
            #expect(wrongPart.status == .forbidden && text(wrongPart).contains("退回底稿应由副组长或组长进行"))
            // The principal mark: the member may not; a bad value is refused.
            #expect(try await member.post("\(path)/principal", form: ["csrf": csrf, "about_principal": "1"]).status == .forbidden)
            #expect(try await leader.post("\(path)/principal", form: ["csrf": leaderCSRF]).status == .unprocessableContent)
            // Unknown leads and papers are not found; a wrong form token changes nothing.
            #expect(try await member.get("/staff/leads/no-such-lead").status == .notFound)
            #expect(try await member.post("/staff/leads/no-such-lead", form: ["csrf": csrf, "summary": "x"]).status == .notFound)
            #expect(try await member.post("/staff/papers/no-such-paper/submit", form: ["csrf": csrf]).status == .notFound)
            #expect(try await member.post(path, form: ["csrf": "wrong", "summary": "x"]).status == .forbidden)
            #expect(try await store.lead(id: lead.id)?.summary == lead.summary)
        }
    }

    @Test func theAPIEditsLeadsMovesPapersAndHandsOver() async throws {
        let (installation, deputyPassword) = try await Self.installation()
        let store = installation.store
        let leaderPassword = try #require(installation.passwords["zuzhang"])
        let memberPassword = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            let leaderPage = Browser(client)
            try await leaderPage.logIn("zuzhang", leaderPassword)
            let lead = try await Self.acceptedLead(leaderPage, store)
            let leader: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuzhang", "changed-\(leaderPassword)"))"]
            let member: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuyuan", memberPassword))"]
            let deputy: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "fuzuzhang", deputyPassword))"]
            func send(_ path: String, _ method: HTTPRequest.Method, _ who: HTTPFields, _ body: String? = nil) async throws -> TestResponse {
                var h = who
                if body != nil { h[.contentType] = "application/json" }
                return try await b.send(path, method, headers: h, body: body.map { ByteBuffer(string: $0) })
            }
            let got = try json(try await send("/api/v1/leads/\(lead.id)", .get, member))
            #expect((got["lead"] as? [String: Any])?["number"] as? String == lead.number && got["may_do"] as? [String] == ["draft"])
            let patched = try await send("/api/v1/leads/\(lead.id)", .patch, member, #"{"kind":"organization","summary":"干部选任问题"}"#)
            #expect(try json(patched)["kind"] as? String == "organization")
            #expect(try errorCode(try await send("/api/v1/leads/\(lead.id)", .patch, member, #"{"kind":"nope"}"#)) == "invalid_kind")
            let body = #"{"title":"违规提拔","unit":"市委老干部局","source":"信访","summary":"违规提拔干部","how_found":"查阅档案","materials":["干部档案"]}"#
            let created = try await send("/api/v1/leads/\(lead.id)/paper", .post, member, body)
            #expect(created.status == .created)
            let paperID = try #require(try json(created)["id"] as? String)
            #expect(try errorCode(try await send("/api/v1/papers/\(paperID)/review", .post, deputy)) == "paper_out_of_order")
            #expect(try await send("/api/v1/papers/\(paperID)/submit", .post, member).status == .ok)
            #expect(
                try json(try await send("/api/v1/papers/\(paperID)/review", .post, deputy, #"{"comment":"同意"}"#))["state"] as? String == "reviewed"
            )
            #expect(try errorCode(try await send("/api/v1/papers/\(paperID)/sign", .post, member)) == "paper_wrong_role")
            #expect(try json(try await send("/api/v1/papers/\(paperID)/sign", .post, leader))["state"] as? String == "signed")
            // The list as JSON, then the archive.
            #expect(try errorCode(try await send("/api/v1/handover/organization", .get, member)) == "forbidden")
            let plan = try json(try await send("/api/v1/handover/organization", .get, leader))
            #expect(plan["ready"] as? Bool == true && (plan["table"] as? [[String]])?.count == 2)
            let made = try await send("/api/v1/handover/organization", .post, leader)
            #expect(made.status == .created)
            let info = try json(made)
            let id = try #require(info["id"] as? String)
            let sha = try #require(info["sha256"] as? String)
            #expect(info["file_count"] as? Int == 5)
            let bytes = Array(try await send("/api/v1/handover/archives/\(id)", .get, leader).body.readableBytesView)
            #expect(SHA256.hash(data: bytes).hexString == sha)
            #expect(try errorCode(try await send("/api/v1/handover/nobody", .get, leader)) == "not_found")
        }
    }
}
