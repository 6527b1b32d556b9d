import Foundation
import XunchaCore
import XunchaText

/// Phones, e-mail, postal addresses and the other channels of one group.
extension AnnouncementReader {
    static let phoneContext = ["电话", "热线", "手机", "短信", "举报", "信访", "值班", "联系", "拨打", "来电"]
    static let emailContext = ["邮箱", "信箱", "邮件", "mail", "Mail", "MAIL", "举报", "信访", "受理", "联系方式"]

    /// Words of a web site's own footer, whose contacts are the site's, not the group's.
    static let footerWords = ["版权所有", "主办单位", "承办单位", "技术支持", "ICP", "网站标识码", "联系我们", "网站地图", "公网安备"]

    /// Whether sentence `k` is in group `g`'s part of the text or in the part all groups share
    /// (and not a site footer).
    func belongs(_ k: Int, to g: Int?) -> Bool {
        (g == nil || owner[k] == nil || owner[k] == g) && !isFooter[k]
    }

    func fillChannels(_ i: inout AnnouncedInspection, for g: Int?) {
        var other: [Found<String>] = []
        func addOther(_ value: String, _ range: Range<Int>, _ s: Sentence, _ rule: String, _ confidence: Double = 0.7) {
            guard !other.contains(where: { $0.value == value }) else { return }
            other.append(Found(value, t.evidence(range, in: s, confidence, rule)))
        }
        for p in extraction.phones {
            guard let (k, s) = sentence(at: p.range.lowerBound), belongs(k, to: g), s.contains(Self.phoneContext) else { continue }
            // The label of this number is in its clause: 设立监督电话：029-…, 传真：….
            let before = t.string(s.range.lowerBound..<p.range.lowerBound)
            let clause = before.split(omittingEmptySubsequences: false, whereSeparator: { ",;。、".contains($0) }).last.map(String.init) ?? ""
            if clause.contains("监督") || (s.header.contains("监督") && clause.isEmpty) {
                addOther("监督电话(监督巡察组工作,不是举报渠道):" + p.value, p.range, s, "channel.supervision", 0.8)
                continue
            }
            if clause.contains("传真") || isStandingChannel(p.value, clause: clause) { continue }
            if !i.phones.contains(where: { $0.value == p.value }) {
                i.phones.append(Found(p.value, t.evidence(p.range, in: s, clause.contains(Self.phoneLabel) ? 0.9 : 0.7, "phone")))
            }
            if takesTexts(p, in: s) { addOther("短信(" + p.value + ")", p.range, s, "channel.sms") }
        }
        for e in extraction.emails {
            guard let (k, s) = sentence(at: e.range.lowerBound), belongs(k, to: g), s.contains(Self.emailContext),
                !i.emails.contains(where: { $0.value == e.value })
            else { continue }
            i.emails.append(Found(e.value, t.evidence(e.range, in: s, 0.9, "email")))
        }
        postalBoxes(&i, for: g)
        for (k, s) in regionSentences where belongs(k, to: g) {
            otherChannels(in: s, addOther)
        }
        // A box named alone and elsewhere with its place: keep the one with the place.
        i.otherChannels = other.filter { o in !other.contains { $0.value != o.value && $0.value.hasPrefix(o.value) } }
    }

    /// The discipline commission's 12388 and the inspection office's own line are channels that
    /// stand whether or not a group is stationed: announcements name them as where to go after
    /// the group leaves, never as the group's phone.
    private func isStandingChannel(_ phone: String, clause: String) -> Bool {
        let digits = phone.filter(\.isNumber)
        return digits.hasSuffix("12388") && digits.count <= 9 || clause.contains(Self.standingChannelOwner)
    }

    /// Whether the 短信 of the sentence is about this number: the nearest number before it
    /// (手机：139…（可接收短信）), or the first after it when it comes first (短信举报：139…).
    private func takesTexts(_ phone: PhoneNumber, in s: Sentence) -> Bool {
        let inSentence = extraction.phones.filter { s.range.contains($0.range.lowerBound) }
        for m in s.text.ranges(of: "短信") {
            let at = s.offset(m.lowerBound)
            if let before = inSentence.last(where: { $0.range.upperBound <= at }) {
                if before == phone { return true }
            } else if inSentence.first(where: { $0.range.lowerBound >= at }) == phone {
                return true
            }
        }
        return false
    }

    /// Postal boxes (娄底市A032邮政信箱, 苏州邮政信箱429号 with the addressee written after it) and
    /// addresses for letters (来信请寄：县行政四号楼十一楼县委第二巡察组).
    private func postalBoxes(_ i: inout AnnouncedInspection, for g: Int?) {
        for box in extraction.postalBoxes {
            guard let (k, s) = sentence(at: box.range.lowerBound), belongs(k, to: g) else { continue }
            var end = box.range.upperBound
            let rest = t.string(end..<s.range.upperBound)
            if let m = rest.prefixMatch(of: Self.addressee) {
                end += m.output.0.unicodeScalars.count
            }
            let value = t.string(box.range.lowerBound..<end)
            if !i.postalBoxes.contains(where: { $0.value == value }) {
                i.postalBoxes.append(Found(value, t.evidence(box.range.lowerBound..<end, in: s, 0.9, "postal.box")))
            }
        }
        for (k, s) in regionSentences where belongs(k, to: g) {
            for m in s.text.matches(of: Self.letterAddress) {
                var value = String(m.output.1)
                if let cut = value.firstMatch(of: Self.postcode) { value = String(value[..<cut.range.lowerBound]) }
                let range = s.offsets(m.output.1.startIndex..<m.output.1.startIndex)
                let full = range.lowerBound..<range.lowerBound + value.unicodeScalars.count
                guard !value.isEmpty, !i.postalBoxes.contains(where: { $0.value.contains(value) || value.contains($0.value) }) else { continue }
                i.postalBoxes.append(Found(value, t.evidence(full, in: s, 0.85, "postal.address")))
            }
        }
    }

    /// Boxes on site (意见箱 and where), reception rooms, QR codes and online forms.
    private func otherChannels(in s: Sentence, _ add: (String, Range<Int>, Sentence, String, Double) -> Void) {
        var named: Set<String> = []
        // 在区人大设有举报信箱和信访接待室; 在各被巡察单位设置意见箱.
        // Each pattern runs only where its literal is: the regex engine was a quarter of a parse.
        for m in s.contains(["设"]) ? s.text.matches(of: Self.placedBoxes) : [] {
            let place = String(m.output.1)
            for thing in m.output.2.split(whereSeparator: { "和及、".contains($0) }) where thing.contains(Self.boxOrReceptionWord) {
                let name = String(thing.firstMatch(of: Self.boxOrReceptionWord)!.output.0)
                named.insert(name)
                add(name + "(设在" + place + ")", s.offsets(m.range), s, "channel.box", 0.75)
            }
        }
        // 意见箱：设在…; 巡察信箱设在…; 意见信箱：1.…; or the box alone.
        for m in s.contains(["箱"]) ? s.text.matches(of: Self.namedBox) : [] {
            let name = String(m.output.1)
            guard !named.contains(name), !s.text.contains("邮政信箱") else { continue }
            named.insert(name)
            let place = m.output.2.map { "(" + String($0).trimmingCharacters(in: .whitespaces) + ")" } ?? ""
            add(name + place, s.offsets(m.range), s, "channel.box", 0.7)
        }
        // 信访接待地点：镜湖区文化路39号…789房间.
        for m in s.contains(["接待"]) ? s.text.matches(of: Self.receptionPlace) : [] where !named.contains(String(m.output.1)) {
            add(String(m.output.1) + "(" + String(m.output.2) + ")", s.offsets(m.range), s, "channel.visit", 0.8)
        }
        for m in s.contains(Self.onlineChannelWords) ? s.text.matches(of: Self.onlineChannel) : [] {
            add(String(s.text[m.range]), s.offsets(m.range), s, "channel.online", 0.7)
        }
    }

    // MARK: - Flags

    /// What does not add up: reversed period, a deadline outside it, a year the work calendar
    /// does not know (its workday hours cannot be applied), dates whose year cannot be known.
    func flags(_ i: AnnouncedInspection) -> [AnnouncementFlag] {
        var out: [AnnouncementFlag] = []
        if let a = i.periodStart?.value, let b = i.periodEnd?.value, b < a {
            out.append(
                .init(
                    code: "period_reversed",
                    zh: "结束日期\(b.iso)早于开始日期\(a.iso)。",
                    en: "period_end \(b.iso) is before period_start \(a.iso).",
                    field: "period_end"
                )
            )
        }
        if let d = i.deadline?.value, let b = i.periodEnd?.value, d > b {
            out.append(
                .init(
                    code: "deadline_after_end",
                    zh: "受理截止日期\(d.iso)晚于巡察结束日期\(b.iso)。",
                    en: "deadline \(d.iso) is after period_end \(b.iso).",
                    field: "deadline"
                )
            )
        }
        if let d = i.deadline?.value, let a = i.periodStart?.value, d < a {
            out.append(
                .init(
                    code: "deadline_before_start",
                    zh: "受理截止日期\(d.iso)早于巡察开始日期\(a.iso)。",
                    en: "deadline \(d.iso) is before period_start \(a.iso).",
                    field: "deadline"
                )
            )
        }
        let years = Set([i.periodStart, i.periodEnd, i.deadline].compactMap { $0?.value.year })
        for y in years.sorted() where !calendar.knownYears.contains(y) {
            out.append(
                .init(
                    code: "calendar_unknown",
                    zh: "工作日历未收录\(y)年，工作日与节假日无法判断。",
                    en: "the work calendar does not know \(y): workdays and holidays cannot be told.",
                    field: "period_start"
                )
            )
        }
        if i.periodStart == nil, extraction.dateRanges.contains(where: { $0.from.year == nil && sentence(at: $0.range.lowerBound) != nil }) {
            out.append(
                .init(
                    code: "year_unknown",
                    zh: "巡察期间未写年份，也没有发布日期可推断；请补充年份（--published）。",
                    en: "the period has no year and no publication date gives one; pass --published.",
                    field: "period_start"
                )
            )
        }
        return out
    }

    // Patterns built once: a regex literal in a function is parsed and compiled again each time
    // it is reached. Matching with one from several threads is safe (its program is set once,
    // atomically); the compiler cannot see that, hence nonisolated(unsafe).
    nonisolated(unsafe) static let standingChannelOwner = #/纪委|监委|纪检监察|巡察办|巡视办|巡察工作领导小组办公室/#
    nonisolated(unsafe) static let phoneLabel = #/电话|手机|热线|短信/#
    nonisolated(unsafe) static let addressee = #/[^,。;(\s]{2,30}?(组|收|办公室|小组)(?=[,。;(\s]|$)/#
    nonisolated(unsafe) static let letterAddress = #/(?:来信请寄|来信寄至|信件请寄|邮寄地址|通信地址|通讯地址|来信地址|寄信地址|信件寄至)(?:至|到)?[:]?\s*([^。;,]{4,60})/#
    nonisolated(unsafe) static let postcode = #/\s*\(?(邮编|邮政编码)/#
    nonisolated(unsafe) static let boxOrReceptionWord = #/(征求)?意见(信)?箱|巡察信箱|巡视信箱|举报箱|举报信箱|信访接待室|接待室|来访接待点|信访接待点/#
    nonisolated(unsafe) static let placedBoxes = #/在([^,。;]{2,40}?)(?:分别)?(?:设置|设有|设立|设)(?:了)?([^,。;]{2,30})/#
    nonisolated(unsafe) static let namedBox = #/(征求意见箱|意见信箱|意见箱|巡察信箱|巡视信箱|举报箱)(?:(?:[:]|(?:分别)?设(?:在|于|置在|置于)|放置在)([^,。;]{2,60}))?/#
    nonisolated(unsafe) static let receptionPlace = #/((?:信访|来访)?接待(?:地点|室|场所|点))[:]\s*([^。;]{2,60})/#
    static let onlineChannelWords = ["码", "微信公众号", "网上", "举报网站", "小程序"]
    nonisolated(unsafe) static let onlineChannel = #/“?(码上巡察|码上巡|码上监督|微信公众号|网上举报平台|网上信访|举报网站|小程序)”?|(扫描|扫)?二维码/#
}
