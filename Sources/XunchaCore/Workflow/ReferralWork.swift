import Foundation

/// What staff and a recipient's liaison write on a referral after it is drafted: the text to send
/// and the recipient (corrected before sending), the due date of the feedback, and the feedback
/// itself. Checked here, stored by the caller (docs/workflow.md, Referrals).
public enum ReferralFinding: String, Sendable, Hashable, Codable, CaseIterable, ChineseNamedCode {
    case substantiated
    case partlySubstantiated = "partly_substantiated"
    case unsubstantiated

    public var chineseName: String {
        switch self {
        case .substantiated: "属实"
        case .partlySubstantiated: "部分属实"
        case .unsubstantiated: "不属实"
        }
    }
}

/// Whether the recipient finished the matter (已办结) or reports a stage of it (阶段性办结).
public enum ReferralClosure: String, Sendable, Hashable, Codable, CaseIterable, ChineseNamedCode {
    case concluded
    case interim

    public var chineseName: String {
        switch self {
        case .concluded: "已办结"
        case .interim: "阶段性办结"
        }
    }
}

extension Referral {
    /// The finding as recorded: the store keeps the code (`substantiated`), older data or a
    /// client may hold the Chinese name; nil before the feedback.
    public var recordedFinding: ReferralFinding? { finding.flatMap(ReferralFinding.init(reading:)) }

    /// The closure as recorded, read the same way.
    public var recordedClosure: ReferralClosure? { closure.flatMap(ReferralClosure.init(reading:)) }
}

/// The recipient's feedback on a referral, checked.
public struct ReferralFeedback: Sendable, Hashable {
    public var finding: ReferralFinding
    public var closure: ReferralClosure
    public var text: String

    public static let maxLength = 5_000

    public init(finding: ReferralFinding, closure: ReferralClosure, text: String) {
        self.finding = finding
        self.closure = closure
        self.text = text
    }

    /// Reads what a form or a client sent: both choices by code or Chinese name, the text
    /// required, at most 5,000 characters, no control characters but line breaks and tabs.
    public static func validated(finding: String, closure: String, text: String) throws(InputError) -> ReferralFeedback {
        guard let f = ReferralFinding(reading: finding) else {
            throw InputError(
                code: "invalid_finding",
                zh: "请选择核查结论（属实、部分属实或不属实）。",
                en: "finding must be substantiated, partly_substantiated or unsubstantiated.",
                field: "finding"
            )
        }
        guard let c = ReferralClosure(reading: closure) else {
            throw InputError(
                code: "invalid_closure",
                zh: "请选择办理情况（已办结或阶段性办结）。",
                en: "closure must be concluded or interim.",
                field: "closure"
            )
        }
        let t = Referral.lines(text)
        if t.isEmpty {
            throw InputError(code: "empty_content", zh: "请填写办理情况。", en: "content must not be empty.", field: "content")
        }
        try TextLimits.check(t, field: "content", labelZH: "办理情况", max: maxLength)
        return ReferralFeedback(finding: f, closure: c, text: t)
    }
}

extension Referral {
    /// The longest text staff may send (a report of 20,000 characters with its additions fits).
    public static let maxContentLength = 40_000

    /// Text as typed in a form: line breaks as `\n` (browsers send `\r\n`), outer spaces trimmed.
    public static func lines(_ text: String) -> String {
        TextLimits.trimmed(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n"))
    }

    /// The text to send as staff edited it: required, within the limit, no control characters.
    public static func checkedContent(_ text: String) throws(InputError) -> String {
        let t = lines(text)
        if t.isEmpty {
            throw InputError(code: "empty_content", zh: "转办文本不能为空。", en: "content must not be empty.", field: "content")
        }
        try TextLimits.check(t, field: "content", labelZH: "转办文本", max: maxContentLength)
        return t
    }

    /// The recipient as staff corrected it: required, one line, within the decision's limit.
    public static func checkedRecipient(_ text: String) throws(InputError) -> String {
        let t = TextLimits.trimmed(text)
        if t.isEmpty {
            throw InputError(code: "recipient_required", zh: "转办须写明转给哪个单位或部门。", en: "a referral needs a recipient.", field: "recipient")
        }
        try TextLimits.check(t, field: "recipient", labelZH: "转办对象", max: Decision.maxRecipientLength)
        if t.contains(where: \.isNewline) {
            throw InputError(code: "line_break", zh: "转办对象只能写一行。", en: "recipient must be one line.", field: "recipient")
        }
        return t
    }

    /// The due date of the feedback: the one staff give, or `workdays` working days after the
    /// day of sending. Either must be after the day of sending and a day the calendar covers:
    /// the clock is never guessed (`due_beyond_calendar`).
    public static func feedbackDue(
        given: CivilDate?,
        sentOn day: CivilDate,
        workdays: Int,
        calendar: WorkCalendar
    ) throws(InputError) -> CivilDate {
        let years = calendar.knownYears.map(String.init)
        let covered = years.isEmpty ? "" : "（工作日历收录\(years.first!)—\(years.last!)年）"
        guard let given else {
            guard let due = try? calendar.addWorkdays(day, workdays) else {
                throw InputError(
                    code: "due_beyond_calendar",
                    zh: "按\(workdays)个工作日计算的反馈期限超出工作日历\(covered)，无法计算；请填写反馈期限。",
                    en: "the default due date (\(workdays) working days) is beyond the calendar; give a due date.",
                    field: "feedback_due"
                )
            }
            return due
        }
        guard given > day else {
            throw InputError(
                code: "due_not_after_sending",
                zh: "反馈期限应晚于发出之日（\(day.iso)）。",
                en: "the due date must be after the day of sending.",
                field: "feedback_due"
            )
        }
        guard calendar.covers(given) else {
            throw InputError(
                code: "due_beyond_calendar",
                zh: "反馈期限\(given.iso)超出工作日历\(covered)，无法计算时限，请另选日期。",
                en: "a due date beyond the calendar.",
                field: "feedback_due"
            )
        }
        return given
    }

    /// A due date as a form or a client writes it: `YYYY-MM-DD`; empty means none given.
    public static func parsedDue(_ text: String?) throws(InputError) -> CivilDate? {
        let t = TextLimits.trimmed(text ?? "")
        if t.isEmpty { return nil }
        guard let date = CivilDate(parsing: t) else {
            throw InputError(code: "invalid_date", zh: "反馈期限应写作2023-05-08这样的日期。", en: "feedback_due must be YYYY-MM-DD.", field: "feedback_due")
        }
        return date
    }
}

extension ReferralRedaction.Mask.Kind {
    /// What staff read in the list of masks.
    public var chineseName: String {
        switch self {
        case .reporterName: "反映人姓名"
        case .phone: "电话号码"
        case .idNumber: "身份证号码"
        case .email: "电子邮箱"
        case .address: "住址"
        case .selfIdentification: "自报姓名"
        case .reporterDetail: "其他个人信息"
        case .contactAccount: "QQ或微信账号"
        }
    }
}
