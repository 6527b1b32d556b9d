import XunchaText

/// One sentence (or table cell) of the normalized announcement: the unit most rules read.
struct Sentence {
    /// Scalar offsets in the normalized text.
    let range: Range<Int>
    let text: String
    /// For a table cell, the column's header (联系电话, 电子邮箱 …); empty elsewhere.
    var header: String = ""
    /// Whether the sentence opens a line or an enumerated item ((一), 1., 一、): a group named
    /// there starts that group's part of the text.
    let opensLine: Bool
    /// The line the sentence is on (a table row is one line).
    let line: Int
    /// A cell of a flattened table.
    let isCell: Bool

    func contains(_ words: [String]) -> Bool { words.contains { text.containsBytes(of: $0) || header.containsBytes(of: $0) } }

    /// Scalar offset in the normalized text of an index of `text`.
    func offset(_ index: String.Index) -> Int {
        range.lowerBound + text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
    }

    func offsets(_ r: Range<String.Index>) -> Range<Int> { offset(r.lowerBound)..<offset(r.upperBound) }
}

/// The normalized announcement cut into sentences, with the way back to the original.
struct AnnouncementText {
    let normalized: NormalizedText
    let scalars: [Unicode.Scalar]
    let sentences: [Sentence]

    init(_ original: String) {
        normalized = TextNormalizer().normalizeWithOffsets(original)
        scalars = Array(normalized.text.unicodeScalars)
        var sentences = Self.split(scalars)
        TableReader.label(&sentences)
        self.sentences = sentences
    }

    /// Sentence ends: full stops, question and exclamation marks, semicolons and line breaks. A
    /// line with pipes is a flattened table row: each cell is read on its own.
    static let enders: Set<Unicode.Scalar> = ["。", "!", "?", ";"]

    private static func split(_ s: [Unicode.Scalar]) -> [Sentence] {
        var out: [Sentence] = []
        var lineStart = 0
        var lineNumber = 0
        func add(_ start: Int, _ end: Int, opensLine: Bool, cell: Bool) {
            var a = start
            var b = end
            while a < b, s[a] == " " { a += 1 }
            while b > a, s[b - 1] == " " { b -= 1 }
            guard a < b else { return }
            var text = String.UnicodeScalarView()
            text.append(contentsOf: s[a..<b])
            out.append(
                Sentence(
                    range: a..<b,
                    text: String(text),
                    opensLine: opensLine || startsWithEnumerator(s, a),
                    line: lineNumber,
                    isCell: cell
                )
            )
        }
        func line(_ from: Int, _ to: Int) {
            defer { lineNumber += 1 }
            if s[from..<to].contains("|") {
                var start = from
                for i in from..<to where s[i] == "|" {
                    add(start, i, opensLine: true, cell: true)
                    start = i + 1
                }
                add(start, to, opensLine: true, cell: true)
                return
            }
            var start = from
            var first = true
            for i in from..<to where enders.contains(s[i]) {
                add(start, i + 1, opensLine: first, cell: false)
                if start < i + 1 { first = false }
                start = i + 1
            }
            add(start, to, opensLine: first, cell: false)
        }
        for (i, c) in s.enumerated() where c == "\n" {
            line(lineStart, i)
            lineStart = i + 1
        }
        line(lineStart, s.count)
        return out
    }

    /// (一) 1. 一、 ① at `i`.
    private static func startsWithEnumerator(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i < s.count else { return false }
        if s[i] == "(" { return true }
        if ("①"..."⑳").contains(s[i]) { return true }
        var j = i
        while j < s.count, j - i < 3, s[j].properties.numericType != nil { j += 1 }
        return j > i && j < s.count && (s[j] == "、" || s[j] == "." || s[j] == ",")
    }

    /// The index of the sentence holding normalized offset `offset`.
    func sentenceIndex(at offset: Int) -> Int? {
        var lo = 0
        var hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].range.upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].range.lowerBound <= offset + 1 ? lo : nil
    }

    /// The normalized text at `range`.
    func string(_ range: Range<Int>) -> String {
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
        return String(out)
    }

    /// Evidence for the normalized range `range` in `sentence`, mapped to the original.
    func evidence(_ range: Range<Int>, in sentence: Sentence, _ confidence: Double, _ rule: String) -> Evidence {
        Evidence(
            span: normalized.originalRange(of: clamp(range)),
            sentence: normalized.originalRange(of: clamp(sentence.range)),
            confidence: confidence,
            rule: rule
        )
    }

    private func clamp(_ r: Range<Int>) -> Range<Int> {
        let lo = max(0, min(r.lowerBound, scalars.count))
        return lo..<max(lo, min(r.upperBound, scalars.count))
    }
}

extension Unicode.Scalar {
    /// A CJK ideograph (the unified blocks and extension A).
    var isHan: Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0x20000...0x2FFFF).contains(value)
    }
}
