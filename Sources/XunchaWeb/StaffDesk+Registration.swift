import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

extension StaffDesk {
    /// Registers a call, letter or visit taken by `user`. Leaders and members only, into their own
    /// inspection; the receiving staff member is the user, whatever the form said.
    func register(_ user: StaffUser, _ registration: Registration, scans: [ScanUpload] = []) async throws -> ReportIntake.Receipt {
        guard user.role.canReadReports, let inspectionID = user.inspectionID else { throw APIError.forbidden }
        var r = registration
        if let chosen = r.submission.inspectionID, !chosen.isEmpty, chosen != inspectionID { throw APIError.forbidden }
        r.submission.inspectionID = inspectionID
        r.receivedBy = "user:\(user.id)"
        r.receivedByName = user.displayName
        do {
            return try await services.intake.register(
                r,
                scans: scans,
                archive: SealedScanArchive(attachments: services.attachments),
                now: services.now()
            )
        } catch let error as InputError {
            throw APIError(.unprocessableContent, error)
        }
    }

    /// What staff recorded of the report's channel, for a user who may read the report.
    func channelRecord(_ user: StaffUser, report: Report) async throws -> ChannelRecord? {
        guard user.mayRead(report) else { throw APIError.notFound }
        return try await services.store.channelRecord(reportID: report.id)
    }
}

/// The registration form's fields (console) turned into a `Registration`: the same names as the
/// API's JSON keys, times as `datetime-local` sends them (Beijing time).
enum RegistrationForm {
    static func registration(channel: Channel, _ form: [String: String]) throws(InputError) -> Registration {
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespaces) }
        func moment(_ name: String, _ label: String) throws(InputError) -> Date? {
            field(name).isEmpty ? nil : try MomentParser.parse(field(name), field: name, labelZH: label)
        }
        let received = try MomentParser.parse(field("received_at"), field: "received_at", labelZH: "收到时间")
        var duration: Int?
        if !field("call_minutes").isEmpty {
            guard let minutes = Int(field("call_minutes")) else {
                throw InputError(code: "invalid_duration", zh: "通话时长应为整数分钟。", en: "call_minutes must be a whole number.", field: "call_minutes")
            }
            duration = minutes * 60
        }
        let postmark = field("postmark").isEmpty ? nil : try Registration.parsePostmark(field("postmark"))
        let subjects = (1...3).map { i in
            Subject(name: form["subject_name_\(i)"] ?? "", unit: form["subject_unit_\(i)"] ?? "", post: form["subject_post_\(i)"] ?? "")
        }
        return Registration(
            submission: Submission(
                channel: channel,
                content: form["content"] ?? "",
                subjects: subjects,
                reporter: ReporterIdentity(form: form),
                receivedAt: received
            ),
            receivedBy: "",
            receivedByName: "",
            callerNumber: channel == .phone ? field("caller_number") : "",
            callStartedAt: channel == .phone ? try moment("call_started_at", "来电开始时间") : nil,
            callDurationSeconds: channel == .phone ? duration : nil,
            postmark: channel == .letter ? postmark : nil,
            senderAsWritten: channel == .letter ? field("sender_as_written") : "",
            visitAt: channel == .visit ? try moment("visit_at", "来访时间") : nil,
            reporterFollowsUp: form["follows_up"] == "1"
        )
    }

    /// `2023-03-06T10:20` in Beijing time, the value a `datetime-local` input shows.
    static func localValue(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let day = CivilDate(beijingDayOf: date)
        let s = ((seconds % 86400) + 86400) % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day.iso)T\(two(s / 3600)):\(two(s / 60 % 60))"
    }
}

extension View {
    /// A report's channel fields for the report page.
    static func channel(_ c: ChannelRecord) -> [String: Any] {
        var v: [String: Any] = [
            "receivedBy": c.receivedByName,
            "isPhone": c.channel == .phone, "isLetter": c.channel == .letter, "isVisit": c.channel == .visit,
            "scans": c.scans.enumerated().map { i, s in
                ["n": i + 1, "name": s.name, "type": s.mediaType, "bytes": s.bytes, "sha256": String(s.sha256.prefix(16))]
            },
            "hasScans": !c.scans.isEmpty, "scanCount": c.scans.count,
            "sealed": c.hasSealedDetails,
            "mustChange": c.queryCodeMustChange,
        ]
        if let t = c.callStartedAt { v["callStartedAt"] = time(t) }
        if let d = c.callDurationSeconds { v["callDuration"] = d >= 60 ? "\(d / 60)分\(d % 60)秒" : "\(d)秒" }
        if let p = c.postmark { v["postmark"] = day(p) }
        if let t = c.visitAt { v["visitAt"] = time(t) }
        if let message = c.receptionMessageZH {
            v["reception"] = message
            v["receptionClosed"] = c.receptionStatus == "closed"
        }
        if let within = c.withinHours { v["withinHours"] = within ? "是" : "否" }
        return v
    }
}
