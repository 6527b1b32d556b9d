import Foundation
import Testing
import XunchaCore

@testable import XunchaIntake

@Suite struct MailSubmissionTests {
    /// 2025-03-04 09:20 Beijing time, five minutes after the fixtures' Date header.
    static let arrival = Date(timeIntervalSince1970: 1_741_051_202)

    func submission(_ lines: [String], arrivedAt: Date = arrival) -> MailSubmission {
        MailSubmissionBuilder().submission(from: MailReader().read(mail(lines)), arrivedAt: arrivedAt)
    }

    @Test func contentIdentityAndTimeFromASignedLetter() throws {
        let s = MailSubmissionBuilder().submission(from: try MailFixture.read("gbk-labelled-gb2312.eml"), arrivedAt: Self.arrival)
        #expect(s.submission.channel == .email)
        #expect(s.submission.content == "主题：反映问题\n\n尊敬的巡察组：\n我是王喆，反映某局副局长朱镕基（化名）和李堃的问题。\n联系电话：13912345678")
        #expect(s.submission.reporter == ReporterIdentity(name: "王喆", phone: "13912345678", email: "wangzhe@example.cn"))
        #expect(s.submission.reporter.isRealName)
        // The Date header (09:15:02 +0800) is five minutes before arrival: believed.
        #expect(s.submission.receivedAt == Date(timeIntervalSince1970: 1_741_050_902))
        #expect(s.receivedAtSource == .dateHeader)
        #expect(throws: Never.self) { try s.submission.validated() }
    }

    @Test func signatureAfterTheDashLine() {
        let s = submission([
            "From: someone@example.cn", "Date: Tue, 04 Mar 2025 09:00:00 +0800", "Subject: x", "", "某科长上班时间打牌。", "-- ", "举报人：李四",
            "手机 139-0738-1234", "身份证号 430102199003074515",
        ])
        #expect(s.submission.reporter.name == "李四")
        #expect(s.submission.reporter.phone == "13907381234")
        #expect(s.submission.reporter.idNumber == "430102199003074515")
        #expect(s.submission.reporter.email == "someone@example.cn")
    }

    @Test func anonymousLetterKeepsOnlyTheAddress() {
        let s = submission(["From: =?utf-8?B?5byg5LiJ?= <x@example.cn>", "Date: Tue, 04 Mar 2025 09:00:00 +0800", "", "情况属实。", "一名匿名群众", "2025年3月4日"])
        #expect(s.submission.reporter == ReporterIdentity(email: "x@example.cn"))
        #expect(!s.submission.reporter.isRealName)
    }

    @Test func displayNameIsTheNameWhenTheSignatureHasNone() {
        let s = submission(["From: =?utf-8?B?5byg5LiJ?= <x@example.cn>", "Date: Tue, 04 Mar 2025 09:00:00 +0800", "", "情况属实，请核查。"])
        #expect(s.submission.reporter == ReporterIdentity(name: "张三", email: "x@example.cn"))
    }

    @Test func dateIn1970FallsBackToArrivalAndIsNoted() {
        let s = submission(["From: a@example.cn", "Date: Thu, 01 Jan 1970 00:00:00 +0000", "", "内容"])
        #expect(s.submission.receivedAt == Self.arrival)
        #expect(s.receivedAtSource == .arrival)
        let note = s.problems.first { $0.kind == .dateReplaced }
        #expect(note?.detail.contains("before the arrival") == true)
    }

    @Test func dateInTheFutureFallsBackToArrivalAndIsNoted() {
        let s = submission(["From: a@example.cn", "Date: Sat, 01 Jan 2028 08:00:00 +0800", "", "内容"])
        #expect(s.submission.receivedAt == Self.arrival)
        #expect(s.problems.contains { $0.kind == .dateReplaced && $0.detail.contains("after the arrival") })
    }

    @Test func smallClockSkewAheadMeansArrival() {
        // Ten minutes ahead of arrival: the sender's clock is fast; nothing arrives before it is sent.
        let s = submission(["From: a@example.cn", "Date: Tue, 04 Mar 2025 09:30:02 +0800", "", "内容"])
        #expect(s.submission.receivedAt == Self.arrival)
        #expect(s.receivedAtSource == .dateHeader)
        #expect(!s.problems.contains { $0.kind == .dateReplaced })
    }

    @Test func missingDateUsesArrival() throws {
        let s = submission(["From: a@example.cn", "", "内容"])
        #expect(s.submission.receivedAt == Self.arrival)
        #expect(s.problems.map(\.kind).contains(.dateReplaced))
    }

    @Test func attachmentOnlyMessageStillMakesAValidSubmission() throws {
        let s = MailSubmissionBuilder().submission(from: try MailFixture.read("attachment-only.eml"), arrivedAt: Self.arrival)
        #expect(s.submission.content == "主题：只有附件\n\n附件：录音.amr\n\n（邮件没有可读的正文。）")
        #expect(throws: Never.self) { try s.submission.validated() }
    }

    @Test func unusableSenderAddressIsLeftOutNotRefused() throws {
        let s = submission(["From: root@localhost", "Date: Tue, 04 Mar 2025 09:00:00 +0800", "", "内容\u{0C}带换页符"])
        #expect(s.submission.reporter.email == "")
        #expect(s.problems.contains { $0.kind == .identityFieldDropped && $0.detail.hasPrefix("reporter.email") })
        #expect(s.submission.content == "内容带换页符")
        #expect(throws: Never.self) { try s.submission.validated() }
    }

    @Test func overlongTextIsCutToWhatAReportHolds() throws {
        let s = submission(["From: a@example.cn", "Date: Tue, 04 Mar 2025 09:00:00 +0800", "", String(repeating: "长", count: 30_000)])
        #expect(s.submission.content.count == Submission.maxContentLength)
        #expect(s.submission.content.hasSuffix("原邮件已保存。）"))
        #expect(s.problems.contains { $0.kind == .textTruncated })
        #expect(throws: Never.self) { try s.submission.validated() }
    }
}
