import Foundation
import XunchaCore
import XunchaText

/// A message made ready for the one intake path: the `Submission` plus what the reader and the
/// date check found, so the caller can record it beside the report.
public struct MailSubmission: Sendable {
    public enum TimeSource: String, Sendable, Codable {
        /// The sender's Date header, plausible against the arrival time.
        case dateHeader = "date_header"
        /// The arrival time, because the Date header was missing or implausible.
        case arrival
    }

    public var submission: Submission
    public var receivedAtSource: TimeSource
    /// The message's problems, then those found here (date replaced, text cut, identity fields
    /// left out). Details never contain the message's words.
    public var problems: [MailProblem]
    /// The message's attachments, for the sink to keep beside the report.
    public var attachments: [MailAttachment] = []
}

/// Turns a `MailMessage` into a `Submission`: content is the subject and the readable body,
/// the reporter is the sender plus a name, phone and ID number found in the signature.
public struct MailSubmissionBuilder: Sendable {
    /// How long before its arrival a message may say it was written. Fetchers run every few
    /// minutes, but a mailbox left unread over a holiday still delivers week-old mail.
    public var maxAge: TimeInterval = 14 * 86_400
    /// How far a sender's clock may run ahead of ours before the Date is not believed.
    public var maxAhead: TimeInterval = 3600

    public init() {}

    public func submission(from message: MailMessage, arrivedAt: Date, inspectionID: String? = nil) -> MailSubmission {
        var problems = message.problems
        let (receivedAt, source) = receivedTime(message.date, arrivedAt: arrivedAt, problems: &problems)
        let content = content(of: message, problems: &problems)
        let reporter = reporter(of: message, problems: &problems)
        let submission = Submission(channel: .email, content: content, reporter: reporter, inspectionID: inspectionID, receivedAt: receivedAt)
        return MailSubmission(submission: submission, receivedAtSource: source, problems: problems, attachments: message.attachments)
    }

    // MARK: Time

    /// The Date header when it is plausible: not after the arrival (beyond clock skew, and then
    /// the arrival counts, since nothing is received after it arrives) and not long before it.
    /// A Date in 1970 or next year is a broken clock, not a fact about the report.
    func receivedTime(_ date: Date?, arrivedAt: Date, problems: inout [MailProblem]) -> (Date, MailSubmission.TimeSource) {
        guard let date else {
            problems.append(MailProblem(kind: .dateReplaced, detail: "no readable Date header; the arrival time is the received time"))
            return (arrivedAt, .arrival)
        }
        if date > arrivedAt.addingTimeInterval(maxAhead) {
            problems.append(
                MailProblem(
                    kind: .dateReplaced,
                    detail: "the Date header is \(Self.describe(date.timeIntervalSince(arrivedAt))) after the arrival; the arrival time is used"
                )
            )
            return (arrivedAt, .arrival)
        }
        if date < arrivedAt.addingTimeInterval(-maxAge) {
            problems.append(
                MailProblem(
                    kind: .dateReplaced,
                    detail: "the Date header is \(Self.describe(arrivedAt.timeIntervalSince(date))) before the arrival; the arrival time is used"
                )
            )
            return (arrivedAt, .arrival)
        }
        return (min(date, arrivedAt), .dateHeader)
    }

    private static func describe(_ seconds: TimeInterval) -> String {
        let days = Int(seconds / 86_400)
        return days >= 1 ? "\(days) days" : "\(Int(seconds / 60)) minutes"
    }

    // MARK: Content

    func content(of message: MailMessage, problems: inout [MailProblem]) -> String {
        var parts: [String] = []
        if !message.subject.isEmpty { parts.append("主题：" + message.subject) }
        if !message.text.isEmpty { parts.append(message.text) }
        if !message.attachments.isEmpty {
            let names = message.attachments.map { $0.filename ?? "(\($0.mediaType))" }
            parts.append("附件：" + names.joined(separator: "、"))
        }
        if message.text.isEmpty { parts.append("（邮件没有可读的正文。）") }
        var content = String(String.UnicodeScalarView(parts.joined(separator: "\n\n").unicodeScalars.filter { !Self.isControl($0) }))
        if content.count > Submission.maxContentLength {
            let marker = "\n\n（正文过长，以下从略；原邮件已保存。）"
            content = String(content.prefix(Submission.maxContentLength - marker.count)) + marker
            problems.append(
                MailProblem(
                    kind: .textTruncated,
                    detail: "the readable text is longer than a report holds (\(Submission.maxContentLength) characters) and was cut"
                )
            )
        }
        return content
    }

    /// Controls a report may not hold (all but tab and line breaks); mail carries form feeds and escapes.
    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    // MARK: Reporter

    func reporter(of message: MailMessage, problems: inout [MailProblem]) -> ReporterIdentity {
        let signature = Self.signature(of: message.text)
        let found = TextExtractor().extract(fromOriginal: signature)
        var identity = ReporterIdentity()
        identity.email = message.from?.address ?? ""
        let phones = found.phones.filter { $0.kind != .service }
        identity.phone = (phones.first { $0.kind == .mobile } ?? phones.first)?.value ?? ""
        identity.idNumber = found.idNumbers.first?.value ?? ""
        let anonymous = signature.contains("匿名")
        identity.name = Self.labelledName(in: signature) ?? (anonymous ? nil : Self.nameLine(in: signature)) ?? ""
        if identity.name.isEmpty, !anonymous, let display = message.from?.name, Self.isPersonalName(display) {
            identity.name = display
        }
        return Self.keepValid(identity, problems: &problems)
    }

    /// The signature: what follows the "-- " line, or else the last few lines of the body, where
    /// Chinese letters put the writer's name, telephone and date.
    static func signature(of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if let dash = lines.lastIndex(where: { $0 == "-- " || $0 == "--" }) {
            return lines[(dash + 1)...].joined(separator: "\n")
        }
        let filled = lines.filter { !HeaderText.trimmed(String($0)).isEmpty }
        return filled.suffix(6).joined(separator: "\n")
    }

    private static let nameLabels = ["实名举报人", "举报人", "反映人", "联系人", "姓名", "署名", "落款"]
    private static let notNames: Set<String> = [
        "此致", "敬礼", "此致敬礼", "谢谢", "致敬", "您好", "匿名", "群众", "知情人", "举报人", "反映人", "一群众", "党员", "村民", "职工", "干部", "巡察组",
    ]

    /// `举报人：张三` and the like.
    static func labelledName(in text: String) -> String? {
        for line in text.split(separator: "\n") {
            for label in nameLabels {
                guard let r = line.range(of: label) else { continue }
                var rest = line[r.upperBound...].drop { $0 == ":" || $0 == "：" || $0 == " " || $0 == "　" }
                rest = rest.prefix { isHan($0) || $0 == "·" }
                let name = String(rest.prefix(4))
                if isPersonalName(name) { return name }
            }
        }
        return nil
    }

    /// A line that is only a name: two to four Han characters, not a closing formula.
    static func nameLine(in text: String) -> String? {
        for line in text.split(separator: "\n").reversed() {
            let t = HeaderText.trimmed(String(line))
            if isPersonalName(t) { return t }
        }
        return nil
    }

    static func isPersonalName(_ s: String) -> Bool {
        (2...4).contains(s.count) && s.allSatisfy(isHan) && !notNames.contains(s)
    }

    private static func isHan(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1 else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x3134F).contains(v)
    }

    /// Leaves out identity fields Core would refuse (a From of `root@localhost`, say), so the
    /// message is registered with what is usable instead of being refused as a whole.
    static func keepValid(_ identity: ReporterIdentity, problems: inout [MailProblem]) -> ReporterIdentity {
        var identity = identity
        for _ in 0..<5 {
            let probe = Submission(channel: .email, content: "-", reporter: identity, receivedAt: Date(timeIntervalSince1970: 0))
            do {
                _ = try probe.validated()
                return identity
            } catch {
                let field = error.field ?? ""
                problems.append(MailProblem(kind: .identityFieldDropped, detail: "\(field) was not usable (\(error.code)) and was left out"))
                switch field {
                case "reporter.email": identity.email = ""
                case "reporter.phone": identity.phone = ""
                case "reporter.id_number": identity.idNumber = ""
                case "reporter.name": identity.name = ""
                case "reporter.address": identity.address = ""
                default: return ReporterIdentity(email: identity.email)
                }
            }
        }
        return identity
    }
}
