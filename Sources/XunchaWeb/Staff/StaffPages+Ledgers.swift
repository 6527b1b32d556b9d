import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// 台账: the registers and ledgers on screen, on A4 and as files, and the rectification ledger's
/// forms. Every filter is in the address, so a view can be bookmarked, printed or downloaded as
/// it is shown.
extension StaffPages {
    @Sendable func ledgers(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard
            context.user.may(.readReports, inspectionID: context.user.inspectionID)
                || context.user.may(.rectify, inspectionID: context.user.inspectionID)
        else { throw DeskError.forbidden }
        return pages.render("staff/ledgers", LedgersPage(context: context))
    }

    @Sendable func ledger(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let kind = try Self.ledgerKind(context)
        let input = try Self.queryInput(LedgerInput.self, request)
        var page = try await ledgerPage(request, context: context, kind: kind, input: input)
        page.notice = request.uri.queryParameters.get("done").flatMap(RectificationDone.init(rawValue:))?.notice
        return pages.render("staff/ledger", page)
    }

    private func ledgerPage(_ request: Request, context: StaffRequestContext, kind: LedgerKind, input: LedgerInput) async throws -> LedgerPage {
        let requested = max(1, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 1)
        var view = try await desk.ledger(context.caller, kind, input, rows: LedgerPage.rows(ofPage: requested))
        if view.ledger.rows.isEmpty, view.total > 0 {
            // A page past the end (an old bookmark): the last one.
            view = try await desk.ledger(context.caller, kind, input, rows: LedgerPage.rows(ofPage: LedgerPage.pageCount(view.total)))
        }
        return LedgerPage(view, input: input, context: context)
    }

    @Sendable func printLedger(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try Self.queryInput(LedgerInput.self, request)
        let view = try await desk.ledger(context.caller, try Self.ledgerKind(context), input, use: .print)
        return pages.render(
            "staff/ledger-print",
            LedgerPrintPage(view, input: input, madeAt: services.desks.now(), madeBy: context.user.displayName)
        )
    }

    @Sendable func downloadLedger(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let format = LedgerFormat(rawValue: try context.parameters.require("format")) else { throw DeskError.notFound }
        let input = try Self.queryInput(LedgerInput.self, request)
        let file = try await desk.ledgerFile(context.caller, try Self.ledgerKind(context), format: format, input)
        return Download.file(file.bytes, filename: file.filename, mediaType: format.contentType)
    }

    static func ledgerKind(_ context: StaffRequestContext) throws -> LedgerKind {
        guard let kind = LedgerKind(rawValue: try context.parameters.require("kind")) else { throw DeskError.notFound }
        return kind
    }

    // MARK: Rectification

    /// What a rectification form did, said on the ledger it leads back to.
    enum RectificationDone: String {
        case added, updated

        var notice: String {
            switch self {
            case .added: "已新增整改问题。"
            case .updated: "已更新整改情况。"
            }
        }
    }

    @Sendable func addRectification(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let input = try? FormDecoding.decode(RectificationInput.self, from: context.form.fields)
        do {
            _ = try await desk.addRectification(context.caller, input ?? RectificationInput())
            return pages.redirect(to: "/staff/ledgers/rectification?done=added#ledger")
        } catch {
            guard let answer = APIError.answering(error), Self.answeredOnPage(answer) else { throw error }
            var page = try await ledgerPage(request, context: context, kind: .rectification, input: LedgerInput())
            page.rectificationError = answer.messageZH
            page.rectification = RectificationForm(input, seenAt: "")
            return pages.render("staff/ledger", page, status: answer.status)
        }
    }

    @Sendable func rectificationItem(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let item = try await desk.rectificationItem(context.caller, id: try context.parameters.require("id"))
        return pages.render("staff/rectification-item", rectificationPage(item, context: context, form: RectificationForm(item)))
    }

    @Sendable func updateRectification(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let id = try context.parameters.require("id")
        let input = try? FormDecoding.decode(RectificationInput.self, from: context.form.fields)
        do {
            _ = try await desk.updateRectification(context.caller, id: id, input ?? RectificationInput())
            return pages.redirect(to: "/staff/ledgers/rectification?done=updated#ledger")
        } catch {
            guard let answer = APIError.answering(error), Self.answeredOnPage(answer) else { throw error }
            let stored = try await desk.rectificationItem(context.caller, id: id)
            let clash = answer.code == "changed_meanwhile"
            // After a clash the form keeps what was typed, against the version now stored, and
            // shows that version beside it.
            let typed = RectificationForm(input, seenAt: clash ? RectificationForm(stored).seenAt : input?.seenAt ?? "")
            var page = rectificationPage(stored, context: context, form: typed)
            page.error = answer.messageZH
            page.theirs = clash ? RectificationForm(stored) : nil
            return pages.render("staff/rectification-item", page, status: answer.status)
        }
    }

    private func rectificationPage(_ item: RectificationItem, context: StaffRequestContext, form: RectificationForm) -> RectificationItemPage {
        RectificationItemPage(
            me: StaffFrame.Me(context.user),
            csrf: context.session.csrfToken,
            sequence: item.sequence,
            action: "/staff/rectification/\(item.id)",
            form: form,
            updated: View.time(item.updatedAt),
            error: nil,
            theirs: nil
        )
    }
}
