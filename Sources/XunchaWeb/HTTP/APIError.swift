import Foundation
import Hummingbird
import XunchaCore

/// A refusal as an HTTP client sees it: `{"error": {"code", "message_zh", "message_en", "field"}}`.
/// Desk errors become one in `ErrorMiddleware.swift`; the few that only HTTP knows (a body too
/// large, malformed JSON, a wrong form token) are made here.
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var code: String
    var messageZH: String
    var messageEN: String
    var field: String?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, code: String, zh: String, en: String, field: String? = nil) {
        self.status = status
        self.code = code
        self.messageZH = zh
        self.messageEN = en
        self.field = field
    }

    init(_ status: HTTPResponse.Status, _ input: InputError) {
        self.init(status, code: input.code, zh: input.messageZH, en: input.messageEN, field: input.field)
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var messageZh: String
            var messageEn: String
            var field: String?
        }
        var error: Detail
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try APICoding.encoder.encode(Body(error: .init(code: code, messageZh: messageZH, messageEn: messageEN, field: field)))
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    static let badCSRF = APIError(
        .forbidden,
        code: "csrf",
        zh: "页面已过期或来源不明，请刷新后重试。",
        en: "missing or wrong CSRF token."
    )
}
