import Crypto
import Foundation

/// A call, a letter or a visit as staff register it (issue 6): the report itself as a
/// `Submission`, and what only that channel has. Every channel still takes the one intake path;
/// these fields travel beside the submission into their own table.
///
/// The caller's number and the sender as written on an envelope say who the reporter is: they
/// are sealed with the identity and never stored in the clear (DESIGN.md invariant 2).
public struct Registration: Sendable, Equatable {
    public static let maxCallSeconds = 24 * 3600

    public var submission: Submission
    /// Who received the report: `user:<id>` for a console account, `cli:<name>` on the command line.
    public var receivedBy: String
    /// The receiving staff member's name as the console shows it.
    public var receivedByName: String
    /// Phone: the number the call came from (sealed).
    public var callerNumber: String
    /// Phone: when the call began; the received time when left out.
    public var callStartedAt: Date?
    /// Phone: how long the call lasted, in seconds.
    public var callDurationSeconds: Int?
    /// Letter: the date stamped on the envelope; it decides the deadline.
    public var postmark: CivilDate?
    /// Letter: the sender exactly as written on the envelope or the letter (sealed).
    public var senderAsWritten: String
    /// Visit: when the visitor came; the received time when left out.
    public var visitAt: Date?
    /// Visit: where the visitor was received (接待地点).
    public var place: String
    /// Whether the reporter will follow up with a query code: staff pass the code on, and the
    /// reporter must replace it with one of their own choosing on first use.
    public var reporterFollowsUp: Bool

    public init(
        submission: Submission,
        receivedBy: String,
        receivedByName: String,
        callerNumber: String = "",
        callStartedAt: Date? = nil,
        callDurationSeconds: Int? = nil,
        postmark: CivilDate? = nil,
        senderAsWritten: String = "",
        visitAt: Date? = nil,
        place: String = "",
        reporterFollowsUp: Bool = false
    ) {
        self.submission = submission
        self.receivedBy = receivedBy
        self.receivedByName = receivedByName
        self.callerNumber = callerNumber
        self.callStartedAt = callStartedAt
        self.callDurationSeconds = callDurationSeconds
        self.postmark = postmark
        self.senderAsWritten = senderAsWritten
        self.visitAt = visitAt
        self.place = place
        self.reporterFollowsUp = reporterFollowsUp
    }

    /// A minute of slack for clocks that disagree; anything later is a typo.
    static let futureTolerance: TimeInterval = 60

    /// The registration checked against `now`, or the first thing staff must fix. The caller
    /// number becomes the reporter's phone when none was given, so it is sealed with the identity.
    public func validated(now: Date) throws(InputError) -> Registration {
        var r = self
        r.submission = try submission.validated()
        let channel = submission.channel
        if submission.receivedAt > now.addingTimeInterval(Self.futureTolerance) {
            throw InputError(
                code: "received_in_future",
                zh: "收到时间不能晚于现在。",
                en: "received_at must not be in the future.",
                field: "received_at"
            )
        }
        func refuse(_ field: String, _ labelZH: String, _ only: Channel) throws(InputError) {
            throw InputError(
                code: "field_not_for_channel",
                zh: "\(labelZH)只用于\(only.displayName)登记。",
                en: "\(field) applies only to channel \(only.rawValue).",
                field: field
            )
        }
        r.callerNumber = TextLimits.trimmed(callerNumber).filter { $0 != " " && $0 != "-" }
        r.senderAsWritten = TextLimits.trimmed(senderAsWritten)
        if channel != .phone {
            if !r.callerNumber.isEmpty { try refuse("caller_number", "来电号码", .phone) }
            if callStartedAt != nil { try refuse("call_started_at", "来电开始时间", .phone) }
            if callDurationSeconds != nil { try refuse("call_duration", "通话时长", .phone) }
        }
        if channel != .letter {
            if postmark != nil { try refuse("postmark", "邮戳日期", .letter) }
            if !r.senderAsWritten.isEmpty { try refuse("sender_as_written", "信封所写寄信人", .letter) }
        }
        r.place = TextLimits.trimmed(place)
        if channel != .visit {
            if visitAt != nil { try refuse("visit_at", "来访时间", .visit) }
            if !r.place.isEmpty { try refuse("place", "接待地点", .visit) }
        }

        if channel == .phone {
            if !r.callerNumber.isEmpty,
                !(r.callerNumber.count >= 3 && r.callerNumber.count <= 30
                    && r.callerNumber.enumerated().allSatisfy { $1.isASCII && ($1.isNumber || ($0 == 0 && $1 == "+")) })
            {
                throw InputError(code: "invalid_phone", zh: "来电号码只能包含数字。", en: "caller_number must be digits.", field: "caller_number")
            }
            if let seconds = callDurationSeconds {
                if seconds < 0 {
                    throw InputError(
                        code: "negative_duration",
                        zh: "通话时长不能为负数。",
                        en: "call_duration must not be negative.",
                        field: "call_duration"
                    )
                }
                if seconds > Self.maxCallSeconds {
                    throw InputError(
                        code: "duration_too_long",
                        zh: "通话时长不能超过24小时。",
                        en: "call_duration must be at most 24 hours.",
                        field: "call_duration"
                    )
                }
            }
            let start = callStartedAt ?? submission.receivedAt
            if start > now.addingTimeInterval(Self.futureTolerance) {
                throw InputError(
                    code: "call_in_future",
                    zh: "来电开始时间不能晚于现在。",
                    en: "call_started_at must not be in the future.",
                    field: "call_started_at"
                )
            }
            r.callStartedAt = start
            // The number is a way to call back: it joins the sealed identity when none was typed.
            if r.submission.reporter.phone.isEmpty { r.submission.reporter.phone = r.callerNumber }
        }
        if channel == .letter {
            if let postmark, postmark > CivilDate(beijingDayOf: submission.receivedAt) {
                throw InputError(
                    code: "postmark_after_receipt",
                    zh: "邮戳日期不能晚于收到日期。",
                    en: "postmark must not be after the day the letter was received.",
                    field: "postmark"
                )
            }
            try TextLimits.check(r.senderAsWritten, field: "sender_as_written", labelZH: "信封所写寄信人", max: 200)
        }
        if channel == .visit {
            let at = visitAt ?? submission.receivedAt
            if at > now.addingTimeInterval(Self.futureTolerance) {
                throw InputError(code: "visit_in_future", zh: "来访时间不能晚于现在。", en: "visit_at must not be in the future.", field: "visit_at")
            }
            r.visitAt = at
            try TextLimits.check(r.place, field: "place", labelZH: "接待地点", max: 100)
        }
        return r
    }

    /// Reads a postmark date as staff type it (`2023-03-06`).
    public static func parsePostmark(_ text: String) throws(InputError) -> CivilDate {
        guard let d = CivilDate(parsing: TextLimits.trimmed(text)) else {
            throw InputError(
                code: "invalid_date",
                zh: "邮戳日期格式不正确，应为 2023-03-06。",
                en: "postmark must be a date like 2023-03-06.",
                field: "postmark"
            )
        }
        return d
    }

    /// How the report reached the group, as screening judges it: the reception window looks at
    /// the call's start or the visit (when given), and a letter's postmark.
    public var arrival: ScreeningArrival {
        ScreeningArrival(
            channel: submission.channel,
            receivedAt: submission.receivedAt,
            postmark: submission.channel == .letter ? postmark : nil,
            heldAt: submission.channel == .phone ? callStartedAt : submission.channel == .visit ? visitAt : nil
        )
    }
}

extension Channel {
    /// Reads a channel name as staff type it: `phone`, `letter`, `visit`, `email`, `web`, or the
    /// Chinese 来电, 来信, 来访, 电子邮件, 网上.
    public static func parse(_ text: String) throws(InputError) -> Channel {
        let t = TextLimits.trimmed(text).lowercased()
        if let c = Channel(rawValue: t) { return c }
        if let c = Channel.allCases.first(where: { $0.displayName == t }) { return c }
        throw InputError(
            code: "unknown_channel",
            zh: "渠道只能是来电（phone）、来信（letter）、来访（visit）、电子邮件（email）或网上（web）。",
            en: "channel must be one of phone, letter, visit, email, web.",
            field: "channel"
        )
    }
}

/// Moments as staff type them: ISO 8601 with a zone (`2023-03-06T10:20:00+08:00`, `…Z`), or a
/// Beijing wall-clock time without one (`2023-03-06T10:20`, `2023-03-06 10:20:00`).
public enum MomentParser {
    public static func parse(_ text: String, field: String, labelZH: String) throws(InputError) -> Date {
        let t = TextLimits.trimmed(text).replacingOccurrences(of: " ", with: "T")
        if let d = parseISO(t) { return d }
        throw InputError(
            code: "invalid_time",
            zh: "\(labelZH)格式不正确，应为 2023-03-06T10:20:00+08:00 或 2023-03-06 10:20（北京时间）。",
            en: "\(field) must be an ISO 8601 time such as 2023-03-06T10:20:00+08:00.",
            field: field
        )
    }

    static func parseISO(_ t: String) -> Date? {
        let chars = Array(t)
        guard chars.count >= 16, chars[10] == "T", let day = CivilDate(parsing: String(chars[0..<10])) else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= chars.count, chars[range].allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(chars[range]))
        }
        guard let hour = number(11..<13), chars[13] == ":", let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
        var i = 16
        var second = 0
        if i < chars.count, chars[i] == ":" {
            guard let s = number(17..<19), s < 60 else { return nil }
            second = s
            i = 19
            if i < chars.count, chars[i] == "." {
                i += 1
                while i < chars.count, chars[i].isASCII, chars[i].isNumber { i += 1 }
            }
        }
        var offset = CivilDate.beijingOffsetSeconds
        if i < chars.count {
            let zone = String(chars[i...])
            if zone == "Z" {
                offset = 0
            } else {
                let z = Array(zone)
                guard z.count == 6, z[0] == "+" || z[0] == "-", z[3] == ":",
                    let h = Int(String(z[1...2])), let m = Int(String(z[4...5])), h < 24, m < 60
                else { return nil }
                offset = (z[0] == "-" ? -1 : 1) * (h * 3600 + m * 60)
            }
        }
        let seconds = day.dayNumber * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}

/// A letter's scan as recorded with the channel fields: its name, size, type and SHA-256. The
/// bytes go, sealed, to attachment storage (see `ScanArchive` in the store).
public struct ScanRecord: Sendable, Equatable, Codable {
    public var name: String
    public var bytes: Int
    public var mediaType: String
    public var sha256: String

    public init(name: String, bytes: Int, mediaType: String, sha256: String) {
        self.name = name
        self.bytes = bytes
        self.mediaType = mediaType
        self.sha256 = sha256
    }

    public static let maxBytes = 20 * 1024 * 1024
    public static let maxScans = 50

    /// Checks a scan by its bytes, never by its name: JPEG, PNG, GIF, TIFF, WebP, BMP or PDF.
    public static func checked(name: String, bytes: [UInt8]) throws(InputError) -> ScanRecord {
        let display = String(name.split(separator: "/").last ?? "scan").prefix(200)
        guard !bytes.isEmpty else {
            throw InputError(code: "empty_scan", zh: "扫描件 \(display) 是空文件。", en: "scan \(display) is empty.", field: "scans")
        }
        if bytes.count > maxBytes {
            throw InputError(
                code: "scan_too_large",
                zh: "扫描件 \(display) 超过20MB。",
                en: "scan \(display) is over 20 MB.",
                field: "scans"
            )
        }
        guard let type = mediaType(of: bytes) else {
            throw InputError(
                code: "invalid_scan",
                zh: "扫描件 \(display) 不是图片或PDF文件。",
                en: "scan \(display) is not an image or a PDF.",
                field: "scans"
            )
        }
        return ScanRecord(name: String(display), bytes: bytes.count, mediaType: type, sha256: SHA256.hash(data: bytes).hexString)
    }

    public static func mediaType(of b: [UInt8]) -> String? {
        func starts(_ p: [UInt8]) -> Bool { b.count >= p.count && Array(b.prefix(p.count)) == p }
        if starts([0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if starts(Array("GIF87a".utf8)) || starts(Array("GIF89a".utf8)) { return "image/gif" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "image/tiff" }
        if starts(Array("%PDF-".utf8)) { return "application/pdf" }
        if starts(Array("BM".utf8)), b.count > 14 { return "image/bmp" }
        if starts(Array("RIFF".utf8)), b.count >= 12, Array(b[8..<12]) == Array("WEBP".utf8) { return "image/webp" }
        return nil
    }
}

/// What is kept of a call, a letter or a visit beside its report, as staff see it. The caller's
/// number and the sender as written are not here: they are sealed apart.
public struct ChannelRecord: Sendable, Equatable, Codable {
    public var reportID: String
    public var channel: Channel
    public var receivedBy: String
    public var receivedByName: String
    public var callStartedAt: Date?
    public var callDurationSeconds: Int?
    public var postmark: CivilDate?
    public var visitAt: Date?
    public var place: String
    /// The reception window's judgement (`ReceptionVerdict`): open, closed or unknown, its code and
    /// sentence. Nil when the report has no inspection yet.
    public var receptionStatus: String?
    public var receptionCode: String?
    public var receptionMessageZH: String?
    public var scans: [ScanRecord]
    /// True until the reporter has replaced the code staff passed on.
    public var queryCodeMustChange: Bool
    public var hasSealedDetails: Bool

    public init(
        reportID: String,
        channel: Channel,
        receivedBy: String,
        receivedByName: String,
        callStartedAt: Date? = nil,
        callDurationSeconds: Int? = nil,
        postmark: CivilDate? = nil,
        visitAt: Date? = nil,
        place: String = "",
        receptionStatus: String? = nil,
        receptionCode: String? = nil,
        receptionMessageZH: String? = nil,
        scans: [ScanRecord] = [],
        queryCodeMustChange: Bool = false,
        hasSealedDetails: Bool = false
    ) {
        self.reportID = reportID
        self.channel = channel
        self.receivedBy = receivedBy
        self.receivedByName = receivedByName
        self.callStartedAt = callStartedAt
        self.callDurationSeconds = callDurationSeconds
        self.postmark = postmark
        self.visitAt = visitAt
        self.place = place
        self.receptionStatus = receptionStatus
        self.receptionCode = receptionCode
        self.receptionMessageZH = receptionMessageZH
        self.scans = scans
        self.queryCodeMustChange = queryCodeMustChange
        self.hasSealedDetails = hasSealedDetails
    }

    /// Keeps the reception window's judgement of the report (nil when it has no inspection yet).
    public mutating func keep(_ verdict: ReceptionVerdict?) {
        receptionStatus = verdict?.status.rawValue
        receptionCode = verdict?.code
        receptionMessageZH = verdict?.messageZH
    }

    /// Whether a call or visit came inside the published hours; nil when the channel is not held
    /// to hours, nothing could be judged, or the report came outside the period, which says
    /// nothing about the hours (the reception message says that).
    public var withinHours: Bool? {
        guard channel == .phone || channel == .visit, let receptionStatus else { return nil }
        guard receptionCode != "after_deadline", receptionCode != "before_period" else { return nil }
        return receptionStatus == "open" ? true : receptionStatus == "closed" ? false : nil
    }
}
