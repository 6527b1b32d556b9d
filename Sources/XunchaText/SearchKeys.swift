/// The words a full-text index keeps for a Chinese text, and the query that finds a keyword among
/// them. Chinese is written without spaces, so the index keeps every pair of adjacent Han
/// characters (收受红包 → 收受 受红 红包) and every run of letters or digits as a word; a keyword
/// becomes the phrase of its own pairs, so 红包 finds 收受红包 and 收受红包 finds nothing that only
/// has 红包. Both sides are normalized first (traditional to simplified, full width to half,
/// letters to lower case), so 紅包 finds 红包.
public struct SearchKeys: Sendable {
    let normalizer: TextNormalizer

    public init(normalizer: TextNormalizer = TextNormalizer()) { self.normalizer = normalizer }

    /// The index words of `text`, separated by spaces.
    public func indexWords(_ text: String) -> String {
        words(normalizer.normalize(text)).flatMap { $0 }.joined(separator: " ")
    }

    /// The query for a keyword: the phrases (runs of consecutive index words) that must all occur,
    /// one per run of the keyword separated by spaces or punctuation. Nil when it has nothing the
    /// index can find on its own (a single Han character, punctuation only); the caller then
    /// searches the text as written.
    public func phrases(_ keyword: String) -> [[String]]? {
        let groups = words(normalizer.normalize(keyword)).filter { !$0.isEmpty }
        guard !groups.isEmpty else { return nil }
        return groups
    }

    /// The words per run of the text: Han runs as their pairs (a run of one character has none),
    /// letter and digit runs as one word.
    func words(_ text: String) -> [[String]] {
        var runs: [[String]] = []
        var han: [Unicode.Scalar] = []
        var word = String.UnicodeScalarView()
        func flushHan() {
            if han.count == 1 { runs.append([]) }
            if han.count >= 2 {
                runs.append(
                    (0..<(han.count - 1)).map { i in
                        var pair = String.UnicodeScalarView()
                        pair.append(han[i])
                        pair.append(han[i + 1])
                        return String(pair)
                    }
                )
            }
            han.removeAll()
        }
        func flushWord() {
            if !word.isEmpty { runs.append([String(word)]) }
            word = String.UnicodeScalarView()
        }
        for s in text.unicodeScalars {
            if Self.isHan(s) {
                flushWord()
                han.append(s)
            } else if s.properties.isAlphabetic || s.properties.numericType != nil {
                flushHan()
                for lower in s.properties.lowercaseMapping.unicodeScalars { word.append(lower) }
            } else {
                flushHan()
                flushWord()
            }
        }
        flushHan()
        flushWord()
        return runs
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }
}
