import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore

@testable import XunchaWeb

/// When more reports wait for the writer than its queue holds, a report is refused at once with
/// 503 and Retry-After, and nothing is saved: the API says so with a code, the public form comes
/// back with what was typed.
@Suite struct WriterBusyTests {
    @Test func theAPIAnswers503WithRetryAfterAndSavesNothing() async throws {
        let installation = try await TestInstallation.make(writerQueue: 0)
        let before = try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true)
        try await installation.test { client async throws in
            let b = Browser(client)
            let answer = try await b.postJSON("/api/v1/reports", #"{"content":"某某局长收受红包，请巡察组核查。"}"#)
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.headers[.retryAfter] == "2")
            let body = String(buffer: answer.body)
            #expect(body.contains(#""code":"busy""#) && body.contains("尚未保存") && body.contains("not saved"))
            #expect(try await installation.store.reportCount(inspectionID: nil, includeUnassigned: true) == before)
        }
    }

    @Test func theFormComesBackWithWhatWasTypedAnd503() async throws {
        let installation = try await TestInstallation.make(writerQueue: 0)
        try await installation.test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let content = "反映某局长收受购物卡的问题，请巡察组核查。"
            let answer = try await LongReportTests.postForm(b, "/report", [("csrf", csrf), ("content", content)])
            #expect(answer.status == .serviceUnavailable)
            #expect(answer.headers[.retryAfter] == "2")
            let page = String(buffer: answer.body)
            #expect(page.contains(content))
            #expect(page.contains("您的反映尚未保存"))
        }
    }
}
