import Foundation
import XunchaCore
import XunchaStore

/// What the public can do: read where to report, submit, and follow their own report by its
/// query code (never by anything that identifies them). The HTML pages and the JSON API both
/// come here, so both answer alike.
public struct ReporterDesk: Sendable {
    let services: DeskServices
    var store: any Store { services.store }

    public func submit(_ input: ReportInput, client: ClientTag?) async throws -> ReportIntake.Receipt {
        let submission = try checking { () throws(InputError) in try input.submission(receivedAt: services.now()) }
        return try await services.intake.submit(submission, from: .reporter(client))
    }

    /// Inspections the public page shows: those still taking reports, or all when none is, so the
    /// page always tells people where they are.
    public func visibleInspections() async throws -> [Inspection] {
        let all = try await store.inspections()
        let today = CivilDate(beijingDayOf: services.now())
        let open = all.filter { $0.isTakingReports(on: today) }
        return open.isEmpty ? all : open
    }

    /// Every inspection, for the public list: announcements are public, so the list shows those
    /// that take reports, those about to, and those that have closed.
    public func publicInspections() async throws -> [Inspection] {
        try await store.inspections()
    }

    /// One inspection by its id, for its public page; nil when there is none.
    public func inspection(id: String) async throws -> Inspection? {
        guard !id.isEmpty, id.count <= 200 else { return nil }
        return try await store.inspection(id: id)
    }

    /// The report a code opens. Every try is counted per client when it starts and a right one
    /// given back; wrong ones are slowed; the answer never
    /// says more than "not found". A code staff issued must be replaced by the reporter's own
    /// before it shows anything (`allowingIssuedCode` is for that replacement only).
    func open(code text: String, client: ClientTag?, allowingIssuedCode: Bool = false) async throws -> Report {
        let code = try checking { () throws(InputError) in try QueryCode(parsing: text) }
        let attempt = try await services.beginAttempt(.queryCode, client)
        guard let id = try await services.intake.reportID(for: code), let report = try await store.report(id: id) else {
            await services.penalise()
            throw DeskError(.notFound, code: "not_found", zh: "未找到与该查询码对应的反映，请核对后重试。", en: "no report for that query code.")
        }
        await services.throttle.refund(attempt)
        if !allowingIssuedCode, try await store.channelRecord(reportID: id)?.queryCodeMustChange == true {
            throw Self.queryCodeChangeRequired
        }
        return report
    }

    /// What the reporter reads about their report: its status, what they added, and the group's
    /// replies (time and text only, never who wrote them).
    public func status(code: String, client: ClientTag?) async throws -> ReportStatusView {
        try await statusView(try await open(code: code, client: client))
    }

    func statusView(_ report: Report) async throws -> ReportStatusView {
        let inspection = try await report.inspectionID.asyncFlatMap { try await store.inspection(id: $0) }
        return ReportStatusView(
            status: report.status,
            receivedAt: report.receivedAt,
            outsidePeriod: inspection.flatMap { Self.outsidePeriodNote(report, $0) },
            additions: report.additions,
            repliesEnabled: inspection?.repliesEnabled == true,
            replies: try await store.replies(reportID: report.id).map { .init(writtenAt: $0.writtenAt, content: $0.content) }
        )
    }

    /// What a report sent outside the inspection's period is told while it waits for a decision:
    /// screening passes it on rather than taking it as a lead, and "under review" alone would
    /// not say so.
    static func outsidePeriodNote(_ report: Report, _ inspection: Inspection) -> String? {
        guard report.status == .received, report.channel == .web else { return nil }
        switch ReceptionWindow(inspection: inspection, calendar: .official).judge(.web, at: report.receivedAt).reason {
        case .beforePeriod, .afterDeadline:
            return "您的反映在本轮巡察受理期间（\(inspection.periodStart.chineseText)至\(inspection.deadline.chineseText)）以外收到，已登记保存，不作为本轮巡察的问题线索，将按规定转交有关部门处理。"
        default:
            return nil
        }
    }

    /// Adds text, files or both to the report the code opens. Everything is checked first, so a
    /// refused file adds nothing; then the text (with the report's new screening, in one
    /// transaction) and the files, each with its audit event.
    public func add(_ input: AdditionInput, files: [NewAttachment] = [], client: ClientTag?) async throws -> (status: ReportStatusView, files: Int) {
        let report = try await open(code: input.queryCode, client: client)
        let hasText = !TextLimits.trimmed(input.content).isEmpty
        guard hasText || !files.isEmpty else {
            throw DeskError(
                .invalid,
                code: "empty_content",
                zh: files.isEmpty && input.acceptsFiles ? "请填写补充内容或选择附件。" : "请填写补充的内容。",
                en: "content must not be empty.",
                field: "content"
            )
        }
        if hasText { _ = try checking { () throws(InputError) in try ReportAddition.validated(input.content) } }
        let attachments = services.attachments
        let existing = try await attachments.list(reportID: report.id)
        let verdict = attachments.policy.admit(files, existingCount: existing.count, existingBytes: existing.reduce(0) { $0 + $1.size })
        if let refused = verdict.refused.first { throw DeskError.invalid(refused.error) }
        var updated = report
        if hasText { updated = try await services.intake.add(to: report, content: input.content, by: .reporter(client)) }
        let saved = try await attachments.add(files, to: report.id, actor: .reporter, at: services.now())
        return (try await statusView(updated), saved.count)
    }

    /// The two steps of replacing a staff-issued code (`QueryCodeChangeInput`).
    public enum CodeChange: Sendable {
        /// A new code shown to the reporter, not yet in force, and what they carry back with it.
        case proposed(code: QueryCode, confirmation: String)
        /// The new code in force, and the report it opens.
        case replaced(code: QueryCode, status: ReportStatusView)
    }

    /// How long a proposed code waits to be typed back.
    public static let codeConfirmationLifetime: TimeInterval = 30 * 60

    /// Proposes a new code for a report whose code staff issued, or, with the proposal's
    /// confirmation and the new code typed back, puts it in force. Nothing is stored in between:
    /// the proposal travels sealed under the key file and bound to the report.
    public func changeIssuedCode(_ input: QueryCodeChangeInput, client: ClientTag?) async throws -> CodeChange {
        let report = try await open(code: input.queryCode, client: client, allowingIssuedCode: true)
        guard try await store.channelRecord(reportID: report.id)?.queryCodeMustChange == true else {
            throw DeskError(
                .invalid,
                code: "query_code_already_changed",
                zh: "该查询码无需更换。",
                en: "this query code needs no change.",
                field: "query_code"
            )
        }
        guard let confirmation = input.confirmation, !confirmation.isEmpty else {
            let (code, _) = try await services.intake.freshQueryCode()
            let proposal = CodeProposal(digits: code.digits, expires: services.now().addingTimeInterval(Self.codeConfirmationLifetime))
            return .proposed(code: code, confirmation: try services.sealer.sealValue(proposal, .queryCodeConfirmation(reportID: report.id)))
        }
        guard let code = proposal(confirmation, reportID: report.id) else { throw Self.confirmationExpired }
        guard let typed = input.newQueryCode, (try? QueryCode(parsing: typed)) == code else {
            throw DeskError(
                .invalid,
                code: "new_query_code_mismatch",
                zh: "您输入的新查询码与页面上显示的不一致，请对照抄下的查询码重新输入。",
                en: "the new query code typed does not match the one shown.",
                field: "new_query_code"
            )
        }
        try await services.intake.replaceCode(reportID: report.id, with: code)
        return .replaced(code: code, status: try await statusView(report))
    }

    /// The code a change's confirmation proposed, to show again after a wrong copy; nil when the
    /// old code or the confirmation no longer holds.
    public func proposedCode(_ input: QueryCodeChangeInput, client: ClientTag?) async -> QueryCode? {
        guard let confirmation = input.confirmation, let report = try? await open(code: input.queryCode, client: client, allowingIssuedCode: true)
        else { return nil }
        return proposal(confirmation, reportID: report.id)
    }

    /// The code a confirmation carries for this report, while it is in time.
    private func proposal(_ confirmation: String, reportID: String) -> QueryCode? {
        guard let proposal = try? services.sealer.openValue(CodeProposal.self, confirmation, .queryCodeConfirmation(reportID: reportID)),
            proposal.expires > services.now()
        else { return nil }
        return try? QueryCode(parsing: proposal.digits)
    }

    /// What a proposed code's confirmation carries.
    private struct CodeProposal: Codable {
        var digits: String
        var expires: Date
    }

    public static let confirmationExpired = DeskError(
        .invalid,
        code: "confirmation_expired",
        zh: "这个新查询码已过期或无效，请重新生成。",
        en: "this proposed code has expired or is not valid; ask for a new one.",
        field: "confirmation"
    )

    /// A staff-issued code opens nothing until the reporter has had a new one of their own.
    public static let queryCodeChangeRequired = DeskError(
        .forbidden,
        code: "query_code_change_required",
        zh: "这是工作人员代为生成的查询码，请先更换为只有您知道的新查询码。",
        en: "this query code was issued by staff; get a new one first (POST /api/v1/status/code).",
        field: "query_code"
    )
}

/// The status page's content, the same for the page and the API.
public struct ReportStatusView: Sendable, Encodable {
    public struct Reply: Sendable, Encodable {
        public var writtenAt: Date
        public var content: String
    }

    public var status: ReportStatus
    public var receivedAt: Date
    /// Said when the report came before the period or after the deadline and waits for a decision.
    public var outsidePeriod: String?
    public var additions: [ReportAddition]
    /// Whether the inspection replies to reporters at all (many announce 只受理…不负责答复).
    public var repliesEnabled: Bool
    public var replies: [Reply]
}
