import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The group's public replies to a reporter. Only inspections with `repliesEnabled` reply at all
/// (announcements often say 不负责答复); only a leader or member of the report's own inspection
/// may write one. A reply is the staff's text: nothing of the reporter's identity goes in.
extension StaffDesk {
    static let maxReplyLength = 5000

    static let repliesDisabled = APIError(
        .forbidden,
        code: "replies_disabled",
        zh: "本巡察组只受理信访，不负责答复，不能向反映人发出答复。",
        en: "this inspection does not reply to reporters."
    )

    /// Whether `user` may reply to `report`: it belongs to their inspection, and that inspection replies.
    func mayReply(_ user: StaffUser, _ report: Report) async throws -> Bool {
        guard user.role == .leader || user.role == .member, let id = report.inspectionID, id == user.inspectionID else { return false }
        return try await services.store.inspection(id: id)?.repliesEnabled == true
    }

    func replies(_ user: StaffUser, reportID: String) async throws -> [ReportReply] {
        guard let report = try await services.store.report(id: reportID), user.mayRead(report) else { throw APIError.notFound }
        return try await services.store.replies(reportID: reportID)
    }

    /// Writes a reply and its audit event in one transaction.
    func reply(_ user: StaffUser, reportID: String, content: String) async throws -> Report {
        guard let report = try await services.store.report(id: reportID), user.mayRead(report) else { throw APIError.notFound }
        guard try await mayReply(user, report) else {
            // A report of another inspection was already "not found"; an unassigned one has no group to answer for it.
            throw report.inspectionID == nil || report.inspectionID != user.inspectionID ? APIError.forbidden : Self.repliesDisabled
        }
        try await services.store.addReply(reportID: report.id, content: try Self.validatedReply(content), authorID: user.id, at: services.now())
        return report
    }

    static func validatedReply(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            throw APIError(.unprocessableContent, code: "empty_content", zh: "请填写答复的内容。", en: "content must not be empty.", field: "content")
        }
        if trimmed.count > maxReplyLength {
            throw APIError(
                .unprocessableContent,
                code: "too_long",
                zh: "答复内容不能超过\(maxReplyLength)个字（现有\(trimmed.count)个字）。",
                en: "content must be at most \(maxReplyLength) characters (got \(trimmed.count)).",
                field: "content"
            )
        }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 ? ![0x09, 0x0A, 0x0D].contains($0.value) : (0x7F...0x9F).contains($0.value) }) {
            throw APIError(
                .unprocessableContent,
                code: "control_characters",
                zh: "答复内容含有无法显示的控制字符，请删除后重试。",
                en: "content contains control characters.",
                field: "content"
            )
        }
        return trimmed
    }
}

extension ReporterDesk {
    /// What the reporter sees of the group's replies: whether the inspection replies at all, and
    /// the replies (time and text only, never who wrote them).
    func replies(to report: Report) async throws -> (enabled: Bool, replies: [ReportReply]) {
        var enabled = false
        if let id = report.inspectionID { enabled = try await services.store.inspection(id: id)?.repliesEnabled == true }
        return (enabled, try await services.store.replies(reportID: report.id))
    }

    /// The status page's values for the replies.
    func replyValues(_ report: Report) async throws -> [String: Any] {
        let found = try await replies(to: report)
        return [
            "repliesEnabled": found.enabled,
            "replies": found.replies.map { ["at": View.time($0.writtenAt), "content": $0.content] },
            "hasReplies": !found.replies.isEmpty,
        ]
    }
}
