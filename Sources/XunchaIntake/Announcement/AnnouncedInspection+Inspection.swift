import XunchaCore

extension AnnouncedInspection {
    /// The inspection the announcement describes, validated, with an empty id for the store to
    /// fill; or why it cannot be one yet (no group, no units, a period without a year, dates
    /// that contradict each other), in the words the person importing it needs.
    public func inspection() throws(InputError) -> Inspection {
        guard let group else {
            throw InputError(code: "missing_group", zh: "公告中没有找到巡察组名称。", en: "no group found in the announcement.", field: "group")
        }
        guard !units.isEmpty else {
            throw InputError(code: "missing_units", zh: "公告中没有找到被巡察单位。", en: "no inspected unit found in the announcement.", field: "units")
        }
        guard let start = periodStart?.value, let end = periodEnd?.value else {
            throw InputError(
                code: "missing_period",
                zh: "公告中没有找到带年份的巡察起止日期（可用 --published 指定发布日期以推断年份）。",
                en: "no period with a known year found (pass --published to supply the year).",
                field: "period_start"
            )
        }
        return try Inspection(
            id: "",
            group: group.value,
            leader: leader?.value ?? "",
            units: units.map(\.value),
            periodStart: start,
            periodEnd: end,
            deadline: deadline?.value ?? end,
            deadlineTime: deadlineTime?.value,
            phones: phones.map(\.value),
            emails: emails.map(\.value),
            postalBoxes: postalBoxes.map(\.value),
            otherChannels: otherChannels.map(\.value),
            phoneHours: phoneHours.map(\.value),
            scope: scope?.value ?? "",
            repliesEnabled: repliesEnabled?.value ?? false
        ).validated()
    }

    /// What was found, one line per field, for a person to check before importing.
    public var summaryZH: String {
        func list(_ items: [Found<String>]) -> String { items.isEmpty ? "—" : items.map(\.value).joined(separator: "、") }
        var lines = [
            "巡察组：" + (group?.value ?? "—") + (leader.map { "（组长 \($0.value)）" } ?? ""),
            "被巡察单位：" + list(units),
            "巡察期间：" + (periodStart?.value.iso ?? "?") + " 至 " + (periodEnd?.value.iso ?? "?"),
            "受理截止：" + (deadline.map { $0.value.iso + (deadlineTime.map { " " + $0.value.description } ?? "") } ?? "—（默认巡察结束日）"),
            "值班电话：" + list(phones),
            "受理时间：" + (phoneHours.isEmpty ? "—" : phoneHours.map(\.value.displayText).joined(separator: "；")),
            "电子邮箱：" + list(emails),
            "邮政信箱：" + list(postalBoxes),
            "其他渠道：" + list(otherChannels),
            "受理对象：" + list(scopeSubjects),
            "纪律：" + list(scopeDisciplines),
        ]
        lines += flags.map { "⚠ " + $0.messageZH + " / " + $0.messageEN }
        return lines.joined(separator: "\n")
    }
}
