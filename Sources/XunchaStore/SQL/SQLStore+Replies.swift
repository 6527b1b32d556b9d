import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Saves a reply and its audit event (actor: the author) in one transaction.
    public func addReply(reportID: String, content: String, authorID: String, at: Date) async throws {
        try await transaction { db in
            let next =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM report_replies WHERE report_id = \(bind: reportID)"
                ).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
            try await db.raw(
                """
                INSERT INTO report_replies (report_id, ordinal, written_at, author_id, content)
                VALUES (\(bind: reportID), \(bind: next), \(bind: Self.millis(at)), \(bind: authorID), \(bind: content))
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: .user(id: authorID),
                action: .reportReplied,
                subjectID: reportID,
                detail: String(next)
            )
        }
    }

    public func replies(reportID: String) async throws -> [ReportReply] {
        try await engine.reader.raw(
            """
            SELECT report_id, ordinal, written_at, author_id, content FROM report_replies
            WHERE report_id = \(bind: reportID) ORDER BY ordinal
            """
        ).all().map { row in
            ReportReply(
                reportID: try row.decode(column: "report_id", as: String.self),
                ordinal: try row.decode(column: "ordinal", as: Int.self),
                writtenAt: Self.date(try row.decode(column: "written_at", as: Int64.self)),
                authorID: try row.decode(column: "author_id", as: String.self),
                content: try row.decode(column: "content", as: String.self)
            )
        }
    }
}
