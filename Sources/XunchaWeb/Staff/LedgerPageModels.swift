import Foundation
import XunchaCore
import XunchaDesk

/// The ledgers a caller may open, each with what it holds.
struct LedgersPage {
    struct Entry {
        var kind: String
        var name: String
        var about: String
        var href: String
        var printHref: String?
        var xlsxHref: String?
        var csvHref: String?
    }

    var me: StaffFrame.Me?
    var csrf: String
    var registers: [Entry]
    var ledgers: [Entry]
    var hasRegisters: Bool

    init(context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        let user = context.user
        let reads = user.may(.readReports, inspectionID: user.inspectionID)
        let exports = user.may(.export, inspectionID: user.inspectionID)
        let rectifies = user.may(.rectify, inspectionID: user.inspectionID)
        func entry(_ kind: LedgerKind, _ about: String) -> Entry {
            let mayExport = exports || (kind == .rectification && rectifies)
            let base = "/staff/ledgers/\(kind.rawValue)"
            return Entry(
                kind: kind.rawValue,
                name: kind.chineseName,
                about: about,
                href: base,
                printHref: mayExport ? base + "/print" : nil,
                xlsxHref: mayExport ? base + "/xlsx" : nil,
                csvHref: mayExport ? base + "/csv" : nil
            )
        }
        registers =
            reads
            ? [
                entry(.letters, "来信：收信时间、邮戳日期、被反映人、主要问题、处理意见和去向。"),
                entry(.calls, "来电：来电时间、通话时长、被反映人、主要问题、处理意见和去向。"),
                entry(.visits, "来访：接待时间和地点、接待人、被反映人、主要问题、处理意见和去向。"),
                entry(.web, "网上举报和电子邮件：收到时间、方式、被反映人、主要问题、处理意见和去向。"),
            ] : []
        hasRegisters = !registers.isEmpty
        ledgers =
            (reads
                ? [
                    entry(.leads, "问题线索：来源、被反映人、问题底稿、移交对象和日期、处置方式、办理结果、是否销号。"),
                    entry(.referrals, "转办件：转办对象、发出日期、反馈期限、反馈和办结情况、是否逾期。"),
                ] : []) + (reads || rectifies ? [entry(.rectification, "巡察反馈后的整改：问题、措施、责任人、时限、进展、佐证材料和状态。")] : [])
    }
}

/// A ledger on screen: its filter (registers), a page of its rows, and the ways to print and
/// download it with the same filter.
struct LedgerPage {
    struct Column {
        var title: String
        var long: Bool
    }

    struct Cell {
        var text: String
        var label: String
        var long: Bool
        var href: String?
        /// Numbers, days and times keep to one line; an empty cell is left out on a phone.
        var style: String

        init(_ cell: LedgerCell, column: LedgerColumn, number: Bool, href: String? = nil) {
            text = cell.text
            label = column.title
            long = column.isLong
            self.href = href
            switch cell {
            case .empty: style = "empty"
            case .day, .moment, .count: style = "nowrap"
            case .text: style = column.isLong ? "long" : number ? "nowrap" : ""
            }
        }
    }

    struct Row {
        var cells: [Cell]
        var editHref: String?
    }

    var me: StaffFrame.Me?
    var csrf: String
    var title: String
    var kind: String
    var kindName: String
    var notice: String?
    var isRegister: Bool
    var from: String
    var to: String
    var identities: Bool
    var mayShowIdentities: Bool
    var columns: [Column]
    var rows: [Row]
    var total: Int
    var hasRows: Bool
    var page: Int
    var pageCount: Int
    var hasPager: Bool
    var previousHref: String?
    var nextHref: String?
    var mayExport: Bool
    var printHref: String
    var xlsxHref: String
    var csvHref: String
    var isRectification: Bool
    var mayRectify: Bool
    var rectification: RectificationForm
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var rectificationError: String? { didSet { errors = .beside(rectificationError, "rectification-error") } }

    static let pageSize = 100

    /// The rows of page `n` (from 1).
    static func rows(ofPage n: Int) -> Range<Int> { (n - 1) * pageSize..<n * pageSize }

    static func pageCount(_ total: Int) -> Int { max(1, (total + pageSize - 1) / pageSize) }

    /// The page of `view`, which holds one page's rows.
    init(_ view: StaffDesk.LedgerView, input: LedgerInput, context: StaffRequestContext) {
        let ledger = view.ledger
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        title = ledger.title
        kind = ledger.kind.rawValue
        kindName = ledger.kind.chineseName
        isRegister = ledger.kind.isRegister
        from = input.from ?? ""
        to = input.to ?? ""
        identities = ledger.withIdentities
        mayShowIdentities = view.mayShowIdentities
        columns = ledger.columns.map { Column(title: $0.title, long: $0.isLong) }
        total = view.total
        hasRows = total > 0
        pageCount = Self.pageCount(total)
        page = min(view.offset / Self.pageSize + 1, pageCount)
        hasPager = pageCount > 1
        let query = Self.query(input)
        let base = "/staff/ledgers/\(ledger.kind.rawValue)"
        func pageHref(_ n: Int) -> String { base + Self.query(input, page: n) }
        previousHref = page > 1 ? pageHref(page - 1) : nil
        nextHref = page < pageCount ? pageHref(page + 1) : nil
        let linkPrefix = Self.linkPrefix(ledger.kind)
        rows = ledger.rows.indices.map { index in
            let id = view.rowIDs.indices.contains(index) ? view.rowIDs[index] : nil
            let cells = zip(ledger.columns, ledger.rows[index]).enumerated().map { column, pair in
                // The record's number (the column after 序号) leads to the record.
                Cell(pair.1, column: pair.0, number: column == 1, href: column == 1 ? id.flatMap { id in linkPrefix.map { $0 + id } } : nil)
            }
            return Row(cells: cells, editHref: ledger.kind == .rectification && view.mayRectify ? id.map { "/staff/rectification/\($0)" } : nil)
        }
        mayExport = view.mayExport
        printHref = base + "/print" + query
        xlsxHref = base + "/xlsx" + query
        csvHref = base + "/csv" + query
        isRectification = ledger.kind == .rectification
        mayRectify = view.mayRectify
        rectification = RectificationForm()
    }

    /// Where a row's record lives in the console.
    static func linkPrefix(_ kind: LedgerKind) -> String? {
        switch kind {
        case .letters, .calls, .visits, .web: "/staff/reports/"
        case .leads: "/staff/leads/"
        case .referrals: "/staff/referrals/"
        case .rectification: nil
        }
    }

    /// `?from=…&to=…&identities=1` for what was asked (and a page), empty when nothing was.
    static func query(_ input: LedgerInput, page: Int? = nil) -> String {
        var items: [URLQueryItem] = []
        if let from = input.from { items.append(URLQueryItem(name: "from", value: from)) }
        if let to = input.to { items.append(URLQueryItem(name: "to", value: to)) }
        if input.identities { items.append(URLQueryItem(name: "identities", value: "1")) }
        if let page, page > 1 { items.append(URLQueryItem(name: "page", value: String(page))) }
        var components = URLComponents()
        components.queryItems = items
        return items.isEmpty ? "" : "?" + (components.percentEncodedQuery ?? "")
    }
}

/// A ledger on A4 landscape for the browser's print: the heading, every row under a header
/// that repeats on each page, page numbers in the page margin, and the lines to sign.
struct LedgerPrintPage {
    var title: String
    var kindName: String
    var group: String
    var range: String?
    var madeAt: String
    var madeBy: String
    var identities: Bool
    var columns: [LedgerPage.Column]
    var rows: [LedgerPage.Row]
    var total: Int
    var truncated: Bool
    var limit: Int
    var backHref: String

    /// More rows than a printed register holds sensibly: the view asks for a date range instead.
    static let maxRows = 5000

    init(_ view: StaffDesk.LedgerView, input: LedgerInput, madeAt: Date, madeBy: String) {
        let ledger = view.ledger
        title = ledger.title
        kindName = ledger.kind.chineseName
        group = ledger.group
        range = view.days.map { "\(View.day($0.lowerBound))至\(View.day($0.upperBound))" }
        if let days = view.days {
            let open = CivilDate(year: 1900, month: 1, day: 1)!
            let end = CivilDate(year: 9999, month: 12, day: 31)!
            if days.lowerBound == open { range = "截至\(View.day(days.upperBound))" }
            if days.upperBound == end { range = "自\(View.day(days.lowerBound))起" }
        }
        self.madeAt = View.time(madeAt)
        self.madeBy = madeBy
        identities = ledger.withIdentities
        columns = ledger.columns.map { LedgerPage.Column(title: $0.title, long: $0.isLong) }
        total = ledger.rows.count
        truncated = total > Self.maxRows
        limit = Self.maxRows
        rows = ledger.rows.prefix(Self.maxRows).map { row in
            LedgerPage.Row(cells: zip(ledger.columns, row).enumerated().map { LedgerPage.Cell($1.1, column: $1.0, number: $0 == 1) })
        }
        backHref = "/staff/ledgers/\(ledger.kind.rawValue)" + LedgerPage.query(input)
    }
}

/// The fields of a rectification item's form, as stored or as typed.
struct RectificationForm {
    struct StateChoice {
        var code: String
        var name: String
        var selected: Bool
    }

    var problem = ""
    var measure = ""
    var responsible = ""
    var deadline = ""
    var progress = ""
    var evidence = ""
    var states: [StateChoice] = RectificationForm.choices(.notStarted)
    var seenAt = ""

    init() {}

    init(_ item: RectificationItem) {
        problem = item.problem
        measure = item.measure
        responsible = item.responsible
        deadline = item.deadline?.iso ?? ""
        progress = item.progress
        evidence = item.evidence
        states = Self.choices(item.state)
        seenAt = item.version
    }

    init(_ input: RectificationInput?, seenAt: String) {
        problem = input?.problem ?? ""
        measure = input?.measure ?? ""
        responsible = input?.responsible ?? ""
        deadline = input?.deadline ?? ""
        progress = input?.progress ?? ""
        evidence = input?.evidence ?? ""
        states = Self.choices(input?.state.flatMap(RectificationItem.State.init(rawValue:)) ?? .notStarted)
        self.seenAt = seenAt
    }

    static func choices(_ chosen: RectificationItem.State) -> [StateChoice] {
        RectificationItem.State.allCases.map { StateChoice(code: $0.rawValue, name: $0.chineseName, selected: $0 == chosen) }
    }
}

/// One rectification item's page: its entry to change, and (after a clash) what the other
/// person saved.
struct RectificationItemPage {
    var me: StaffFrame.Me?
    var csrf: String
    var sequence: Int
    var action: String
    var form: RectificationForm
    var updated: String
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "rectification-error") } }
    var theirs: RectificationForm?
}
