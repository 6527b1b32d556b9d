import XunchaCore
import XunchaDesk

/// Reads the admin console's inspection form: one field per line for lists, dates as YYYY-MM-DD,
/// hours as `工作日 8:00-12:00` lines. Each unreadable value is named in the error.
enum InspectionForm {
    static func input(from form: [String: String]) throws -> InspectionInput {
        func lines(_ key: String) -> [String] {
            (form[key] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "、" || $0 == "；" || $0 == ";" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func date(_ key: String, _ label: String, required: Bool) throws -> CivilDate? {
            let text = (form[key] ?? "").trimmingCharacters(in: .whitespaces)
            if text.isEmpty, !required { return nil }
            guard let d = CivilDate(parsing: text) else {
                throw APIError(
                    .unprocessableContent,
                    code: "invalid_date",
                    zh: "\(label)应写成 2023-03-01 这样的日期。",
                    en: "\(key) must be YYYY-MM-DD.",
                    field: key
                )
            }
            return d
        }
        var deadlineTime: ClockTime?
        if let t = form["deadline_time"]?.trimmingCharacters(in: .whitespaces), !t.isEmpty {
            guard let parsed = ClockTime(parsing: t) else {
                throw APIError(
                    .unprocessableContent,
                    code: "invalid_time",
                    zh: "截止时间应写成 17:30 这样的时间。",
                    en: "deadline_time must be HH:MM.",
                    field: "deadline_time"
                )
            }
            deadlineTime = parsed
        }
        return InspectionInput(
            group: form["group"] ?? "",
            leader: form["leader"],
            units: lines("units"),
            periodStart: try date("period_start", "巡察开始日期", required: true)!,
            periodEnd: try date("period_end", "巡察结束日期", required: true)!,
            deadline: try date("deadline", "受理截止日期", required: false),
            deadlineTime: deadlineTime,
            phones: lines("phones"),
            emails: lines("emails"),
            postalBoxes: lines("postal_boxes"),
            otherChannels: lines("other_channels"),
            phoneHours: try lines("phone_hours").map(hours),
            scope: form["scope"],
            repliesEnabled: form["replies_enabled"] == "on",
            issuer: form["issuer"],
            announcement: form["announcement_text"]
        )
    }

    /// `工作日 8:00-12:00`, `每天 9:00-17:00` or `节假日除外 8:30-17:30`.
    static func hours(_ line: String) throws -> ReceptionHours {
        let parts = line.split(separator: " ", omittingEmptySubsequences: true)
        let days: ReceptionHours.Days =
            line.hasPrefix("每天") ? (line.contains("除外") ? .dailyExceptHolidays : .daily) : line.contains("除外") ? .dailyExceptHolidays : .workdays
        let span = parts.last.map { $0.split(whereSeparator: { "-—–~～至".contains($0) }) } ?? []
        guard span.count == 2, let from = ClockTime(parsing: span[0]), let to = ClockTime(parsing: span[1]) else {
            throw APIError(
                .unprocessableContent,
                code: "invalid_hours",
                zh: "受理电话时间「\(line)」应写成「工作日 8:00-12:00」。",
                en: "phone_hours line must look like '工作日 8:00-12:00'.",
                field: "phone_hours"
            )
        }
        return ReceptionHours(days: days, from: from, to: to)
    }
}
