import Foundation
import Hummingbird

/// Reads a page's POST form once, before its handler: the body within the route's limit, as
/// `application/x-www-form-urlencoded` or `multipart/form-data`, and the form token (the session's,
/// or the double-submit cookie's for the public). Handlers then read `context.form`.
struct FormMiddleware<Context: FormContext>: RouterMiddleware {
    /// The largest multipart body (a form with files) the routes behind it take; text forms keep
    /// the text limit whatever this says.
    var fileLimit = RequestBody.defaultLimit
    /// Whether a bad form is refused here (the error page) or handed to the handler, which shows
    /// the form again with what was typed.
    var handlerAnswersRefusals = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post else { return try await next(request, context) }
        var context = context
        do {
            let expected = context.sessionCSRFToken ?? request.cookies[CSRF.cookieName]?.value
            // A body past its limit still gives the fields read until then, so the form can come
            // back with what was typed; the refusal waits until the token is checked.
            var tooLarge: APIError?
            if RequestBody.mediaType(request) == "multipart/form-data" {
                let early = context.sessionCSRFToken == nil ? MultipartForm.EarlyToken(expected: expected) : nil
                let (multipart, complete) = try await MultipartForm.read(request, limit: fileLimit, earlyToken: early)
                context.form.fields = multipart.fields
                context.form.files = multipart.files
                if !complete { tooLarge = RequestBody.tooLarge(limit: fileLimit, field: "attachments") }
            } else {
                let (fields, complete) = try await RequestBody.formPrefix(request, limit: RequestBody.defaultLimit)
                context.form.fields = fields
                if !complete { tooLarge = RequestBody.tooLarge(limit: RequestBody.defaultLimit, field: "content") }
            }
            // A body cut before its token (sent after the text) is refused for its size, which
            // is what went wrong; nothing of it is acted on either way.
            if let tooLarge, context.form.fields[CSRF.fieldName] == nil { throw tooLarge }
            guard let expected, let sent = context.form.fields[CSRF.fieldName], CSRF.constantTimeEqual(expected, sent) else {
                throw APIError.badCSRF
            }
            if let tooLarge { throw tooLarge }
        } catch let error as APIError where handlerAnswersRefusals {
            context.form.refusal = error
        }
        return try await next(request, context)
    }
}
