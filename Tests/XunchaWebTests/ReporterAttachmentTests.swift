import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The reporter's files: attached to an addition on the status page (multipart form), kept sealed
/// and listed for staff; a refused type keeps the typed text; too large a body is a clear 413.
@Suite struct ReporterAttachmentTests {
    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)
    static let program = Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + Array(repeating: 0, count: 56))

    /// A multipart/form-data body as a browser sends it.
    static func multipart(
        _ fields: [(String, String)],
        files: [(name: String, filename: String, type: String, data: Data)]
    ) -> (
        contentType: String, body: ByteBuffer
    ) {
        let boundary = "----XunchaTestBoundary\(UUID().uuidString.prefix(8))"
        var body = Data()
        for (name, value) in fields {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        for f in files {
            body.append(
                Data(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(f.name)\"; filename=\"\(f.filename)\"\r\nContent-Type: \(f.type)\r\n\r\n"
                        .utf8
                )
            )
            body.append(f.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(boundary)--\r\n".utf8))
        return ("multipart/form-data; boundary=\(boundary)", ByteBuffer(data: body))
    }

    /// A report through the public form, its code, and the form token of the reporter's browser.
    static func report(_ b: Browser, content: String) async throws -> (code: String, csrf: String) {
        let csrf = try await b.csrf(from: "/")
        let page = text(try await b.report(["csrf": csrf, "content": content]))
        let code = try #require(Browser.queryCode(in: page))
        let status = text(try await b.post("/status", form: ["csrf": csrf, "query_code": code]))
        #expect(status.contains(#"enctype="multipart/form-data""#))
        #expect(status.contains(#"action="/status/attach""#))
        return (code, csrf)
    }

    static func upload(_ b: Browser, _ form: (contentType: String, body: ByteBuffer)) async throws -> TestResponse {
        try await b.send("/status/attach", .post, headers: [.contentType: form.contentType], body: form.body)
    }

    static func reportID(_ store: SQLStore, content: String) async throws -> String {
        try #require(try await store.reports(inspectionID: nil, includeUnassigned: true, limit: 50, offset: 0).first { $0.content == content }?.id)
    }

    @Test func aFileAttachedToAnAdditionIsListedForStaff() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (code, csrf) = try await Self.report(reporter, content: "反映某科长违规报销差旅费。")
            let sent = try await Self.upload(
                reporter,
                Self.multipart(
                    [("csrf", csrf), ("query_code", code), ("content", "附上报销单据的扫描件。")],
                    files: [
                        ("files", "报销单据.pdf", "application/pdf", Self.pdf),
                        // Over the text forms' limit (about 250 KB): the upload has its own limit.
                        ("files", "scan.pdf", "application/pdf", Self.pdf + Data(count: 3 * 1_048_576)),
                        ("files", "", "application/octet-stream", Data()),
                    ]
                )
            )
            #expect(sent.status == .ok)
            #expect(text(sent).contains("补充材料已收到（附件2个）"))
            #expect(text(sent).contains("附上报销单据的扫描件。"))

            let id = try await Self.reportID(installation.store, content: "反映某科长违规报销差旅费。")
            let staff = Browser(client)
            try await staff.logIn("zuzhang", try #require(installation.passwords["zuzhang"]))
            let page = text(try await staff.get("/staff/reports/\(id)"))
            #expect(page.contains("报销单据.pdf"))
            #expect(page.contains("scan.pdf"))
            #expect(page.contains("application/pdf"))
            let file = try await staff.get("/staff/reports/\(id)/attachments/0")
            #expect(Data(buffer: file.body) == Self.pdf)
            let trail = try await installation.store.auditEvents(subject: .report, id: id)
            #expect(trail.contains { $0.action == "report.attachments_added" && $0.actor == "public" })
            #expect(trail.contains { $0.action == "report.added_to" })
        }
    }

    @Test func aRefusedTypeIsExplainedAndTheTextKept() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (code, csrf) = try await Self.report(reporter, content: "反映某单位违规发放津贴。")
            let refused = try await Self.upload(
                reporter,
                Self.multipart(
                    [("csrf", csrf), ("query_code", code), ("content", "这是我要补充的<说明>文字。")],
                    files: [("files", "材料.pdf", "application/pdf", Self.pdf), ("files", "工具.exe", "application/octet-stream", Self.program)]
                )
            )
            #expect(refused.status == .unprocessableContent)
            let page = text(refused)
            #expect(page.contains("工具.exe"))
            #expect(page.contains("可执行程序"))
            #expect(page.contains("这是我要补充的&lt;说明&gt;文字。"))
            #expect(page.contains(#"enctype="multipart/form-data""#))
            let id = try await Self.reportID(installation.store, content: "反映某单位违规发放津贴。")
            #expect(try await installation.store.attachments(reportID: id).isEmpty)
            #expect(try await installation.store.report(id: id)?.additions.isEmpty == true)
        }
    }

    @Test func anOversizedUploadIsRefusedWithAClearPage() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (code, csrf) = try await Self.report(reporter, content: "反映某单位超标配车。")
            let big = Data(count: PublicPagesLimits.upload + 1024)
            let refused = try await Self.upload(
                reporter,
                Self.multipart([("csrf", csrf), ("query_code", code)], files: [("files", "录像.mp4", "video/mp4", big)])
            )
            #expect(refused.status == .contentTooLarge)
            #expect(text(refused).contains("上传的内容过大（上限20MB）"))
            let id = try await Self.reportID(installation.store, content: "反映某单位超标配车。")
            #expect(try await installation.store.attachments(reportID: id).isEmpty)
        }
    }

    @Test func anUploadWithoutTheFormTokenIsRefused() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (code, _) = try await Self.report(reporter, content: "反映某单位违规招待。")
            let refused = try await Self.upload(
                reporter,
                Self.multipart([("csrf", "forged"), ("query_code", code)], files: [("files", "材料.pdf", "application/pdf", Self.pdf)])
            )
            #expect(refused.status == .forbidden)
            let id = try await Self.reportID(installation.store, content: "反映某单位违规招待。")
            #expect(try await installation.store.attachments(reportID: id).isEmpty)
        }
    }
}

/// The upload limit as the tests know it (the app's constant is internal).
enum PublicPagesLimits {
    static let upload = 20 * 1_048_576
}
