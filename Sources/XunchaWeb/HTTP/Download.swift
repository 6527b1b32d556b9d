import Foundation
import HTTPTypes
import Hummingbird
import XunchaStore

/// A file sent to staff: always a download, never a page. An attachment is
/// the sender's content, and HTML or SVG from a sender must not run in the console's origin.
enum Download {
    static func response(_ info: StoredAttachment, _ data: Data) -> Response {
        file(Array(data), filename: info.filename, mediaType: info.mediaType)
    }

    static let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// Any file as a download, under its name (Chinese names kept, RFC 5987).
    static func file(_ bytes: [UInt8], filename: String, mediaType: String) -> Response {
        let active = mediaType.hasPrefix("text/html") || mediaType.contains("xml") || mediaType.contains("javascript")
        let ascii = String(filename.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "attachment"
        let headers: HTTPFields = [
            .contentType: active && mediaType != xlsx ? "application/octet-stream" : mediaType,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .contentSecurityPolicy: "sandbox; default-src 'none'",
        ]
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// RFC 5987 attribute characters, ASCII only (Foundation's `.alphanumerics` lets Han through).
    static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")
}
