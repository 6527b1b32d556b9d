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
            if RequestBody.mediaType(request) == "multipart/form-data" {
                let multipart = try await MultipartForm.read(request, limit: fileLimit)
                context.form.fields = multipart.fields
                context.form.files = multipart.files
            } else {
                context.form.fields = try await RequestBody.form(request, limit: RequestBody.defaultLimit)
            }
            let expected = context.sessionCSRFToken ?? request.cookies[CSRF.cookieName]?.value
            guard let expected, let sent = context.form.fields[CSRF.fieldName], CSRF.constantTimeEqual(expected, sent) else {
                throw APIError.badCSRF
            }
        } catch let error as APIError where handlerAnswersRefusals {
            context.form.refusal = error
        }
        return try await next(request, context)
    }
}
