import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

/// A report as the console shows it: its fields, and its text cut into pieces so that the
/// screening's evidence is marked (every piece is escaped by the template, so marking never lets
/// markup through).
struct ReportView {
    struct Piece {
        var text: String
        var mark: Bool
    }

    struct Addition {
        var at: String
        var content: String
        var segments: [Piece]
    }

    struct SubjectLine {
        var name: String
        var unit: String
        /// nil when the reporter named no post, so no empty brackets are shown.
        var post: String?
    }

    var id: String
    var channel: String
    var receivedAt: String
    var status: String
    var snippet: String
    var content: String
    var realName: Bool
    var unassigned: Bool
    var subjects: [SubjectLine]
    var segments: [Piece] = []
    var additions: [Addition]
    var hasAdditions: Bool
    var evidenceMarked = false

    init(_ r: Report) {
        id = r.id
        channel = r.channel.displayName
        receivedAt = View.time(r.receivedAt)
        status = r.status.displayName
        snippet = r.snippet
        content = r.content
        realName = r.isRealName
        unassigned = r.inspectionID == nil
        subjects = r.subjects.map { SubjectLine(name: $0.name, unit: $0.unit, post: $0.post.isEmpty ? nil : $0.post) }
        additions = r.additions.map { Addition(at: View.time($0.addedAt), content: $0.content, segments: []) }
        hasAdditions = !r.additions.isEmpty
    }

    /// The content and each addition cut at the evidence spans: the screening read them as one
    /// text, `Report.screeningText`, so its offsets run across them.
    init(_ r: Report, evidenceFrom stored: StoredScreening) {
        self.init(r)
        let spans = stored.record.evidenceSpans
        var start = 0
        var parts: [[Piece]] = []
        for text in [r.content] + r.additions.map(\.content) {
            let length = text.unicodeScalars.count
            let local = spans.compactMap { span -> Range<Int>? in
                let lower = max(span.lowerBound, start) - start
                let upper = min(span.upperBound, start + length) - start
                return lower < upper ? lower..<upper : nil
            }
            parts.append(Self.highlighted(text, spans: local))
            start += length + Report.additionSeparator.unicodeScalars.count
        }
        segments = parts[0]
        evidenceMarked = true
        for i in additions.indices { additions[i].segments = parts[i + 1] }
    }

    /// The text cut at the spans (Unicode-scalar offsets), each piece marked or not.
    static func highlighted(_ text: String, spans: [Range<Int>]) -> [Piece] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [Piece] = []
        var at = 0
        func piece(_ range: Range<Int>, mark: Bool) {
            guard !range.isEmpty else { return }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            pieces.append(Piece(text: String(view), mark: mark))
        }
        for span in spans {
            let lower = min(max(span.lowerBound, at), scalars.count)
            let upper = min(span.upperBound, scalars.count)
            guard lower < upper else { continue }
            piece(at..<lower, mark: false)
            piece(lower..<upper, mark: true)
            at = upper
        }
        piece(at..<scalars.count, mark: false)
        return pieces
    }
}

/// A screening as staff read it: the suggestion, its reasons with their evidence, the scores.
struct ScreeningView {
    struct Evidence {
        var label: String
        var text: String
        var href: String?
    }

    struct Reason {
        var message: String
        var rule: String
        var decisive: Bool
        var hasEvidence: Bool
        var evidence: [Evidence]
    }

    struct DisciplineLine {
        var name: String
        var percent: Int
        var articles: String
        var cues: String
    }

    struct Share {
        var name: String
        var percent: Int
    }

    struct SubjectLine {
        var text: String
        var kind: String
        var role: String?
        var candidates: String?
    }

    var suggestion: String
    var suggestionCode: String
    var recipient: String?
    var rulesVersion: String
    var screenedAt: String
    var conclusion: String
    var reasons: [Reason]
    var disciplines: [DisciplineLine]
    var hasDisciplines: Bool
    var nonLead: [Share]
    var hasNonLead: Bool
    var subjects: [SubjectLine]
    var hasSubjects: Bool

    /// `numbers` gives the register number of a report the evidence names (a repeat's earlier report).
    init(_ stored: StoredScreening, numbers: [String: String] = [:]) {
        let r = stored.record
        suggestion = r.suggestion.chineseName
        suggestionCode = r.suggestion.rawValue
        recipient = r.recipient?.nameZH
        rulesVersion = r.rulesVersion
        screenedAt = View.time(stored.screenedAt)
        conclusion = Self.readableMessage(r.reasons.last { $0.family == "suggestion" }?.messageZH ?? "", numbers: numbers)
        reasons = r.reasons.filter { $0.family != "suggestion" }.map { Self.reason($0, numbers: numbers) }
        disciplines = r.disciplines.map { d in
            DisciplineLine(
                name: d.discipline?.chineseName ?? d.code,
                percent: Int((d.score * 100).rounded()),
                articles: d.articles.map { "第\($0)条" }.joined(separator: "、"),
                cues: d.cues.map(Self.cueText).joined(separator: "、")
            )
        }
        hasDisciplines = !disciplines.isEmpty
        nonLead = r.nonLead.compactMap { n in
            NonLeadKind(rawValue: n.code).map { Share(name: $0.chineseName, percent: Int((n.score * 100).rounded())) }
        }
        hasNonLead = !r.nonLead.isEmpty
        subjects = r.subjects.map { s in
            SubjectLine(
                text: s.text,
                kind: SubjectKind(rawValue: s.kind).map(Self.subjectKindName) ?? s.kind,
                role: s.role.flatMap(ScopeRole.init(rawValue:))?.chineseName,
                candidates: s.candidates.isEmpty
                    ? nil
                    : s.candidates.map { $0.unit.isEmpty && $0.post.isEmpty ? $0.name : "\($0.name)（\($0.unit)\($0.post)）" }.joined(separator: "；")
            )
        }
        hasSubjects = !subjects.isEmpty
    }

    static func subjectKindName(_ kind: SubjectKind) -> String {
        switch kind {
        case .unitLeader: "被巡察单位领导"
        case .otherOfficial: "其他公职人员"
        case .organisation: "单位或组织"
        case .privateParty: "非公职人员"
        case .noOne: "未指明"
        }
    }

    /// A cue as staff read it: the words, what discounted them, and "学习" for an n-gram the
    /// layer learned from decisions weighed.
    private static func cueText(_ c: ScreeningRecord.Cue) -> String {
        let notes = (c.entry.hasPrefix("learned.") ? ["据已处置件"] : []) + c.modifiers.map(Self.modifierName)
        return notes.isEmpty ? c.text : "\(c.text)（\(notes.joined(separator: "、"))）"
    }

    private static func modifierName(_ code: String) -> String {
        switch code {
        case "negated": "否定"
        case "hedged": "传闻"
        case "refuted": "已查否"
        default: code
        }
    }

    private static func reason(_ r: ScreeningReason, numbers: [String: String]) -> Reason {
        let evidence = r.evidence.compactMap { e -> Evidence? in
            guard let text = readable(e, numbers: numbers) else { return nil }
            return Evidence(label: evidenceLabel(e), text: text, href: e.kind == .earlierReport ? e.text.map { "/staff/reports/\($0)" } : nil)
        }
        return Reason(
            message: readableMessage(r.messageZH, numbers: numbers),
            rule: r.rule,
            decisive: r.decisive,
            hasEvidence: !evidence.isEmpty,
            evidence: evidence
        )
    }

    private static func evidenceLabel(_ e: ReasonEvidence) -> String {
        switch e.kind {
        case .textSpan: "原文"
        case .rosterEntry: "名册"
        case .receptionFact: factLabels[e.key ?? ""] ?? "受理规定"
        case .earlierReport: "此前反映"
        case .value:
            e.key == "channel"
                ? "渠道" : e.key == Screener.similarDecidedKey ? "相似已处置件" : e.key?.hasPrefix("score") == true ? "得分" : "依据"
        }
    }

    static let factLabels = [
        "moment": "收到时间", "postmark": "邮戳日期", "period_start": "巡察开始", "deadline": "受理截止", "deadline_time": "截止时间",
        "hours": "受理时间", "hours_assumed": "按工作时间", "calendar_date": "日期", "calendar_day_zh": "当日", "holiday": "节假日",
        "calendar_notice": "依据通知", "known_years": "日历已收录年份",
    ]

    /// Evidence in words staff read: the channel by its name, moments and dates as people write
    /// them, scores as percentages, an earlier report by its register number. Facts that only
    /// repeat another in code form (the kind of day) are left out.
    static func readable(_ e: ReasonEvidence, numbers: [String: String]) -> String? {
        guard let text = e.text else { return nil }
        switch (e.kind, e.key ?? "") {
        case (.value, "channel"): return Channel(rawValue: text)?.displayName ?? text
        case (.value, let key) where key.hasPrefix("score"): return Double(text).map { "\(Int(($0 * 100).rounded()))%" } ?? text
        case (.receptionFact, "calendar_day"): return nil
        case (.receptionFact, "moment"): return View.moment(iso: text) ?? text
        case (.receptionFact, _): return CivilDate(parsing: text).map(View.day) ?? text
        case (.earlierReport, _): return numbers[text] ?? "此前的反映"
        default: return text
        }
    }

    /// A screening sentence as staff read it: moments written the way people write them, and a
    /// report named by its register number (`信访件市四巡〔2023〕第001号`) rather than its id.
    static func readableMessage(_ message: String, numbers: [String: String]) -> String {
        var out = message
        for match in out.matches(of: Self.writtenMoment).reversed() {
            if let text = View.moment(iso: String(out[match.range])) { out.replaceSubrange(match.range, with: text) }
        }
        for match in out.matches(of: Self.reportID).reversed() {
            out.replaceSubrange(match.range, with: numbers[String(out[match.range])] ?? "（此前的一件）")
        }
        return out
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let writtenMoment = #/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\+08:00|Z)?/#
    nonisolated(unsafe) static let reportID = #/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/#
}

/// What staff recorded of a call, letter or visit.
struct ChannelView {
    struct Scan {
        var n: Int
        var name: String
        var type: String
        var bytes: Int
        var sha256: String
    }

    var receivedBy: String
    var isPhone: Bool
    var isLetter: Bool
    var isVisit: Bool
    var scans: [Scan]
    var hasScans: Bool
    var scanCount: Int
    var sealed: Bool
    /// What is sealed, named for the channel: a caller's number, a letter's sender, a visitor.
    var sealedLabel: String
    var mustChange: Bool
    var callStartedAt: String?
    var callDuration: String?
    var postmark: String?
    var visitAt: String?
    var place: String?
    var reception: String?
    var receptionClosed: Bool
    var withinHours: String?

    init(_ c: ChannelRecord) {
        receivedBy = c.receivedByName
        isPhone = c.channel == .phone
        isLetter = c.channel == .letter
        isVisit = c.channel == .visit
        scans = c.scans.enumerated().map { i, s in
            Scan(n: i + 1, name: s.name, type: s.mediaType, bytes: s.bytes, sha256: String(s.sha256.prefix(16)))
        }
        hasScans = !c.scans.isEmpty
        scanCount = c.scans.count
        sealed = c.hasSealedDetails
        sealedLabel =
            switch c.channel {
            case .phone: "来电号码"
            case .letter: "寄信人（信封所写）"
            case .visit: "来访人身份"
            default: "身份信息"
            }
        mustChange = c.queryCodeMustChange
        callStartedAt = c.callStartedAt.map(View.time)
        callDuration = c.callDurationSeconds.map { $0 >= 60 ? "\($0 / 60)分\($0 % 60)秒" : "\($0)秒" }
        postmark = c.postmark.map(View.day)
        visitAt = c.visitAt.map(View.time)
        place = c.place.isEmpty ? nil : c.place
        reception = c.receptionMessageZH
        receptionClosed = c.receptionStatus == "closed"
        withinHours = c.withinHours.map { $0 ? "是" : "否" }
    }
}

/// One line of a report's audit trail.
struct TrailLine {
    var seq: Int
    var at: String
    var actor: String
    var action: String
    var hash: String

    init(_ e: AuditEvent, file: StaffDesk.ReportFile) {
        seq = e.seq
        at = View.time(e.at)
        actor = file.name(of: e.actor)
        action = e.knownAction?.chineseName ?? e.action
        hash = String(e.hash.prefix(12))
    }
}

/// A file kept with a report, as its page lists it.
struct AttachmentLine {
    var ordinal: Int
    var filename: String
    var mediaType: String
    var size: String
    var sha256: String
    var href: String

    init(_ f: StoredAttachment) {
        // Stored from 0; people count from 1. The link keeps the stored ordinal.
        ordinal = f.ordinal + 1
        filename = f.filename
        mediaType = f.mediaType
        size = AttachmentPolicy.megabytesOrKB(f.size)
        sha256 = String(f.sha256.prefix(16))
        href = "/staff/reports/\(f.reportID)/attachments/\(f.ordinal)"
    }
}

/// A report's page: the report, its channel record and files, the group's work on it (number,
/// member handling it, clocks, notes, lead, referrals), the screening, the decisions and their
/// forms, the replies and their form, and the audit trail.
struct ReportPage {
    struct ReplyLine {
        var at: String
        var author: String
        var content: String
    }

    var me: StaffFrame.Me?
    var csrf: String
    var report: ReportView
    var channelDetails: ChannelView?
    var attachments: [AttachmentLine]
    var hasAttachments: Bool
    var screening: ScreeningView?
    var work: WorkPanel
    var decision: DecisionPanel
    var replies: [ReplyLine]
    var hasReplies: Bool
    var mayReply: Bool
    var noReplyReason: String
    var replyAction: String
    var replyError: String?
    /// A refused form's reason at the top of the page, linked to its box.
    var errors = FormErrors()
    var replyDraft: String?
    var trail: [TrailLine]
    var identity: IdentityPanel
    var exclusions: ExclusionPanel
    /// What the leader opened just now (shown once, never kept in the page's address).
    var revealed: RevealedView?
    /// What was just done, or why the form came back.
    var notice: String?

    /// A reporter's identity as the leader opened it; empty fields left out.
    struct RevealedView {
        struct Line {
            var label: String
            var value: String
        }

        var lines: [Line]
        var none: Bool
        /// Whose view it is, over the view and under it: a photo of the screen says whose it was.
        var watermark: String
        var marks: [Int]

        init(_ r: StaffDesk.RevealedIdentity) {
            watermark = "\(r.viewedBy) 查看于 \(View.time(r.viewedAt))"
            marks = Array(0..<12)
            let i = r.identity ?? ReporterIdentity()
            lines = [
                ("姓名", i.name), ("联系电话", i.phone), ("身份证号码", i.idNumber), ("联系地址", i.address), ("电子邮箱", i.email),
                ("来电号码", r.callerNumber ?? ""), ("信封所写寄信人", r.senderAsWritten ?? ""),
            ].filter { !$0.1.isEmpty }.map { Line(label: $0.0, value: $0.1) }
            none = lines.isEmpty
        }
    }

    init(_ file: StaffDesk.ReportFile, me: StaffUser, csrf: String) {
        self.me = StaffFrame.Me(me)
        self.csrf = csrf
        let r = file.report
        report = file.screening.map { ReportView(r, evidenceFrom: $0) } ?? ReportView(r)
        channelDetails = file.channelRecord.map(ChannelView.init)
        attachments = file.attachments.map(AttachmentLine.init)
        hasAttachments = !attachments.isEmpty
        var numbers = Dictionary(file.threadReports.compactMap { r in r.number.map { (r.id, $0) } }) { a, _ in a }
        if let earlier = file.repeatOf, let number = earlier.number { numbers[earlier.id] = number }
        screening = file.screening.map { ScreeningView($0, numbers: numbers) }
        work = WorkPanel(file)
        decision = DecisionPanel(file)
        replies = file.replies.map {
            ReplyLine(at: View.time($0.writtenAt), author: file.name(of: AuditActor.user(id: $0.authorID).stored), content: $0.content)
        }
        hasReplies = !replies.isEmpty
        mayReply = file.mayReply
        noReplyReason =
            file.inspection?.repliesEnabled == true
            ? "您的账号不能答复这件反映：答复由本巡察组的组长、副组长和组员发出。"
            : "本巡察组按公告不答复反映人，反映人凭查询码只能看到办理状态，因此这里不能写答复。"
        replyAction = "/staff/reports/\(r.id)/replies"
        trail = file.trail.map { TrailLine($0, file: file) }
        identity = IdentityPanel(file, me: me)
        exclusions = ExclusionPanel(file)
    }
}
