import Foundation
import XunchaCore

/// A call, letter or visit as staff take it down: the console's form, the API's JSON and
/// `xuncha report add` all fill this one input (keys: `channel`, `received_at`, `content`,
/// `subjects[0][name]`, `reporter[phone]`, `caller_number`, `call_started_at`,
/// `call_duration_seconds` or `call_minutes`, `postmark`, `sender_as_written`, `visit_at`,
/// `reporter_follows_up`). Times are ISO 8601, or Beijing wall-clock time without a zone.
public struct RegistrationInput: Decodable, Sendable {
    public var channel: String
    public var receivedAt: String
    public var content: String
    public var subjects: [Subject]
    public var reporter: ReporterIdentity
    public var inspectionId: String?
    public var callerNumber: String?
    public var callStartedAt: String?
    public var callDurationSeconds: Int?
    public var postmark: String?
    public var senderAsWritten: String?
    public var visitAt: String?
    public var place: String?
    public var reporterFollowsUp: Bool

    public init(
        channel: String,
        receivedAt: String,
        content: String,
        subjects: [Subject] = [],
        reporter: ReporterIdentity = ReporterIdentity(),
        inspectionId: String? = nil,
        callerNumber: String? = nil,
        callStartedAt: String? = nil,
        callDurationSeconds: Int? = nil,
        postmark: String? = nil,
        senderAsWritten: String? = nil,
        visitAt: String? = nil,
        place: String? = nil,
        reporterFollowsUp: Bool = false
    ) {
        self.channel = channel
        self.receivedAt = receivedAt
        self.content = content
        self.subjects = subjects
        self.reporter = reporter
        self.inspectionId = inspectionId
        self.callerNumber = callerNumber
        self.callStartedAt = callStartedAt
        self.callDurationSeconds = callDurationSeconds
        self.postmark = postmark
        self.senderAsWritten = senderAsWritten
        self.visitAt = visitAt
        self.place = place
        self.reporterFollowsUp = reporterFollowsUp
    }

    enum CodingKeys: String, CodingKey {
        case channel, receivedAt, content, subjects, reporter, inspectionId, callerNumber, callStartedAt, callDurationSeconds
        case callMinutes, postmark, senderAsWritten, visitAt, place, reporterFollowsUp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Missing is empty: the desk asks who calls before it says what is missing.
        channel = try c.decodeIfPresent(String.self, forKey: .channel) ?? ""
        receivedAt = try c.decodeIfPresent(String.self, forKey: .receivedAt) ?? ""
        content = try c.decodeIfPresent(String.self, forKey: .content) ?? ""
        subjects = try c.decodeIfPresent([Subject].self, forKey: .subjects) ?? []
        reporter = try c.decodeIfPresent(ReporterIdentity.self, forKey: .reporter) ?? ReporterIdentity()
        inspectionId = try c.nonEmptyString(.inspectionId)
        callerNumber = try c.nonEmptyString(.callerNumber)
        callStartedAt = try c.nonEmptyString(.callStartedAt)
        // The console asks for whole minutes; the API and the command line give seconds.
        callDurationSeconds =
            try c.lenientInt(.callDurationSeconds)
            ?? c.lenientInt(.callMinutes).map { minutes in
                // Minutes beyond any call would overflow in seconds and stop the server.
                let (seconds, overflow) = minutes.multipliedReportingOverflow(by: 60)
                if overflow { throw DecodingError.dataCorruptedError(forKey: .callMinutes, in: c, debugDescription: "too many minutes") }
                return seconds
            }
        postmark = try c.nonEmptyString(.postmark)
        senderAsWritten = try c.nonEmptyString(.senderAsWritten)
        visitAt = try c.nonEmptyString(.visitAt)
        place = try c.nonEmptyString(.place)
        reporterFollowsUp = try c.lenientBool(.reporterFollowsUp) ?? false
    }

    /// The registration it describes, before the desk sets who received it.
    public func registration() throws(InputError) -> Registration {
        func moment(_ text: String?, _ field: String, _ label: String) throws(InputError) -> Date? {
            guard let text else { return nil }
            return try MomentParser.parse(text, field: field, labelZH: label)
        }
        let postmarkDate = try postmark.map { p throws(InputError) in try Registration.parsePostmark(p) }
        return Registration(
            submission: Submission(
                channel: try Channel.parse(channel),
                content: content,
                subjects: subjects,
                reporter: reporter,
                inspectionID: inspectionId,
                receivedAt: try MomentParser.parse(receivedAt, field: "received_at", labelZH: "收到时间")
            ),
            receivedBy: "",
            receivedByName: "",
            callerNumber: callerNumber ?? "",
            callStartedAt: try moment(callStartedAt, "call_started_at", "来电开始时间"),
            callDurationSeconds: callDurationSeconds,
            postmark: postmarkDate,
            senderAsWritten: senderAsWritten ?? "",
            visitAt: try moment(visitAt, "visit_at", "来访时间"),
            place: place ?? "",
            reporterFollowsUp: reporterFollowsUp
        )
    }
}
