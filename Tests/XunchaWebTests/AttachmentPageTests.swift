import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore
import XunchaWeb

@Suite struct AttachmentPageTests {
    private static let pdf = Data("%PDF-1.7\n举报材料 attachment-words\n%%EOF".utf8)

    @Test func staffSeeAReportsFilesAndEachDownloadIsAudited() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        let adminPassword = try #require(installation.passwords["admin"])
        let report = try #require(try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 1, offset: 0).first)
        let files = AttachmentStore(store: installation.store, keys: installation.keys, dataFolder: installation.folder)
        try await files.add(
            [
                NewAttachment(filename: "材料 <b>1.pdf", declaredType: "application/pdf", data: Self.pdf),
                NewAttachment(filename: "page.html", declaredType: "text/html", data: Data("<script>alert(1)</script>".utf8)),
            ],
            to: report.id,
            actor: .system,
            at: Date()
        )
        try await installation.test { client async throws in
            let staff = Browser(client)
            try await staff.logIn("zuyuan", password)
            let page = String(buffer: try await staff.get("/staff/reports/\(report.id)").body)
            #expect(page.contains("id=\"report-attachments\""))
            #expect(page.contains("材料 &lt;b&gt;1.pdf"))
            #expect(page.contains("/staff/reports/\(report.id)/attachments/0"))
            #expect(page.contains(#"<tr><td>1</td><td><a href="/staff/reports/\#(report.id)/attachments/0">"#), "people count from 1")

            let download = try await staff.get("/staff/reports/\(report.id)/attachments/0")
            #expect(download.status == .ok)
            #expect(Data(buffer: download.body) == Self.pdf)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            #expect(download.headers[.contentDisposition]?.contains("filename*=UTF-8''%E6%9D%90%E6%96%99") == true)
            let html = try await staff.get("/staff/reports/\(report.id)/attachments/1")
            #expect(html.headers[.contentType] == "application/octet-stream")
            #expect(try await staff.get("/staff/reports/\(report.id)/attachments/7").status == .notFound)
            let trail = try await installation.store.auditEvents(subject: .report, id: report.id)
            #expect(trail.filter { $0.action == "report.attachment_viewed" }.map(\.detail) == ["0", "1"])

            // The admin runs the system but opens no report's files.
            let admin = Browser(client)
            try await admin.logIn("admin", adminPassword)
            #expect(try await admin.get("/staff/reports/\(report.id)/attachments/0").status == .forbidden)
            let anonymous = Browser(client)
            #expect(try await anonymous.get("/staff/reports/\(report.id)/attachments/0").headers[.location] == "/staff/login")
            let after = try await installation.store.auditEvents(subject: .report, id: report.id)
            #expect(after.filter { $0.action == "report.attachment_viewed" }.count == 2)
        }
    }

    @Test func theAPIListsAndDownloadsAReportsFiles() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuzhang"])
        let adminPassword = try #require(installation.passwords["admin"])
        let report = try #require(try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 1, offset: 0).first)
        try await AttachmentStore(store: installation.store, keys: installation.keys, dataFolder: installation.folder).add(
            [NewAttachment(filename: "材料.pdf", declaredType: "application/octet-stream", data: Self.pdf)],
            to: report.id,
            actor: .system,
            at: Date()
        )
        try await installation.test { client async throws in
            let b = Browser(client)
            let auth: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "zuzhang", password))"]
            let list = try await b.send("/api/v1/reports/\(report.id)/attachments", .get, headers: auth, body: nil)
            #expect(list.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [String: Any])
            let files = try #require(json["attachments"] as? [[String: Any]])
            #expect(files.count == 1)
            #expect(files.first?["filename"] as? String == "材料.pdf")
            #expect(files.first?["media_type"] as? String == "application/pdf")
            #expect(files.first?["size"] as? Int == Self.pdf.count)
            let file = try await b.send("/api/v1/reports/\(report.id)/attachments/0", .get, headers: auth, body: nil)
            #expect(Data(buffer: file.body) == Self.pdf)
            #expect(try await b.send("/api/v1/reports/\(report.id)/attachments", .get, headers: [:], body: nil).status == .unauthorized)
            let admin: HTTPFields = [.authorization: "Bearer \(try await StaffAPITests.token(b, "admin", adminPassword))"]
            #expect(try await b.send("/api/v1/reports/\(report.id)/attachments/0", .get, headers: admin, body: nil).status == .forbidden)
            let trail = try await installation.store.auditEvents(subject: .report, id: report.id)
            #expect(trail.filter { $0.action == "report.attachment_viewed" }.count == 1)
        }
    }

    @Test func mailKeepsTheRawMessageAndItsAttachmentsOnce() async throws {
        let installation = try await TestInstallation.make()
        let desks = installation.desks()
        let sink = desks.mail
        let raw = Array(
            """
            From: =?UTF-8?B?5byg5LiJ?= <zhangsan@example.cn>
            Subject: =?UTF-8?B?5Li+5oql?=
            Message-ID: <attach-1@example.cn>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b"

            --b
            Content-Type: text/plain; charset=utf-8

            某局长收受礼金。
            --b
            Content-Type: application/octet-stream; name="=?UTF-8?B?5p2Q5paZLnBkZg==?="
            Content-Transfer-Encoding: base64

            \(Self.pdf.base64EncodedString())
            --b
            Content-Type: application/x-msdownload; name="setup.exe"
            Content-Transfer-Encoding: base64

            TVqQAAMAAAAEAAAA
            --b--

            """.replacingOccurrences(of: "\n", with: "\r\n").utf8
        )
        let message = MailReader().read(raw)
        let mail = MailSubmissionBuilder().submission(from: message, arrivedAt: Date())
        guard case .registered(let id) = try await sink.register(mail, raw: raw, messageID: message.messageID) else {
            Issue.record("not registered")
            return
        }
        let kept = try await desks.attachments.list(reportID: id)
        #expect(kept.map(\.filename) == ["原始邮件.eml", "材料.pdf"])
        #expect(kept.map(\.mediaType) == ["message/rfc822", "application/pdf"])
        #expect(try desks.attachments.read(kept[0]) == Data(raw))
        #expect(try desks.attachments.read(kept[1]) == Self.pdf)
        let notes = try #require(try await installation.store.intakeNotes(reportID: id))
        #expect(notes.contains("attachment_not_stored") && notes.contains("\"part\":\"3\"") && notes.contains("attachment_executable"))
        #expect(!notes.contains("setup"))

        #expect(try await sink.register(mail, raw: raw, messageID: message.messageID) == .duplicate(reportID: id))
        #expect(try await desks.attachments.list(reportID: id).count == 2)
        try await installation.store.close()
        try? FileManager.default.removeItem(atPath: installation.folder.path)
    }
}
