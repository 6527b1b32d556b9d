import Foundation
import Testing
import XunchaCore

@Suite struct RegistrationTests {
    private let now = try! MomentParser.parse("2023-03-06T16:00:00+08:00", field: "t", labelZH: "t")

    private func registration(
        _ channel: Channel,
        at text: String = "2023-03-06T10:20:00+08:00",
        content: String = "反映某局局长收受礼金。",
        _ configure: (inout Registration) -> Void = { _ in }
    ) throws -> Registration {
        let received = try MomentParser.parse(text, field: "received_at", labelZH: "收到时间")
        var r = Registration(
            submission: Submission(channel: channel, content: content, receivedAt: received),
            receivedBy: "user:u1",
            receivedByName: "组员甲"
        )
        configure(&r)
        return r
    }

    private func refusal(_ r: Registration) -> InputError? {
        do {
            _ = try r.validated(now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test func momentsAreReadWithOrWithoutAZone() throws {
        let beijing = try MomentParser.parse("2023-03-06T10:20:00+08:00", field: "t", labelZH: "t")
        #expect(try MomentParser.parse("2023-03-06T02:20:00Z", field: "t", labelZH: "t") == beijing)
        #expect(try MomentParser.parse("2023-03-06 10:20", field: "t", labelZH: "t") == beijing)
        #expect(try MomentParser.parse("2023-03-06T10:20:00.500+08:00", field: "t", labelZH: "t") == beijing)
        for bad in ["", "yesterday", "2023-03-06", "2023-13-06T10:20", "2023-03-06T25:20", "2023-03-06T10:20+8"] {
            #expect(throws: InputError.self) { try MomentParser.parse(bad, field: "received_at", labelZH: "收到时间") }
        }
        do {
            _ = try MomentParser.parse("3月6日", field: "received_at", labelZH: "收到时间")
        } catch {
            #expect(error.code == "invalid_time" && error.field == "received_at" && error.messageZH.contains("收到时间格式不正确"))
        }
    }

    @Test func channelsAreReadInEnglishOrChinese() throws {
        #expect(try Channel.parse("phone") == .phone)
        #expect(try Channel.parse(" Letter ") == .letter)
        #expect(try Channel.parse("来访") == .visit)
        do {
            _ = try Channel.parse("fax")
            Issue.record("fax accepted")
        } catch {
            #expect(error.code == "unknown_channel" && error.messageEN.contains("phone, letter, visit"))
        }
    }

    @Test func badInputIsRefusedWithItsReason() throws {
        #expect(refusal(try registration(.letter, at: "2023-03-07T10:00:00+08:00"))?.code == "received_in_future")
        #expect(refusal(try registration(.letter, content: "  \n "))?.code == "empty_content")
        #expect(refusal(try registration(.letter, content: String(repeating: "字", count: 20_001)))?.code == "too_long")
        #expect(refusal(try registration(.letter) { $0.postmark = CivilDate(parsing: "2023-03-07") })?.code == "postmark_after_receipt")
        #expect(refusal(try registration(.letter) { $0.postmark = CivilDate(parsing: "2023-03-06") }) == nil)
        #expect(refusal(try registration(.phone) { $0.callDurationSeconds = -5 })?.code == "negative_duration")
        #expect(refusal(try registration(.phone) { $0.callDurationSeconds = 90_000 })?.code == "duration_too_long")
        #expect(refusal(try registration(.phone) { $0.callerNumber = "call me" })?.code == "invalid_phone")
        #expect(refusal(try registration(.visit) { $0.callerNumber = "13800000000" })?.code == "field_not_for_channel")
        #expect(refusal(try registration(.phone) { $0.postmark = CivilDate(parsing: "2023-03-01") })?.field == "postmark")
        let e = refusal(try registration(.phone) { $0.callDurationSeconds = -1 })
        #expect(e?.messageZH == "通话时长不能为负数。" && e?.messageEN == "call_duration must not be negative.")
    }

    @Test func aCallKeepsItsNumberInTheSealedIdentity() throws {
        let r = try registration(.phone) {
            $0.callerNumber = "138-0000-0000"
            $0.callDurationSeconds = 300
        }.validated(now: now)
        #expect(r.callerNumber == "13800000000")
        #expect(r.submission.reporter.phone == "13800000000")
        #expect(r.callStartedAt == r.submission.receivedAt)
        #expect(r.arrival.judgedMoment == r.submission.receivedAt && r.arrival.heldAt == r.callStartedAt)
    }

    @Test func scansAreCheckedByTheirBytes() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]
        let record = try ScanRecord.checked(name: "/tmp/第1页.png", bytes: png)
        #expect(record.name == "第1页.png" && record.mediaType == "image/png" && record.bytes == 11 && record.sha256.count == 64)
        #expect(try ScanRecord.checked(name: "p.pdf", bytes: Array("%PDF-1.7\n".utf8)).mediaType == "application/pdf")
        do {
            _ = try ScanRecord.checked(name: "letter.jpg", bytes: Array("not an image".utf8))
            Issue.record("text accepted as a scan")
        } catch {
            #expect(error.code == "invalid_scan" && error.messageZH == "扫描件 letter.jpg 不是图片或PDF文件。")
        }
    }
}

/// "在受理时间内" is about the hours: a call outside the period says nothing about them.
@Suite struct ChannelRecordHoursTests {
    @Test func aCallOutsideThePeriodIsNotJudgedByTheHours() {
        func record(_ status: String, _ code: String) -> ChannelRecord {
            ChannelRecord(reportID: "r", channel: .phone, receivedBy: "u", receivedByName: "组员", receptionStatus: status, receptionCode: code)
        }
        #expect(record("closed", "after_deadline").withinHours == nil)
        #expect(record("closed", "before_period").withinHours == nil)
        #expect(record("closed", "outside_hours").withinHours == false)
        #expect(record("open", "within_hours").withinHours == true)
    }
}
