import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

@Suite struct RegistrationIntakeTests {
    static func moment(_ text: String) -> Date { try! MomentParser.parse(text, field: "t", labelZH: "t") }

    static let inspection = Inspection(
        id: "insp",
        group: "第一巡察组",
        units: ["某局"],
        periodStart: CivilDate(parsing: "2023-03-01")!,
        periodEnd: CivilDate(parsing: "2023-05-31")!,
        deadline: CivilDate(parsing: "2023-05-31")!,
        phones: ["0000-1234567"],
        phoneHours: [ReceptionHours(days: .workdays, from: ClockTime(hour: 8, minute: 0), to: ClockTime(hour: 12, minute: 0))]
    )

    static let member = StaffUser(
        id: "u1",
        username: "zuyuan",
        displayName: "组员甲",
        role: .member,
        inspectionID: "insp",
        mustChangePassword: false
    )

    /// Found by fuzzing (Fuzz/regressions/api): minutes whose seconds overflow stopped the server
    /// from a staff form; they are now a wrong value (422), and minutes that fit still count.
    @Test func callMinutesThatOverflowAreAWrongValue() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        func input(_ minutes: String) throws -> RegistrationInput {
            try decoder.decode(
                RegistrationInput.self,
                from: Data(#"{"channel": "phone", "received_at": "2023-03-06T10:00", "call_minutes": "\#(minutes)"}"#.utf8)
            )
        }
        #expect(throws: DecodingError.self) { try input("153722867280912931") }
        #expect(try input("7").callDurationSeconds == 420)
    }

    @Test func aCallIsJudgedSealedAndRecordedWithItsStaff() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(Self.inspection, actor: .system, at: Self.moment("2023-02-28T09:00"))
        let intake = installation.desks(store, now: { Self.moment("2023-03-06T09:00") }).intake
        // 2023-03-04 is a Saturday: the call is registered all the same, judged out of hours.
        let r = Registration(
            submission: Submission(channel: .phone, content: "来电反映局长违规吃喝。", receivedAt: Self.moment("2023-03-04T10:00")),
            receivedBy: "user:u1",
            receivedByName: "组员甲",
            callerNumber: "13912345678",
            callDurationSeconds: 420
        )
        let receipt = try await intake.register(r, by: .staff(Self.member))
        #expect(receipt.queryCode == nil && receipt.inspectionID == "insp")
        let record = try #require(try await store.channelRecord(reportID: receipt.reportID))
        #expect(record.channel == .phone && record.receivedBy == "user:u1" && record.receivedByName == "组员甲")
        #expect(record.callDurationSeconds == 420 && record.callStartedAt == Self.moment("2023-03-04T10:00"))
        #expect(record.withinHours == false && record.receptionCode == "rest_day")
        #expect(record.hasSealedDetails)
        let report = try #require(try await store.report(id: receipt.reportID))
        #expect(report.isRealName == false)
        let trail = try await store.auditEvents(subject: .report, id: receipt.reportID)
        // Received and screened on arrival, both by the staff member who took the call.
        #expect(trail.map(\.action) == ["report.received", "report.screened"])
        #expect(trail.map(\.actor) == ["user:u1", "user:u1"])
        // The caller number is nowhere in the clear.
        try await store.close()
        let bytes = try await installation.databaseBytes()
        #expect(bytes.range(of: Data("13912345678".utf8)) == nil)
    }

    @Test func aLetterByItsPostmarkAndAStaffIssuedCodeThatMustChange() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(Self.inspection, actor: .system, at: Self.moment("2023-02-28T09:00"))
        let desks = installation.desks(store, now: { Self.moment("2023-06-02T10:00") })
        let intake = desks.intake
        let r = Registration(
            submission: Submission(
                channel: .letter,
                content: "来信反映财务问题。",
                reporter: ReporterIdentity(name: "张三", address: "某市某路1号"),
                receivedAt: Self.moment("2023-06-02T09:00")
            ),
            receivedBy: "user:u1",
            receivedByName: "组员甲",
            postmark: CivilDate(parsing: "2023-05-31"),
            senderAsWritten: "某路1号 张",
            reporterFollowsUp: true
        )
        let scan = ScanUpload(name: "p1.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 1, 2])
        let receipt = try await intake.register(r, scans: [scan, scan], by: .staff(Self.member))
        let record = try #require(try await store.channelRecord(reportID: receipt.reportID))
        #expect(record.receptionStatus == "open" && record.receptionCode == "in_period")
        #expect(record.postmark == CivilDate(parsing: "2023-05-31") && record.scans.count == 2 && record.scans[0].mediaType == "image/jpeg")
        #expect(record.queryCodeMustChange)
        let code = try #require(receipt.queryCode)
        #expect(try await intake.reportID(for: code) == receipt.reportID)

        let (mine, _) = try await intake.freshQueryCode()
        try await intake.replaceCode(reportID: receipt.reportID, with: mine)
        #expect(mine != code)
        #expect(try await intake.reportID(for: code) == nil)
        #expect(try await intake.reportID(for: mine) == receipt.reportID)
        #expect(try await store.channelRecord(reportID: receipt.reportID)?.queryCodeMustChange == false)
        let actions = try await store.auditEvents(subject: .report, id: receipt.reportID).map(\.action)
        // The scans are kept sealed beside the report, like any file it came with.
        #expect(actions == ["report.received", "report.screened", "report.attachments_added", "report.query_code_changed"])

        // A scan that is not an image, and a postmark after receipt, save nothing.
        await #expect(throws: DeskError.self) {
            _ = try await intake.register(r, scans: [ScanUpload(name: "x.jpg", bytes: Array("hello".utf8))], by: .staff(Self.member))
        }
        var late = r
        late.postmark = CivilDate(parsing: "2023-06-05")
        await #expect(throws: DeskError.self) { _ = try await intake.register(late, by: .staff(Self.member)) }
        #expect(try await store.reportCount(inspectionID: nil, includeUnassigned: true) == 1)
        try await store.close()
        let bytes = try await installation.databaseBytes()
        #expect(bytes.range(of: Data("某路1号 张".utf8)) == nil)
    }

    @Test func scansAreKeptSealedInTheAttachmentStore() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(Self.inspection, actor: .system, at: Self.moment("2023-02-28T09:00"))
        let desks = installation.desks(store, now: { Self.moment("2023-03-10T10:00") })
        let intake = desks.intake
        let attachments = desks.attachments
        let r = Registration(
            submission: Submission(channel: .letter, content: "来信两页。", receivedAt: Self.moment("2023-03-10T09:00")),
            receivedBy: "cli:zuyuan",
            receivedByName: "zuyuan",
            postmark: CivilDate(parsing: "2023-03-08")
        )
        let pages = [
            ScanUpload(name: "第1页.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0] + Array("page one".utf8)),
            ScanUpload(name: "第2页.pdf", bytes: Array("%PDF-1.4\npage two".utf8)),
        ]
        let receipt = try await intake.register(r, scans: pages, by: .commandLine("zuyuan"))
        let kept = try await attachments.list(reportID: receipt.reportID)
        #expect(kept.map(\.filename) == ["第1页.jpg", "第2页.pdf"])
        #expect(try attachments.read(kept[1]) == Data(pages[1].bytes))
        let record = try #require(try await store.channelRecord(reportID: receipt.reportID))
        #expect(record.scans.map(\.sha256) == kept.map(\.sha256))
        try await store.close()
    }

    /// A call is judged by the reception window once, at the moment it started: the channel
    /// record and the screening read the same judgement, even when it was registered later.
    @Test func aCallIsJudgedOnceAtItsOwnMoment() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(Self.inspection, actor: .system, at: Self.moment("2023-02-28T09:00"))
        let intake = installation.desks(store, now: { Self.moment("2023-03-06T15:00") }).intake
        // Monday 2023-03-06: the call came at 11:50, inside 8:00–12:00; it was written down at 14:30.
        let r = Registration(
            submission: Submission(channel: .phone, content: "来电反映局长违规吃喝。", receivedAt: Self.moment("2023-03-06T14:30")),
            receivedBy: "",
            receivedByName: "",
            callStartedAt: Self.moment("2023-03-06T11:50")
        )
        let receipt = try await intake.register(r, by: .staff(Self.member))
        let record = try #require(try await store.channelRecord(reportID: receipt.reportID))
        #expect(record.receptionStatus == "open" && record.receptionCode == "within_hours")
        let screening = try #require(try await store.screening(reportID: receipt.reportID))
        let reception = try #require(screening.record.reasons.first { $0.rule.hasPrefix("reception.") })
        #expect(reception.rule == "reception.open")
        #expect(reception.messageZH.contains(record.receptionMessageZH ?? "—"))
        // Screened again later (a roster import), the call is judged at the same moment.
        _ = try await installation.desks(store).screening.rescreen(inspectionID: "insp", actor: .system)
        let again = try #require(try await store.screening(reportID: receipt.reportID))
        #expect(again.record.reasons.first { $0.rule.hasPrefix("reception.") }?.rule == "reception.open")
        try await store.close()
    }
}
