import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

@Suite struct ReportSourceTests {
    private let submission = Submission(
        channel: .email,
        content: "邮件内容",
        reporter: ReporterIdentity(email: "a@example.cn"),
        receivedAt: Date(timeIntervalSince1970: 1_741_051_202)
    )

    @Test func aSourceIsRegisteredOnceByAnyOfItsKeys() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let desks = installation.desks(store)
        let mail = desks.mail
        let bytes = Data("From: a@example.cn\r\n\r\n邮件内容".utf8)
        let keys = [ReportSourceKey.sha256(bytes), ReportSourceKey.messageID("m1@example.cn")]
        #expect(ReportSourceKey.sha256(Data("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")

        let first = try await mail.registerOnce(submission, sourceKeys: keys, intakeNotes: "[{\"kind\":\"missing_date\"}]")
        guard case .registered(let id) = first else {
            Issue.record("not registered: \(first)")
            return
        }
        // Same Message-ID, other bytes; same bytes, no Message-ID: both the same message.
        #expect(
            try await mail.registerOnce(submission, sourceKeys: ["sha256:other", keys[1]], intakeNotes: nil)
                == .duplicate(reportID: id)
        )
        #expect(try await mail.registerOnce(submission, sourceKeys: [keys[0]], intakeNotes: nil) == .duplicate(reportID: id))
        #expect(try await store.reportCount(inspectionID: nil, includeUnassigned: true) == 1)
        #expect(try await store.intakeNotes(reportID: id) == "[{\"kind\":\"missing_date\"}]")
        #expect(try await store.report(id: id)?.channel == .email)

        // The check inside the transaction holds even when the caller skipped the first one.
        await #expect(throws: StoreError.duplicateSource(reportID: id)) {
            _ = try await desks.intake.take(submission, caller: .system, .init(sourceKeys: [keys[1]]))
        }
        #expect(try await store.reportCount(inspectionID: nil, includeUnassigned: true) == 1)
        try await store.close()
        // The Message-ID names the sender's host: only its digest is kept.
        #expect(keys[1].hasPrefix("message-id-sha256:"))
        #expect(try await installation.databaseBytes().range(of: Data("m1@example.cn".utf8)) == nil)
    }
}
