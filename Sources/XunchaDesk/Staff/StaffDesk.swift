import Foundation
import XunchaCore
import XunchaStore

/// What staff do with reports, for the console, the API and the command line alike: every call
/// takes the caller and asks the permission table (`Caller.may`) before it reads or writes.
public struct StaffDesk: Sendable {
    let services: DeskServices
    var store: any Store { services.store }
    public static let pageSize = 50

    /// Refuses a caller the table does not allow; an account that must change its password, or
    /// wait for its leader's confirmation, hears that first.
    func authorize(_ caller: Caller, _ action: StaffAction, inspectionID: String?) throws(DeskError) {
        try DeskError.unlessReady(caller)
        guard caller.may(action, inspectionID: inspectionID) else { throw DeskError.forbidden }
    }

    /// The report, when the caller may read it; a report they may not read is "not found", so
    /// nobody learns what exists in another inspection.
    func readableReport(_ caller: Caller, id: String) async throws -> Report {
        try await readableReport(caller, id: id, keptAway: nil)
    }

    /// As above, with the caller's `keptAway` set when it is read already (nil: read it here).
    func readableReport(_ caller: Caller, id: String, keptAway known: Set<String>?) async throws -> Report {
        try DeskError.unlessReady(caller)
        guard caller.mayAnywhere(.readReports) else { throw DeskError.forbidden }
        guard let report = try await store.report(id: id), caller.may(.readReports, inspectionID: report.inspectionID) else {
            throw DeskError.notFound
        }
        let hidden: Set<String>
        if let known { hidden = known } else { hidden = try await keptAway(caller) }
        guard !hidden.contains(report.id) else { throw DeskError.notFound }
        return report
    }

    /// The reports the caller is kept away from (回避): none for callers that are not accounts.
    func keptAway(_ caller: Caller) async throws -> Set<String> {
        guard case .staff(let user) = caller else { return [] }
        return try await store.excludedReportIDs(userID: user.id)
    }

    /// The inspection a staff account works on (nil for the command line, which sees every report).
    private func ownInspection(_ caller: Caller) -> String? {
        if case .staff(let user) = caller { return user.inspectionID ?? "" }
        return nil
    }

    public struct Inbox: Sendable {
        public var inspection: Inspection?
        public var reports: [Report]
        public var summaries: [String: ScreeningSummary]
        /// The latest decision on each report of the page that has one.
        public var decisions: [String: Decision]
        /// The clocks of the page's reports that need attention (due soon or overdue), by report.
        public var clocks: [String: [Clock]]
        /// Display names of the staff, by account id.
        public var names: [String: String]
        public var total: Int
        public var page: Int
        public var pageCount: Int
    }

    /// The caller's inspection's reports (and those no inspection claimed) as `input` asks:
    /// newest first by default, a member's own first when nothing is filtered.
    public func inbox(_ caller: Caller, _ input: InboxInput = InboxInput()) async throws -> Inbox {
        let own = ownInspection(caller)
        try authorize(caller, .readReports, inspectionID: own)
        var me: String?
        if case .staff(let user) = caller { me = user.id }
        var query = try checking { () throws(InputError) in try input.query(inspectionID: own, me: me, pageSize: Self.pageSize) }
        let inspection = try await own.asyncFlatMap { try await store.inspection(id: $0) }
        if !input.isFiltered { query.assignedFirst = me }
        query.reader = me
        if input.overdue.map(TextLimits.trimmed) == "1" {
            let today = CivilDate(beijingDayOf: services.now())
            let limits = inspection?.effectiveLimits ?? .standard
            let cutoff = inspection?.repliesEnabled == true ? try? services.calendar.addWorkdays(today, -limits.acknowledgeWorkdays) : nil
            query.overdue = (cutoff?.beijingMidnight, today.iso)
        }
        var found = try await store.inbox(query)
        let pageCount = max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        var page = input.page ?? 1
        if page > pageCount {
            // Past the end (an old bookmark): the last page instead of an empty one.
            page = pageCount
            query.offset = (page - 1) * Self.pageSize
            found = try await store.inbox(query)
        }
        let reports = found.reports
        let total = found.total
        let ids = reports.map(\.id)
        let replied = try await store.repliedReports(reportIDs: ids)
        let referrals = try await own.asyncMap { try await store.referrals(inspectionID: $0) } ?? []
        var clocks: [String: [Clock]] = [:]
        for report in reports {
            let due = self.clocks(
                report,
                inspection: report.inspectionID == nil ? nil : inspection,
                replied: replied.contains(report.id),
                referrals: referrals.filter { $0.reportID == report.id }
            )
            if !due.isEmpty { clocks[report.id] = due }
        }
        return Inbox(
            inspection: inspection,
            reports: reports,
            summaries: try await store.screeningSummaries(reportIDs: ids),
            decisions: try await store.latestDecisions(reportIDs: ids),
            clocks: clocks,
            names: Dictionary(try await store.users().map { ($0.id, $0.displayName) }) { a, _ in a },
            total: total,
            page: page,
            pageCount: pageCount
        )
    }

    /// Everything the report's page and the API show of one report, read once.
    public struct ReportFile: Sendable {
        public var report: Report
        public var inspection: Inspection?
        public var trail: [AuditEvent]
        public var screening: StoredScreening?
        public var decisions: [Decision]
        public var notes: [ReportNote]
        /// The lead the report is in, if it was accepted.
        public var lead: Lead?
        public var referrals: [Referral]
        /// The open leads of the inspection, for the acceptance form to join one.
        public var openLeads: [Lead]
        /// Leaders and members of the inspection, for the assignment form.
        public var colleagues: [StaffUser]
        /// The reports of its thread (itself included), oldest first.
        public var threadReports: [Report]
        /// Who is kept away from the report (回避) and why, by account.
        public var exclusions: [ReportExclusion]
        /// Requests to see the reporter: all of them for the leader, a member's own for a member.
        public var identityRequests: [IdentityRequest]
        /// The earlier report screening found this one repeats, if any.
        public var repeatOf: Report?
        /// The person a new lead would be about.
        public var proposedLeadSubject: Subject
        public var clocks: [Clock]
        public var replies: [ReportReply]
        public var channelRecord: ChannelRecord?
        public var attachments: [StoredAttachment]
        /// Display names of the staff accounts, by their stored actor (`user:<id>`).
        public var staffNames: [String: String]
        public var mayDecide: Bool
        public var mayApprove: Bool
        public var mayAssign: Bool
        public var mayClaim: Bool
        public var mayReply: Bool
        public var mayViewIdentity: Bool
        /// A member may ask to see the reporter (no request of theirs is open).
        public var mayRequestIdentity: Bool
        public var mayExclude: Bool

        /// How the trail and the decisions name an actor.
        public func name(of actor: String) -> String {
            staffNames[actor] ?? AuditActor(stored: actor)?.chineseName ?? actor
        }
    }

    public func report(_ caller: Caller, id: String) async throws -> ReportFile {
        let hidden = try await keptAway(caller)
        let report = try await readableReport(caller, id: id, keptAway: hidden)
        let inspection = try await report.inspectionID.asyncFlatMap { try await store.inspection(id: $0) }
        let mayWork = caller.may(.decide, inspectionID: report.inspectionID) && report.inspectionID != nil
        let decisions = try await store.decisions(reportID: id)
        let replies = try await store.replies(reportID: id)
        let referrals = try await store.referrals(reportID: id)
        let leads = try await inspection.asyncMap { try await visibleLeads(caller, inspectionID: $0.id) } ?? []
        let lead = decisions.inForce?.leadID.flatMap { leadID in leads.first { $0.id == leadID } }
        let openLeads = leads.filter { $0.state == .open }
        let screening = try await store.screening(reportID: id)
        let earlierID = screening?.record.reasons.first { $0.family == "repeat" }?.evidence.first { $0.kind == .earlierReport }?.text
        let repeatOf = try await earlierID.asyncFlatMap { try await store.report(id: $0) }
        let exclusions = try await store.exclusions(reportID: id)
        let keptAway = Set(exclusions.filter(\.keepsAway).map(\.userID))
        let colleagues =
            try await store.users().filter {
                $0.inspectionID != nil && $0.inspectionID == report.inspectionID && $0.role != .admin && $0.role != .liaison
                    && !keptAway.contains($0.id)
            }
        let mayViewIdentity = caller.may(.viewIdentity, inspectionID: report.inspectionID)
        var me: String?
        if case .staff(let user) = caller { me = user.id }
        let requests = try await store.identityRequests(reportID: id).filter { mayViewIdentity || $0.requestedBy == me }
        return ReportFile(
            report: report,
            inspection: inspection,
            trail: try await store.auditEvents(subject: .report, id: id),
            screening: screening,
            decisions: decisions,
            notes: mayWork ? try await store.notes(reportID: id) : [],
            lead: lead,
            referrals: referrals,
            openLeads: openLeads,
            colleagues: colleagues,
            threadReports: try await store.reports(inThread: report.threadID ?? report.id).filter { !hidden.contains($0.id) },
            exclusions: exclusions,
            identityRequests: requests,
            repeatOf: repeatOf,
            proposedLeadSubject: Self.leadSubject(report, screening?.record),
            clocks: clocks(report, inspection: inspection, replied: !replies.isEmpty, referrals: referrals),
            replies: replies,
            channelRecord: try await store.channelRecord(reportID: id),
            attachments: try await store.attachments(reportID: id),
            staffNames: try await staffNames(),
            mayDecide: mayWork && decisions.inForce == nil,
            mayApprove: caller.may(.approve, inspectionID: report.inspectionID) && report.inspectionID != nil,
            mayAssign: caller.may(.assign, inspectionID: report.inspectionID) && report.inspectionID != nil,
            mayClaim: report.inspectionID == nil && caller.may(.assign, inspectionID: ownInspection(caller)),
            mayReply: caller.may(.reply, inspectionID: report.inspectionID) && inspection?.repliesEnabled == true,
            mayViewIdentity: mayViewIdentity,
            mayRequestIdentity: caller.may(.requestIdentity, inspectionID: report.inspectionID) && report.inspectionID != nil
                && !requests.contains(where: \.isOpen),
            mayExclude: caller.may(.exclude, inspectionID: report.inspectionID) && report.inspectionID != nil
        )
    }

    func staffNames() async throws -> [String: String] {
        Dictionary(try await store.users().map { (AuditActor.user(id: $0.id).stored, $0.displayName) }) { a, _ in a }
    }

    /// Screens the reports of the caller's inspection again (decisions already made stay).
    public func rescreen(_ caller: Caller, inspectionID: String? = nil) async throws -> [SuggestionKind: Int] {
        let target: String?
        if case .staff(let user) = caller { target = user.inspectionID } else { target = inspectionID }
        try authorize(caller, .rescreen, inspectionID: target)
        return try await services.screening.rescreen(inspectionID: target, actor: caller.auditActor)
    }

    /// Writes a public reply to the reporter, with its audit event, in one transaction. Only
    /// inspections that reply at all (many announce 不负责答复) may; the reply is the staff's own
    /// text, nothing of the reporter's identity goes in.
    public func reply(_ caller: Caller, reportID: String, _ input: ReplyInput) async throws {
        let report = try await readableReport(caller, id: reportID)
        guard case .staff(let user) = caller, caller.may(.reply, inspectionID: report.inspectionID), let id = report.inspectionID else {
            throw DeskError.forbidden
        }
        guard try await store.inspection(id: id)?.repliesEnabled == true else { throw Self.repliesDisabled }
        let content = try checking { () throws(InputError) in try input.checked() }
        try await store.addReply(reportID: report.id, content: content, authorID: user.id, at: services.now())
    }

    public static let repliesDisabled = DeskError(
        .forbidden,
        code: "replies_disabled",
        zh: "本巡察组只受理信访，不负责答复，不能向反映人发出答复。",
        en: "this inspection does not reply to reporters."
    )

    /// One file's bytes, for a caller who may read the report; the view is written to the audit
    /// chain before the bytes leave.
    public func openAttachment(_ caller: Caller, reportID: String, ordinal: Int) async throws -> (info: StoredAttachment, data: Data) {
        _ = try await readableReport(caller, id: reportID)
        do {
            return try await services.attachments.open(reportID: reportID, ordinal: ordinal, actor: caller.auditActor, at: services.now())
        } catch AttachmentStore.Failure.notFound {
            throw DeskError.notFound
        } catch AttachmentStore.Failure.unreadable {
            throw DeskError(
                .damaged,
                code: "attachment_unreadable",
                zh: "附件文件缺失或已损坏，请联系系统管理员从备份恢复。",
                en: "the attachment's file is missing or damaged; restore it from backup."
            )
        }
    }

    public func attachments(_ caller: Caller, reportID: String) async throws -> [StoredAttachment] {
        _ = try await readableReport(caller, id: reportID)
        return try await services.attachments.list(reportID: reportID)
    }

    /// Registers a call, letter or visit taken by the caller (see `ReportIntake.register`), and
    /// answers with what was recorded of its channel.
    public func register(
        _ caller: Caller,
        _ input: RegistrationInput,
        scans: [ScanUpload] = []
    ) async throws -> (receipt: ReportIntake.Receipt, record: ChannelRecord?) {
        // Who may register at all is asked before the input is judged; the intake then asks for
        // the inspection the registration names.
        try DeskError.unlessReady(caller)
        guard caller.mayAnywhere(.register) else { throw DeskError.forbidden }
        let registration = try checking { () throws(InputError) in try input.registration() }
        let receipt = try await services.intake.register(registration, scans: scans, by: caller)
        return (receipt, try await store.channelRecord(reportID: receipt.reportID))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let w): try await transform(w)
        case .none: nil
        }
    }

    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        switch self {
        case .some(let w): try await transform(w)
        case .none: nil
        }
    }
}
