import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// A report's files through the API: the list, and one file's bytes (audited, like the page's
/// download). Leaders and members of the report's inspection only, through `StaffDesk`.
extension APIController {
    var attachmentRoutes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("reports/:id/attachments", use: attachments)
        r.get("reports/:id/attachments/:ordinal", use: attachment)
        return r
    }

    struct AttachmentInfo: Encodable {
        var ordinal: Int
        var filename: String
        var mediaType: String
        var size: Int
        var sha256: String
        var addedAt: Date
    }

    struct AttachmentList: ResponseEncodable {
        var attachments: [AttachmentInfo]
    }

    @Sendable func attachments(_ request: Request, context: AppRequestContext) async throws -> AttachmentList {
        let user = try staff.requireReader(context)
        let files = try await staff.attachments(user, reportID: try context.parameters.require("id"))
        return AttachmentList(
            attachments: files.map {
                AttachmentInfo(
                    ordinal: $0.ordinal,
                    filename: $0.filename,
                    mediaType: $0.mediaType,
                    size: $0.size,
                    sha256: $0.sha256,
                    addedAt: $0.addedAt
                )
            }
        )
    }

    @Sendable func attachment(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try staff.requireReader(context)
        guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw APIError.notFound }
        let found = try await staff.openAttachment(user, reportID: try context.parameters.require("id"), ordinal: ordinal)
        return StaffPages.download(found.info, found.data)
    }
}
