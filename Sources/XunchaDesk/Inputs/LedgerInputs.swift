import Foundation
import XunchaCore

/// Which part of a register to show or export: the reports received from `from` to `to`
/// (Beijing days, both included), and whether to show who the reporters are. Query and form
/// fields `from`, `to`, `identities`; the same keys in JSON and on the command line.
public struct LedgerInput: Decodable, Sendable, Equatable {
    public var from: String?
    public var to: String?
    public var identities: Bool

    public init(from: String? = nil, to: String? = nil, identities: Bool = false) {
        self.from = from
        self.to = to
        self.identities = identities
    }

    enum CodingKeys: String, CodingKey { case from, to, identities }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.nonEmptyString(.from)
        to = try c.nonEmptyString(.to)
        identities = try c.lenientBool(.identities) ?? false
    }

    /// The days asked for, checked: real dates, in order.
    func days() throws(InputError) -> ClosedRange<CivilDate>? {
        func day(_ text: String?, _ field: String, _ label: String) throws(InputError) -> CivilDate? {
            guard let text else { return nil }
            guard let day = CivilDate(parsing: TextLimits.trimmed(text)) else {
                throw InputError(
                    code: "invalid_date",
                    zh: "\(label)格式不正确，应为 2026-03-01。",
                    en: "\(field) must be a date like 2026-03-01.",
                    field: field
                )
            }
            return day
        }
        let start = try day(from, "from", "起始日期")
        let end = try day(to, "to", "截止日期")
        guard start != nil || end != nil else { return nil }
        let lower = start ?? CivilDate(year: 1900, month: 1, day: 1)!
        let upper = end ?? CivilDate(year: 9999, month: 12, day: 31)!
        guard lower <= upper else {
            throw InputError(code: "invalid_range", zh: "起始日期不能晚于截止日期。", en: "from must not be after to.", field: "from")
        }
        return lower...upper
    }
}

/// A problem of the rectification ledger as staff or the unit's liaison enter it. Form fields and
/// JSON keys: `problem`, `measure`, `responsible`, `deadline` (2026-06-30), `progress`,
/// `evidence`, `state` (`not_started`, `in_progress`, `awaiting_check`, `closed`, `ongoing`, or
/// the Chinese name); `seen_at` on a change: the item's `version` the editor started from.
public struct RectificationInput: Decodable, Sendable {
    public var problem: String?
    public var measure: String?
    public var responsible: String?
    public var deadline: String?
    public var progress: String?
    public var evidence: String?
    public var state: String?
    public var seenAt: String?

    public init(
        problem: String? = nil,
        measure: String? = nil,
        responsible: String? = nil,
        deadline: String? = nil,
        progress: String? = nil,
        evidence: String? = nil,
        state: String? = nil,
        seenAt: String? = nil
    ) {
        self.problem = problem
        self.measure = measure
        self.responsible = responsible
        self.deadline = deadline
        self.progress = progress
        self.evidence = evidence
        self.state = state
        self.seenAt = seenAt
    }

    /// `item` with what was given laid over it, checked.
    func applied(to item: RectificationItem) throws(InputError) -> RectificationItem {
        var item = item
        if let problem { item.problem = problem }
        if let measure { item.measure = measure }
        if let responsible { item.responsible = responsible }
        if let progress { item.progress = progress }
        if let evidence { item.evidence = evidence }
        if let deadline {
            let text = TextLimits.trimmed(deadline)
            if text.isEmpty {
                item.deadline = nil
            } else {
                guard let day = CivilDate(parsing: text) else {
                    throw InputError(
                        code: "invalid_date",
                        zh: "完成时限格式不正确，应为 2026-06-30。",
                        en: "deadline must be a date like 2026-06-30.",
                        field: "deadline"
                    )
                }
                item.deadline = day
            }
        }
        if let state {
            guard let chosen = RectificationItem.State(reading: state) else {
                throw InputError(
                    code: "invalid_state",
                    zh: "整改状态只能是未启动、整改中、已完成待验收、已销号或长期坚持。",
                    en: "state must be not_started, in_progress, awaiting_check, closed or ongoing.",
                    field: "state"
                )
            }
            item.state = chosen
        }
        return try item.validated()
    }

    /// The version the editor's copy was of (`RectificationItem.version`).
    func seenMoment() throws(InputError) -> Date {
        guard let seenAt, let millis = Int64(TextLimits.trimmed(seenAt)) else {
            throw InputError(
                code: "missing_seen_at",
                zh: "缺少修改前的版本信息，请刷新页面后重试。",
                en: "seen_at (the version of the item the change was made to) is required.",
                field: "seen_at"
            )
        }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }
}

/// What a lead's receiver reported back after the handover. Form fields and JSON keys:
/// `disposition` (`talk`, `preliminary_check`, `shelved`, `concluded`, `organizational`),
/// `result`, `reported_on` (the day their report came), `close_out` (销号).
public struct LeadOutcomeInput: Decodable, Sendable {
    public var disposition: String?
    public var result: String?
    public var reportedOn: String?
    public var closeOut: Bool

    public init(disposition: String? = nil, result: String? = nil, reportedOn: String? = nil, closeOut: Bool = false) {
        self.disposition = disposition
        self.result = result
        self.reportedOn = reportedOn
        self.closeOut = closeOut
    }

    enum CodingKeys: String, CodingKey { case disposition, result, reportedOn, closeOut }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        disposition = try c.nonEmptyString(.disposition)
        result = try c.decodeIfPresent(String.self, forKey: .result)
        reportedOn = try c.nonEmptyString(.reportedOn)
        closeOut = try c.lenientBool(.closeOut) ?? false
    }

    func outcome(today: CivilDate, at: Date, by: String) throws(InputError) -> LeadOutcome {
        guard let disposition, let chosen = LeadOutcome.Disposition(reading: disposition) else {
            throw InputError(
                code: "invalid_disposition",
                zh: "请选择处置方式（谈话函询、初步核实、暂存待查、予以了结或组织处理）。",
                en: "disposition must be talk, preliminary_check, shelved, concluded or organizational.",
                field: "disposition"
            )
        }
        var day = today
        if let reportedOn {
            guard let given = CivilDate(parsing: TextLimits.trimmed(reportedOn)), given <= today else {
                throw InputError(
                    code: "invalid_date",
                    zh: "反馈日期应为不晚于今天的日期，如 2026-03-01。",
                    en: "reported_on must be a date like 2026-03-01, not after today.",
                    field: "reported_on"
                )
            }
            day = given
        }
        return try LeadOutcome(disposition: chosen, result: result ?? "", reportedOn: day, recordedAt: at, recordedBy: by).validated()
    }
}
