import Foundation
import XunchaCore

/// A working paper as it is printed and handed over (问题底稿): the heading, its number, the
/// fields, the list of material, every step with who and when, and the signature lines. The
/// console's print view reads these values, and the handover archive holds `html`, so what the
/// leader signed on paper and what the recipient receives say the same.
public struct PaperSheet: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: String
        /// Several lines of text (the summary, the source), set apart below its label.
        public var long: Bool
    }

    public struct StepLine: Sendable, Equatable {
        public var at: String
        public var what: String
        public var who: String
        public var comment: String
    }

    public struct Signature: Sendable, Equatable {
        /// 承办人, 审核人（副组长）, 签发人（组长）.
        public var role: String
        /// Empty until the step is taken: a line to sign by hand.
        public var name: String
        public var date: String
    }

    public var heading = "问题底稿"
    public var group: String
    public var number: String
    public var title: String
    public var state: String
    public var signed: Bool
    public var fields: [Field]
    public var materials: [String]
    public var steps: [StepLine]
    public var signatures: [Signature]

    public init(paper: WorkingPaper, lead: Lead, inspection: Inspection, names: [String: String]) {
        func name(_ actor: String) -> String { names[actor] ?? AuditActor(stored: actor)?.chineseName ?? actor }
        group = inspection.group
        number = paper.number
        title = paper.title
        state = paper.state.chineseName
        signed = paper.isSigned
        let person = HandoverPerson(name: lead.subject.name, unit: lead.subject.unit, post: lead.subject.post).chinese
        fields = [
            Field(label: "问题标题", value: paper.title, long: false),
            Field(label: "被巡察单位", value: paper.unit, long: false),
            Field(label: "问题线索", value: lead.number, long: false),
            Field(label: "涉及人员", value: person, long: false),
            Field(label: "问题类型", value: LeadKind(rawValue: lead.kind)?.chineseName ?? lead.kind, long: false),
            Field(label: "底稿日期", value: Self.day(paper.date), long: false),
            Field(label: "发现方式", value: paper.howFound, long: true),
            Field(label: "问题来源", value: paper.source, long: true),
            Field(label: "问题摘要", value: paper.summary, long: true),
        ]
        materials = paper.materials
        steps = paper.steps.map { StepLine(at: Self.time($0.at), what: $0.kind.chineseName, who: name($0.by), comment: $0.comment) }
        func signature(_ role: String, _ kind: PaperStep.Kind) -> Signature {
            let step = paper.latestStep(kind)
            // A step before the paper was last returned no longer stands.
            let returned = paper.latestStep(.returned)?.at
            guard let step, kind == .drafted || returned.map({ step.at >= $0 }) ?? true else { return Signature(role: role, name: "", date: "") }
            return Signature(role: role, name: name(step.by), date: Self.day(CivilDate(beijingDayOf: step.at)))
        }
        signatures = [signature("承办人", .drafted), signature("审核人（副组长）", .reviewed), signature("签发人（组长）", .signed)]
    }

    /// `2024年3月11日`.
    public static func day(_ d: CivilDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    /// `2024年3月11日 10:05`, Beijing time whatever the machine's zone.
    public static func time(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + CivilDate.beijingOffsetSeconds
        let s = ((seconds % 86400) + 86400) % 86400
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day(CivilDate(beijingDayOf: date))) \(two(s / 3600)):\(two(s / 60 % 60))"
    }

    /// The sheet as a page of its own for the archive: HTML with its print style inside, no
    /// scripts, nothing fetched; every value escaped.
    public var html: String {
        func e(_ text: String) -> String { HTMLEscape.text(text) }
        var out = """
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>\(e(heading)) \(e(number))</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <article class="paper-sheet">
            <p class="paper-group">\(e(group))</p>
            <h1>\(e(heading))</h1>
            <p class="paper-number">编号：\(e(number))</p>
            <table class="paper-fields">

            """
        for field in fields where !field.long {
            out += "<tr><th>\(e(field.label))</th><td>\(e(field.value))</td></tr>\n"
        }
        for field in fields where field.long {
            out += "<tr><th>\(e(field.label))</th><td class=\"long\">\(e(field.value))</td></tr>\n"
        }
        out += "</table>\n<h2>证明材料清单</h2>\n<ol class=\"paper-materials\">\n"
        for item in materials { out += "<li>\(e(item))</li>\n" }
        out += "</ol>\n<h2>办理记录</h2>\n<table class=\"paper-steps\">\n<tr><th>时间</th><th>环节</th><th>经办人</th><th>意见</th></tr>\n"
        for step in steps {
            out += "<tr><td>\(e(step.at))</td><td>\(e(step.what))</td><td>\(e(step.who))</td><td class=\"long\">\(e(step.comment))</td></tr>\n"
        }
        out += "</table>\n<div class=\"paper-signatures\">\n"
        for s in signatures {
            out += "<p><span class=\"pair\"><span class=\"role\">\(e(s.role))：</span><span class=\"sign\">\(e(s.name))</span></span> "
            out += "<span class=\"pair\"><span class=\"role\">日期：</span><span class=\"sign\">\(e(s.date))</span></span></p>\n"
        }
        out += "</div>\n</article>\n</body>\n</html>\n"
        return out
    }

    /// The archive copy's style: the console's print style for the sheet (Static/xuncha.css).
    static let style = """
        @page { size: A4; margin: 20mm 18mm; }
        body { margin: 0 auto; max-width: 180mm; color: #000; background: #fff;
          font: 12pt/1.8 "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "SimSun", "宋体", serif; }
        .paper-group { text-align: center; margin: 0; }
        h1 { text-align: center; font: bold 22pt/1.4 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; letter-spacing: .5em; margin: .2em 0; }
        h2 { font: bold 13pt/1.6 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; margin: 1em 0 .3em; }
        .paper-number { text-align: right; margin: 0 0 .5em; }
        table { width: 100%; border-collapse: collapse; }
        th, td { border: 1px solid #000; padding: 4pt 6pt; vertical-align: top; text-align: left; }
        .paper-fields th { width: 7em; white-space: nowrap; }
        .paper-steps td:first-child { white-space: nowrap; }
        .long { white-space: pre-wrap; overflow-wrap: anywhere; }
        tr { page-break-inside: avoid; break-inside: avoid; }
        .paper-signatures { margin-top: 2em; }
        .paper-signatures p { margin: 1.2em 0; }
        .paper-signatures .pair { display: inline-block; white-space: nowrap; margin-right: 2em; }
        .paper-signatures .sign { display: inline-block; min-width: 9em; border-bottom: 1px solid #000; }
        """
}

/// Text made safe inside HTML elements and quoted attributes.
enum HTMLEscape {
    static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
