import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// The roster file between its preview and the admin's confirmation, kept by the browser rather
/// than the server: the bytes in base64 and their SHA-256 in hidden fields of the confirmation
/// form. Nothing is stored in between, so an abandoned preview leaves nothing behind. The
/// confirmation reads and checks the bytes again; the digest only tells a damaged or altered
/// field from the file that was previewed, it is not what keeps a bad roster out.
struct RosterFileCarry: Sendable {
    var filename: String
    var bytes: [UInt8]

    static let fileField = "roster_file"
    static let digestField = "roster_sha256"
    static let filenameField = "roster_filename"
    /// How many people the admin was told the import replaces.
    static let replacesField = "replaces"

    init(filename: String?, bytes: [UInt8]) {
        self.filename = AttachmentPolicy.cleanFilename(filename, fallback: "名册")
        self.bytes = bytes
    }

    var base64: String { Data(bytes).base64EncodedString() }
    var digest: String { Self.digest(bytes) }

    static func digest(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).hexString }

    /// The hidden fields of the confirmation form.
    var fields: [String: String] {
        [Self.fileField: base64, Self.digestField: digest, Self.filenameField: filename]
    }

    /// The file back from the confirmation form, refused when the bytes do not decode or do not
    /// match their digest.
    init(fields: [String: String]) throws {
        guard let text = fields[Self.fileField], let data = Data(base64Encoded: text), !data.isEmpty,
            let sent = fields[Self.digestField], CSRF.constantTimeEqual(Self.digest(Array(data)), sent.lowercased())
        else {
            throw APIError(
                .unprocessableContent,
                code: "roster_file_altered",
                zh: "确认导入时提交的文件与预览的文件不一致，未导入。请重新上传名册。",
                en: "the confirmed file does not match the previewed one; nothing imported.",
                field: Self.fileField
            )
        }
        self.init(filename: fields[Self.filenameField], bytes: Array(data))
    }
}
