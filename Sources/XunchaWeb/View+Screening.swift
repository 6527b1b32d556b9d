import Foundation
import XunchaCore
import XunchaStore

/// Template values for a report's screening: the suggestion, its reasons with their evidence,
/// the scores, and the report's text with the evidence highlighted.
extension View {
    /// The report's values with its content and each addition cut into marked and unmarked
    /// pieces: the screening read them as one text, `Report.screeningText`.
    static func reportWithEvidence(_ report: Report, _ stored: StoredScreening) -> [String: Any] {
        var values = View.report(report)
        let spans = stored.record.evidenceSpans
        var start = 0
        var parts: [[[String: Any]]] = []
        for text in [report.content] + report.additions.map(\.content) {
            let length = text.unicodeScalars.count
            let local = spans.compactMap { span -> Range<Int>? in
                let lower = max(span.lowerBound, start) - start
                let upper = min(span.upperBound, start + length) - start
                return lower < upper ? lower..<upper : nil
            }
            parts.append(highlighted(text, spans: local))
            start += length + Report.additionSeparator.unicodeScalars.count
        }
        values["segments"] = parts[0]
        values["evidenceMarked"] = true
        values["additions"] = zip(report.additions, parts.dropFirst()).map { addition, pieces in
            ["at": time(addition.addedAt), "content": addition.content, "segments": pieces] as [String: Any]
        }
        return values
    }

    static func screening(_ stored: StoredScreening) -> [String: Any] {
        let r = stored.record
        var values: [String: Any] = [
            "suggestion": r.suggestion.chineseName,
            "suggestionCode": r.suggestion.rawValue,
            "rulesVersion": r.rulesVersion,
            "screenedAt": time(stored.screenedAt),
            "reasons": r.reasons.filter { $0.family != "suggestion" }.map(reason),
            "conclusion": r.reasons.last { $0.family == "suggestion" }?.messageZH ?? "",
            "disciplines": r.disciplines.map { d in
                [
                    "name": d.discipline?.chineseName ?? d.code,
                    "percent": Int((d.score * 100).rounded()),
                    "articles": d.articles.map { "第\($0)条" }.joined(separator: "、"),
                    "cues": d.cues.map { $0.modifiers.isEmpty ? $0.text : "\($0.text)（\($0.modifiers.map(modifierName).joined(separator: "、"))）" }
                        .joined(separator: "、"),
                ] as [String: Any]
            },
            "hasDisciplines": !r.disciplines.isEmpty,
            "nonLead": r.nonLead.compactMap { n in
                NonLeadKind(rawValue: n.code).map { ["name": $0.chineseName, "percent": Int((n.score * 100).rounded())] }
            },
            "hasNonLead": !r.nonLead.isEmpty,
            "subjects": r.subjects.map { s in
                var item: [String: Any] = ["text": s.text, "kind": SubjectKind(rawValue: s.kind).map(subjectKindName) ?? s.kind]
                if let role = s.role.flatMap(ScopeRole.init(rawValue:)) { item["role"] = role.chineseName }
                if !s.candidates.isEmpty { item["candidates"] = s.candidates.map { "\($0.name)（\($0.unit)\($0.post)）" }.joined(separator: "；") }
                return item
            },
            "hasSubjects": !r.subjects.isEmpty,
        ]
        if let recipient = r.recipient { values["recipient"] = recipient.nameZH }
        return values
    }

    static func subjectKindName(_ kind: SubjectKind) -> String {
        switch kind {
        case .unitLeader: "被巡察单位领导"
        case .otherOfficial: "其他公职人员"
        case .organisation: "单位或组织"
        case .privateParty: "非公职人员"
        case .noOne: "未指明"
        }
    }

    private static func modifierName(_ code: String) -> String {
        switch code {
        case "negated": "否定"
        case "hedged": "传闻"
        case "refuted": "已查否"
        default: code
        }
    }

    private static func reason(_ r: ScreeningReason) -> [String: Any] {
        [
            "message": r.messageZH,
            "rule": r.rule,
            "decisive": r.decisive,
            "hasEvidence": !r.evidence.isEmpty,
            "evidence": r.evidence.map { e in
                var item: [String: Any] = ["label": evidenceLabel(e), "text": e.text ?? ""]
                if e.kind == .earlierReport, let id = e.text { item["href"] = "/staff/reports/\(id)" }
                return item
            },
        ]
    }

    private static func evidenceLabel(_ e: ReasonEvidence) -> String {
        switch e.kind {
        case .textSpan: "原文"
        case .rosterEntry: "名册"
        case .receptionFact: "受理规定"
        case .earlierReport: "此前反映"
        case .value: "依据"
        }
    }

    /// The text cut at the evidence spans (Unicode-scalar offsets), each piece marked or not;
    /// the template escapes every piece, so highlighting never lets markup through.
    static func highlighted(_ text: String, spans: [Range<Int>]) -> [[String: Any]] {
        let scalars = Array(text.unicodeScalars)
        var pieces: [[String: Any]] = []
        var at = 0
        func piece(_ range: Range<Int>, mark: Bool) {
            guard !range.isEmpty else { return }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[range])
            pieces.append(["text": String(view), "mark": mark])
        }
        for span in spans {
            let lower = min(max(span.lowerBound, at), scalars.count)
            let upper = min(span.upperBound, scalars.count)
            guard lower < upper else { continue }
            piece(at..<lower, mark: false)
            piece(lower..<upper, mark: true)
            at = upper
        }
        piece(at..<scalars.count, mark: false)
        return pieces
    }

    static func disposition(_ d: Disposition, names: [String: String]) -> [String: Any] {
        var values: [String: Any] = [
            "at": time(d.decidedAt),
            "by": names[d.decidedBy] ?? d.decidedBy,
            "outcome": d.outcome.chineseName,
            "verdict": d.suggestion.map { d.confirmsSuggestion ? "确认初筛建议" : "改变初筛建议（原建议：\($0.chineseName)）" } ?? "处理",
        ]
        if !d.comment.isEmpty { values["comment"] = d.comment }
        return values
    }

    /// The outcomes staff choose from: the suggestion named as such, and selected unless the
    /// form came back with another choice.
    static func outcomeChoices(suggested: SuggestionKind?, chosen: SuggestionKind? = nil) -> [[String: Any]] {
        SuggestionKind.allCases.map {
            ["code": $0.rawValue, "name": $0.chineseName, "selected": $0 == (chosen ?? suggested), "suggested": $0 == suggested]
        }
    }
}
