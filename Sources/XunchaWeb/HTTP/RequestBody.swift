import Foundation
import Hummingbird
import XunchaCore

/// Reads request bodies strictly: the size limit, the declared type and UTF-8 are checked before
/// any field is looked at, and each failure has its own answer (400, 413, 415, 422).
enum RequestBody {
    /// Text bodies follow from the longest text a form takes, 20,000 characters: a character the
    /// browser counts is at most one Unicode scalar of 4 UTF-8 bytes, and percent-encoding writes
    /// each byte as 3 (`%E4`), so 12 bytes a character, with room for the other fields. A Chinese
    /// report of 20,000 characters is 180,000 bytes form-encoded; the limit is about 250 KB.
    static let defaultLimit = Submission.maxContentLength * 4 * 3 + otherFieldsAllowance
    /// The rest of a text form (names, a phone, an address, the token) encoded the same way.
    static let otherFieldsAllowance = 16 * 1024

    /// `limit` is the default unless a route has its own, as the file uploads do.
    static func collect(_ request: Request, limit: Int = defaultLimit) async throws -> ByteBuffer {
        let body = try await prefix(request, limit: limit)
        guard body.complete else { throw tooLarge(limit: limit) }
        return body.bytes
    }

    /// The body up to `limit` bytes, and whether that was all of it. What lies beyond the limit is
    /// never kept: the server discards it after the answer is sent.
    static func prefix(_ request: Request, limit: Int) async throws -> (bytes: ByteBuffer, complete: Bool) {
        var collected = ByteBuffer()
        for try await var chunk in request.body {
            let room = limit - collected.readableBytes
            guard chunk.readableBytes <= room else {
                if room > 0, let part = chunk.readSlice(length: room) { collected.writeImmutableBuffer(part) }
                return (collected, false)
            }
            collected.writeBuffer(&chunk)
        }
        return (collected, true)
    }

    /// A body over its limit, told in the unit the person sending it thinks in: characters for a
    /// text form, megabytes for files.
    static func tooLarge(limit: Int, field: String? = nil) -> APIError {
        APIError(
            .contentTooLarge,
            code: "body_too_large",
            zh: limit >= 1_048_576
                ? "上传的内容过大（上限\(limit / 1_048_576)MB）。请减少或压缩附件后重新提交。"
                : "提交的文字过长：反映内容最多\(Submission.maxContentLength)字，超出的部分没有收到。请删减后再提交。",
            en: "request body over \(limit) bytes.",
            field: field
        )
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
        let (fields, complete) = try await formPrefix(request, limit: limit)
        guard complete else { throw tooLarge(limit: limit) }
        return fields
    }

    /// The form's fields within `limit`, and whether the body ended there. A body cut at the limit
    /// still gives every field it holds, the last one up to the cut, so a form refused as too
    /// large can come back with what was typed.
    static func formPrefix(_ request: Request, limit: Int) async throws -> (fields: [String: String], complete: Bool) {
        guard mediaType(request) == "application/x-www-form-urlencoded" else {
            throw APIError(
                .unsupportedMediaType,
                code: "unsupported_media_type",
                zh: "表单提交格式不正确。",
                en: "Content-Type must be application/x-www-form-urlencoded."
            )
        }
        let body = try await prefix(request, limit: limit)
        return (try formFields(body.bytes, cut: !body.complete), body.complete)
    }

    /// `cut`: the body stopped mid-way, so the last value may end inside an escape or a character;
    /// it is shortened to the longest part that still reads.
    static func formFields(_ buffer: ByteBuffer, cut: Bool = false) throws -> [String: String] {
        let raw = try text(cut ? trimmedToCharacter(buffer) : buffer)
        let pairs = raw.split(separator: "&", omittingEmptySubsequences: true)
        var fields: [String: String] = [:]
        for (index, pair) in pairs.enumerated() {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? parts[1] : ""
            let isCutShort = cut && index == pairs.count - 1
            guard let name = percentDecoded(parts[0]), let value = isCutShort ? longestDecodable(value) : percentDecoded(value) else {
                if isCutShort { break }
                throw APIError(.badRequest, code: "invalid_utf8", zh: "提交的内容不是有效的UTF-8文本。", en: "form field is not valid UTF-8.")
            }
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// A value cut at the body's limit: at most one escaped character (4 bytes, 12 escaped) is
    /// incomplete, so dropping up to 12 bytes from its end finds what reads.
    private static func longestDecodable(_ value: Substring) -> String? {
        let bytes = Array(value.utf8)
        for drop in 0...min(12, bytes.count) {
            if let text = percentDecoded(bytes.dropLast(drop)) { return text }
        }
        return nil
    }

    /// A body cut at its limit may end inside a character sent unescaped: up to 3 bytes go.
    private static func trimmedToCharacter(_ buffer: ByteBuffer) -> ByteBuffer {
        let bytes = buffer.readableBytesView
        for drop in 0...min(3, bytes.count) where String(validating: bytes.dropLast(drop), as: UTF8.self) != nil {
            return buffer.getSlice(at: buffer.readerIndex, length: bytes.count - drop) ?? buffer
        }
        return buffer
    }

    private static func percentDecoded(_ s: Substring) -> String? {
        percentDecoded(Array(s.utf8)[...])
    }

    private static func percentDecoded(_ encoded: ArraySlice<UInt8>) -> String? {
        var bytes: [UInt8] = []
        var utf8 = encoded
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
