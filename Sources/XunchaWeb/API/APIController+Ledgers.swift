import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk

/// The ledgers, the rectification ledger's entries and a lead's outcome after the handover
/// through the API (docs/api.md): the same desk calls and inputs as the console's.
extension APIController {
    /// A ledger as JSON: its columns and its rows as the page shows them, each row's record id.
    struct LedgerResponse: ResponseEncodable {
        var kind: String
        var title: String
        var withIdentities: Bool
        var columns: [String]
        var rows: [[String]]
        var rowIds: [String]
        /// The rows of the whole ledger, and where `rows` begins among them.
        var total: Int
        var offset: Int
    }

    /// `?from=&to=&identities=1` as on the page; `&format=xlsx` or `csv` for the file instead;
    /// `&limit=N` (1–1,000) and `&offset=K` for a slice of the rows, cut in the database.
    @Sendable func ledger(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let kind = try StaffPages.ledgerKind(context)
        var fields: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where !["format", "offset", "limit"].contains(key) {
            fields[String(key)] = String(value)
        }
        let input = try FormDecoding.decode(LedgerInput.self, from: fields)
        if let format = request.uri.queryParameters.get("format") {
            guard let format = LedgerFormat(rawValue: format) else {
                throw APIError(
                    .unprocessableContent,
                    code: "invalid_format",
                    zh: "文件格式只能是 xlsx 或 csv。",
                    en: "format must be xlsx or csv.",
                    field: "format"
                )
            }
            let file = try await staff.ledgerFile(context.caller, kind, format: format, input)
            return Download.file(file.bytes, filename: file.filename, mediaType: format.contentType)
        }
        let view = try await staff.ledger(context.caller, kind, input, rows: try Self.ledgerSlice(request))
        let body = LedgerResponse(
            kind: kind.rawValue,
            title: view.ledger.title,
            withIdentities: view.ledger.withIdentities,
            columns: view.ledger.columns.map(\.title),
            rows: view.ledger.rows.map { $0.map(\.text) },
            rowIds: view.rowIDs,
            total: view.total,
            offset: view.offset
        )
        return try body.response(from: request, context: context)
    }

    /// The rows `offset` and `limit` ask for; nil (every row) without a limit.
    static func ledgerSlice(_ request: Request) throws -> Range<Int>? {
        let query = request.uri.queryParameters
        func number(_ key: String, _ range: ClosedRange<Int>, _ zh: String) throws -> Int? {
            guard let text = query.get(key) else { return nil }
            guard let n = Int(text), range.contains(n) else {
                throw APIError(
                    .unprocessableContent,
                    code: "invalid_page",
                    zh: "\(zh)应为\(range.lowerBound)到\(range.upperBound)之间的整数。",
                    en: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound).",
                    field: key
                )
            }
            return n
        }
        let offset = try number("offset", 0...100_000_000, "起始行") ?? 0
        guard let limit = try number("limit", 1...1_000, "行数") else {
            return offset == 0 ? nil : offset..<Int.max / 2
        }
        return offset..<offset + limit
    }

    /// An item with its version, which a change sends back as `seen_at`.
    struct RectificationInfo: ResponseEncodable {
        var item: RectificationItem
        var version: String

        init(_ item: RectificationItem) {
            self.item = item
            version = item.version
        }
    }

    struct RectificationList: ResponseEncodable {
        var items: [RectificationInfo]
    }

    @Sendable func rectificationItems(_ request: Request, context: StaffRequestContext) async throws -> RectificationList {
        RectificationList(items: try await staff.ledger(context.caller, .rectification).items.map(RectificationInfo.init))
    }

    @Sendable func rectificationItem(_ request: Request, context: StaffRequestContext) async throws -> RectificationInfo {
        RectificationInfo(try await staff.rectificationItem(context.caller, id: try context.parameters.require("id")))
    }

    @Sendable func addRectification(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<RectificationInfo> {
        let item = try await staff.addRectification(context.caller, try await RequestBody.json(RectificationInput.self, request))
        return EditedResponse(status: .created, response: RectificationInfo(item))
    }

    @Sendable func updateRectification(_ request: Request, context: StaffRequestContext) async throws -> RectificationInfo {
        RectificationInfo(
            try await staff.updateRectification(
                context.caller,
                id: try context.parameters.require("id"),
                try await RequestBody.json(RectificationInput.self, request)
            )
        )
    }

    @Sendable func recordLeadOutcome(_ request: Request, context: StaffRequestContext) async throws -> Lead {
        try await staff.recordLeadOutcome(
            context.caller,
            leadID: try context.parameters.require("id"),
            try await RequestBody.json(LeadOutcomeInput.self, request)
        )
    }
}
