import Foundation
import Hummingbird
import XunchaCore

/// Reads request bodies strictly: the size limit, the declared type and UTF-8 are checked before
/// any field is looked at, and each failure has its own answer (400, 413, 415, 422).
enum RequestBody {
    /// Text bodies: the longest report (20,000 characters, up to 4 bytes each) with its fields.
    static let defaultLimit = 128 * 1024

    /// `limit` is the default unless a route has its own, as the file uploads do.
    static func collect(_ request: Request, limit: Int = defaultLimit) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw APIError(
                .contentTooLarge,
                code: "body_too_large",
                zh: limit >= 1_048_576 ? "上传的内容过大（上限\(limit / 1_048_576)MB）。请减少或压缩附件后重新提交。" : "提交的内容过大（上限\(limit / 1024)KB）。",
                en: "request body over \(limit) bytes."
            )
        }
    }

    static func text(_ buffer: ByteBuffer) throws -> String {
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw APIError(.badRequest, code: "invalid_utf8", zh: "提交的内容不是有效的UTF-8文本。", en: "body is not valid UTF-8.")
        }
        return text
    }

    static func mediaType(_ request: Request) -> String {
        (request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
    }

    /// Decodes a JSON body into `T`, telling a syntax error (400) from a wrong shape (422).
    static func json<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        guard mediaType(request) == "application/json" else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                zh: "请以 application/json 格式提交。",
                en: "Content-Type must be application/json."
            )
        }
        let text = try text(try await collect(request))
        return try decode(T.self, Data(text.utf8))
    }

    /// Decodes JSON into `T` (the API's body, or a form turned into JSON by `FormDecoding`),
    /// telling a syntax error (400) from a wrong shape (422).
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        do {
            return try APICoding.decoder.decode(T.self, from: data)
        } catch DecodingError.dataCorrupted(let c) where c.codingPath.isEmpty {
            throw APIError(.badRequest, code: "malformed_json", zh: "提交的JSON格式有误。", en: "body is not valid JSON.")
        } catch let error as DecodingError {
            let path: String
            switch error {
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .keyNotFound(_, let c), .dataCorrupted(let c):
                path = c.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
            @unknown default: path = ""
            }
            throw APIError(
                .unprocessableContent,
                code: "invalid_field",
                zh: "字段 \(path) 的类型或取值不正确。",
                en: "field \(path) has the wrong type or value.",
                field: path
            )
        }
    }

    /// Parses an HTML form (application/x-www-form-urlencoded). Later duplicates of a name are ignored.
    static func form(_ request: Request, limit: Int) async throws -> [String: String] {
        guard mediaType(request) == "application/x-www-form-urlencoded" else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                zh: "表单提交格式不正确。",
                en: "Content-Type must be application/x-www-form-urlencoded."
            )
        }
        return try formFields(try text(try await collect(request, limit: limit)))
    }

    /// The fields of a form body (`a=1&b=%E5%90%8D`).
    static func formFields(_ raw: String) throws -> [String: String] {
        var fields: [String: String] = [:]
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = percentDecoded(parts[0]), let value = percentDecoded(parts.count > 1 ? parts[1] : "") else {
                throw APIError(.badRequest, code: "invalid_utf8", zh: "提交的内容不是有效的UTF-8文本。", en: "form field is not valid UTF-8.")
            }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    private static func percentDecoded(_ s: Substring) -> String? {
        var bytes: [UInt8] = []
        var utf8 = Array(s.utf8)[...]
        while let b = utf8.popFirst() {
            switch b {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard utf8.count >= 2, let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else { return nil }
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            default: bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
