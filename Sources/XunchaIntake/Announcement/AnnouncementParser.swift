import Foundation
import XunchaCore
import XunchaText

/// Reads an inspection announcement (公告, or a news item about a mobilisation meeting) in any
/// state — simplified or traditional, pinyin annotations, full-width digits, tables flattened
/// into pipes, several groups in one text — into one `AnnouncedInspection` per group, each value
/// with the words it came from.
///
/// The rules read the normalized text sentence by sentence and look for the wording
/// announcements use (值班电话：…, 巡察期间（3月1日—5月31日）, 受理信访截止时间为…, 巡察结束前一天);
/// numbers, dates and addresses come from `TextExtractor`. Nothing is guessed: a date whose year
/// neither the text nor the publication date gives stays empty.
public struct AnnouncementParser: Sendable {
    public var calendar: WorkCalendar

    public init(calendar: WorkCalendar = .official) {
        self.calendar = calendar
    }

    /// Parses `text`; `published` (the page's date, when the caller knows it) supplies the year
    /// of dates written without one when the text itself does not.
    public func parse(_ text: String, published: CivilDate? = nil) -> Announcement {
        var reader = AnnouncementReader(text, calendar: calendar, published: published)
        return reader.read()
    }

    /// Parses a saved web page or a text: HTML (a page saved from a government site) is read as
    /// its text first, and spans then point into that text.
    public func parse(page: String, published: CivilDate? = nil) -> Announcement {
        parse(Self.looksLikeHTML(page) ? HTMLText.text(page) : page, published: published)
    }

    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(4096).lowercased()
        return head.contains("<html") || head.contains("<body") || head.contains("<!doctype html")
            || head.components(separatedBy: "</p>").count + head.components(separatedBy: "<div").count > 6
    }
}

/// One parse: the text and what has been found so far.
struct AnnouncementReader {
    let t: AnnouncementText
    let calendar: WorkCalendar
    let givenPublished: CivilDate?
    /// Sentence indices of the announcement proper.
    var region: Range<Int> = 0..<0
    var extraction = Extraction()
    var published: Found<CivilDate>?
    var groups: [GroupName] = []
    /// For each sentence, the group whose part of the text it is in (nil: all groups').
    var owner: [Int?] = []
    var unitLists: [UnitList] = []
    /// For each sentence, whether it is a site footer's (asked once per sentence and group).
    let isFooter: [Bool]

    init(_ text: String, calendar: WorkCalendar, published: CivilDate?) {
        t = AnnouncementText(text)
        isFooter = t.sentences.map { $0.contains(Self.footerWords) }
        self.calendar = calendar
        givenPublished = published
    }

    var sentences: [Sentence] { t.sentences }

    /// Region sentences with their indices.
    var regionSentences: [(index: Int, sentence: Sentence)] { region.map { ($0, t.sentences[$0]) } }

    mutating func read() -> Announcement {
        region = findRegion()
        published = findPublished()
        extraction = TextExtractor(referenceYear: published?.value.year).extract(from: t.normalized.text)
        groups = findGroups()
        owner = assignSections()
        unitLists = findUnitLists()

        let shared = sharedFields()
        var inspections: [AnnouncedInspection] = []
        for g in groups.indices.isEmpty ? [nil] : groups.indices.map(Optional.some) {
            var i = shared
            if let g {
                i.group = groups[g].found
                // A period in the group's own part (a table row, its paragraph) is its own.
                if groups.count > 1, let own = ownPeriod(g) { (i.periodStart, i.periodEnd) = own }
            }
            i.leader = leader(for: g)
            i.units = units(for: g)
            fillChannels(&i, for: g)
            i.flags = flags(i)
            inspections.append(i)
        }
        let regionRange: Range<Int> =
            region.isEmpty
            ? 0..<0
            : t.normalized.originalRange(of: t.sentences[region.lowerBound].range.lowerBound..<t.sentences[region.upperBound - 1].range.upperBound)
        return Announcement(original: t.normalized.original, published: published, inspections: inspections, region: regionRange)
    }

    // MARK: - Region

    /// Words that mark a sentence as part of an announcement.
    static let anchors = [
        "巡察组", "巡视组", "值班电话", "举报电话", "监督电话", "电子邮箱", "邮政信箱", "举报信箱", "信箱", "受理", "截止", "巡察期间", "巡视期间", "动员会",
        "进驻", "来信来电来访", "意见箱", "开展巡察", "开展巡视", "接待",
    ]

    /// The densest run of anchor sentences: a long news page may hold the announcement among
    /// menus, other news and footers, whose phone numbers and e-mail addresses are not channels.
    func findRegion() -> Range<Int> {
        let maxGap = 800
        var best: (range: Range<Int>, score: Int)?
        var start: Int?
        var last = 0
        var score = 0
        func close() {
            guard let s = start else { return }
            if best == nil || score > best!.score { best = (s..<last + 1, score) }
        }
        for (k, s) in t.sentences.enumerated() {
            let hits = Self.anchors.reduce(0) { $0 + (s.text.contains($1) ? 1 : 0) }
            guard hits > 0 else { continue }
            if let _ = start, s.range.lowerBound - t.sentences[last].range.upperBound > maxGap {
                close()
                start = k
                score = 0
            }
            if start == nil { start = k }
            score += hits
            last = k
        }
        close()
        guard var r = best?.range else { return 0..<t.sentences.count }
        // A dateline or signature right before or after belongs to it (来源, 时间, the office's name and date).
        r = max(0, r.lowerBound - 3)..<min(t.sentences.count, r.upperBound + 3)
        return r
    }

    // MARK: - Publication date

    /// The caller's date, else a labelled one (发布时间：2020-10-12), else a dated signature line
    /// at the end (the issuing office, then 2022年6月9日).
    func findPublished() -> Found<CivilDate>? {
        let probe = TextExtractor().extract(from: t.normalized.text)
        if let given = givenPublished {
            return Found(given, Evidence(span: 0..<0, sentence: 0..<0, confidence: 1, rule: "published.given"))
        }
        let labels = ["发布时间", "发布日期", "时间:", "日期:", "发表时间", "发文日期"]
        for (_, s) in regionSentences where s.contains(labels) {
            if let d = probe.dates.first(where: { s.range.contains($0.range.lowerBound) && $0.yearWritten }), let date = civil(d) {
                return Found(date, t.evidence(d.range, in: s, 0.9, "published.label"))
            }
        }
        // A signature date: a line that holds nothing but a date, among the last lines.
        for (_, s) in regionSentences.suffix(4).reversed() {
            if let d = probe.dates.first(where: { $0.range == s.range && $0.yearWritten }), let date = civil(d) {
                return Found(date, t.evidence(d.range, in: s, 0.8, "published.signature"))
            }
        }
        return nil
    }

    func civil(_ d: DateMention) -> CivilDate? {
        d.year.flatMap { CivilDate(year: $0, month: d.month, day: d.day) }
    }

    /// The sentence holding normalized offset `offset`.
    func sentence(at offset: Int) -> (index: Int, sentence: Sentence)? {
        guard let k = t.sentenceIndex(at: offset), region.contains(k) else { return nil }
        return (k, t.sentences[k])
    }
}
