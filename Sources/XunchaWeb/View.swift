import Foundation
import XunchaCore

/// Turns domain values into what templates show: Chinese labels, Beijing time, lists joined the
/// way people read them.
enum View {
    /// `2023年3月1日 14:05`, in Beijing time whatever the server's zone.
    static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let day = CivilDate(beijingDayOf: date)
        let secondOfDay = ((seconds % 86400) + 86400) % 86400
        let hh = secondOfDay / 3600
        let mm = (secondOfDay % 3600) / 60
        return "\(self.day(day)) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }

    static func day(_ d: CivilDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    /// An inspection for the pages. Empty lists are left out so their rows are not shown, and
    /// when the group publishes a phone line the page says whether it answers right now.
    static func inspection(_ i: Inspection, now: Date? = nil) -> [String: Any] {
        var deadline = day(i.deadline)
        if let t = i.deadlineTime { deadline += " \(t)" }
        var values: [String: Any] = [
            "id": i.id,
            "group": i.group,
            "leader": i.leader,
            "units": i.units.joined(separator: "、"),
            "period": "\(day(i.periodStart))至\(day(i.periodEnd))",
            "deadline": deadline,
            "scope": i.scope,
            "repliesEnabled": i.repliesEnabled,
        ]
        let lists: [(String, [String], String)] = [
            ("phones", i.phones, "、"), ("emails", i.emails, "、"), ("postalBoxes", i.postalBoxes, "、"),
            ("otherChannels", i.otherChannels, "；"), ("phoneHours", i.phoneHours.map(\.displayText), "，"),
        ]
        for (key, items, separator) in lists where !items.isEmpty { values[key] = items.joined(separator: separator) }
        if let now, !i.phones.isEmpty {
            let opening = ReceptionWindow(inspection: i, calendar: .official).nextOpening(of: .phone, after: now)
            values["phoneNow"] = opening.phoneMessageZH
            values["phoneOpen"] = opening.isOpenNow
        }
        return values
    }

    static func report(_ r: Report) -> [String: Any] {
        [
            "id": r.id,
            "channel": r.channel.displayName,
            "receivedAt": time(r.receivedAt),
            "status": r.status.displayName,
            "snippet": r.snippet,
            "content": r.content,
            "realName": r.isRealName,
            "unassigned": r.inspectionID == nil,
            "subjects": r.subjects.map { ["name": $0.name, "unit": $0.unit, "post": $0.post] },
            "additions": r.additions.map { ["at": time($0.addedAt), "content": $0.content] },
            "hasAdditions": !r.additions.isEmpty,
        ]
    }

    static let actionNames: [String: String] = [
        "report.received": "登记反映",
        "report.added_to": "反映人补充材料",
        "report.attachments_added": "保存附件",
        "report.attachment_viewed": "下载附件",
        "inspection.created": "创建巡察",
        "staff.created": "创建账号",
        "staff.password_set": "设置密码",
        "staff.login": "登录",
        "staff.logout": "退出",
        "report.screened": "初筛",
        "report.decided": "处理决定",
        "roster.imported": "导入名册",
    ]

    static func audit(_ e: AuditEvent) -> [String: Any] {
        [
            "seq": e.seq,
            "at": time(e.at),
            "actor": e.actor == "public" ? "反映人" : e.actor == "system" ? "系统" : e.actor,
            "action": actionNames[e.action] ?? e.action,
            "hash": String(e.hash.prefix(12)),
        ]
    }
}
