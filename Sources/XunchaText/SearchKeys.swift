/// The words a full-text index keeps for a Chinese text, and the query that finds a keyword among
/// them. Chinese is written without spaces, so the index keeps every pair of adjacent Han
/// characters (收受红包 → 收受 受红 红包) and every run of letters or digits as a word; a keyword
/// becomes the phrase of its own pairs, so 红包 finds 收受红包 and 收受红包 finds nothing that only
/// has 红包. Both sides are normalized first (traditional to simplified, full width to half,
/// letters to lower case), so 紅包 finds 红包.
public struct SearchKeys: Sendable {
    let normalizer: TextNormalizer

    public init(normalizer: TextNormalizer = TextNormalizer()) { self.normalizer = normalizer }

    /// The index words of `text`, separated by spaces. Written as UTF-8 into one buffer as they
    /// are found: a report has hundreds of pairs, and this runs on every arrival.
    public func indexWords(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        scan(normalizer.normalize(text)) { word in
            if !out.isEmpty { out.append(UInt8(ascii: " ")) }
            switch word {
            case .pair(let first, let second, _):
                UTF8.encode(first) { out.append($0) }
                UTF8.encode(second) { out.append($0) }
            case .word(let letters): out.append(contentsOf: letters.utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The query for a keyword: the phrases (runs of consecutive index words) that must all occur,
    /// one per run of the keyword separated by spaces or punctuation. Nil when it has nothing the
    /// index can find on its own (a single Han character, punctuation only); the caller then
    /// searches the text as written.
    public func phrases(_ keyword: String) -> [[String]]? {
        var groups: [[String]] = []
        scan(normalizer.normalize(keyword)) { word in
            switch word {
            case .pair(let first, let second, let startsRun):
                if startsRun { groups.append([]) }
                groups[groups.count - 1].append(String(first) + String(second))
            case .word(let letters): groups.append([letters])
            }
        }
        return groups.isEmpty ? nil : groups
    }

    /// An index word: two adjacent Han characters (the first pair of its run or not), or a run of
    /// letters and digits, which is a run of its own.
    enum Word {
        case pair(Unicode.Scalar, Unicode.Scalar, startsRun: Bool)
        case word(String)
    }

    /// Hands each index word of `text` to `emit` in order: Han runs give their pairs (a run of one
    /// character gives none), letter and digit runs one word each, in lower case.
    func scan(_ text: String, _ emit: (Word) -> Void) {
        var previousHan: Unicode.Scalar?
        var pairsInRun = 0
        var letters = String.UnicodeScalarView()
        func flushLetters() {
            if !letters.isEmpty { emit(.word(String(letters))) }
            letters.removeAll(keepingCapacity: true)
        }
        for s in text.unicodeScalars {
            if Self.isHan(s) {
                flushLetters()
                if let previous = previousHan {
                    emit(.pair(previous, s, startsRun: pairsInRun == 0))
                    pairsInRun += 1
                }
                previousHan = s
            } else {
                previousHan = nil
                pairsInRun = 0
                if s.properties.isAlphabetic || s.properties.numericType != nil {
                    letters.append(contentsOf: s.properties.lowercaseMapping.unicodeScalars)
                } else {
                    flushLetters()
                }
            }
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
