import Foundation
import XunchaCore
import XunchaStore

/// What the inbox is asked to show, as the page's address carries it (so a view can be
/// bookmarked) and the API takes it: `q`, `status`, `suggestion`, `decision` (`none`, `pending`
/// or an outcome), `discipline`, `channel`, `assignee` (`me`, `none` or an account id),
/// `subject`, `named` (`1`/`0`), `from` and `to` (days, inclusive), `overdue` (`1`), `sort`,
/// `dir` (`asc`/`desc`), `page`. Values that are not what a field takes are refused by name.
public struct InboxInput: Decodable, Sendable, Equatable {
    public var q: String?
    public var status: String?
    public var suggestion: String?
    public var decision: String?
    public var discipline: String?
    public var channel: String?
    public var assignee: String?
    public var subject: String?
    public var named: String?
    public var from: String?
    public var to: String?
    public var overdue: String?
    public var sort: String?
    public var dir: String?
    public var page: Int?

    public init() {}

    public static let maxKeywordLength = 100

    /// The query this asks for, for `caller`'s account (`me`), one page of `pageSize`.
    func query(inspectionID: String?, me: String?, pageSize: Int) throws(InputError) -> InboxQuery {
        func blank(_ s: String?) -> String? { s.map(TextLimits.trimmed).flatMap { $0.isEmpty ? nil : $0 } }
        func refuse(_ field: String, _ label: String) -> InputError {
            InputError(code: "invalid_filter", zh: "筛选条件“\(label)”的取值不正确。", en: "\(field) has a value it does not take.", field: field)
        }
        func parse<T>(_ text: String?, _ field: String, _ label: String, _ make: (String) -> T?) throws(InputError) -> T? {
            guard let text = blank(text) else { return nil }
            guard let value = make(text) else { throw refuse(field, label) }
            return value
        }
        var query = InboxQuery(inspectionID: inspectionID)
        if let keyword = blank(q) {
            try TextLimits.check(keyword, field: "q", labelZH: "关键词", max: Self.maxKeywordLength)
            query.keyword = keyword
        }
        if let name = blank(subject) {
            try TextLimits.check(name, field: "subject", labelZH: "被反映人", max: 50)
            query.subject = name
        }
        query.status = try parse(status, "status", "状态", ReportStatus.init(rawValue:))
        query.suggestion = try parse(suggestion, "suggestion", "初筛建议", SuggestionKind.init(rawValue:))
        query.discipline = try parse(discipline, "discipline", "问题类别", Discipline.init(rawValue:))
        query.channel = try parse(channel, "channel", "渠道", Channel.init(rawValue:))
        query.decision = try parse(decision, "decision", "处理决定") { text -> InboxQuery.DecisionFilter? in
            switch text {
            case "none": .undecided
            case "pending": .pending
            default: SuggestionKind(rawValue: text).map { .inForce($0) }
            }
        }
        query.assignee = try parse(assignee, "assignee", "承办人") { text -> InboxQuery.AssigneeFilter? in
            switch text {
            case "none": .nobody
            case "me": me.map { .user($0) }
            default: text.count <= 64 ? .user(text) : nil
            }
        }
        query.named = try parse(named, "named", "实名") { ["1": true, "0": false][$0] }
        let fromDay = try parse(from, "from", "起始日期") { CivilDate(parsing: $0) }
        let toDay = try parse(to, "to", "截止日期") { CivilDate(parsing: $0) }
        if let fromDay, let toDay, toDay < fromDay {
            throw InputError(code: "dates_reversed", zh: "截止日期不能早于起始日期。", en: "to is before from.", field: "to")
        }
        query.receivedFrom = fromDay?.beijingMidnight
        query.receivedBefore = toDay?.adding(days: 1).beijingMidnight
        query.sort = try parse(sort, "sort", "排序", InboxQuery.Sort.init(rawValue:)) ?? .received
        query.descending = try parse(dir, "dir", "排序方向") { ["asc": false, "desc": true][$0] } ?? true
        guard (page ?? 1) >= 1 else { throw refuse("page", "页码") }
        query.limit = pageSize
        query.offset = ((page ?? 1) - 1) * pageSize
        return query
    }

    /// Whether any filter is set (the default view of a member puts their own reports first).
    var isFiltered: Bool {
        [q, status, suggestion, decision, discipline, channel, assignee, subject, named, from, to, overdue, sort]
            .contains { $0.map(TextLimits.trimmed).map { !$0.isEmpty } ?? false }
    }

}
