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

    /// Reads the body up to `limit` bytes (413 beyond it, as every other body) and parses it.
    static func read(_ request: Request, limit: Int) async throws -> MultipartForm {
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
        let body = try await RequestBody.collect(request, limit: limit)
        return try parse(body, boundary: boundary)
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> MultipartForm {
        var form = MultipartForm()
        var headers: [String: String] = [:]
        var data = ByteBuffer()
        var failure: APIError?
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in data.writeBuffer(&chunk) }
        parser.onPartComplete = {
            defer {
                headers = [:]
                data = ByteBuffer()
            }
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
                    failure = APIError(.badRequest, code: "invalid_utf8", zh: "提交的内容不是有效的UTF-8文本。", en: "form field is not valid UTF-8.")
                    return
                }
                form.fields[name] = text
            }
        }
        do {
            try parser.execute(body)
        } catch {
            throw malformed
        }
        if let failure { throw failure }
        return form
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
