import Foundation
import XunchaText

/// The first pass over a report: normalize → extract → subjects → classify → rules, one
/// `Screening` with its reasons (docs/screening-rules.md). Pure and deterministic: the same text,
/// arrival, roster, inspection, calendar and earlier reports give the same answer.
public struct Screener: Sendable {
    /// Changes whenever a rule, threshold or order below changes; stored with each result.
    public static let rulesVersion = "screening-1.0 (2026-11)"

    /// A discipline or non-lead kind counts as "a what" from this summed cue weight on
    /// (one typical behaviour, 1.5, or two hints; a negated cue weighs a tenth and never counts).
    public static let conductWeight = 1.0

    /// The evidence key of a decided report the learned layer found like this one, its text
    /// being that report's register number.
    public static let similarDecidedKey = "similar_decided"

    public let finder: SubjectFinder
    public let classifier: DisciplineClassifier
    public let extractor: TextExtractor
    public let normalizer: TextNormalizer
    public let inspection: Inspection?
    public let calendar: WorkCalendar
    public let earlierReports: any EarlierReports
    private let evidenceWords: KeywordAutomaton

    /// `scope`: the inspection's units with their next level; without it, the inspection's units alone.
    public init(
        roster: [RosterPerson] = [],
        inspection: Inspection? = nil,
        scope: InspectionScope? = nil,
        calendar: WorkCalendar = .official,
        earlierReports: any EarlierReports = NoEarlierReports(),
        classifier: DisciplineClassifier = .standard
    ) {
        self.init(
            finder: SubjectFinder(roster: roster, scope: scope ?? inspection.map { InspectionScope(units: $0.units) }),
            inspection: inspection,
            calendar: calendar,
            earlierReports: earlierReports,
            classifier: classifier
        )
    }

    public init(
        finder: SubjectFinder,
        inspection: Inspection? = nil,
        calendar: WorkCalendar = .official,
        earlierReports: any EarlierReports = NoEarlierReports(),
        classifier: DisciplineClassifier = .standard
    ) {
        self.finder = finder
        self.classifier = classifier
        self.extractor = TextExtractor()
        self.normalizer = TextNormalizer()
        self.inspection = inspection
        self.calendar = calendar
        self.earlierReports = earlierReports
        self.evidenceWords = KeywordAutomaton(patterns: Self.evidencePhrases.map { TextNormalizer().normalize($0) })
    }

    /// Words that say the reporter holds or points at evidence (normalized when the screener is built).
    public static let evidencePhrases = [
        "照片", "录音", "录像", "视频", "截图", "聊天记录", "转账记录", "银行流水", "流水", "发票", "收据", "凭证", "合同", "账本", "账目",
        "证据", "证人", "附件", "复印件", "监控", "知情人", "可以作证", "可作证", "车牌",
    ]

    public func screen(_ text: String, arrival: ScreeningArrival = ScreeningArrival()) -> Screening {
        screen(normalized: normalizer.normalizeWithOffsets(text), arrival: arrival)
    }

    /// The same for a text already normalized by `normalizer`, so that a caller that also
    /// indexes the text (the earlier-reports index) normalizes it once.
    public func screen(normalized: NormalizedText, arrival: ScreeningArrival = ScreeningArrival()) -> Screening {
        screen(normalized: normalized, arrival: arrival, earlierReports: earlierReports)
    }

    /// The same against `earlierReports` instead of the screener's own: for a store that finds a
    /// report's earlier reports anew for each screening (`FiledEarlierReports`).
    public func screen(normalized: NormalizedText, arrival: ScreeningArrival, earlierReports: any EarlierReports) -> Screening {
        let extraction = extractor.extract(from: normalized)
        let subjects = finder.find(in: normalized)
        let classification = classifier.classify(normalized)
        let evidence = evidenceWords.originalMatches(in: normalized, mode: .leftmostLongest)
        let repeatMatch = earlierReports.nearDuplicate(of: normalized)
        var verdict: ReceptionVerdict?
        if let inspection, let moment = arrival.judgedMoment {
            verdict = ReceptionWindow(inspection: inspection, calendar: calendar)
                .judge(arrival.channel, at: moment, postmark: arrival.postmark)
        }
        let rules = RuleRun(
            original: normalized.originalScalars,
            extraction: extraction,
            subjects: subjects,
            classification: classification,
            evidence: evidence,
            repeatMatch: repeatMatch,
            verdict: verdict,
            inspection: inspection
        )
        return rules.run()
    }
}

/// One evaluation of the rules in their order; see docs/screening-rules.md.
private struct RuleRun {
    /// The text as written, as Unicode scalars: evidence spans are offsets into it.
    let original: [Unicode.Scalar]
    let extraction: Extraction
    let subjects: SubjectAnalysis
    let classification: DisciplineClassification
    let evidence: [KeywordMatch]
    let repeatMatch: EarlierReportMatch?
    let verdict: ReceptionVerdict?
    let inspection: Inspection?

    private func words(_ range: Range<Int>) -> String {
        let r = max(0, min(range.lowerBound, original.count))..<max(0, min(range.upperBound, original.count))
        return String(scalars: original[r])
    }

    private var inspectedUnit: ReferralRecipient {
        let units = inspection?.units.filter { !$0.isEmpty } ?? []
        return ReferralRecipient(code: "inspected_unit", nameZH: units.isEmpty ? "被巡察单位" : units.joined(separator: "、"))
    }

    func run() -> Screening {
        var decision: (kind: SuggestionKind, recipient: ReferralRecipient?, rule: String)?

        // 1. Reception window: a fact, never a gate; outside the period it turns a lead into a referral (step 6).
        let reception = receptionReason()

        // 2. Repeat.
        var repeatReason: ScreeningReason
        if let m = repeatMatch {
            repeatReason = ScreeningReason(
                rule: "repeat.near_duplicate",
                messageZH: "与此前的信访件\(m.reportID)内容基本相同（相似度\(percent(m.similarity))），作重复件登记",
                evidence: [ReasonEvidence(kind: .earlierReport, text: m.reportID, key: "similarity:\(percent(m.similarity))")],
                decisive: true
            )
            decision = (.duplicate, nil, repeatReason.rule)
        } else {
            repeatReason = ScreeningReason(rule: "repeat.none", messageZH: "未发现与此前信访件重复")
        }

        // 3. Category.
        let topDiscipline = classification.disciplines.first.flatMap { $0.weight >= Screener.conductWeight ? $0 : nil }
        let topNonLead = classification.nonLead.first
        var categoryReason: ScreeningReason
        if case .nonLead(let kind)? = classification.primary, kind != .noSubstance, let n = topNonLead {
            let (suggestion, recipient, message) = nonLeadOutcome(n)
            let learned = learnedSupport(.nonLead(n.kind))
            categoryReason = ScreeningReason(
                rule: "category.non_lead",
                messageZH: message + learned.note,
                evidence: [.value("score:\(n.kind.rawValue)", score(n.score))] + cueEvidence(n.cues) + learned.evidence,
                decisive: decision == nil
            )
            if decision == nil { decision = (suggestion, recipient, categoryReason.rule) }
        } else if let d = topDiscipline {
            let articles = d.articles.map { "第\($0.article)条" }.joined(separator: "、")
            let law = articles.isEmpty ? "" : "（可能涉及《中国共产党纪律处分条例》\(articles)）"
            let others = classification.disciplines.dropFirst().filter { $0.weight >= Screener.conductWeight }.map(\.discipline.chineseName)
            let also = others.isEmpty ? "" : "，另涉及" + others.joined(separator: "、")
            let learned = learnedSupport(.discipline(d.discipline))
            categoryReason = ScreeningReason(
                rule: "category.discipline",
                messageZH: "反映的问题属\(d.discipline.chineseName)\(law)\(also)，在巡察范围内\(learned.note)",
                evidence: [.value("score:\(d.discipline.rawValue)", score(d.score))] + cueEvidence(d.cues) + learned.evidence
            )
        } else {
            categoryReason = ScreeningReason(
                rule: "category.none",
                messageZH: "未识别出违反六项纪律的具体行为",
                evidence: cueEvidence(classification.cues.filter { $0.isNegated })
            )
        }

        // 4. Substance: a who, a what, some when/where or evidence.
        let who = subjects.kind != .noOne
        let detail = detailEvidence()
        var substanceReason: ScreeningReason
        let labelOnly = classification.primary == .nonLead(.noSubstance)
        // Nothing fired, but the text is more than a label and denies nothing: conduct in words
        // no phrase lists is still conduct, so a person reads it rather than the rules reject it.
        let unread = !labelOnly && topDiscipline == nil && (who || !detail.isEmpty) && !classification.cues.contains { $0.isNegated }
        if unread {
            substanceReason = ScreeningReason(
                rule: "substance.needs_review",
                messageZH: "未能从用语判断反映的是哪一类违纪行为，需人工研判",
                evidence: detail
            )
        } else if labelOnly || topDiscipline == nil {
            let labels = classification.nonLead.first { $0.kind == .noSubstance }
            let code = labelOnly ? "substance.label_only" : "substance.no_conduct"
            let message =
                labelOnly
                ? "只有定性或要求查处的用语，没有反映具体行为，属无实质内容"
                : "没有反映具体的违纪行为，属无实质内容"
            substanceReason = ScreeningReason(
                rule: code,
                messageZH: labels?.note.map { message + "（\($0)）" } ?? message,
                evidence: cueEvidence(labels?.cues ?? []),
                decisive: decision == nil
            )
            if decision == nil { decision = (.reject, nil, code) }
        } else if !who && detail.isEmpty {
            substanceReason = ScreeningReason(
                rule: "substance.missing",
                messageZH: "没有指明被反映人，也没有时间、地点、金额或证据，无法核查",
                decisive: decision == nil
            )
            if decision == nil { decision = (.reject, nil, "substance.missing") }
        } else if detail.isEmpty {
            substanceReason = ScreeningReason(
                rule: "substance.no_detail",
                messageZH: "有被反映人和具体行为，但没有时间、地点、金额或证据，核查时需补充",
                evidence: subjectEvidence(subjects.decidingFinding.map { [subjects.findings[$0]] } ?? [])
            )
        } else {
            let parts = [who ? "被反映人" : nil, "具体行为", "时间地点或证据"].compactMap { $0 }
            substanceReason = ScreeningReason(
                rule: who ? "substance.complete" : "substance.no_subject",
                messageZH: who ? "有\(parts.joined(separator: "、"))" : "有具体行为和时间地点或证据，但没有指明被反映人",
                evidence: detail
            )
        }

        // 5. Subject in scope.
        let (subjectReason, subjectOutcome) = subjectRule()
        if decision == nil {
            decision = (subjectOutcome.0, subjectOutcome.1, subjectReason.rule)
        }

        // 6. The reception period turns a lead outside it into a referral.
        if let d = decision, d.kind == .accept, let v = verdict, v.code == "after_deadline" || v.code == "before_period" {
            decision = (.refer, ReferralRecipient(code: "discipline_inspection_organ", nameZH: "纪检监察机关"), reception.rule)
        }

        let final = decision ?? (.file, nil, "subject.no_one")
        let decisiveRule = final.rule
        func mark(_ r: ScreeningReason) -> ScreeningReason {
            ScreeningReason(rule: r.rule, messageZH: r.messageZH, evidence: r.evidence, decisive: r.rule == decisiveRule)
        }
        var suggestionEvidence: [ReasonEvidence] = [.value("decided_by", decisiveRule), .value("rules_version", Screener.rulesVersion)]
        if let r = final.recipient {
            suggestionEvidence.insert(.value("recipient:\(r.code)", r.nameZH), at: 0)
        }
        let to = final.recipient.map { "（转\($0.nameZH)）" } ?? ""
        let review = unread ? "，问题类别需人工研判" : ""
        let suggestionReason = ScreeningReason(
            rule: "suggestion.\(final.kind.rawValue)",
            messageZH: "建议\(final.kind.chineseName)\(to)\(review)",
            evidence: suggestionEvidence,
            decisive: true
        )
        return Screening(
            suggestion: final.kind,
            recipient: final.kind == .refer ? final.recipient : nil,
            reasons: [reception, repeatReason, categoryReason, substanceReason, subjectReason].map(mark) + [suggestionReason],
            classification: classification,
            subjects: subjects,
            extraction: extraction,
            reception: verdict,
            repeatMatch: repeatMatch,
            rulesVersion: Screener.rulesVersion
        )
    }

    // MARK: - Rules

    private func receptionReason() -> ScreeningReason {
        guard let v = verdict else {
            return ScreeningReason(rule: "reception.not_judged", messageZH: "未给出巡察安排或收到时间，未判断受理时间")
        }
        let facts =
            [ReasonEvidence.value("channel", v.channel.rawValue)]
            + v.facts.map { ReasonEvidence(kind: .receptionFact, text: $0.value, key: $0.key) }
        switch v.status {
        case .open:
            return ScreeningReason(rule: "reception.open", messageZH: "在受理时间内收到：\(v.messageZH)", evidence: facts)
        case .closed:
            let period = v.code == "after_deadline" || v.code == "before_period"
            let tail = period ? "，不在本轮巡察受理期内" : "，不影响登记"
            return ScreeningReason(rule: "reception.closed.\(v.code)", messageZH: "不在受理时间内收到：\(v.messageZH)\(tail)", evidence: facts)
        case .unknown:
            return ScreeningReason(rule: "reception.unknown", messageZH: "无法判断是否在受理时间内：\(v.messageZH)", evidence: facts)
        }
    }

    private func nonLeadOutcome(_ n: NonLeadScore) -> (SuggestionKind, ReferralRecipient?, String) {
        let phrases = n.cues.filter { !$0.isNegated }.map(\.phrase)
        func any(_ words: [String]) -> Bool { phrases.contains { p in words.contains { p.contains($0) } } }
        switch n.kind {
        case .litigation:
            let r: ReferralRecipient =
                if any(["仲裁"]) {
                    ReferralRecipient(code: "arbitration", nameZH: "仲裁机构")
                } else if any(["复议"]) {
                    ReferralRecipient(code: "administrative_review", nameZH: "行政复议机关")
                } else if any(["派出所", "公安", "报案"]) {
                    ReferralRecipient(code: "public_security", nameZH: "公安机关")
                } else {
                    ReferralRecipient(code: "court", nameZH: "人民法院")
                }
            return (.refer, r, "属涉法涉诉事项，应通过法律程序解决，不作为巡察线索，建议转\(r.nameZH)")
        case .personalDemand:
            let r =
                n.cues.contains { $0.entry == "personal_demand.pay" && !$0.isNegated }
                ? ReferralRecipient(code: "human_resources", nameZH: "人力资源和社会保障部门") : inspectedUnit
            return (.refer, r, "属个人诉求，不作为巡察线索，建议转\(r.nameZH)依规办理")
        case .serviceComplaint:
            return (.refer, inspectedUnit, "属服务态度或办事效率投诉，不作为巡察线索，建议转\(inspectedUnit.nameZH)处理")
        case .consultation:
            return (.file, nil, "属政策或程序咨询，没有反映违纪行为，存查")
        case .noSubstance:
            return (.reject, nil, "无实质内容")
        }
    }

    private func detailEvidence() -> [ReasonEvidence] {
        var out: [ReasonEvidence] = []
        for d in extraction.dates { out.append(.span("date", words(d.range), d.range)) }
        for d in extraction.dateRanges { out.append(.span("date_range", words(d.range), d.range)) }
        for t in extraction.timeRanges { out.append(.span("time_range", words(t.range), t.range)) }
        for m in extraction.money { out.append(.span("money", words(m.range), m.range)) }
        for f in subjects.findings where f.pattern == .unit { out.append(.span("place", f.text, f.range)) }
        for e in evidence { out.append(.span("evidence", words(e.range), e.range)) }
        return out.sorted { ($0.start ?? 0, $0.end ?? 0) < ($1.start ?? 0, $1.end ?? 0) }
    }

    private func subjectRule() -> (ScreeningReason, (SuggestionKind, ReferralRecipient?)) {
        // A roster name shared by people of different roles, one of them in scope: kept as a lead.
        if subjects.kind != .unitLeader,
            let i = subjects.findings.firstIndex(where: { f in
                f.candidates.count > 1 && f.candidates.contains { $0.person.role.role.isInScope }
            })
        {
            let f = subjects.findings[i]
            let names = f.candidates.map { "\($0.person.unit)\($0.person.post)\($0.person.name)" }.joined(separator: "、")
            return (
                ScreeningReason(
                    rule: "subject.ambiguous_in_scope",
                    messageZH: "“\(f.text)”在名册中对应\(f.candidates.count)人（\(names)），其中有巡察对象，按线索受理，需人工确认",
                    evidence: subjectEvidence([f])
                ),
                (.accept, nil)
            )
        }
        guard let index = subjects.decidingFinding, subjects.findings.indices.contains(index) else {
            return (ScreeningReason(rule: "subject.no_one", messageZH: "没有指明被反映的人或单位，存查"), (.file, nil))
        }
        let f = subjects.findings[index]
        let ev = subjectEvidence([f])
        let roleName = f.role.map { "（\($0.role.chineseName)）" } ?? ""
        switch subjects.kind {
        case .unitLeader:
            let ambiguous = f.candidates.count > 1 ? "；名册中有\(f.candidates.count)人符合，需人工确认是谁" : ""
            return (
                ScreeningReason(
                    rule: "subject.in_scope",
                    messageZH: "被反映人“\(f.text)”\(roleName)属巡察对象\(ambiguous)",
                    evidence: ev
                ),
                (.accept, nil)
            )
        case .otherOfficial where f.role?.rule == ScopeRoleRules.outsideRule:
            let unit = f.unit ?? ""
            let r = ReferralRecipient(code: "competent_department", nameZH: "有关主管部门")
            return (
                ScreeningReason(
                    rule: "subject.other_unit",
                    messageZH: "被反映人“\(f.text)”是“\(unit)”的人员，“\(unit)”不是本次巡察的被巡察单位或其下一级单位，不属巡察对象，建议转有关主管部门",
                    evidence: ev + [.value("unit", unit)]
                ),
                (.refer, r)
            )
        case .otherOfficial:
            return (
                ScreeningReason(
                    rule: "subject.other_official",
                    messageZH: "被反映人“\(f.text)”不属领导班子成员、下一级党组织主要负责人或重要岗位领导干部，建议转\(inspectedUnit.nameZH)",
                    evidence: ev
                ),
                (.refer, inspectedUnit)
            )
        case .organisation:
            return (
                ScreeningReason(
                    rule: "subject.organisation",
                    messageZH: "反映的是单位“\(f.text)”，没有指明领导干部，建议转\(inspectedUnit.nameZH)",
                    evidence: ev
                ),
                (.refer, inspectedUnit)
            )
        case .privateParty:
            let r = ReferralRecipient(code: "competent_department", nameZH: "有关主管部门")
            return (
                ScreeningReason(
                    rule: "subject.private_party",
                    messageZH: "被反映的“\(f.text)”不是党员干部，建议转有关主管部门",
                    evidence: ev
                ),
                (.refer, r)
            )
        case .noOne:
            return (ScreeningReason(rule: "subject.no_one", messageZH: "没有指明被反映的人或单位，存查"), (.file, nil))
        }
    }

    // MARK: - Evidence

    /// When the layer learned from the group's decisions chose `category`: a sentence naming
    /// that, and the similar decided reports by register number.
    private func learnedSupport(_ category: ReportCategory) -> (note: String, evidence: [ReasonEvidence]) {
        guard let learned = classification.learned, learned.category == category else { return ("", []) }
        let similar = learned.similar.isEmpty ? "" : "，如" + learned.similar.joined(separator: "、")
        return (
            "（据本组已处置的相似信访件判断\(similar)）",
            learned.similar.map { .value(Screener.similarDecidedKey, $0) }
        )
    }

    private func cueEvidence(_ cues: [ClassificationCue]) -> [ReasonEvidence] {
        cues.prefix(6).map { .span("cue:\($0.entry)", $0.text, $0.range) }
    }

    private func subjectEvidence(_ findings: [SubjectFinding]) -> [ReasonEvidence] {
        var out: [ReasonEvidence] = []
        for f in findings {
            out.append(.span("subject:\(f.pattern.rawValue)", f.text, f.range))
            for c in f.candidates {
                out.append(
                    ReasonEvidence(
                        kind: .rosterEntry,
                        text: "\(c.person.name) \(c.person.unit) \(c.person.post)",
                        key: "\(c.basis):\(score(c.confidence))",
                        rosterIndex: c.rosterIndex,
                        person: c.person
                    )
                )
            }
        }
        return out
    }
}

private func score(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    return String(r)
}

private func percent(_ x: Double) -> String {
    "\(Int((x * 100).rounded()))%"
}
