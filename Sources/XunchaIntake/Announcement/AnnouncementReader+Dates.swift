import XunchaCore
import XunchaText

/// The period, the intake deadline and the call hours: what all groups of one announcement share.
extension AnnouncementReader {
    func sharedFields() -> AnnouncedInspection {
        var i = AnnouncedInspection()
        (i.periodStart, i.periodEnd) = period()
        (i.deadline, i.deadlineTime) = deadline(periodEnd: i.periodEnd)
        i.phoneHours = phoneHours()
        scope(&i)
        return i
    }

    // MARK: - Period

    /// The date range of the sentence that best reads as the inspection's period (巡察期间…,
    /// 于…至…开展巡察, 进驻…); staggered sub-periods in one sentence make one period from the first
    /// start to the last end. Ranges in deadline sentences do not count.
    func period() -> (Found<CivilDate>?, Found<CivilDate>?) {
        var ranges = extraction.dateRanges.map { (from: $0.from, to: $0.to, range: $0.range) }
        // 自3月1日起至5月31日止: the extractor pairs dates joined by 至 alone.
        for (a, b) in zip(extraction.dates, extraction.dates.dropFirst()) where a.range.upperBound < b.range.lowerBound {
            let between = t.string(a.range.upperBound..<b.range.lowerBound)
            if between.wholeMatch(of: Self.rangeJoiner) != nil, !ranges.contains(where: { $0.range.contains(a.range.lowerBound) }) {
                ranges.append((from: a, to: b, range: a.range.lowerBound..<b.range.upperBound))
            }
        }
        var best: (score: Int, sentence: Int)?
        for r in ranges {
            guard let (k, s) = sentence(at: r.range.lowerBound) else { continue }
            // Deadline and hours words just before the range make it something else.
            let lead = t.string(max(s.range.lowerBound, r.range.lowerBound - 16)..<r.range.lowerBound)
            // Any range in an announcement may be its period; the words around it say how likely.
            var score = 1
            if s.contains(["巡察期间", "巡视期间", "巡察时间", "巡视时间", "时间安排"]) { score += 3 }
            if s.contains(["开展巡察", "开展巡视", "进驻", "为期", "巡察工作", "开展提级巡察", "专项巡察", "常规巡察", "巡察“回头看”"]) { score += 2 }
            if s.contains(["巡察", "巡视"]) { score += 1 }
            if lead.contains(Self.notAPeriodCue) { score -= 4 }
            if best == nil || score > best!.score { best = (score, k) }
        }
        guard let best, best.score > 0 else { return (periodStartOnly(), nil) }
        let s = t.sentences[best.sentence]
        let inSentence = ranges.filter { s.range.contains($0.range.lowerBound) }
        guard let first = inSentence.min(by: { key($0.from) < key($1.from) }), let last = inSentence.max(by: { key($0.to) < key($1.to) })
        else { return (nil, nil) }
        func found(_ d: DateMention, _ rule: String) -> Found<CivilDate>? {
            guard let date = civil(d) else { return nil }
            return Found(date, t.evidence(d.range, in: s, d.yearWritten ? 0.9 : 0.75, rule))
        }
        let rule = inSentence.count > 1 ? "period.staggered" : "period.range"
        return (found(first.from, rule), found(last.to, rule))
    }

    /// 将于2025年3月10日起…开展为期两个月的巡察: the start is written, the end is not (and is not
    /// worked out from 两个月, which announcements count in different ways).
    private func periodStartOnly() -> Found<CivilDate>? {
        for d in extraction.dates {
            guard let (_, s) = sentence(at: d.range.lowerBound), s.contains(["开展巡察", "开展巡视", "进驻", "常规巡察", "专项巡察", "开展为期"]),
                let date = civil(d)
            else { continue }
            let next = t.string(d.range.upperBound..<min(d.range.upperBound + 3, s.range.upperBound))
            let before = t.string(max(s.range.lowerBound, d.range.lowerBound - 2)..<d.range.lowerBound)
            guard next.hasPrefix("起") || next.hasPrefix("开始") || (before.hasSuffix("于") || before.hasSuffix("自")) && next.hasPrefix("进驻") else {
                continue
            }
            return Found(date, t.evidence(d.range, in: s, 0.6, "period.start"))
        }
        return nil
    }

    /// The date range in group `g`'s own sentences, when there is one.
    func ownPeriod(_ g: Int) -> (Found<CivilDate>, Found<CivilDate>)? {
        for r in extraction.dateRanges {
            guard let (k, s) = sentence(at: r.range.lowerBound), owner[k] == g,
                !t.string(max(s.range.lowerBound, r.range.lowerBound - 16)..<r.range.lowerBound).contains(Self.notAPeriodCue),
                let from = civil(r.from), let to = civil(r.to)
            else { continue }
            return (
                Found(from, t.evidence(r.from.range, in: s, 0.85, "period.group")), Found(to, t.evidence(r.to.range, in: s, 0.85, "period.group"))
            )
        }
        return nil
    }

    private func key(_ d: DateMention) -> Int { (d.year ?? 0) * 10000 + d.month * 100 + d.day }

    // MARK: - Deadline

    static let deadlineContext = ["受理", "信访", "举报", "来信", "来电", "渠道", "反映", "信件", "邮戳"]

    /// 受理信访截止时间为2023年5月31日, 截止到…, …前寄出, 至…止, and the relative forms
    /// 巡察结束前一天, 巡察结束前3个工作日, 巡察结束时. A clock time after the date is `deadline_time`.
    func deadline(periodEnd: Found<CivilDate>?) -> (Found<CivilDate>?, Found<XunchaCore.ClockTime>?) {
        for (_, s) in regionSentences where s.contains(Self.deadlineContext) {
            for keyword in s.text.matches(of: Self.deadlineWord) {
                let after = s.offset(keyword.range.upperBound)
                guard let d = extraction.dates.first(where: { $0.range.lowerBound >= after && $0.range.lowerBound - after <= 12 }),
                    s.range.contains(d.range.lowerBound), t.string(d.range.upperBound..<min(d.range.upperBound + 1, t.scalars.count)) != "已"
                else { continue }
                guard let date = civil(d) else { continue }
                let found = Found(date, t.evidence(d.range, in: s, d.yearWritten ? 0.9 : 0.75, "deadline.date"))
                return (found, clockTime(after: d.range.upperBound, in: s))
            }
            // 2023年5月31日前(以邮戳为准), 至5月31日止.
            for d in extraction.dates where s.range.contains(d.range.lowerBound) {
                let next = t.string(d.range.upperBound..<min(d.range.upperBound + 6, s.range.upperBound))
                guard next.prefixMatch(of: Self.deadlineTail) != nil,
                    let date = civil(d)
                else { continue }
                return (Found(date, t.evidence(d.range, in: s, 0.8, "deadline.until")), clockTime(after: d.range.upperBound, in: s))
            }
        }
        return (relativeDeadline(periodEnd: periodEnd) ?? receptionRangeEnd(), nil)
    }

    /// 受理信访的时间为3月1日至5月31日: the reports are taken until the end of that range.
    private func receptionRangeEnd() -> Found<CivilDate>? {
        for r in extraction.dateRanges {
            guard let (_, s) = sentence(at: r.range.lowerBound), let date = civil(r.to) else { continue }
            let lead = t.string(max(s.range.lowerBound, r.range.lowerBound - 12)..<r.range.lowerBound)
            if lead.contains(Self.intakeTimeLabel) {
                return Found(date, t.evidence(r.to.range, in: s, 0.6, "deadline.reception_range"))
            }
        }
        return nil
    }

    /// 巡察结束前一天, 巡察结束前3个工作日 (by the official calendar), 巡察结束时.
    private func relativeDeadline(periodEnd: Found<CivilDate>?) -> Found<CivilDate>? {
        let closing = ["截止", "关停", "关闭", "停止", "受理", "不再"]
        for (_, s) in regionSentences where s.contains(closing) {
            if let m = s.text.firstMatch(of: Self.daysBeforeTheEnd), let end = periodEnd {
                let n = Self.ordinalValue(String(m.output.1)) ?? (m.output.1 == "两" ? 2 : 0)
                let date: CivilDate? =
                    m.output.2 == "个工作日" ? (try? calendar.addWorkdays(end.value, -n)) : end.value.adding(days: -n)
                guard let date else { continue }
                return Found(date, t.evidence(s.offsets(m.range), in: s, 0.7, "deadline.relative"))
            }
            if let m = s.text.firstMatch(of: Self.untilTheEnd), let end = periodEnd {
                return Found(end.value, t.evidence(s.offsets(m.range), in: s, 0.7, "deadline.relative"))
            }
        }
        return nil
    }

    /// A clock time right after a date: 2023年5月31日17:30, 5月31日下午5时, 5月31日(17:00).
    func clockTime(after offset: Int, in s: Sentence) -> Found<XunchaCore.ClockTime>? {
        let rest = t.string(offset..<min(offset + 12, s.range.upperBound))
        guard let m = rest.prefixMatch(of: Self.clockTime),
            var hour = Int(m.output.2)
        else { return nil }
        let minute = m.output.3.flatMap { Int($0) } ?? m.output.4.flatMap { Int($0) } ?? (m.output.5 == nil ? 0 : 30)
        if (m.output.1 == "下午" || m.output.1 == "晚上") && hour < 12 { hour += 12 }
        guard let time = XunchaCore.ClockTime(hour: hour, minute: minute) else { return nil }
        let length = rest.unicodeScalars.distance(from: rest.unicodeScalars.startIndex, to: m.range.upperBound)
        return Found(time, t.evidence(offset..<offset + length, in: s, 0.85, "deadline.time"))
    }

    // MARK: - Call hours

    static let hoursContext = ["电话", "接听", "来电", "热线", "短信", "受理时间", "值班时间"]

    /// Time ranges in sentences about taking calls, with the days they apply on: 工作日 wins over
    /// 每天 (每天受理电话的时间为：工作日…); 每天 with calls suspended on holidays (节假日…暂停受理来电)
    /// is `daily_except_holidays`. 工作时间 without clock times gives hours without times.
    func phoneHours() -> [Found<ReceptionHours>] {
        var out: [Found<ReceptionHours>] = []
        for (_, s) in regionSentences where s.contains(Self.hoursContext) && s.contains(["时间", "时至", "点至", ":"]) {
            if s.contains(["动员会", "会议"]) && !s.contains(["受理", "接听"]) { continue }
            let days = self.days(s)
            let ranges = extraction.timeRanges.filter { s.range.contains($0.range.lowerBound) }
            for r in ranges {
                guard let from = XunchaCore.ClockTime(hour: r.from.hour, minute: r.from.minute),
                    let to = XunchaCore.ClockTime(hour: r.to.hour, minute: r.to.minute)
                else { continue }
                let hours = ReceptionHours(days: days.days, from: from, to: to)
                if !out.contains(where: { $0.value == hours }) {
                    out.append(Found(hours, t.evidence(r.range, in: s, days.explicit ? 0.9 : 0.6, "hours.range")))
                }
            }
            if ranges.isEmpty, let m = s.text.firstMatch(of: Self.officeHoursWord) {
                let hours = ReceptionHours(days: days.days, from: nil, to: nil)
                if !out.contains(where: { $0.value == hours }) {
                    out.append(Found(hours, t.evidence(s.offsets(m.range), in: s, 0.7, "hours.office")))
                }
            }
        }
        return out
    }

    private func days(_ s: Sentence) -> (days: ReceptionHours.Days, explicit: Bool) {
        let text = s.text
        if text.contains(Self.workdayWords) { return (.workdays, true) }
        let daily = text.contains(Self.dailyWords)
        if text.contains(Self.holidayPause) { return (.dailyExceptHolidays, true) }
        return daily ? (.daily, true) : (.workdays, false)
    }

    // MARK: - Scope

    nonisolated(unsafe) static let subjectHeads: Regex<(Substring, Substring)> = #/(成员|负责人|干部|班子|人员|党员|领导|书记|问题)$/#

    /// Whose conduct the group takes reports about (主要受理反映…问题的来信来电来访, or a list under a
    /// 受理对象 heading), which disciplines, the sentence to show the public, and 不负责答复.
    func scope(_ i: inout AnnouncedInspection) {
        var k = region.lowerBound
        while k < region.upperBound, i.scopeSubjects.isEmpty {
            var span: Range<String.Index>?
            var s = t.sentences[k]
            // 二、受理信访范围 (a heading): the list is the next sentence.
            let heading = s.text.count <= 16 && s.text.contains(Self.scopeHeading) && k + 1 < region.upperBound
            if heading {
                k += 1
                s = t.sentences[k]
            }
            if let m = s.text.firstMatch(of: Self.scopeClause) {
                span = m.output.1.startIndex..<m.output.1.endIndex
            } else if heading {
                span = s.text.startIndex..<(s.text.hasSuffix("。") ? s.text.index(before: s.text.endIndex) : s.text.endIndex)
            }
            if let span {
                i.scopeSubjects = subjects(in: s, span)
                if !i.scopeSubjects.isEmpty { i.scope = Found(s.text, t.evidence(s.range, in: s, 0.8, "scope.sentence")) }
            }
            k += 1
        }
        for (_, s) in regionSentences where s.text.contains("纪律") && s.contains(["受理", "重点", "违反", "反映"]) {
            let found = s.text.matches(of: Self.disciplineWord)
            guard !found.isEmpty else { continue }
            i.scopeDisciplines = found.map { Found(String($0.output.0), t.evidence(s.offsets($0.range), in: s, 0.9, "scope.discipline")) }
            if i.scope == nil { i.scope = Found(s.text, t.evidence(s.range, in: s, 0.7, "scope.sentence")) }
            break
        }
        for (_, s) in regionSentences {
            if let m = s.text.firstMatch(of: Self.noReply) {
                i.repliesEnabled = Found(false, t.evidence(s.offsets(m.range), in: s, 0.9, "replies.none"))
                break
            }
        }
    }

    /// Splits a list of subjects at 、 , 和 以及 outside parentheses; a part without a head noun
    /// (内设股室、二级机构主要负责人) joins the next; unit names before a subject are dropped.
    private func subjects(in s: Sentence, _ span: Range<String.Index>) -> [Found<String>] {
        var parts: [(text: String, range: Range<String.Index>)] = []
        var depth = 0
        var start = span.lowerBound
        var i = span.lowerBound
        func cut(_ end: String.Index, _ next: String.Index) {
            let piece = String(s.text[start..<end])
            if !piece.isEmpty { parts.append((piece, start..<end)) }
            start = next
        }
        while i < span.upperBound {
            let c = s.text[i]
            let next = s.text.index(after: i)
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if depth == 0 {
                let rest = s.text[i..<span.upperBound]
                if c == "、" || c == "," {
                    cut(i, next)
                } else if rest.hasPrefix("以及") {
                    cut(i, s.text.index(i, offsetBy: 2))
                    i = s.text.index(i, offsetBy: 2)
                    continue
                } else if c == "和", s.text[start..<i].contains(Self.subjectHeads) {
                    cut(i, next)
                }
            }
            i = next
        }
        cut(span.upperBound, span.upperBound)
        // Join head-less parts to the next one; (含已离退休、已调离) after a head does not hide it.
        func hasHead(_ text: String) -> Bool { text.replacing(Self.trailingBracket, with: "").contains(Self.subjectHeads) }
        var joined: [(text: String, range: Range<String.Index>, merged: Bool)] = []
        var pending: (text: String, range: Range<String.Index>)?
        for p in parts {
            let q = pending.map { ($0.text + "、" + p.text, $0.range.lowerBound..<p.range.upperBound) } ?? p
            if hasHead(q.0) {
                joined.append((q.0, q.1, pending != nil))
                pending = nil
            } else {
                pending = q
            }
        }
        if let pending { joined.append((pending.text, pending.range, true)) }
        let units = Set(groups.isEmpty ? [] : (0..<groups.count).flatMap { self.units(for: $0).map(\.value) })
            .union(self.units(for: nil).map(\.value))
        return joined.compactMap { p in
            var text = p.text.trimmingPrefix(Self.scopeVerb)
            // 镜湖区住房…局、…、荆山街道班子及其成员: a list of units before 班子 is not a subject
            // (but 市委老干部局领导班子 is one, as written).
            while p.merged, let u = units.filter({ text.hasPrefix($0) && text.count > $0.count }).max(by: { $0.count < $1.count }) {
                text = text.dropFirst(u.count).trimmingPrefix("、")
            }
            let value = String(text)
            guard !value.isEmpty, !["巡察对象", "被巡察对象", "巡视对象"].contains(value) else { return nil }
            let lower = s.text.index(p.range.upperBound, offsetBy: -value.count, limitedBy: p.range.lowerBound) ?? p.range.lowerBound
            return Found(value, t.evidence(s.offsets(lower..<p.range.upperBound), in: s, 0.8, "scope.subject"))
        }
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let rangeJoiner = #/\s*起\s*(至|到|—|-|~)\s*/#
    nonisolated(unsafe) static let notAPeriodCue = #/截止|截至|接听|电话时间/#
    nonisolated(unsafe) static let deadlineWord = #/截止|截至(?!目前|发稿)/#
    nonisolated(unsafe) static let deadlineTail = #/(\s*\d{1,2}[:时点]\d{0,2}分?)?\s*(止|前寄出|前(\(|,)?以邮戳|截止|前(来信|来电|反映|提出|寄送|投递|受理))/#
    nonisolated(unsafe) static let intakeTimeLabel = #/受理(信访|来信|来电|举报|反映)?[^,。;]{0,6}时间/#
    nonisolated(unsafe) static let daysBeforeTheEnd = #/(?:巡察|巡视)(?:工作)?结束前(一|二|两|三|四|五|六|七|\d{1,2})(个工作日|天|日)/#
    nonisolated(unsafe) static let untilTheEnd = #/(?:巡察|巡视)(?:工作)?结束(?:时|当天|当日|之日|为止)/#
    nonisolated(unsafe) static let clockTime = #/\s*\(?\s*(上午|下午|晚上|中午)?\s*(\d{1,2})(?::(\d{2})|[时点](?:(\d{1,2})分?|(半))?)/#
    nonisolated(unsafe) static let officeHoursWord = #/工作时间|上班时间|办公时间/#
    nonisolated(unsafe) static let workdayWords = #/工作日|周一至周五|星期一至星期五|周一到周五|星期一到星期五|(双休日|周末)(及|和)?(法定)?节假日除外/#
    nonisolated(unsafe) static let dailyWords = #/每天|每日|全天|周一至周日|星期一至星期日|节假日照常|节假日不休/#
    nonisolated(unsafe) static let holidayPause = #/节假日[^。;]{0,24}?(除外|暂停|不受理|休息|停止)|除节假日/#
    nonisolated(unsafe) static let scopeHeading = #/受理(信访)?(对象|范围)$|反映问题(对象|范围)$/#
    nonisolated(unsafe) static let scopeClause = #/受理(?:反映|涉及|对)?(.{4,200}?)(?:的问题|问题的|有关问题|问题反映|问题|的来信|的信访)/#
    nonisolated(unsafe) static let disciplineWord = #/(政治|组织|廉洁|群众|工作|生活)纪律|六大纪律/#
    nonisolated(unsafe) static let noReply = #/不(负责|予|作)(答复|回复)/#
    nonisolated(unsafe) static let trailingBracket = #/\([^()]*\)$/#
    nonisolated(unsafe) static let scopeVerb = #/(反映|涉及|对)/#
}
