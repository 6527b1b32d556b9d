import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaDesk
import XunchaWeb

/// A letter registered in the console with its scans: the form is multipart, the scans are kept
/// sealed and listed with the report; a file that is no scan is refused with what was typed kept.
@Suite struct RegistrationScanTests {
    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 56))

    @Test func aLetterWithItsScansIsRegisteredAndTheScansListed() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let b = Browser(client)
            try await b.logIn("zuyuan", password)
            let page = String(buffer: try await b.get("/staff/register/letter").body)
            #expect(page.contains(#"enctype="multipart/form-data""#) && page.contains(#"type="file""#))
            let csrf = try Browser.field("csrf", in: page)
            let fields = [
                ("csrf", csrf), ("received_at", "2023-03-10T09:00"), ("postmark", "2023-03-08"), ("content", "来信反映某站长虚报冒领补贴。"),
            ]

            let notAScan = ReporterAttachmentTests.multipart(
                fields,
                files: [(name: "scans", filename: "信.exe", type: "application/octet-stream", data: ReporterAttachmentTests.program)]
            )
            let refused = try await b.send("/staff/register/letter", .post, headers: [.contentType: notAScan.contentType], body: notAScan.body)
            #expect(refused.status == .unprocessableContent)
            #expect(String(buffer: refused.body).contains("来信反映某站长虚报冒领补贴。"))

            let letter = ReporterAttachmentTests.multipart(
                fields,
                files: [
                    (name: "scans", filename: "第1页.png", type: "image/png", data: Self.png),
                    (name: "scans", filename: "第2页.pdf", type: "application/pdf", data: ReporterAttachmentTests.pdf),
                ]
            )
            let saved = try await b.send("/staff/register/letter", .post, headers: [.contentType: letter.contentType], body: letter.body)
            #expect(saved.status == .created)
            let body = String(buffer: saved.body)
            let id = try #require(
                body.range(of: #"id="report-id" href="/staff/reports/"#).map { String(body[$0.upperBound...].prefix { $0 != "\"" }) }
            )
            let report = String(buffer: try await b.get("/staff/reports/\(id)").body)
            #expect(report.contains("第1页.png") && report.contains("第2页.pdf"))
            let stored = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 50, offset: 0)
            #expect(stored.contains { $0.id == id && $0.channel == .letter })
        }
    }
}
