import Foundation
import Hummingbird
import MultipartKit
import XunchaStore

/// A `multipart/form-data` body (a form with files), parsed with MultipartKit: the text fields as
/// strings, the chosen files as `NewAttachment`s (name and declared type as the browser sent them;
/// `AttachmentPolicy` decides from the bytes). A file input left empty sends nothing here.
struct MultipartForm {
    var fields: [String: String] = [:]
    var files: [NewAttachment] = []

    static let malformed = APIError(.badRequest, code: "malformed_multipart", zh: "上传的表单格式有误，请重新提交。", en: "body is not valid multipart/form-data.")

    /// Reads the body up to `limit` bytes as it arrives and parses it. `complete` is false when
    /// the body went past the limit: the fields read until then are kept, the rest is never held.
    /// With `earlyToken`, the form's token is checked as soon as its part is read, and a file part
    /// before it refuses the form, so a large upload from a page that is not ours is not read in
    /// full: our forms send the token first.
    static func read(_ request: Request, limit: Int, earlyToken: EarlyToken? = nil) async throws -> (form: MultipartForm, complete: Bool) {
        guard RequestBody.mediaType(request) == "multipart/form-data" else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                zh: "表单提交格式不正确。",
                en: "Content-Type must be multipart/form-data."
            )
        }
        guard let boundary = parameter("boundary", in: request.headers[.contentType] ?? ""), !boundary.isEmpty, boundary.count <= 200 else {
            throw malformed
        }
        let reader = Reader(boundary: boundary, earlyToken: earlyToken)
        // A body that says it is over the limit is read only up to its first file: the fields
        // before it (the token, the typed text) are kept for the answer, the files never parsed.
        let declared = request.headers[.contentLength].flatMap { Int($0) } ?? 0
        var received = 0
        for try await var chunk in request.body {
            if declared > limit, reader.reachedFiles { return (reader.form, false) }
            let room = limit - received
            guard chunk.readableBytes <= room else {
                if room > 0, let part = chunk.readSlice(length: room) { try reader.feed(part) }
                return (reader.form, false)
            }
            received += chunk.readableBytes
            try reader.feed(chunk)
        }
        return (reader.form, true)
    }

    /// The token an anonymous form must carry before any file; nil `expected` (no cookie) fails.
    struct EarlyToken {
        var expected: String?
    }

    /// Parses a body fed to it piece by piece.
    private final class Reader {
        var form = MultipartForm()
        private var headers: [String: String] = [:]
        private var data = ByteBuffer()
        private var failure: APIError?
        private var tokenSeen = false
        /// Whether a file part has begun.
        private(set) var reachedFiles = false
        private let parser: MultipartParser
        private let earlyToken: EarlyToken?

        init(boundary: String, earlyToken: EarlyToken?) {
            parser = MultipartParser(boundary: boundary)
            self.earlyToken = earlyToken
            parser.onHeader = { [unowned self] name, value in headers[name.lowercased()] = value }
            parser.onBody = { [unowned self] chunk in
                let isFile = headers["content-disposition"].flatMap({ parameter("filename", in: $0) }) != nil
                reachedFiles = reachedFiles || isFile
                if earlyToken != nil, !tokenSeen, isFile {
                    failure = failure ?? APIError.badCSRF
                    return
                }
                data.writeBuffer(&chunk)
            }
            parser.onPartComplete = { [unowned self] in
                defer {
                    headers = [:]
                    data = ByteBuffer()
                }
                partComplete()
            }
        }

        func feed(_ chunk: ByteBuffer) throws {
            do {
                try parser.execute(chunk)
            } catch {
                throw MultipartForm.malformed
            }
            if let failure { throw failure }
        }

        private func partComplete() {
            guard let disposition = headers["content-disposition"], let name = parameter("name", in: disposition) else { return }
            if let filename = parameter("filename", in: disposition) {
                // An empty file input: no name, no bytes.
                guard !filename.isEmpty || data.readableBytes > 0 else { return }
                form.files.append(
                    NewAttachment(
                        filename: filename.isEmpty ? nil : filename,
                        declaredType: headers["content-type"] ?? "application/octet-stream",
                        data: Data(buffer: data)
                    )
                )
            } else if form.fields[name] == nil {
                guard let text = String(validating: data.readableBytesView, as: UTF8.self) else {
                    failure = failure ?? APIError(.badRequest, code: "invalid_utf8", zh: "提交的内容不是有效的UTF-8文本。", en: "form field is not valid UTF-8.")
                    return
                }
                form.fields[name] = text
                if let earlyToken, name == CSRF.fieldName {
                    tokenSeen = true
                    if !(earlyToken.expected.map { CSRF.constantTimeEqual($0, text) } ?? false) { failure = failure ?? APIError.badCSRF }
                }
            }
        }
    }

    /// A parameter of a header value (`name="x"; filename="y"`), quoted or not. Names are compared
    /// whole, so `name` is never found inside `filename`.
    static func parameter(_ key: String, in header: String) -> String? {
        var rest = Substring(header)
        while let semicolon = rest.firstIndex(of: ";") {
            rest = rest[rest.index(after: semicolon)...].drop { $0 == " " || $0 == "\t" }
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = rest[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = rest[rest.index(after: equals)...]
            let text: String
            if value.first == "\"" {
                value = value.dropFirst()
                var out = ""
                var escaped = false
                var end = value.endIndex
                for i in value.indices {
                    let c = value[i]
                    if escaped {
                        out.append(c)
                        escaped = false
                    } else if c == "\\" {
                        escaped = true
                    } else if c == "\"" {
                        end = value.index(after: i)
                        break
                    } else {
                        out.append(c)
                    }
                }
                text = out
                rest = value[end...]
            } else {
                let end = value.firstIndex(of: ";") ?? value.endIndex
                text = value[..<end].trimmingCharacters(in: .whitespaces)
                rest = value[end...]
            }
            if name == key.lowercased() { return text }
        }
        return nil
    }
}
