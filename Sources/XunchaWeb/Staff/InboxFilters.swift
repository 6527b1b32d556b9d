import Foundation
import XunchaCore
import XunchaDesk

/// The inbox's filter form, its sortable column headings and its page links, all from the
/// address: a view can be bookmarked and every link keeps the other filters.
struct InboxFilters {
    struct Option {
        var value: String
        var label: String
        var selected: Bool
    }

    struct Heading {
        var label: String
        var href: String?
        /// ▲ or ▼ on the column the list is sorted by.
        var arrow: String?
    }

    var q: String
    var subject: String
    var from: String
    var to: String
    var overdue: Bool
    var statuses: [Option]
    var suggestions: [Option]
    var decisions: [Option]
    var disciplines: [Option]
    var channels: [Option]
    var assignees: [Option]
    var named: [Option]
    var headings: [Heading]
    var active: Bool
    let input: InboxInput

    init(_ input: InboxInput, colleagues: [StaffUser]) {
        self.input = input
        q = input.q ?? ""
        subject = input.subject ?? ""
        from = input.from ?? ""
        to = input.to ?? ""
        overdue = input.overdue == "1"
        func options(_ all: [(String, String)], _ current: String?) -> [Option] {
            [Option(value: "", label: "全部", selected: (current ?? "").isEmpty)]
                + all.map { Option(value: $0.0, label: $0.1, selected: $0.0 == current) }
        }
        statuses = options(ReportStatus.allCases.map { ($0.rawValue, $0.displayName) }, input.status)
        suggestions = options(SuggestionKind.allCases.map { ($0.rawValue, $0.chineseName) }, input.suggestion)
        decisions = options(
            [("none", "尚无处理意见"), ("pending", "待组长审批")] + SuggestionKind.allCases.map { ($0.rawValue, "已决定：" + $0.chineseName) },
            input.decision
        )
        disciplines = options(Discipline.allCases.map { ($0.rawValue, $0.chineseName) }, input.discipline)
        channels = options(Channel.allCases.map { ($0.rawValue, $0.displayName) }, input.channel)
        assignees = options([("me", "我承办的"), ("none", "未分配")] + colleagues.map { ($0.id, $0.displayName) }, input.assignee)
        named = options([("1", "实名"), ("0", "匿名")], input.named)
        active =
            [input.q, input.status, input.suggestion, input.decision, input.discipline, input.channel, input.assignee, input.subject]
            .contains { !($0 ?? "").isEmpty } || !(input.named ?? "").isEmpty || !from.isEmpty || !to.isEmpty || overdue
        let sorted = input.sort ?? "received"
        let descending = input.dir != "asc"
        headings = [
            ("登记编号", "number"), ("收到时间", "received"), ("渠道", "channel"), ("被反映人", nil), ("初筛建议", "suggestion"),
            ("处理决定", "decision"), ("承办人", "assignee"), ("时限", nil), ("内容摘要", nil),
        ].map { label, key in
            guard let key else { return Heading(label: label) }
            // The column sorted by flips its direction; another starts newest (or highest) first.
            let dir = key == sorted && descending ? "asc" : "desc"
            return Heading(
                label: label,
                href: Self.href(input, changing: ["sort": key, "dir": dir, "page": nil]),
                arrow: key == sorted ? (descending ? "▼" : "▲") : nil
            )
        }
    }

    /// The inbox's address with these filters, some changed (nil removes one).
    static func href(_ input: InboxInput, changing: [String: String?]) -> String {
        var fields: [(String, String?)] = [
            ("q", input.q), ("status", input.status), ("suggestion", input.suggestion), ("decision", input.decision),
            ("discipline", input.discipline), ("channel", input.channel), ("assignee", input.assignee), ("subject", input.subject),
            ("named", input.named), ("from", input.from), ("to", input.to), ("overdue", input.overdue), ("sort", input.sort),
            ("dir", input.dir), ("page", input.page.map(String.init)),
        ]
        for (key, value) in changing {
            if let i = fields.firstIndex(where: { $0.0 == key }) { fields[i].1 = value }
        }
        let query = fields.compactMap { key, value -> String? in
            guard let value, !value.isEmpty else { return nil }
            return key + "=" + (value.addingPercentEncoding(withAllowedCharacters: Download.unreserved) ?? "")
        }
        return "/staff" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    func pageHref(_ page: Int) -> String { Self.href(input, changing: ["page": String(page)]) }
}
