import Foundation
import XunchaCore
import XunchaStore

/// The screening of reports as staff work with it: the suggestion shown beside each report, the
/// decision that confirms or overrules it (audited, an overruling with its reason), and screening
/// an inspection's reports again after its roster or settings changed.
extension StaffDesk {
    /// A report's latest screening (nil if it was never screened) and the decisions made on it.
    func screening(_ user: StaffUser, reportID: String) async throws -> (screening: StoredScreening?, dispositions: [Disposition]) {
        guard let report = try await services.store.report(id: reportID), user.mayRead(report) else { throw APIError.notFound }
        return (try await services.store.screening(reportID: reportID), try await services.store.dispositions(reportID: reportID))
    }

    /// Inbox lines' suggestions, keyed by report id.
    func screeningSummaries(_ reports: [Report]) async throws -> [String: ScreeningSummary] {
        try await services.store.screeningSummaries(reportIDs: reports.map(\.id))
    }

    /// Whether `user` may decide on `report`: a leader or member of the report's own inspection.
    /// An unassigned report has no group to decide for it yet.
    func mayDecide(_ user: StaffUser, _ report: Report) -> Bool {
        (user.role == .leader || user.role == .member) && report.inspectionID != nil && report.inspectionID == user.inspectionID
    }

    /// Records a decision; an outcome other than the suggestion needs a comment.
    func decide(_ user: StaffUser, reportID: String, outcome: String, comment: String) async throws -> Disposition {
        guard let report = try await services.store.report(id: reportID), user.mayRead(report) else { throw APIError.notFound }
        guard mayDecide(user, report) else {
            throw APIError(
                .forbidden,
                code: "not_your_inspection",
                zh: "只有本巡察组的组长、组员可以处理该反映；未分配到巡察的反映需先分配。",
                en: "only the leader or members of the report's inspection may decide on it."
            )
        }
        guard let kind = SuggestionKind(rawValue: outcome) else {
            throw APIError(
                .unprocessableContent,
                code: "invalid_outcome",
                zh: "请选择处理方式（受理、转办、存查、重复件或不予受理）。",
                en: "outcome must be accept, refer, file, duplicate or reject.",
                field: "outcome"
            )
        }
        let record = try await services.store.screening(reportID: reportID)?.record
        let checked: String
        do {
            checked = try Disposition.validatedComment(comment, outcome: kind, suggestion: record?.suggestion)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        let disposition = Disposition(
            outcome: kind,
            suggestion: record?.suggestion,
            rulesVersion: record?.rulesVersion,
            comment: checked,
            decidedBy: "user:\(user.id)",
            decidedAt: services.now()
        )
        try await services.store.recordDisposition(reportID: reportID, disposition)
        return disposition
    }

    /// Screens the reports of the user's inspection again (decisions already made stay).
    func rescreen(_ user: StaffUser) async throws -> [SuggestionKind: Int] {
        guard user.role == .leader || user.role == .member, let id = user.inspectionID else { throw APIError.forbidden }
        return try await services.intake.screening.rescreen(inspectionID: id, actor: "user:\(user.id)")
    }
}
