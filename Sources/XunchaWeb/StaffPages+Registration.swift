import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// 登记来电/来信/来访: staff register what reached the group by phone, post or in person. One page
/// per channel (`/staff/register/phone`, `letter`, `visit`), plain forms, every one with its CSRF token.
extension StaffPages {
    var registrationRoutes: RouteCollection<AppRequestContext> {
        let r = RouteCollection(context: AppRequestContext.self)
        r.get("register/:channel", use: registrationForm)
        r.post("register/:channel", use: register)
        return r
    }

    static let registrableChannels: [Channel] = [.phone, .letter, .visit]

    private func registrationChannel(_ context: AppRequestContext) throws -> Channel {
        let text = context.parameters.get("channel") ?? ""
        guard let channel = try? Channel.parse(text), Self.registrableChannels.contains(channel) else {
            throw APIError(
                .notFound,
                code: "unknown_channel",
                zh: "工作人员只登记来电、来信和来访。",
                en: "staff register channels phone, letter and visit."
            )
        }
        return channel
    }

    private func registrationPage(
        _ request: Request,
        _ context: AppRequestContext,
        channel: Channel,
        form: [String: String],
        error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = ["csrf": CSRF.token(request, context).token]
        if let u = context.staff { values["me"] = ["name": u.displayName, "role": u.role.displayName, "admin": u.role == .admin] }
        values["channel"] = channel.rawValue
        values["channelName"] = channel.displayName
        values["isPhone"] = channel == .phone
        values["isLetter"] = channel == .letter
        values["isVisit"] = channel == .visit
        values["form"] = form
        values["followsUp"] = form["follows_up"] == "1"
        values["maxLength"] = Submission.maxContentLength
        values["channels"] = Self.registrableChannels.map { ["path": $0.rawValue, "name": $0.displayName, "current": $0 == channel] }
        if let error { values["error"] = error }
        return pages.render("staff/register", values, status: status)
    }

    @Sendable func registrationForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            let user = try desk.requireReader(context)
            let channel = try registrationChannel(context)
            let now = RegistrationForm.localValue(services.now())
            return registrationPage(request, context, channel: channel, form: ["received_at": now, "received_by": user.displayName])
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    /// A letter's scans, several pages of images or PDF, in one upload.
    static let maxScanUploadBytes = 60 * 1_048_576

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        var form: [String: String] = [:]
        var channel = Channel.phone
        do {
            let user = try desk.requireReader(context)
            channel = try registrationChannel(context)
            // The letter form carries its scans, so it comes as multipart; the others as plain forms.
            var scans: [ScanUpload] = []
            if RequestBody.mediaType(request) == "multipart/form-data" {
                let multipart = try await MultipartForm.read(request, context: context, limit: Self.maxScanUploadBytes)
                form = multipart.fields
                scans = multipart.files.enumerated().map { i, f in ScanUpload(name: f.filename ?? "扫描件\(i + 1)", bytes: Array(f.data)) }
            } else {
                form = try await RequestBody.form(request, context: context)
            }
            try CSRF.check(form, request, context)
            let registration: Registration
            do {
                registration = try RegistrationForm.registration(channel: channel, form)
            } catch {
                throw APIError(.unprocessableContent, error)
            }
            let receipt = try await desk.register(user, registration, scans: scans)
            var values: [String: Any] = ["csrf": CSRF.token(request, context).token, "id": receipt.reportID, "channelName": channel.displayName]
            values["me"] = ["name": user.displayName, "role": user.role.displayName, "admin": false]
            if let code = receipt.queryCode { values["code"] = code.grouped }
            return pages.render("staff/registered", values, status: .created)
        } catch let error as APIError where [.unprocessableContent, .forbidden].contains(error.status) && error.code != "password_change_required" {
            // What staff typed comes back with the message, the token refreshed.
            return registrationPage(
                request,
                context,
                channel: channel,
                form: form.filter { $0.key != CSRF.fieldName },
                error: error.messageZH,
                status: error.status
            )
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }

    /// The report page's channel section: fields of a call, letter or visit, if staff registered it.
    func channelValues(_ user: StaffUser, _ report: Report) async throws -> [String: Any]? {
        try await desk.channelRecord(user, report: report).map(View.channel)
    }
}
