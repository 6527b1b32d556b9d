import Foundation
import HTTPTypes
import Hummingbird
import XunchaStore

/// A file kept with a report or a lead, or an archive, sent to staff: always a download, never a
/// page. An attachment is the sender's content, and HTML or SVG from a sender must not run in the
/// console's origin.
enum Download {
    static func response(_ info: StoredAttachment, _ data: Data) -> Response {
        response(filename: info.filename, mediaType: info.mediaType, data)
    }

    /// Any file staff download: a lead's material, a handover archive.
    static func response(filename: String, mediaType: String, _ data: Data) -> Response {
        let active = mediaType.hasPrefix("text/html") || mediaType.contains("xml") || mediaType.contains("javascript")
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "attachment"
        var headers: HTTPFields = [
            .contentType: active ? "application/octet-stream" : mediaType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "no-store",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ]
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// RFC 5987 attribute characters, ASCII only (Foundation's `.alphanumerics` lets Han through).
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
}
