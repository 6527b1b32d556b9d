import Foundation

/// One report as a register lists it: how and when it came, whom it names, what it says, who took
/// it down, and what the group decided. The reporter's identity is filled in only when the caller
/// may see it and asked to.
public struct RegisterEntry: Sendable, Equatable {
    public var reportID: String
    public var number: String?
    public var channel: Channel
    public var receivedAt: Date
    public var isRealName: Bool
    public var subjects: [Subject]
    public var content: String
    /// The discipline screening found first, or how it placed the report otherwise.
    public var discipline: Discipline?
    public var scope: ScopeClass?
    /// The staff member who took a call, letter or visit down; empty for the web and e-mail.
    public var receivedByName: String
    public var postmark: CivilDate?
    public var callStartedAt: Date?
    public var callDurationSeconds: Int?
    public var visitAt: Date?
    /// Where a visitor was received.
    public var place: String
    /// The decision in force, or else the one waiting for the leader.
    public var decision: Decision?
    /// The register number of the report a duplicate repeats, and the lead an accepted report joined.
    public var duplicateOfNumber: String?
    public var leadNumber: String?
    public var identity: ReporterIdentity?
    public var callerNumber: String
    public var senderAsWritten: String

    public init(
        reportID: String,
        number: String?,
        channel: Channel,
        receivedAt: Date,
        isRealName: Bool,
        subjects: [Subject],
        content: String,
        discipline: Discipline? = nil,
        scope: ScopeClass? = nil,
        receivedByName: String = "",
        postmark: CivilDate? = nil,
        callStartedAt: Date? = nil,
        callDurationSeconds: Int? = nil,
        visitAt: Date? = nil,
        place: String = "",
        decision: Decision? = nil,
        duplicateOfNumber: String? = nil,
        leadNumber: String? = nil,
        identity: ReporterIdentity? = nil,
        callerNumber: String = "",
        senderAsWritten: String = ""
    ) {
        self.reportID = reportID
        self.number = number
        self.channel = channel
        self.receivedAt = receivedAt
        self.isRealName = isRealName
        self.subjects = subjects
        self.content = content
        self.discipline = discipline
        self.scope = scope
        self.receivedByName = receivedByName
        self.postmark = postmark
        self.callStartedAt = callStartedAt
        self.callDurationSeconds = callDurationSeconds
        self.visitAt = visitAt
        self.place = place
        self.decision = decision
        self.duplicateOfNumber = duplicateOfNumber
        self.leadNumber = leadNumber
        self.identity = identity
        self.callerNumber = callerNumber
        self.senderAsWritten = senderAsWritten
    }

    /// `张三（某局局长）；李四`.
    public var subjectsText: String {
        subjects.map { s in
            let role = [s.unit, s.post].filter { !$0.isEmpty }.joined()
            let name = s.name.isEmpty ? "未具名" : s.name
            return role.isEmpty ? name : "\(name)（\(role)）"
        }.joined(separator: "；")
    }

    /// 政治纪律, or how screening placed a report with no discipline.
    public var typeText: String { discipline?.chineseName ?? scope?.chineseName ?? "" }

    /// The decision as the register writes it: `受理`, or `转办（待组长审批）` while it waits.
    public var decisionText: String {
        guard let decision else { return "未处理" }
        let name = decision.outcome.chineseName
        return decision.state == .approved ? name : "\(name)（\(decision.state.chineseName)）"
    }

    /// Where the report went once the decision is in force: to a recipient, into a lead, to the
    /// report it repeats, or to the file.
    public var whereItWent: String {
        guard let decision, decision.state == .approved else { return "" }
        switch decision.outcome {
        case .refer: return "转" + (decision.recipient ?? "有关单位")
        case .accept: return leadNumber.map { "并入问题线索" + $0 } ?? "本组办理"
        case .duplicate: return duplicateOfNumber.map { "重复件，见" + $0 } ?? "重复件"
        case .file: return "存档备查"
        case .reject: return "不予受理"
        }
    }
}

extension RegisterEntry {
    /// What the register says was reported: the start of the text. Without the identity columns,
    /// what identifies the reporter in it is masked too (a letter or an e-mail often ends with the
    /// writer's name and phone): by what the text says alone, the sealed identity stays closed.
    /// `redactor` masks (nil: the text as written); one serves a whole register, as making one
    /// builds its word lists.
    public func summary(maskedBy redactor: ReferralRedactor?) -> String {
        let start = Report.snippet(of: content, length: 150)
        guard let redactor else { return start }
        return redactor.redact(start, identity: ReporterIdentity(), subjects: subjects.map(\.name)).text
    }
}

extension Ledger {
    /// A register: the reports of its channels in the order they came, the identity columns only
    /// when `withIdentities`; `entries` may be a page of it, whose first row is `firstOrdinal`.
    public static func register(
        _ kind: LedgerKind,
        group: String,
        entries: [RegisterEntry],
        withIdentities: Bool,
        firstOrdinal: Int = 1
    ) -> Ledger {
        let redactor = withIdentities ? nil : ReferralRedactor()
        typealias Column = (LedgerColumn, (RegisterEntry) -> LedgerCell)
        var columns: [Column] = [
            (LedgerColumn("编号"), { .of($0.number) }),
            (LedgerColumn("收到时间"), { .moment($0.receivedAt) }),
        ]
        switch kind {
        case .letters:
            columns += [
                (LedgerColumn("邮戳日期"), { .of($0.postmark) }),
                (LedgerColumn("寄信人（信封所写）", holdsIdentity: true), { .of($0.senderAsWritten) }),
            ]
        case .calls:
            columns += [
                (LedgerColumn("通话时长（分钟）"), { e in e.callDurationSeconds.map { .count(($0 + 59) / 60) } ?? .empty }),
                (LedgerColumn("来电号码", holdsIdentity: true), { .of($0.callerNumber) }),
            ]
        case .visits:
            columns += [
                (LedgerColumn("接待时间"), { .of($0.visitAt) }),
                (LedgerColumn("接待地点"), { .of($0.place) }),
            ]
        case .web:
            columns.append((LedgerColumn("方式"), { .text($0.channel.displayName) }))
        case .leads, .referrals, .rectification:
            break
        }
        columns += [
            (LedgerColumn("实名/匿名"), { .text($0.isRealName ? "实名" : "匿名") }),
            (LedgerColumn("反映人", holdsIdentity: true), { .of($0.identity?.name) }),
            (LedgerColumn("联系电话", holdsIdentity: true), { .of($0.identity?.phone) }),
            (LedgerColumn("单位或住址", holdsIdentity: true), { .of($0.identity?.address) }),
            (LedgerColumn("被反映人及职务"), { .of($0.subjectsText) }),
            (LedgerColumn("问题类别"), { .of($0.typeText) }),
            (LedgerColumn("反映的主要问题", isLong: true), { .text($0.summary(maskedBy: redactor)) }),
        ]
        if kind != .web { columns.append((LedgerColumn("登记人"), { .of($0.receivedByName) })) }
        columns += [
            (LedgerColumn("处理意见"), { .text($0.decisionText) }),
            (LedgerColumn("去向"), { .of($0.whereItWent) }),
        ]
        return make(kind, group: group, columns: columns, records: entries, withIdentities: withIdentities, firstOrdinal: firstOrdinal)
    }
}

extension RegisterEntry {
    /// The entry as a register shows it to someone kept away from the report (回避): the number
    /// and how it came stay, so the register has no gap; whom it names and what it says do not.
    public var withheld: RegisterEntry {
        RegisterEntry(
            reportID: reportID,
            number: number,
            channel: channel,
            receivedAt: receivedAt,
            isRealName: isRealName,
            subjects: [],
            content: "（已回避）"
        )
    }
}
