import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore

@testable import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The form promises 20,000 characters: as many are taken whatever their encoding costs, and a
/// body past the limit brings the form back with the text and the limit in characters.
@Suite struct LongReportTests {
    /// A form body with its fields in the order given, as a browser sends them (the token first).
    static func formBody(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&"))
    }

    static func postForm(_ b: Browser, _ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await b.send(uri, .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: formBody(fields))
    }

    /// 20,000 characters of Chinese (9 bytes each form-encoded) and of emoji (12 bytes each).
    @Test(arguments: ["举", "😀"])
    func theLongestReportTheFormPromisesIsTaken(_ character: String) async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let content = "反映某局长的问题：" + String(repeating: character, count: Submission.maxContentLength - 9)
            #expect(content.count == Submission.maxContentLength)
            let sent = try await Self.postForm(b, "/report", [("csrf", csrf), ("content", content), ("reporter[name]", "周某")])
            #expect(sent.status == .seeOther)
            let received = try await b.followRedirect(sent)
            #expect(text(received).contains(#"id="query-code""#))
            let stored = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 10, offset: 0)
            #expect(stored.contains { $0.content == content })
        }
    }

    @Test func theLongestReportIsTakenAsMultipartToo() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let content = String(repeating: "报", count: Submission.maxContentLength)
            let form = ReporterAttachmentTests.multipart([("csrf", csrf), ("content", content)], files: [])
            let sent = try await b.send("/report", .post, headers: [.contentType: form.contentType], body: form.body)
            #expect(sent.status == .seeOther)
            let stored = try await installation.store.reports(inspectionID: nil, includeUnassigned: true, limit: 10, offset: 0)
            #expect(stored.contains { $0.content == content })
        }
    }

    /// One character too many is told in characters, with the text back in the form.
    @Test func oneCharacterTooManyIsCountedAndTheTextKept() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let content = String(repeating: "长", count: Submission.maxContentLength + 1)
            let refused = try await Self.postForm(b, "/report", [("csrf", csrf), ("content", content)])
            #expect(refused.status == .unprocessableContent)
            #expect(text(refused).contains("不能超过20000个字（现有20001个字）"))
            #expect(text(refused).contains(content))
        }
    }

    /// A body past the byte limit (a client that ignores the form's maxlength): the form comes
    /// back with what arrived within the limit, the limit said in characters, never in bytes.
    @Test func aBodyPastTheLimitBringsTheFormBackWithTheText() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let content = String(repeating: "😀", count: 30_000)
            let refused = try await Self.postForm(b, "/report", [("csrf", csrf), ("reporter[name]", "周某"), ("content", content)])
            #expect(refused.status == .contentTooLarge)
            let page = text(refused)
            #expect(page.contains("最多20000字"))
            #expect(page.range(of: "[0-9] *KB", options: .regularExpression) == nil)
            #expect(page.contains(#"value="周某""#))
            #expect(page.contains(String(repeating: "😀", count: 15_000)), "the text that arrived comes back")
            #expect(page.contains("<textarea"))
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == 4)
            // Cut before its token (sent last): refused for its size all the same.
            let tokenLast = try await Self.postForm(b, "/report", [("content", content), ("csrf", csrf)])
            #expect(tokenLast.status == .contentTooLarge)
            #expect(text(tokenLast).contains("最多20000字"))
            // Cut inside an escape or a character: the field ends at the last whole character.
            let cut = try await Self.postForm(b, "/report", [("csrf", csrf), ("content", "a" + content)])
            #expect(cut.status == .contentTooLarge)
            #expect(text(cut).contains("<textarea"))
        }
    }

    /// A large anonymous upload with a forged token, or a file before the token, is refused on
    /// the token; an over-limit upload with the right token keeps the typed addition.
    @Test func anUploadIsCheckedForItsTokenBeforeItsFiles() async throws {
        let installation = try await TestInstallation.make()
        try await installation.test { client async throws in
            let reporter = Browser(client)
            let (code, csrf) = try await ReporterAttachmentTests.report(reporter, content: "反映某单位违规发放津贴。")
            let big = Data(count: 2 * 1_048_576)
            let forged = try await ReporterAttachmentTests.upload(
                reporter,
                ReporterAttachmentTests.multipart(
                    [("csrf", "forged-token-forged-token-forged-token"), ("query_code", code)],
                    files: [("files", "a.pdf", "application/pdf", big)]
                )
            )
            #expect(forged.status == .forbidden)
            let fileFirst = try await ReporterAttachmentTests.upload(
                reporter,
                ReporterAttachmentTests.multipart([], files: [("files", "a.pdf", "application/pdf", big)])
            )
            #expect(fileFirst.status == .forbidden)
            let tooLarge = try await ReporterAttachmentTests.upload(
                reporter,
                ReporterAttachmentTests.multipart(
                    [("csrf", csrf), ("query_code", code), ("content", "补充一段说明。")],
                    files: [("files", "big.pdf", "application/pdf", Data(count: PublicPages.maxUploadBytes + 1))]
                )
            )
            #expect(tooLarge.status == .contentTooLarge)
            #expect(text(tooLarge).contains("20MB"))
            #expect(text(tooLarge).contains("补充一段说明。"))
        }
    }
}
