import Foundation
import XunchaCore

/// Everything Xuncha keeps, behind one interface so that the engine (SQLite now, PostgreSQL for
/// several server instances) can change without touching its callers. Each method that changes
/// state writes its audit event in the same transaction (DESIGN.md invariant 4), and returns only
/// after that transaction has committed (invariant 1).
public protocol Store: Sendable {
    func createInspection(_ inspection: Inspection, actor: String, at: Date) async throws
    func inspections() async throws -> [Inspection]
    func inspection(id: String) async throws -> Inspection?

    func saveReport(_ report: NewReport, actor: String) async throws
    /// Newest first. `inspectionID` nil lists every report (the CLI's view of the whole register).
    func reports(inspectionID: String?, includeUnassigned: Bool, limit: Int, offset: Int) async throws -> [Report]
    func reportCount(inspectionID: String?, includeUnassigned: Bool) async throws -> Int
    func report(id: String) async throws -> Report?
    func reportID(queryCodeHash: String) async throws -> String?
    func addToReport(id: String, content: String, at: Date, actor: String) async throws
    /// The report registered from a source with any of these keys (see `NewReport.sourceKeys`).
    func reportID(sourceKeys: [String]) async throws -> String?
    /// What intake noted about a report's source (JSON written by the channel adapter), if anything.
    func intakeNotes(reportID: String) async throws -> String?
    /// What staff recorded of a call, letter or visit (`NewReport.channelDetails`), if anything.
    func channelRecord(reportID: String) async throws -> ChannelRecord?
    /// Replaces a report's query code with one the reporter chose, and clears the must-change mark.
    func replaceQueryCode(reportID: String, newHash: String, at: Date, actor: String) async throws
    /// Attachment metadata (`AttachmentStore` keeps the sealed files); see SQLStore+Attachments.swift.
    func saveAttachments(
        _ files: [StoredAttachment],
        reportID: String,
        limits: AttachmentPolicy,
        onlyIfNone: Bool,
        actor: String,
        at: Date
    )
        async throws -> [StoredAttachment]
    func attachments(reportID: String) async throws -> [StoredAttachment]
    func recordAttachmentView(reportID: String, ordinal: Int, actor: String, at: Date) async throws
    /// The group's public replies to a report's reporter; see SQLStore+Replies.swift.
    func addReply(reportID: String, content: String, authorID: String, at: Date) async throws
    func replies(reportID: String) async throws -> [ReportReply]
    /// An inspection's roster, replaced whole on import; see SQLStore+Roster.swift.
    func replaceRoster(inspectionID: String, people: [RosterPerson], source: String, actor: String, at: Date) async throws
    func roster(inspectionID: String, rules: ScopeRoleRules) async throws -> [RosterPerson]
    /// Screenings and staff decisions; see SQLStore+Screenings.swift.
    func saveScreenings(_ screenings: [(reportID: String, screening: StoredScreening)], actor: String) async throws
    func screening(reportID: String) async throws -> StoredScreening?
    func screeningSummaries(reportIDs: [String]) async throws -> [String: ScreeningSummary]
    func reportTexts(inspectionID: String?) async throws -> [ReportText]
    func recordDisposition(reportID: String, _ disposition: Disposition) async throws
    func dispositions(reportID: String) async throws -> [Disposition]
    func screeningGeneration(inspectionID: String?) async throws -> ScreeningGeneration

    func createUser(_ user: StaffUser, passwordHash: String, actor: String, at: Date) async throws
    func userCredentials(username: String) async throws -> (user: StaffUser, passwordHash: String)?
    func user(id: String) async throws -> StaffUser?
    func users() async throws -> [StaffUser]
    func setPassword(userID: String, passwordHash: String, mustChange: Bool, actor: String, at: Date) async throws

    func createSession(_ session: StaffSession, at: Date) async throws
    func session(tokenHash: String) async throws -> StaffSession?
    func deleteSession(tokenHash: String, at: Date) async throws

    func auditEvents(subjectType: String, subjectID: String) async throws -> [AuditEvent]
    /// Every event in chain order, in pages so that verifying a long chain keeps memory flat.
    func auditEvents(afterSeq: Int, limit: Int) async throws -> [AuditEvent]

    func close() async throws
}

/// A report ready to be written: validated, its identity already sealed and its query code
/// already hashed, so that no plain identity or code ever reaches the store.
public struct NewReport: Sendable {
    public var report: Report
    public var sealedIdentity: String?
    public var queryCodeHash: String?
    /// Keys of the source the report was made from (an e-mail's Message-ID and SHA-256), unique
    /// across the store: saving a second report with a key already taken fails as a whole.
    public var sourceKeys: [String]
    /// What intake noted about the source (unreadable parts and the like), as JSON.
    public var intakeNotes: String?
    /// A call's, letter's or visit's own fields, with the identifying ones already sealed.
    public var channelDetails: ChannelDetailsRow?
    /// The screening made on arrival, stored in the same transaction as the report.
    public var screening: StoredScreening?

    public init(
        report: Report,
        sealedIdentity: String?,
        queryCodeHash: String?,
        sourceKeys: [String] = [],
        intakeNotes: String? = nil,
        channelDetails: ChannelDetailsRow? = nil,
        screening: StoredScreening? = nil
    ) {
        self.report = report
        self.sealedIdentity = sealedIdentity
        self.queryCodeHash = queryCodeHash
        self.sourceKeys = sourceKeys
        self.intakeNotes = intakeNotes
        self.channelDetails = channelDetails
        self.screening = screening
    }
}

/// A logged-in staff member's session. Only a hash of the cookie's token is stored, so a copy of
/// the database does not let anyone log in.
public struct StaffSession: Sendable, Equatable {
    public var tokenHash: String
    public var userID: String
    public var csrfToken: String
    public var expiresAt: Date

    public init(tokenHash: String, userID: String, csrfToken: String, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.expiresAt = expiresAt
    }
}
