import Crypto
import Foundation
import SQLKit
import XunchaCore

/// Keys that identify where a report came from, so that reading the same source again (a
/// Maildir scanned twice, a message fetched twice) never makes a second report.
public enum ReportSourceKey {
    /// An e-mail's Message-ID, as written between the angle brackets, kept as its SHA-256 only: the
    /// ID names the sender's host and often the sender, and finding a repeat needs no more.
    public static func messageID(_ id: String) -> String { "message-id-sha256:" + SHA256.hash(data: Data(id.utf8)).hexString }

    /// The SHA-256 of a source's bytes: the key of a message without a Message-ID, and of the same
    /// bytes under another ID.
    public static func sha256(_ bytes: some DataProtocol) -> String { "sha256:" + SHA256.hash(data: bytes).hexString }
}

extension SQLStore {
    static func reportID(_ db: any SQLDatabase, sourceKeys: [String]) async throws -> String? {
        guard !sourceKeys.isEmpty else { return nil }
        return try await db.raw(
            "SELECT report_id FROM report_sources WHERE source_key IN (\(SQLList(sourceKeys.map { SQLBind($0) }))) LIMIT 1"
        ).first().map { try $0.decode(column: "report_id", as: String.self) }
    }

    public func reportID(sourceKeys: [String]) async throws -> String? {
        try await Self.reportID(engine.reader, sourceKeys: sourceKeys)
    }

    public func intakeNotes(reportID: String) async throws -> String? {
        try await engine.reader.raw("SELECT notes FROM report_intake_notes WHERE report_id = \(bind: reportID)").first().map {
            try $0.decode(column: "notes", as: String.self)
        }
    }
}
