/// One occurrence of a pattern: `pattern` is its index in the list the automaton was built
/// from, `range` its Unicode scalar offsets in the searched text.
public struct KeywordMatch: Sendable, Hashable {
    public let pattern: Int
    public let range: Range<Int>

    public init(pattern: Int, range: Range<Int>) {
        self.pattern = pattern
        self.range = range
    }
}

/// An Aho–Corasick automaton over Unicode scalars: finds every occurrence of many thousands of
/// patterns (roster names, posts, unit names, lexicon terms) in one pass over the text.
///
/// Build it once and share it; searching does not mutate it. Patterns and texts should both be
/// normalized with `TextNormalizer` so that traditional or full-width spellings match.
public struct KeywordAutomaton: Sendable {
    public enum MatchMode: Sendable {
        /// Every occurrence, overlapping ones included, ordered by end then by length.
        case all
        /// Non-overlapping occurrences, scanning left to right and taking the longest pattern
        /// at the leftmost start (张三 loses to 张三丰 when both are patterns).
        case leftmostLongest
    }

    public let patterns: [String]
    public let caseInsensitiveASCII: Bool

    // The trie's edges in an open-addressing hash table keyed by (node, scalar), so a step is
    // about one probe however many children a node has (中 starts hundreds of words); the
    // root's edges are also in a dense table for BMP scalars, the most frequent case.
    private let edgeKeys: [UInt64]
    private let edgeTargets: [Int32]
    private let edgeMask: Int
    private let edgeShift: UInt64
    private let rootDense: [Int32]
    /// One bit per BMP scalar: whether it starts a pattern. Most steps of a scan are at the
    /// root and find no edge; this 8 KB bitmap answers them from the L1 cache, where the
    /// 256 KB dense table (one per automaton, seven automata per report) would miss it.
    private let rootStarts: [UInt64]
    private let fail: [Int32]
    /// Patterns ending at node n: outputs[outputStart[n]..<outputStart[n+1]].
    private let outputStart: [Int32]
    private let outputs: [Int32]
    /// The nearest node on the failure chain that has outputs, or -1.
    private let outputLink: [Int32]
    private let depth: [Int32]

    /// Builds the automaton. Empty patterns are ignored; duplicates each report their own index.
    public init(patterns: [String], caseInsensitiveASCII: Bool = false) {
        self.patterns = patterns
        self.caseInsensitiveASCII = caseInsensitiveASCII
        var children: [[UInt32: Int32]] = [[:]]
        var nodeOutputs: [[Int32]] = [[]]
        var depth: [Int32] = [0]
        for (index, pattern) in patterns.enumerated() {
            var node = 0
            for u in pattern.unicodeScalars {
                let c = caseInsensitiveASCII ? Self.fold(u.value) : u.value
                if let next = children[node][c] {
                    node = Int(next)
                } else {
                    children.append([:])
                    nodeOutputs.append([])
                    depth.append(depth[node] + 1)
                    let next = Int32(children.count - 1)
                    children[node][c] = next
                    node = Int(next)
                }
            }
            if node != 0 { nodeOutputs[node].append(Int32(index)) }
        }
        let count = children.count

        let edgeCount = count - 1
        var capacity = 16
        while capacity < edgeCount * 4 { capacity <<= 1 }  // load at most 1/4: short probes
        var edgeKeys = [UInt64](repeating: 0, count: capacity)
        var edgeTargets = [Int32](repeating: 0, count: capacity)
        for n in 0..<count {
            for (label, target) in children[n] {
                let key = Self.edgeKey(n, label)
                var slot = Self.slot(key, UInt64(64 - capacity.trailingZeroBitCount))
                while edgeKeys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
                edgeKeys[slot] = key
                edgeTargets[slot] = target
            }
        }

        var rootDense = [Int32](repeating: 0, count: 0x1_0000)
        var rootStarts = [UInt64](repeating: 0, count: 0x1_0000 / 64)
        for (label, target) in children[0] where label < 0x1_0000 {
            rootDense[Int(label)] = target
            rootStarts[Int(label >> 6)] |= 1 << UInt64(label & 63)
        }

        // Breadth-first failure links.
        var fail = [Int32](repeating: 0, count: count)
        var outputLink = [Int32](repeating: -1, count: count)
        var queue: [Int32] = Array(children[0].values)
        var head = 0
        while head < queue.count {
            let node = Int(queue[head])
            head += 1
            for (label, target) in children[node] {
                var f = Int(fail[node])
                var link: Int32 = 0
                while true {
                    if node != 0, let next = children[f][label] {
                        link = next
                        break
                    }
                    if f == 0 { break }
                    f = Int(fail[f])
                }
                // Children of the root fail to the root.
                fail[Int(target)] = node == 0 ? 0 : link
                let failNode = Int(fail[Int(target)])
                outputLink[Int(target)] = nodeOutputs[failNode].isEmpty ? outputLink[failNode] : Int32(failNode)
                queue.append(target)
            }
        }

        var outputStart = [Int32](repeating: 0, count: count + 1)
        var outputs: [Int32] = []
        for n in 0..<count {
            outputStart[n] = Int32(outputs.count)
            outputs.append(contentsOf: nodeOutputs[n])
        }
        outputStart[count] = Int32(outputs.count)

        self.edgeKeys = edgeKeys
        self.edgeTargets = edgeTargets
        self.edgeMask = capacity - 1
        self.edgeShift = UInt64(64 - capacity.trailingZeroBitCount)
        self.rootDense = rootDense
        self.rootStarts = rootStarts
        self.fail = fail
        self.outputStart = outputStart
        self.outputs = outputs
        self.outputLink = outputLink
        self.depth = depth
    }

    /// Number of trie nodes (for sizing and diagnostics).
    public var nodeCount: Int { fail.count }

    @inline(__always)
    private static func fold(_ c: UInt32) -> UInt32 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    /// Never 0, which marks an empty slot.
    @inline(__always)
    private static func edgeKey(_ node: Int, _ c: UInt32) -> UInt64 { (UInt64(node) << 32 | UInt64(c)) &+ 1 }

    @inline(__always)
    /// Multiplicative (Fibonacci) hashing: the top bits of the product are the well-mixed ones.
    private static func slot(_ key: UInt64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    private func next(_ node: Int, _ c: UInt32, _ keys: UnsafeBufferPointer<UInt64>, _ targets: UnsafeBufferPointer<Int32>) -> Int? {
        if node == 0, c < 0x1_0000 {
            if rootStarts[Int(c >> 6)] & (1 << UInt64(c & 63)) == 0 { return nil }
            let t = rootDense[Int(c)]
            return t == 0 ? nil : Int(t)
        }
        let key = Self.edgeKey(node, c)
        var slot = Self.slot(key, edgeShift)
        while true {
            let k = keys[slot]
            if k == key { return Int(targets[slot]) }
            if k == 0 { return nil }
            slot = (slot + 1) & edgeMask
        }
    }

    /// Calls `body(pattern, range)` for every occurrence, in order of end position.
    public func forEachMatch(in text: String, _ body: (Int, Range<Int>) -> Void) {
        var copy = text
        copy.withUTF8 { bytes in scan(bytes, body) }
    }

    /// The scan over UTF-8 bytes (Swift strings are valid UTF-8), decoding scalars inline.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) -> Void) {
        edgeKeys.withUnsafeBufferPointer { keys in
            edgeTargets.withUnsafeBufferPointer { targets in scan(bytes, keys, targets, body) }
        }
    }

    private func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ keys: UnsafeBufferPointer<UInt64>,
        _ targets: UnsafeBufferPointer<Int32>,
        _ body: (Int, Range<Int>) -> Void
    ) {
        var node = 0
        var position = 0
        var i = 0
        let count = bytes.count
        let fold = caseInsensitiveASCII
        while i < count {
            let b0 = UInt32(bytes[i])
            var c: UInt32
            if b0 < 0x80 {
                c = fold ? Self.fold(b0) : b0
                i += 1
            } else if b0 < 0xE0 {
                c = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                i += 2
            } else if b0 < 0xF0 {
                c = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                i += 3
            } else {
                c = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                i += 4
            }
            position += 1
            while true {
                if let n = next(node, c, keys, targets) {
                    node = n
                    break
                }
                if node == 0 { break }
                node = Int(fail[node])
            }
            if node == 0 { continue }
            var out = outputStart[node] < outputStart[node + 1] ? node : Int(outputLink[node])
            while out > 0 {
                let length = Int(depth[out])
                for k in Int(outputStart[out])..<Int(outputStart[out + 1]) {
                    body(Int(outputs[k]), (position - length)..<position)
                }
                out = Int(outputLink[out])
            }
        }
    }

    /// All occurrences in `text`, in the chosen mode.
    public func matches(in text: String, mode: MatchMode = .all) -> [KeywordMatch] {
        var found: [KeywordMatch] = []
        forEachMatch(in: text) { found.append(KeywordMatch(pattern: $0, range: $1)) }
        guard mode == .leftmostLongest, !found.isEmpty else { return found }
        found.sort {
            $0.range.lowerBound != $1.range.lowerBound
                ? $0.range.lowerBound < $1.range.lowerBound
                : ($0.range.count != $1.range.count ? $0.range.count > $1.range.count : $0.pattern < $1.pattern)
        }
        var chosen: [KeywordMatch] = []
        var end = 0
        for m in found where m.range.lowerBound >= end {
            chosen.append(m)
            end = m.range.upperBound
        }
        return chosen
    }

    /// Occurrences in a normalized text, with each `range` mapped back to its original (the
    /// words as written, for showing evidence); matching itself runs on the normalized text.
    public func originalMatches(in normalized: NormalizedText, mode: MatchMode = .all) -> [KeywordMatch] {
        matches(in: normalized.text, mode: mode).map {
            KeywordMatch(pattern: $0.pattern, range: normalized.originalRange(of: $0.range))
        }
    }

    /// Whether any pattern occurs in `text`.
    public func containsMatch(in text: String) -> Bool {
        var any = false
        forEachMatch(in: text) { _, _ in any = true }
        return any
    }
}
