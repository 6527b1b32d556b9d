import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaStore

extension AppServices {
    /// The sealed files kept with reports, in this installation's data folder.
    var attachments: AttachmentStore { AttachmentStore(store: store, keys: keys, dataFolder: configuration.dataFolder) }
}

extension StaffDesk {
    /// The files of a report the user may read (leaders and members of its inspection).
    func attachments(_ user: StaffUser, reportID: String) async throws -> [StoredAttachment] {
        guard let report = try await services.store.report(id: reportID), user.mayRead(report) else { throw APIError.notFound }
        return try await services.attachments.list(reportID: reportID)
    }

    /// One file's bytes, for a user who may read the report; the view is written to the audit
    /// chain before the bytes leave.
    func openAttachment(_ user: StaffUser, reportID: String, ordinal: Int) async throws -> (info: StoredAttachment, data: Data) {
        guard user.role.canReadReports, let report = try await services.store.report(id: reportID), user.mayRead(report) else {
            throw APIError.notFound
        }
        do {
            return try await services.attachments.open(reportID: reportID, ordinal: ordinal, actor: "user:\(user.id)", at: services.now())
        } catch AttachmentStore.Failure.notFound {
            throw APIError.notFound
        } catch AttachmentStore.Failure.unreadable {
            throw APIError(
                .internalServerError,
                code: "attachment_unreadable",
                zh: "附件文件缺失或已损坏，请联系系统管理员从备份恢复。",
                en: "the attachment's file is missing or damaged; restore it from backup."
            )
        }
    }
}

extension StaffPages {
    @Sendable func downloadAttachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let user = try desk.requireReader(context)
            guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw APIError.notFound }
            let found = try await desk.openAttachment(user, reportID: try context.parameters.require("id"), ordinal: ordinal)
            return Self.download(found.info, found.data)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    /// Always a download, never a page: an attachment is the sender's content, and HTML or SVG
    /// from a sender must not run in the console's origin.
    static func download(_ info: StoredAttachment, _ data: Data) -> Response {
        let active = info.mediaType.hasPrefix("text/html") || info.mediaType.contains("xml") || info.mediaType.contains("javascript")
        let ascii = String(info.filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = info.filename.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "attachment"
        var headers: HTTPFields = [
            .contentType: active ? "application/octet-stream" : info.mediaType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// RFC 5987 attribute characters, ASCII only (Foundation's `.alphanumerics` lets Han through).
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")

    static func attachmentRows(_ files: [StoredAttachment], reportID: String) -> [[String: Any]] {
        files.map { f in
            [
                "ordinal": f.ordinal, "filename": f.filename, "mediaType": f.mediaType, "size": AttachmentPolicy.megabytesOrKB(f.size),
                "sha256": String(f.sha256.prefix(16)), "href": "/staff/reports/\(reportID)/attachments/\(f.ordinal)",
            ]
        }
    }
}
