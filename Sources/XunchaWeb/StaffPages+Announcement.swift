import Hummingbird
import XunchaCore
import XunchaIntake

/// The admin pastes a launch announcement and gets the create-inspection form filled in from it,
/// each field with the sentence it came from, to confirm or correct before creating anything.
extension StaffPages {
    @Sendable func prefillFromAnnouncement(_ request: Request, context: AppRequestContext) async throws -> Response {
        do {
            _ = try desk.requireAdmin(context)
            let form = try await RequestBody.form(request, context: context)
            try CSRF.check(form, request, context)
            let text = form["announcement"] ?? ""
            let parsed = AnnouncementParser().parse(page: text)
            guard !parsed.isEmpty else {
                throw APIError(
                    .unprocessableContent,
                    code: "announcement_nothing_found",
                    zh: "没有在粘贴的文字中找到巡察公告内容（巡察组、巡察期间或受理截止时间）。",
                    en: "nothing found: no group, period or deadline in the pasted text.",
                    field: "announcement"
                )
            }
            let pick = min(max(0, Int(form["pick"] ?? "") ?? 0), parsed.inspections.count - 1)
            var extra = AnnouncementPrefill.values(parsed, pick: pick)
            extra["announcementText"] = text
            return try await adminPage(request, context, extra: extra)
        } catch let error as APIError where error.status == .unprocessableContent {
            return try await adminPage(request, context, extra: ["announcementError": error.messageZH], status: error.status)
        } catch let error as APIError {
            return failure(error, request, context)
        }
    }
}

/// What the admin page shows for a parsed announcement: the form's values in the shapes
/// `InspectionForm` reads back, the sentence behind each, the flags, and the other groups.
enum AnnouncementPrefill {
    static func values(_ a: Announcement, pick: Int) -> [String: Any] {
        let i = a.inspections[pick]
        func lines(_ items: [Found<String>]) -> String { items.map(\.value).joined(separator: "\n") }
        // InspectionForm reads `工作日 8:00-12:00`; hours without times (工作日工作时间) need the
        // admin to fill them in, so they are left out of the box and said in the evidence.
        let hours = i.phoneHours.compactMap { h -> String? in
            guard let from = h.value.from, let to = h.value.to else { return nil }
            let days = ["workdays": "工作日", "daily": "每天", "daily_except_holidays": "每天（节假日除外）"][h.value.days.rawValue] ?? "工作日"
            return "\(days) \(from)-\(to)"
        }
        let form: [String: Any] = [
            "group": i.group?.value ?? "",
            "leader": i.leader?.value ?? "",
            "units": lines(i.units),
            "period_start": i.periodStart?.value.iso ?? "",
            "period_end": i.periodEnd?.value.iso ?? "",
            "deadline": i.deadline?.value.iso ?? "",
            "deadline_time": i.deadlineTime?.value.description ?? "",
            "phones": lines(i.phones),
            "phone_hours": hours.joined(separator: "\n"),
            "emails": lines(i.emails),
            "postal_boxes": lines(i.postalBoxes),
            "other_channels": lines(i.otherChannels),
            "scope": i.scope?.value ?? "",
        ]
        func sentence(_ evidence: [Evidence]) -> String? {
            var seen: [Range<Int>] = []
            for e in evidence where !seen.contains(e.sentence) { seen.append(e.sentence) }
            guard !seen.isEmpty else { return nil }
            return seen.map { a.originalText($0) }.joined(separator: " … ")
        }
        var evidence: [String: String] = [:]
        evidence["group"] = sentence([i.group?.evidence].compactMap { $0 })
        evidence["leader"] = sentence([i.leader?.evidence].compactMap { $0 })
        evidence["units"] = sentence(i.units.map(\.evidence))
        evidence["period"] = sentence([i.periodStart?.evidence, i.periodEnd?.evidence].compactMap { $0 })
        evidence["deadline"] = sentence([i.deadline?.evidence, i.deadlineTime?.evidence].compactMap { $0 })
        evidence["phones"] = sentence(i.phones.map(\.evidence))
        evidence["phone_hours"] = sentence(i.phoneHours.map(\.evidence))
        evidence["emails"] = sentence(i.emails.map(\.evidence))
        evidence["postal_boxes"] = sentence(i.postalBoxes.map(\.evidence))
        evidence["other_channels"] = sentence(i.otherChannels.map(\.evidence))
        evidence["scope"] = sentence([i.scope?.evidence].compactMap { $0 })
        var notes = i.flags.map(\.messageZH)
        if i.phoneHours.contains(where: { $0.value.from == nil }) { notes.append("公告只写了「工作时间」，请补充具体的电话受理时间。") }
        if i.deadline == nil { notes.append("公告未写受理截止时间，默认为巡察结束日期。") }
        if i.periodStart == nil { notes.append("公告中没有找到带年份的巡察起止日期，请填写。") }
        return [
            "inspectionForm": form,
            "inspectionEvidence": evidence,
            "prefilled": true,
            "prefillNotes": notes,
            "prefillGroups": a.inspections.enumerated().map { n, g in
                ["index": n, "group": g.group?.value ?? "（未命名）", "current": n == pick]
            },
            "prefillSeveral": a.inspections.count > 1,
        ]
    }
}
