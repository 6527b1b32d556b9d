/// The words a full-text index keeps for a Chinese text, and the query that finds a keyword among
/// them. Chinese is written without spaces, so the index keeps every pair of adjacent Han
/// characters (收受红包 → 收受 受红 红包) and every run of letters or digits as a word; a keyword
/// becomes the phrase of its own pairs, so 红包 finds 收受红包 and 收受红包 finds nothing that only
/// has 红包. Both sides are normalized first (traditional to simplified, full width to half,
/// letters to lower case), so 紅包 finds 红包.
public struct SearchKeys: Sendable {
    let normalizer: TextNormalizer

    public init(normalizer: TextNormalizer = TextNormalizer()) { self.normalizer = normalizer }

    /// The index words of `text`, separated by spaces. Written into one string as they are found:
    /// a report has hundreds of pairs, and this runs on every arrival.
    public func indexWords(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        scan(normalizer.normalize(text)) { word, _ in
            if !out.isEmpty { out.append(" ") }
            out.append(contentsOf: word)
        }
        return String(out)
    }

    /// The query for a keyword: the phrases (runs of consecutive index words) that must all occur,
    /// one per run of the keyword separated by spaces or punctuation. Nil when it has nothing the
    /// index can find on its own (a single Han character, punctuation only); the caller then
    /// searches the text as written.
    public func phrases(_ keyword: String) -> [[String]]? {
        var groups: [[String]] = []
        scan(normalizer.normalize(keyword)) { word, startsRun in
            if startsRun { groups.append([]) }
            groups[groups.count - 1].append(String(word))
        }
        return groups.isEmpty ? nil : groups
    }

    /// Hands each index word of `text` to `word` in order, saying whether it starts a run: Han runs
    /// give their pairs (a run of one character gives none), letter and digit runs one word each.
    func scan(_ text: String, _ word: (Substring.UnicodeScalarView, _ startsRun: Bool) -> Void) {
        let scalars = text.unicodeScalars
        var hanStart: String.Index?
        var previousHan: String.Index?
        var letters = String.UnicodeScalarView()
        func flushLetters() {
            if !letters.isEmpty { word(Substring(String(letters)).unicodeScalars, true) }
            letters.removeAll(keepingCapacity: true)
        }
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let s = scalars[i]
            if Self.isHan(s) {
                flushLetters()
                if let previous = previousHan {
                    word(scalars[previous..<scalars.index(after: i)], previous == hanStart)
                } else {
                    hanStart = i
                }
                previousHan = i
            } else {
                hanStart = nil
                previousHan = nil
                if s.properties.isAlphabetic || s.properties.numericType != nil {
                    letters.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                } else {
                    flushLetters()
                }
            }
            i = scalars.index(after: i)
        }
        flushLetters()
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }
}
