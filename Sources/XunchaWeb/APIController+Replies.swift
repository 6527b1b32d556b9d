import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// The group's public replies in the status body: time and text only, never who wrote them.
extension APIController {
    struct PublicReply: Encodable {
        var writtenAt: Date
        var content: String
    }

    func statusWithReplies(of report: Report) async throws -> StatusResponse {
        var body = Self.status(of: report)
        body.replies = try await reporters.replies(to: report).replies.map { PublicReply(writtenAt: $0.writtenAt, content: $0.content) }
        return body
    }
}
