import XunchaText

/// One pass over one report. Works on the normalized text's scalars and maps every span back
/// to the original at the end.
struct Scan {
    let finder: SubjectFinder
    let normalized: NormalizedText
    let s: [Unicode.Scalar]
    /// Scalars already part of a chosen mention: nothing else may claim them.
    var taken: [Bool]
    /// Which name or unit ends or starts at each position: arrays as long as the text rather
    /// than dictionaries that hash on every insert and look-up.
    private var nameEndingAt: PositionIndex
    private var nameStartingAt: PositionIndex
    private var unitEndingAt: PositionIndex

    private struct Term {
        var range: Range<Int>
        var pattern: Int
        var kind: SubjectFinder.TermKind
        /// The unit's full name when its last character was given to a post (财政局长).
        var unitName: String?
        var used = false
    }

    private struct Name {
        var range: Range<Int>
        var rosterPattern: Int?
        /// Read after a label (被反映人：陈大文): a full name even without a post.
        var labelled = false
        var used = false
    }

    init(finder: SubjectFinder, normalized: NormalizedText) {
        self.finder = finder
        self.normalized = normalized
        s = normalized.scalars
        taken = Array(repeating: false, count: s.count)
        nameEndingAt = PositionIndex(textLength: s.count)
        nameStartingAt = PositionIndex(textLength: s.count)
        unitEndingAt = PositionIndex(textLength: s.count)
    }

    private var lexicon: SubjectLexicon { finder.lexicon }

    mutating func run() -> SubjectAnalysis {
        let text = normalized.text
        var names = finder.rosterMatches(text).map { Name(range: $0.range, rosterPattern: $0.pattern) }
        for n in names { mark(n.range) }
        let allTerms = finder.termMatches(text)
        // Where a post or private-party word starts (one more than the text, for a look-up at
        // its end): an array, not a set hashed per report.
        var postStarts = [Bool](repeating: false, count: s.count + 1)
        for m in allTerms where finder.term(m.pattern).kind != .unit { postStarts[m.range.lowerBound] = true }
        for r in mouNames(postStarts: postStarts) where isFree(r) {
            names.append(Name(range: r))
            mark(r)
        }
        for r in labelledNames() where isFree(r) {
            names.append(Name(range: r, labelled: true))
            mark(r)
        }
        names.sort { $0.range.lowerBound < $1.range.lowerBound }
        var terms = chooseTerms(allTerms)
        for t in terms { mark(t.range) }
        for i in terms.indices where terms[i].kind == .unit { extendUnit(&terms[i]) }
        for i in terms.indices where terms[i].kind != .unit { extendOffice(&terms[i]) }

        for (k, n) in names.enumerated() {
            nameEndingAt[n.range.upperBound] = k
            nameStartingAt[n.range.lowerBound] = k
        }
        for (k, t) in terms.enumerated() where t.kind == .unit { unitEndingAt[t.range.upperBound] = k }
        var findings: [(start: Int, finding: SubjectFinding)] = []
        for i in terms.indices where terms[i].kind != .unit {
            findings.append(person(at: i, terms: &terms, names: &names))
        }
        // A name written again without its post (局长刘建华……刘建华) is the same person, once.
        let named = Set(findings.compactMap(\.finding.name))
        for i in names.indices where !names[i].used && !named.contains(string(names[i].range)) {
            findings.append(loneName(names[i]))
        }
        for t in terms where t.kind == .unit && !t.used {
            let unit = t.unitName ?? string(t.range)
            findings.append((t.range.lowerBound, make(.organisation, .unit, t.range, unit: unit, confidence: 0.6)))
        }
        findings.sort { $0.start < $1.start }
        // The same private party without a name (承包商 … 承包商) is one party, listed once.
        var parties = Set<String>()
        findings.removeAll { f in
            f.finding.kind == .privateParty && f.finding.name == nil && !parties.insert(f.finding.post ?? f.finding.text).inserted
        }
        return Self.judge(mergingListedPosts(findings.map(\.finding)))
    }

    /// 县住建局党组书记、局长周某某 is one person with two posts: a post alone followed by 、 and
    /// a person becomes one finding with both posts.
    private func mergingListedPosts(_ findings: [SubjectFinding]) -> [SubjectFinding] {
        guard findings.count > 1 else { return findings }
        let original = normalized.originalScalars
        var out: [SubjectFinding] = []
        for f in findings {
            if let prev = out.last, prev.pattern == .postAlone, prev.kind != .privateParty, f.kind != .privateParty,
                f.pattern == .nameWithPost || f.pattern == .surnameWithPost, f.range.lowerBound == prev.range.upperBound + 1,
                original[prev.range.upperBound] == "、"
            {
                var merged = f
                merged.range = prev.range.lowerBound..<f.range.upperBound
                merged.text = String(scalars: original[merged.range])
                merged.post = (prev.post ?? "") + "、" + (f.post ?? "")
                merged.unit = prev.unit ?? f.unit
                if !f.isResolved, let post = merged.post {
                    let role = finder.rules.infer(normalizedPost: (merged.unit ?? "") + post)
                    merged.role = role
                    merged.kind = role.role.isInScope ? .unitLeader : .otherOfficial
                }
                out[out.count - 1] = merged
            } else {
                out.append(f)
            }
        }
        return out
    }

    // MARK: - Finding the pieces

    /// A name after a label (被反映人：陈大文, 被举报人 王某): the label makes it a name, so given
    /// characters are read as long as they are ideographs, two at most.
    private func labelledNames() -> [Range<Int>] {
        finder.labelMatches(normalized.text).compactMap { m in
            var i = m.range.upperBound
            while i < s.count, s[i] == ":" || s[i] == " " { i += 1 }
            guard i < s.count, !taken[i] else { return nil }
            let surnameLength = isCompoundSurname(i) ? 2 : (lexicon.surnames.contains(s[i]) ? 1 : 0)
            guard surnameLength > 0 else { return nil }
            var end = i + surnameLength
            while end < s.count, end - i - surnameLength < 2, !taken[end], isCJK(s[end]), s[end] != "某" { end += 1 }
            return end > i + surnameLength ? i..<end : nil
        }
    }

    /// Surname + 某 or 某某 (王某, 张某某, 欧阳某): a person by the way reports anonymise names.
    /// Not when 某 starts a unit word (向某局反映) unless a post follows (张某局长).
    private func mouNames(postStarts: [Bool]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 1
        while i < s.count {
            defer { i += 1 }
            guard s[i] == "某", !taken[i] else { continue }
            var start = i - 1
            if i >= 2, isCompoundSurname(i - 2) {
                start = i - 2
            } else if !lexicon.surnames.contains(s[i - 1]) || (lexicon.ambiguousSurnames.contains(s[i - 1]) && !isBoundary(before: i - 1)) {
                continue
            }
            var end = i + 1
            if end < s.count, s[end] == "某" { end += 1 }
            if end < s.count, !postStarts[end], Self.unitAfterMou.contains(s[end]) { continue }
            found.append(start..<end)
            i = end - 1
        }
        return found
    }

    /// 老干部, 离休干部, 退休干部: retired cadres as a group (and 老干部休养所 a unit), not anyone's post.
    private func isCadresAsAGroup(_ r: Range<Int>) -> Bool {
        r.lowerBound > 0 && s[r].elementsEqual("干部".unicodeScalars) && "老休".unicodeScalars.contains(s[r.lowerBound - 1])
    }

    private static let unitAfterMou = Set("局单部公县镇村乡区市厂校医机企地处科股些种天日年月次个件项事位家方物时".unicodeScalars)

    /// Posts, private-party words and units, leftmost-longest, none inside a name already found.
    /// A unit whose last character starts a post (财政局长, 该局长) gives that character to the post.
    private func chooseTerms(_ all: [KeywordMatch]) -> [Term] {
        var list = all.filter { isFree($0.range) }.map { Term(range: $0.range, pattern: $0.pattern, kind: finder.term($0.pattern).kind) }
        list.removeAll { $0.kind != .unit && isCadresAsAGroup($0.range) }
        var postStarts = [Bool](repeating: false, count: s.count + 1)
        for t in list where t.kind != .unit { postStarts[t.range.lowerBound] = true }
        for i in list.indices where list[i].kind == .unit && list[i].range.count > 1 && postStarts[list[i].range.upperBound - 1] {
            list[i].unitName = string(list[i].range)
            list[i].range = list[i].range.lowerBound..<(list[i].range.upperBound - 1)
        }
        list.sort {
            $0.range.lowerBound != $1.range.lowerBound
                ? $0.range.lowerBound < $1.range.lowerBound
                : ($0.range.count != $1.range.count ? $0.range.count > $1.range.count : $0.pattern < $1.pattern)
        }
        var chosen: [Term] = []
        var end = 0
        for t in list where t.range.lowerBound >= end {
            chosen.append(t)
            end = t.range.upperBound
        }
        return chosen
    }

    /// Takes in the place in front of a unit (县财政局, 娄星区教育局, 城关财政所, 镇卫生院), at most
    /// four characters, stopping at function words; 某/该/本/我 is taken and ends it. The place
    /// must end in a level word (县 区 镇 村 …), or be two characters before a department-like
    /// unit (城关财政所): 儿子开公司 and 承揽学校 are not unit names.
    private mutating func extendUnit(_ t: inout Term) {
        let unitStart = t.range.lowerBound
        if "某该本我".unicodeScalars.contains(s[unitStart]) { return }
        var start = unitStart
        var sawDeterminer = false
        while start > 0, unitStart - start < 4, !taken[start - 1], isCJK(s[start - 1]) {
            let c = s[start - 1]
            if "某该本我".unicodeScalars.contains(c) {
                start -= 1
                sawDeterminer = true
                break
            }
            if lexicon.stops.contains(c) { break }
            start -= 1
        }
        guard start < unitStart else { return }
        let last = t.unitName?.unicodeScalars.last ?? s[t.range.upperBound - 1]
        if !sawDeterminer && !Self.placeLevels.contains(s[unitStart - 1]) {
            guard Self.departmentEnds.contains(last), unitStart - start >= 2 else { return }
            start = unitStart - 2
        }
        if let name = t.unitName { t.unitName = string(start..<unitStart) + name }
        t.range = start..<t.range.upperBound
        mark(t.range)
    }

    private static let placeLevels = Set("省市县区州旗镇乡村街".unicodeScalars)
    private static let departmentEnds = Set("局委厅办心所站".unicodeScalars)

    /// Takes in an office in front of a post (财务科科长, 办公室主任, 人事股长).
    private mutating func extendOffice(_ t: inout Term) {
        guard t.kind == .post else { return }
        var anchor = t.range.lowerBound
        if anchor > 0, !taken[anchor - 1], "科股处室办部".unicodeScalars.contains(s[anchor - 1]) { anchor -= 1 }
        for o in finder.officesLongestFirst {
            let start = anchor - o.count
            guard start >= 0, s[start..<anchor].elementsEqual(o), (start..<anchor).allSatisfy({ !taken[$0] }) else { continue }
            t.range = start..<t.range.upperBound
            mark(t.range)
            return
        }
    }

    // MARK: - Assembling people

    private mutating func person(at i: Int, terms: inout [Term], names: inout [Name]) -> (Int, SubjectFinding) {
        let t = terms[i]
        let isPrivate = t.kind == .privateParty
        var range = t.range
        var postRange = t.range
        var nameRange: Range<Int>?
        var rosterPattern: Int?
        var fullName = false

        // A bracketed post: 李某某（副局长）.
        var anchor = range.lowerBound
        var closing = range.upperBound
        if anchor > 0, s[anchor - 1] == "(", closing < s.count, s[closing] == ")" {
            anchor -= 1
            closing += 1
        }
        if let k = nameEndingAt[anchor], !names[k].used {
            names[k].used = true
            nameRange = names[k].range
            rosterPattern = names[k].rosterPattern
            range = names[k].range.lowerBound..<closing
        } else if let read = readNameBefore(anchor),
            !isPrivate || read.lowerBound == 0 || !isCJK(s[read.lowerBound - 1])
                || Self.nameBoundaries.contains(s[read.lowerBound - 1])
        {
            // A trade word ends many compounds (装修工程承包商): a name before it needs a boundary.
            nameRange = read
            mark(read)
            range = read.lowerBound..<closing
        } else if let k = nameStartingAt[t.range.upperBound], !names[k].used {
            names[k].used = true
            nameRange = names[k].range
            rosterPattern = names[k].rosterPattern
            range = t.range.lowerBound..<names[k].range.upperBound
        } else if !isPrivate, let read = readNameAfter(t.range.upperBound) {
            nameRange = read
            mark(read)
            range = t.range.lowerBound..<read.upperBound
        }
        postRange = t.range
        if isPrivate, nameRange == nil, anchor > 0, !taken[anchor - 1], "某该".unicodeScalars.contains(s[anchor - 1]) {
            range = (anchor - 1)..<range.upperBound
        }

        // The unit right in front (该局局长, 县财政局的局长, 财政局张三局长).
        var unit: String?
        let unitIndex =
            unitEndingAt[range.lowerBound] ?? (range.lowerBound > 0 && s[range.lowerBound - 1] == "的" ? unitEndingAt[range.lowerBound - 1] : nil)
        if let u = unitIndex, !terms[u].used {
            terms[u].used = true
            unit = terms[u].unitName ?? string(terms[u].range)
            range = terms[u].range.lowerBound..<range.upperBound
        }

        // 被反映人：陈大文，县财政局副局长 — the post belongs to the labelled name before the comma.
        if nameRange == nil, range.lowerBound > 0, s[range.lowerBound - 1] == ",", let k = nameEndingAt[range.lowerBound - 1],
            names[k].labelled, !names[k].used
        {
            names[k].used = true
            nameRange = names[k].range
            fullName = true
            range = names[k].range.lowerBound..<range.upperBound
        }

        let post = string(postRange)
        var name: String?
        if let nameRange {
            name = string(nameRange)
            let scalars = name!.unicodeScalars
            fullName = fullName || rosterPattern != nil || (!scalars.contains("某") && scalars.count >= 2 && !isSurnameOnly(nameRange))
        }
        var candidates =
            isPrivate
            ? []
            : finder.candidates(
                rosterPattern: rosterPattern,
                name: name,
                fullName: fullName,
                post: post,
                postWord: finder.term(t.pattern).word,
                unit: unit
            )
        let placement = isPrivate ? nil : finder.placement(ofWritten: unit)
        // Everyone on the roster is in scope: a person written beside another unit is none of them.
        if case .some(.none) = placement { candidates = [] }
        let role: ScopeRoleInference? = isPrivate ? nil : role(candidates: candidates, post: post, unit: unit, placement: placement)
        let kind: SubjectKind = isPrivate ? .privateParty : (role?.role.isInScope == true ? .unitLeader : .otherOfficial)
        let pattern: SubjectPattern = nameRange == nil ? .postAlone : (fullName ? .nameWithPost : .surnameWithPost)
        let vague = Self.vaguePosts.contains { $0.elementsEqual(s[postRange]) }
        let confidence = nameRange != nil ? (fullName ? 0.9 : 0.85) : (vague ? 0.5 : 0.7)
        return (
            range.lowerBound,
            make(kind, pattern, range, name: name, post: post, unit: unit, role: role, candidates: candidates, confidence: confidence)
        )
    }

    /// Posts too vague to name anyone, compared by scalar: comparing `String`s tests canonical
    /// equivalence at hundreds of instructions a word, and no other sequence is canonically
    /// equivalent to these ideographs (none has a compatibility twin), so the answer is the same.
    private static let vaguePosts: [[Unicode.Scalar]] = ["领导", "干部", "工作人员", "负责人"].map { Array($0.unicodeScalars) }

    private func loneName(_ n: Name) -> (Int, SubjectFinding) {
        let name = string(n.range)
        let candidates = finder.candidates(
            rosterPattern: n.rosterPattern,
            name: name,
            fullName: n.rosterPattern != nil || n.labelled,
            post: nil,
            postWord: nil,
            unit: nil
        )
        let role = candidates.isEmpty ? nil : self.role(candidates: candidates, post: "", unit: nil)
        let kind: SubjectKind = role?.role.isInScope == true ? .unitLeader : .otherOfficial
        let pattern: SubjectPattern = n.rosterPattern != nil ? .rosterName : .nameOnly
        let confidence = n.rosterPattern != nil ? 0.9 : (n.labelled ? 0.8 : 0.4)
        return (
            n.range.lowerBound,
            make(kind, pattern, n.range, name: name, role: role, candidates: candidates, confidence: confidence)
        )
    }

    /// The single candidate's role, the shared role of several, else the table's reading of the
    /// unit and post as written.
    /// A unit written beside the person counts first: one in no part of the scope puts them out
    /// of it; a next-level one reads the post at that level.
    private func role(candidates: [SubjectCandidate], post: String, unit: String?, placement: UnitPlacement?? = nil) -> ScopeRoleInference? {
        if case .some(.none) = placement, let unit { return ScopeRoleRules.outsideScope(unit: unit) }
        if let first = candidates.first, candidates.allSatisfy({ $0.person.role.role == first.person.role.role }) {
            return first.person.role
        }
        if post.isEmpty { return nil }
        if case .some(.some(let placed)) = placement, case .nextLevel = placed {
            return finder.rules.infer(post: post, placement: placed)
        }
        var role = finder.rules.infer(normalizedPost: (unit ?? "") + post)
        if case .some(.some(let placed)) = placement { role.unitLevel = placed.descriptionZH }
        return role
    }

    /// A name ending at `end`: surname + up to two given characters, or a surname alone
    /// (王书记). The longest reading that starts with a surname wins.
    private func readNameBefore(_ end: Int) -> Range<Int>? {
        for k in [4, 3, 2, 1] {
            let start = end - k
            guard start >= 0, (start..<end).allSatisfy({ !taken[$0] && isCJK(s[$0]) }) else { continue }
            let surnameLength = isCompoundSurname(start) && k >= 2 ? 2 : (lexicon.surnames.contains(s[start]) ? 1 : 0)
            guard surnameLength > 0, k - surnameLength <= 2 else { continue }
            if surnameLength == 1, !surnameMayStart(at: start) { continue }
            // 向王书记 is "to Secretary Wang": a function-word surname never leads a longer name here.
            if surnameLength == 1, k > 1, lexicon.stops.contains(s[start]) { continue }
            let given = (start + surnameLength)..<end
            if given.contains(where: { lexicon.stops.contains(s[$0]) || s[$0] == "某" }) { continue }
            if isFalseName(start..<end) { continue }
            return start..<end
        }
        return nil
    }

    /// A full name right after a post (副局长张三): surname and one or two given characters.
    /// Ambiguous surnames are not read here: 局长和书记 has no 和 person in it.
    private func readNameAfter(_ start: Int) -> Range<Int>? {
        guard start < s.count, !taken[start] else { return nil }
        let surnameLength =
            isCompoundSurname(start) ? 2 : (lexicon.surnames.contains(s[start]) && !lexicon.ambiguousSurnames.contains(s[start]) ? 1 : 0)
        guard surnameLength > 0 else { return nil }
        var end = start + surnameLength
        while end < s.count, end - start - surnameLength < 2, !taken[end], isCJK(s[end]), !lexicon.stops.contains(s[end]), s[end] != "某" {
            end += 1
        }
        guard end > start + surnameLength, !isFalseName(start..<end) else { return nil }
        return start..<end
    }

    /// Whether a single-character surname at `i` can start a name: an everyday-word surname
    /// (向, 和, 关 …) needs a boundary in front, and a function word one needs a hard boundary.
    private func surnameMayStart(at i: Int) -> Bool {
        let c = s[i]
        guard lexicon.ambiguousSurnames.contains(c) else { return true }
        if i == 0 || !isCJK(s[i - 1]) { return true }
        if lexicon.stops.contains(c) { return false }
        return Self.nameBoundaries.contains(s[i - 1])
    }

    private static let nameBoundaries = Set("的是找给被让叫对向和与跟把说了及为".unicodeScalars)

    private func isBoundary(before i: Int) -> Bool { surnameMayStart(at: i) }

    private func isCompoundSurname(_ i: Int) -> Bool {
        guard i + 1 < s.count else { return false }
        return finder.isCompoundSurname(s[i], s[i + 1])
    }

    private func isSurnameOnly(_ r: Range<Int>) -> Bool {
        r.count == 1 || (r.count == 2 && isCompoundSurname(r.lowerBound))
    }

    private func isFalseName(_ r: Range<Int>) -> Bool { finder.isFalseName(s[r]) }

    // MARK: - Helpers

    private func isCJK(_ c: Unicode.Scalar) -> Bool {
        (0x3400...0x9FFF).contains(c.value) || (0x20000...0x3FFFF).contains(c.value) || (0xF900...0xFAFF).contains(c.value)
    }

    private func isFree(_ r: Range<Int>) -> Bool { r.allSatisfy { !taken[$0] } }

    private mutating func mark(_ r: Range<Int>) {
        for i in r { taken[i] = true }
    }

    private func string(_ r: Range<Int>) -> String { String(scalars: s[r]) }

    private func make(
        _ kind: SubjectKind,
        _ pattern: SubjectPattern,
        _ r: Range<Int>,
        name: String? = nil,
        post: String? = nil,
        unit: String? = nil,
        role: ScopeRoleInference? = nil,
        candidates: [SubjectCandidate] = [],
        confidence: Double
    ) -> SubjectFinding {
        SubjectFinding(
            kind: kind,
            pattern: pattern,
            text: normalized.originalString(of: r),
            range: normalized.originalRange(of: r),
            name: name,
            post: post,
            unit: unit,
            role: role,
            candidates: candidates,
            confidence: confidence
        )
    }

    /// The overall judgement: a leader in scope, else another official, else the more mentioned
    /// of organisation and private party (organisation on a tie), else no one.
    static func judge(_ findings: [SubjectFinding]) -> SubjectAnalysis {
        for kind in [SubjectKind.unitLeader, .otherOfficial] {
            if let i = findings.firstIndex(where: { $0.kind == kind }) {
                return SubjectAnalysis(findings: findings, kind: kind, decidingFinding: i)
            }
        }
        let organisations = findings.filter { $0.kind == .organisation }.count
        let privates = findings.filter { $0.kind == .privateParty }.count
        if organisations == 0 && privates == 0 { return SubjectAnalysis(findings: findings, kind: .noOne, decidingFinding: nil) }
        let kind: SubjectKind = organisations >= privates ? .organisation : .privateParty
        return SubjectAnalysis(findings: findings, kind: kind, decidingFinding: findings.firstIndex { $0.kind == kind })
    }
}
