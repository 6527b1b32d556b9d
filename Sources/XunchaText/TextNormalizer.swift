/// What `TextNormalizer` does besides converting traditional characters to simplified ones,
/// folding width and compatibility forms and unifying dashes (those are always on).
public struct NormalizationOptions: Sendable, Hashable {
    /// Remove pinyin in parentheses after the characters it reads (根據(jù) → 根据).
    public var stripPinyinAnnotations: Bool
    /// Turn a run of spaces, tabs and odd spaces into one space.
    public var collapseSpaces: Bool

    public init(stripPinyinAnnotations: Bool = true, collapseSpaces: Bool = true) {
        self.stripPinyinAnnotations = stripPinyinAnnotations
        self.collapseSpaces = collapseSpaces
    }

    public static let `default` = NormalizationOptions()
}

/// Puts Chinese text into the one canonical form that screening, matching and search use:
/// simplified script (with phrase context for characters such as 乾, 著, 於, 覆), half-width
/// ASCII, compatibility ideographs and radicals folded, one kind of space, CR LF as LF, no
/// zero-width characters, and machine-made pinyin annotations removed. Offsets are Unicode
/// scalar positions throughout.
public struct TextNormalizer: Sendable {
    public let options: NormalizationOptions

    public init(options: NormalizationOptions = .default) {
        self.options = options
    }

    /// Loads the conversion tables now rather than on first use (a server calls this at start)
    /// and returns how long that took; zero when they were already loaded.
    @discardableResult
    public static func preloadTables() -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        _ = ScriptTables.shared
        return clock.now - start
    }

    /// The normalized text.
    public func normalize(_ text: String) -> String {
        var engine = NormalizationEngine(options: options)
        return run(&engine, text)
    }

    /// The normalized text together with the map back to `text`.
    public func normalizeWithOffsets(_ text: String) -> NormalizedText {
        var engine = NormalizationEngine(options: options)
        engine.recordOffsets = true
        let utf8Count = text.utf8.count
        engine.starts.reserveCapacity(utf8Count)
        engine.ends.reserveCapacity(utf8Count)
        let normalized = run(&engine, text)
        let originalLength = engine.scalarIndex
        return NormalizedText(
            original: text,
            text: normalized,
            offsets: OffsetMap(starts: engine.starts, ends: engine.ends, originalLength: originalLength)
        )
    }

    /// Normalizes UTF-8 bytes that may be invalid; invalid sequences become U+FFFD and are
    /// counted in `invalidSequences`.
    public func normalize(utf8 bytes: some Collection<UInt8>) -> (text: String, invalidSequences: Int) {
        var engine = NormalizationEngine(options: options)
        var out = ByteBuffer(capacity: bytes.count + 16)
        let array = Array(bytes)
        array.withUnsafeBufferPointer { _ = engine.process($0, isFinal: true, into: &out) }
        return (out.withBytes { String(decoding: $0, as: UTF8.self) }, engine.invalidSequences)
    }

    private func run(_ engine: inout NormalizationEngine, _ text: String) -> String {
        var copy = text
        var out = ByteBuffer(capacity: text.utf8.count + 16)
        copy.withUTF8 { _ = engine.process($0, isFinal: true, into: &out) }
        return out.withBytes { String(decoding: $0, as: UTF8.self) }
    }
}

/// Normalizes input that arrives in pieces (stdin, a large file) with memory bounded by the
/// piece size: feed bytes as they come and call `finish()` at the end.
public struct StreamingNormalizer: ~Copyable {
    private var engine: NormalizationEngine
    private var pending: [UInt8] = []
    private var out = ByteBuffer(capacity: 1 << 16)

    public init(options: NormalizationOptions = .default) {
        engine = NormalizationEngine(options: options)
    }

    /// Invalid UTF-8 sequences replaced by U+FFFD so far.
    public var invalidSequences: Int { engine.invalidSequences }

    /// Normalizes what can be normalized of `bytes` now and passes the UTF-8 result to `sink`.
    /// Up to a few hundred bytes are held back for rules that look ahead.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, _ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        pending.append(contentsOf: bytes)
        drain(isFinal: false, sink)
    }

    /// Normalizes the rest and passes it to `sink`.
    public mutating func finish(_ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        drain(isFinal: true, sink)
    }

    /// The last scalar written stays in `out` until more input comes (or the end): a combining
    /// tone mark at the start of the next chunk composes with it (a + U+0304 → ā), as in one call.
    private mutating func drain(isFinal: Bool, _ sink: (UnsafeBufferPointer<UInt8>) -> Void) {
        let consumed = pending.withUnsafeBufferPointer { engine.process($0, isFinal: isFinal, into: &out) }
        pending.removeFirst(consumed)
        let held = isFinal ? 0 : min(engine.lastScalarLength, out.count)
        out.withBytes { bytes in
            if bytes.count > held { sink(UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - held)])) }
        }
        out.keepLast(held)
    }
}
