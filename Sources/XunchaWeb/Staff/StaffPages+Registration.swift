import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// 登记来电/来信/来访: staff register what reached the group by phone, post or in person. One page
/// per channel (`/staff/register/phone`, `letter`, `visit`); the letter's form carries its scans.
extension StaffPages {
    static let registrableChannels: [Channel] = [.phone, .letter, .visit]

    /// A letter's scans, several pages of images or PDF, in one upload.
    static let maxScanUploadBytes = 60 * 1_048_576

    private func registrationChannel(_ context: StaffRequestContext) throws -> Channel {
        guard let channel = try? Channel.parse(context.parameters.get("channel") ?? ""), Self.registrableChannels.contains(channel) else {
            throw DeskError(.notFound, code: "unknown_channel", zh: "工作人员只登记来电、来信和来访。", en: "staff register channels phone, letter and visit.")
        }
        return channel
    }

    @Sendable func registrationForm(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard context.caller.may(.register, inspectionID: context.user.inspectionID) else {
            throw context.user.mustChangePassword ? DeskError.passwordChangeRequired : DeskError.forbidden
        }
        let channel = try registrationChannel(context)
        let page = RegisterPage(context, channel: channel, fields: ["received_at": View.localValue(services.now)])
        return pages.render("staff/register", page)
    }

    @Sendable func register(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let channel = try registrationChannel(context)
        do {
            if let refusal = context.form.refusal { throw refusal }
            let input = try FormDecoding.decode(RegistrationInput.self, from: context.form.fields, adding: ["channel": channel.rawValue])
            let scans = context.form.files.enumerated().map { i, f in ScanUpload(name: f.filename ?? "扫描件\(i + 1)", bytes: Array(f.data)) }
            let registered = try await desk.register(context.caller, input, scans: scans)
            let page = RegisteredPage(
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken,
                id: registered.receipt.reportID,
                channelName: channel.displayName,
                code: registered.receipt.queryCode?.grouped
            )
            return pages.render("staff/registered", page, status: .created)
        } catch {
            // What staff typed comes back with the message.
            guard let answer = APIError.answering(error), [.unprocessableContent, .forbidden, .badRequest, .contentTooLarge].contains(answer.status),
                answer.code != DeskError.passwordChangeRequired.code
            else { throw error }
            var page = RegisterPage(context, channel: channel, fields: context.form.fields)
            page.errors = FormErrors(answer.messageZH, fieldID: answer.field.flatMap { RegisterPage.fieldIDs[$0] })
            return pages.render("staff/register", page, status: answer.status)
        }
    }
}

/// The registration form of one channel, empty or with what was typed.
struct RegisterPage {
    struct Tab {
        var path: String
        var name: String
        var current: Bool
    }

    struct Values {
        var receivedAt: String
        var callerNumber: String
        var callStartedAt: String
        var callMinutes: String
        var postmark: String
        var senderAsWritten: String
        var visitAt: String
        var place: String
        var content: String
        var subject1: Subject
        var subject2: Subject
        var reporter: ReporterIdentity
        var followsUp: Bool
    }

    var me: StaffFrame.Me?
    var csrf: String
    var channel: String
    var channelName: String
    var isPhone: Bool
    var isLetter: Bool
    var isVisit: Bool
    var channels: [Tab]
    var form: Values
    var maxLength = Submission.maxContentLength
    /// A refusal at the top of the form, linked to its box, which is marked.
    var errors = FormErrors()

    /// A problem's field, as the desks name it, to the id of its box.
    static let fieldIDs: [String: String] = {
        let boxes = ["received_at", "caller_number", "call_started_at", "postmark", "sender_as_written", "visit_at", "place", "content", "scans"]
        var ids = Dictionary(uniqueKeysWithValues: boxes.map { ($0, $0) })
        ids["call_duration"] = "call_minutes"
        for field in ["name", "phone", "id_number", "address", "email"] { ids["reporter.\(field)"] = "reporter_\(field)" }
        return ids
    }()

    init(_ context: StaffRequestContext, channel: Channel, fields: [String: String]) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.channel = channel.rawValue
        channelName = channel.displayName
        isPhone = channel == .phone
        isLetter = channel == .letter
        isVisit = channel == .visit
        channels = StaffPages.registrableChannels.map { Tab(path: $0.rawValue, name: $0.displayName, current: $0 == channel) }
        let f = FormValues(fields: fields)
        form = Values(
            receivedAt: f["received_at"],
            callerNumber: f["caller_number"],
            callStartedAt: f["call_started_at"],
            callMinutes: f["call_minutes"],
            postmark: f["postmark"],
            senderAsWritten: f["sender_as_written"],
            visitAt: f["visit_at"],
            place: f["place"],
            content: f["content"],
            subject1: f.subject(0),
            subject2: f.subject(1),
            reporter: f.reporter,
            followsUp: ["1", "on"].contains(f["reporter_follows_up"])
        )
    }
}

struct RegisteredPage {
    var me: StaffFrame.Me?
    var csrf: String
    var id: String
    var channelName: String
    var code: String?
}
