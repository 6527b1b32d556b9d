/// A normalized text with the way back to its original: screening finds evidence in `text`
/// and shows it in `original`, the words the reporter wrote.
public struct NormalizedText: Sendable, Hashable {
    public let original: String
    public let text: String
    public let offsets: OffsetMap
    /// `text` as Unicode scalars, decoded once here so that every screening stage that indexes
    /// the text shares one array instead of decoding it again.
    public let scalars: [Unicode.Scalar]
    /// `original` as Unicode scalars, for cutting the words as written out of it by offset.
    public let originalScalars: [Unicode.Scalar]

    public init(original: String, text: String, offsets: OffsetMap) {
        self.original = original
        self.text = text
        self.offsets = offsets
        scalars = Self.decode(text)
        originalScalars = Self.decode(original)
    }

    /// `Array(unicodeScalars)` counts the scalars in one generic pass and copies them in a
    /// second; appending in one pass into room for the UTF-8 length (a scalar takes at least
    /// one byte) costs about half, and every report decodes two texts.
    private static func decode(_ s: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars { out.append(c) }
        return out
    }

    /// The scalar range in `original` that produced `range` (scalar offsets in `text`).
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        offsets.originalRange(of: range)
    }

    /// The original text behind a span of the normalized text.
    public func originalSubstring(of range: Range<Int>) -> Substring {
        Substring(originalString(of: range))
    }

    /// The original text behind a span of the normalized text, cut from the scalar array
    /// rather than by walking the string from its start for every span.
    public func originalString(of range: Range<Int>) -> String {
        String(scalars: originalScalars[originalRange(of: range)])
    }
}

/// For each Unicode scalar of a normalized text, the scalar range of the original it came from.
/// Scalars the normalizer removed (a pinyin annotation, a collapsed space, a zero-width space)
/// have no entry of their own; a span that covers their neighbours covers them too.
public struct OffsetMap: Sendable, Hashable {
    private let starts: [Int]
    private let ends: [Int]
    /// Number of scalars in the original.
    public let originalLength: Int

    init(starts: [Int], ends: [Int], originalLength: Int) {
        self.starts = starts
        self.ends = ends
        self.originalLength = originalLength
    }

    /// Number of scalars in the normalized text.
    public var normalizedLength: Int { starts.count }

    /// The original range of normalized scalars `range`; an empty range maps to the position
    /// where the next normalized scalar came from.
    public func originalRange(of range: Range<Int>) -> Range<Int> {
        precondition(range.lowerBound >= 0 && range.upperBound <= starts.count, "range outside the normalized text")
        if range.isEmpty {
            let at = range.lowerBound < starts.count ? starts[range.lowerBound] : originalLength
            return at..<at
        }
        return starts[range.lowerBound]..<ends[range.upperBound - 1]
    }

    /// The original offset of one normalized scalar.
    public func originalOffset(of index: Int) -> Int {
        index < starts.count ? starts[index] : originalLength
    }
}
