import Foundation
import XunchaCore
import XunchaText

/// Everything Xuncha keeps, behind one interface so that the engine (SQLite now, PostgreSQL for
/// several server instances) can change without touching its callers. Each method that changes
/// state writes its audit event in the same transaction (invariant 4 in docs/ARCHITECTURE.md),
/// and returns only after that transaction has committed (invariant 1). The values it takes and
/// returns are declared beside it, in this folder.
public protocol Store: Sendable {
    /// Counts one guess in every bucket (a keyed hash of the client, and its limit within
    /// `window`) unless one is already full, in one step for every server on the database: the
    /// throttle's counts are shared, so guesses spread over several servers meet one limit.
    func countAttempt(_ buckets: [(key: String, limit: Int)], at: Date, window: TimeInterval) async throws -> AttemptCount
    /// Takes back one counted guess from each bucket, if its window is still the one it was counted in.
    func refundAttempt(_ counted: [(key: String, since: Date)]) async throws
    /// Keeps a public reporter's query code, sealed, until the page after the form takes it
    /// (see SQLStore+ReceivedSlots.swift); removes the slots whose time has passed.
    func keepReceivedSlot(_ slot: ReceivedSlotRow, now: Date) async throws
    /// The sealed slot under `tokenHash`, removed in the same step: a second take, on any server,
    /// gets nil, and so does a slot whose time has passed.
    func takeReceivedSlot(tokenHash: String, now: Date) async throws -> String?

    func createInspection(_ inspection: Inspection, actor: AuditActor, at: Date) async throws
    func inspections() async throws -> [Inspection]
    func inspection(id: String) async throws -> Inspection?

    /// The report, its subjects, sealed identity, source keys, channel fields and screening, with
    /// the audit events `report.received` and `report.screened`, in one transaction.
    func saveReport(_ report: NewReport, actor: AuditActor) async throws
    /// Newest first. `inspectionID` nil lists every report (the CLI's view of the whole register).
    func reports(inspectionID: String?, includeUnassigned: Bool, limit: Int, offset: Int) async throws -> [Report]
    /// Every report, newest first, the `limit` after `cursor` (from the start when nil): a page
    /// costs the same wherever it falls.
    func reports(after cursor: ReportCursor?, limit: Int) async throws -> [Report]
    func reportCount(inspectionID: String?, includeUnassigned: Bool) async throws -> Int
    /// A page of an inspection's reports as `query` asks, and how many match in all.
    func inbox(_ query: InboxQuery) async throws -> (reports: [Report], total: Int)
    /// The latest decision on each report that has one, and whether each has had a public reply.
    func latestDecisions(reportIDs: [String]) async throws -> [String: Decision]
    func repliedReports(reportIDs: [String]) async throws -> Set<String>
    /// Reports of the inspection with a proposal or a request waiting for the leader, the oldest
    /// `limit` of them.
    func reportsAwaitingApproval(_ what: LeaderApproval, inspectionID: String, limit: Int) async throws -> [Report]
    /// Real-name reports of the inspection the group has not replied to yet, the oldest `limit`
    /// of them (the first whose acknowledgement falls due).
    func realNameReportsWithoutReply(inspectionID: String, limit: Int) async throws -> [Report]
    /// The reports with these ids, in no particular order; ids not stored are left out.
    func reports(ids: [String]) async throws -> [Report]
    /// The reports of one thread (a matter and its repeats), oldest first.
    func reports(inThread threadID: String) async throws -> [Report]
    func report(id: String) async throws -> Report?
    func reportID(queryCodeHash: String) async throws -> String?
    /// Whether any report still has its query code stored in the scheme before the keyed hash.
    func holdsLegacyQueryCodeHashes() async throws -> Bool
    /// Replaces a code's legacy hash with its current one, if the report still holds `legacyHash`.
    func rehashQueryCode(reportID: String, legacyHash: String, currentHash: String) async throws
    /// A reporter's addition and the report's new screening (read with it), in one transaction.
    func addToReport(id: String, content: String, at: Date, actor: AuditActor, screening: StoredScreening?) async throws
    /// The report registered from a source with any of these keys (see `NewReport.sourceKeys`).
    func reportID(sourceKeys: [String]) async throws -> String?
    /// What intake noted about a report's source (JSON written by the channel adapter), if anything.
    func intakeNotes(reportID: String) async throws -> String?
    /// What staff recorded of a call, letter or visit (`NewReport.channelDetails`), if anything.
    func channelRecord(reportID: String) async throws -> ChannelRecord?
    /// The sealed identity and the sealed caller number and sender as written, after the view is
    /// written to the audit chain (its detail: what was opened).
    func sealedIdentity(
        reportID: String,
        viewedBy actor: AuditActor,
        at: Date,
        using request: String?
    ) async throws -> (identity: String?, channelFields: String?)
    /// Replaces a report's query code with one the reporter chose, and clears the must-change mark.
    func replaceQueryCode(reportID: String, newHash: String, at: Date, actor: AuditActor) async throws
    /// Attachment metadata (`AttachmentStore` keeps the sealed files); see SQLStore+Attachments.swift.
    func saveAttachments(
        _ files: [StoredAttachment],
        reportID: String,
        limits: AttachmentPolicy,
        onlyIfNone: Bool,
        actor: AuditActor,
        at: Date
    )
        async throws -> [StoredAttachment]
    func attachments(reportID: String) async throws -> [StoredAttachment]
    func recordAttachmentView(reportID: String, ordinal: Int, actor: AuditActor, at: Date) async throws
    /// The group's public replies to a report's reporter; see SQLStore+Replies.swift.
    func addReply(reportID: String, content: String, authorID: String, at: Date) async throws
    func replies(reportID: String) async throws -> [ReportReply]
    /// An inspection's roster, replaced whole on import; see SQLStore+Roster.swift.
    /// `addingNextLevel`: units the import settled as next-level ones, added to the scope in the same transaction.
    func replaceRoster(
        inspectionID: String,
        people: [RosterPerson],
        addingNextLevel: [NextLevelUnit],
        source: String,
        actor: AuditActor,
        at: Date
    ) async throws
    func roster(inspectionID: String, rules: ScopeRoleRules) async throws -> [RosterPerson]
    /// An inspection's scope: its units and their next level; see SQLStore+Scope.swift.
    func scope(inspectionID: String) async throws -> InspectionScope?
    func replaceNextLevelUnits(inspectionID: String, units: [NextLevelUnit], actor: AuditActor, at: Date) async throws
    /// Screenings and staff decisions; see SQLStore+Screenings.swift.
    func saveScreenings(_ screenings: [(reportID: String, screening: StoredScreening)], actor: AuditActor) async throws
    func screening(reportID: String) async throws -> StoredScreening?
    func screeningSummaries(reportIDs: [String]) async throws -> [String: ScreeningSummary]
    func reportTexts(inspectionID: String?, after: ReportText?, limit: Int) async throws -> [ReportText]
    func reportTextCount(inspectionID: String?) async throws -> Int
    /// The near-duplicate index in the database; see SQLStore+NearDuplicates.swift.
    func filedReports(
        like text: PreparedText,
        inspectionID: String?,
        before: (receivedAt: Date, reportID: String)?
    ) async throws
        -> [FiledEarlierReports.Report]
    func auditHead() async throws -> Int
    func screeningChanges(inspectionID: String?, after seq: Int) async throws -> ScreeningChanges

    /// The group's work on a report; see SQLStore+Workflow.swift.
    /// Brings a report no inspection claimed into one, with the next number of its register.
    func claimReport(id: String, inspectionID: String, actor: AuditActor, at: Date) async throws
    func assignReport(id: String, to assigneeID: String?, actor: AuditActor, at: Date) async throws
    func addNote(reportID: String, content: String, authorID: String, at: Date) async throws
    func notes(reportID: String) async throws -> [ReportNote]
    func decisions(reportID: String) async throws -> [Decision]
    /// Every approved decision that names a category, with its report's text and register number,
    /// in the order they were approved: what the learned layer trains on.
    func decidedExamples() async throws -> [DecidedExample]
    /// Appends a proposal, withdrawing one still pending; a proposal approved as it is made (the
    /// leader's own) applies `effect` at once. Returns it as stored.
    func proposeDecision(reportID: String, _ decision: Decision, effect: DecisionEffect, actor: AuditActor) async throws -> Decision
    /// Approves (applying `effect`) or returns the pending proposal `ordinal`.
    func reviewDecision(
        reportID: String,
        ordinal: Int,
        approve: Bool,
        comment: String,
        effect: DecisionEffect,
        actor: AuditActor,
        at: Date
    ) async throws -> Decision
    /// Takes the decision in force back: the report waits for a new one, leaves its lead, and an
    /// unsent referral is cancelled. A sent referral cannot be taken back (`StoreError.stateChanged`).
    func reopenDecision(reportID: String, ordinal: Int, reason: String, actor: AuditActor, at: Date) async throws
    /// What an inspection's statistics are made from, counted by the database.
    func statisticsCounts(inspectionID: String) async throws -> StatisticsCounts
    func leads(inspectionID: String) async throws -> [Lead]
    func lead(id: String) async throws -> Lead?
    func referrals(inspectionID: String) async throws -> [Referral]
    func referrals(reportID: String) async throws -> [Referral]
    func recordLeadOutcome(leadID: String, _ outcome: LeadOutcome, closeOut: Bool, actor: AuditActor) async throws

    // Ledgers (SQLStore+Ledgers.swift, SQLStore+Rectification.swift).
    func registerEntries(inspectionID: String, channels: [Channel], sealed: Bool, received: Range<Date>?) async throws -> [SealedRegisterEntry]
    func registerPage(
        inspectionID: String,
        channels: [Channel],
        sealed: Bool,
        received: Range<Date>?,
        rows: Range<Int>
    ) async throws -> (entries: [SealedRegisterEntry], total: Int)
    func registerNumbers(reportIDs: [String]) async throws -> [String: String]
    func recordLedgerExport(inspectionID: String, detail: String, actor: AuditActor, at: Date) async throws
    func rectificationItems(inspectionID: String) async throws -> [RectificationItem]
    func rectificationItem(id: String) async throws -> RectificationItem?
    func addRectificationItem(_ item: RectificationItem, actor: AuditActor) async throws -> RectificationItem
    func updateRectificationItem(_ item: RectificationItem, seenAt: Date, actor: AuditActor) async throws
    /// Work on leads: editing, material, working papers and handovers; see SQLStore+LeadWork.swift.
    /// Changes refuse a lead that is no longer open (`StoreError.stateChanged`).
    func updateLead(id: String, subject: Subject, summary: String, kind: String, actor: AuditActor, at: Date) async throws
    func markLeadAboutPrincipal(id: String, _ aboutPrincipal: Bool, actor: AuditActor, at: Date) async throws
    /// Rows of lead files already sealed to disk (`LeadFiles`), numbered after the lead's existing ones.
    func saveLeadMaterials(
        _ files: [StoredLeadMaterial],
        leadID: String,
        limits: AttachmentPolicy,
        actor: AuditActor,
        at: Date
    )
        async throws -> [StoredLeadMaterial]
    func leadMaterials(leadID: String) async throws -> [StoredLeadMaterial]
    func recordLeadMaterialView(leadID: String, ordinal: Int, actor: AuditActor, at: Date) async throws
    /// Stores a new paper (one per lead) with its first step, numbered in the inspection's 底 series
    /// (the number given is replaced); returns it as stored.
    func draftPaper(_ paper: WorkingPaper, actor: AuditActor) async throws -> WorkingPaper
    /// Stores a paper's content and the steps after the first `stepsBefore`, each with its audit
    /// event (an edit without a step writes `paper.edited`); refused when the stored paper has
    /// moved on meanwhile.
    func savePaper(_ paper: WorkingPaper, stepsBefore: Int, actor: AuditActor, at: Date) async throws
    func paper(id: String) async throws -> WorkingPaper?
    func papers(inspectionID: String) async throws -> [WorkingPaper]
    /// Stores a handover made from the archive already sealed to disk, numbers it, and marks its
    /// leads handed over; refused when one of them is no longer open.
    func saveHandover(_ handover: StoredHandover, actor: AuditActor) async throws -> StoredHandover
    func handovers(inspectionID: String) async throws -> [StoredHandover]
    func handover(id: String) async throws -> StoredHandover?
    func recordHandoverDownload(id: String, actor: AuditActor, at: Date) async throws
    /// Referrals after the decision; see SQLStore+Referrals.swift. Each change fails with
    /// `StoreError.stateChanged` when the referral is no longer in the state it needs.
    func referral(id: String) async throws -> Referral?
    /// The text a referral was drafted from and its masks (nil for one drafted before they were kept).
    func referralDraft(id: String) async throws -> ReferralDraft?
    /// A draft's text and recipient as staff corrected them (`referral.edited`).
    func editReferral(id: String, content: String, recipient: String, actor: AuditActor, at: Date) async throws
    /// Sends a draft, with its text and recipient as they now stand (`referral.edited` when they
    /// changed, and `referral.sent`).
    func sendReferral(id: String, content: String, recipient: String, feedbackDue: CivilDate, actor: AuditActor, at: Date) async throws
    /// The recipient's feedback on a sent referral, which is then answered (`referral.answered`).
    func recordReferralFeedback(id: String, _ feedback: ReferralFeedback, actor: AuditActor, at: Date) async throws

    func createUser(_ user: StaffUser, passwordHash: String, actor: AuditActor, at: Date) async throws
    func userCredentials(username: String) async throws -> (user: StaffUser, passwordHash: String)?
    func user(id: String) async throws -> StaffUser?
    func users() async throws -> [StaffUser]
    func setPassword(userID: String, passwordHash: String, mustChange: Bool, actor: AuditActor, at: Date) async throws

    func createSession(_ session: StaffSession, at: Date) async throws
    func session(tokenHash: String) async throws -> StaffSession?
    func deleteSession(tokenHash: String, at: Date) async throws
    /// The two-person rule and the second factor; see SQLStore+Access.swift.
    func setAccess(userID: String, access: StaffAccess, actor: AuditActor, at: Date) async throws
    /// The admin's reset: a new one-time password, pending again, no second factor, no session.
    func resetAccount(userID: String, passwordHash: String, actor: AuditActor, at: Date) async throws
    func secondFactor(userID: String) async throws -> SecondFactorRecord
    func setPendingSecondFactor(userID: String, sealedSecret: String) async throws
    /// Makes the pending secret the account's, with its recovery codes, and completes the session;
    /// false when there was no pending secret.
    func enrolSecondFactor(userID: String, step: Int64, recoveryCodeHashes: [String], sessionTokenHash: String, at: Date) async throws -> Bool
    /// Takes a code's step (later than any taken before) or an unused recovery code, and completes
    /// the session if one is given; false when the proof was used already.
    func passSecondFactor(userID: String, proof: SecondFactorProof, sessionTokenHash: String?, at: Date) async throws -> Bool

    /// 回避; see SQLStore+Exclusions.swift. Accounts a report names are found when it, an addition
    /// or the account is written.
    func exclusions(reportID: String) async throws -> [ReportExclusion]
    /// The reports the account is kept away from.
    func excludedReportIDs(userID: String) async throws -> Set<String>
    func setExclusion(_ exclusion: ReportExclusion, actor: AuditActor, at: Date) async throws
    /// Requests to see a reporter; see SQLStore+IdentityRequests.swift. `sealedIdentity(using:)`
    /// spends an approved one in the transaction that opens the identity.
    func addIdentityRequest(_ request: IdentityRequest) async throws
    func identityRequests(reportID: String) async throws -> [IdentityRequest]
    func decideIdentityRequest(id: String, approve: Bool, note: String, actor: AuditActor, at: Date) async throws

    func auditEvents(subject: AuditSubjectType, id: String) async throws -> [AuditEvent]
    /// Every event in chain order, in pages so that verifying a long chain keeps memory flat.
    func auditEvents(afterSeq: Int, limit: Int) async throws -> [AuditEvent]

    func close() async throws
}

extension Store {
    /// A roster import that adds nothing to the scope.
    public func replaceRoster(inspectionID: String, people: [RosterPerson], source: String, actor: AuditActor, at: Date) async throws {
        try await replaceRoster(inspectionID: inspectionID, people: people, addingNextLevel: [], source: source, actor: actor, at: at)
    }

    /// A view no request stands behind: the leader's own, or Xuncha's when it masks a referral.
    public func sealedIdentity(reportID: String, viewedBy actor: AuditActor, at: Date) async throws -> (identity: String?, channelFields: String?) {
        try await sealedIdentity(reportID: reportID, viewedBy: actor, at: at, using: nil)
    }
}

/// What waits for an inspection's leader to approve on a report.
public enum LeaderApproval: Sendable {
    /// A member's proposed decision.
    case decision
    /// A member's request to see the reporter.
    case identityRequest
}
