import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Saves the rows of files already sealed to disk, numbering them after the report's existing
    /// ones. The per-report limits are checked again inside the transaction, so two writers cannot
    /// together go over them. With `onlyIfNone` nothing is saved (and `[]` returned) when the
    /// report already has files: a repair that a second reader may also be attempting.
    public func saveAttachments(
        _ files: [StoredAttachment],
        reportID: String,
        limits: AttachmentPolicy,
        onlyIfNone: Bool,
        actor: AuditActor,
        at: Date
    ) async throws -> [StoredAttachment] {
        try await transaction { db in
            let row = try await db.raw(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS bytes FROM report_attachments WHERE report_id = \(bind: reportID)"
            ).first()
            let count = try row.map { try $0.decode(column: "n", as: Int.self) } ?? 0
            let bytes = try row.map { try $0.decode(column: "bytes", as: Int.self) } ?? 0
            if onlyIfNone && count > 0 { return [] }
            guard count + files.count <= limits.maxFilesPerReport, bytes + files.reduce(0, { $0 + $1.size }) <= limits.maxReportBytes else {
                throw AttachmentPolicy.refusal(
                    "attachment_report_too_large",
                    files.first?.filename ?? "",
                    zh: "使本件反映的附件超过 \(limits.maxFilesPerReport) 个或 \(AttachmentPolicy.megabytes(limits.maxReportBytes)) 的上限",
                    en: "would take the report over \(limits.maxFilesPerReport) files or \(AttachmentPolicy.megabytes(limits.maxReportBytes))"
                )
            }
            var saved: [StoredAttachment] = []
            for (k, file) in files.enumerated() {
                var file = file
                file.reportID = reportID
                file.ordinal = count + k
                file.addedAt = at
                try await db.raw(
                    """
                    INSERT INTO report_attachments (report_id, ordinal, filename, media_type, size, sha256, storage_name, added_at)
                    VALUES (\(bind: reportID), \(bind: file.ordinal), \(bind: file.filename), \(bind: file.mediaType),
                            \(bind: Int64(file.size)), \(bind: file.sha256), \(bind: file.storageName), \(bind: Self.millis(at)))
                    """
                ).run()
                saved.append(file)
            }
            if !saved.isEmpty {
                try await Self.appendAudit(
                    db,
                    at: at,
                    actor: actor,
                    action: .reportAttachmentsAdded,
                    subjectID: reportID,
                    detail: saved.map { "\($0.ordinal):\($0.sha256)" }.joined(separator: ",")
                )
            }
            return saved
        }
    }

    public func attachments(reportID: String) async throws -> [StoredAttachment] {
        try await engine.reader.raw(
            """
            SELECT report_id, ordinal, filename, media_type, size, sha256, storage_name, added_at FROM report_attachments
            WHERE report_id = \(bind: reportID) ORDER BY ordinal
            """
        ).all().map { row in
            StoredAttachment(
                reportID: try row.decode(column: "report_id", as: String.self),
                ordinal: try row.decode(column: "ordinal", as: Int.self),
                filename: try row.decode(column: "filename", as: String.self),
                mediaType: try row.decode(column: "media_type", as: String.self),
                size: Int(try row.decode(column: "size", as: Int64.self)),
                sha256: try row.decode(column: "sha256", as: String.self),
                storageName: try row.decode(column: "storage_name", as: String.self),
                addedAt: Self.date(try row.decode(column: "added_at", as: Int64.self))
            )
        }
    }

    /// A staff member opened a file: written to the audit chain before the bytes are handed out.
    public func recordAttachmentView(reportID: String, ordinal: Int, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .reportAttachmentViewed,
                subjectID: reportID,
                detail: String(ordinal)
            )
        }
    }
}
