import Foundation
import XunchaCore
import XunchaStore

/// 回避 as the leader decides it: keep a member of the inspection away from a report, or let a
/// namesake the text matched see it again. Reading is kept away everywhere the report shows
/// (`keptAway`): its page, its thread, the inbox, leads, referrals and registers.
extension StaffDesk {
    public func decideExclusion(_ caller: Caller, reportID: String, _ input: ExclusionInput) async throws -> [ReportExclusion] {
        let report = try await readableReport(caller, id: reportID)
        try authorize(caller, .exclude, inspectionID: report.inspectionID)
        guard let inspectionID = report.inspectionID else { throw DeskError.forbidden }
        let reason = try checking { () throws(InputError) in try input.reasonChecked() }
        guard let user = try await store.user(id: input.userId), user.inspectionID == inspectionID, user.role != .admin else {
            throw DeskError(
                .invalid,
                code: "unknown_member",
                zh: "请选择本巡察组的成员。",
                en: "user_id names no member of this inspection.",
                field: "user_id"
            )
        }
        let current = try await store.exclusions(reportID: reportID).first { $0.userID == user.id }
        if input.lift, current?.keepsAway != true {
            throw DeskError(
                .conflict,
                code: "not_excluded",
                zh: "\(user.displayName)没有回避这件反映，无需解除。",
                en: "this member is not kept away from the report."
            )
        }
        let kind: ReportExclusion.Kind = input.lift ? .lifted : .declared
        try await store.setExclusion(
            ReportExclusion(reportID: reportID, userID: user.id, kind: kind, reason: reason),
            actor: caller.auditActor,
            at: services.now()
        )
        return try await store.exclusions(reportID: reportID)
    }
}
