// libFuzzer entry point for XunchaText, built by scripts/fuzz-text with -sanitize=fuzzer.
// Every input must normalize without crashing, and the results must keep their invariants:
// idempotence, offsets inside the original, streaming equal to whole, spans in bounds.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let normalizer = TextNormalizer()

    let (text, _) = normalizer.normalize(utf8: bytes)
    precondition(normalizer.normalize(text) == text, "normalization is not idempotent")

    let original = String(decoding: bytes, as: UTF8.self)
    let result = normalizer.normalizeWithOffsets(original)
    let originalLength = original.unicodeScalars.count
    precondition(result.offsets.originalLength == originalLength)
    for k in 0..<result.offsets.normalizedLength {
        let r = result.originalRange(of: k..<k + 1)
        precondition(r.lowerBound >= 0 && r.upperBound <= originalLength && !r.isEmpty, "offset outside the original")
    }

    // Streaming with a split chosen by the input equals one call.
    let cut = size == 0 ? 0 : Int(bytes[0]) % (size + 1)
    var streaming = StreamingNormalizer()
    var out: [UInt8] = []
    bytes[..<cut].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
    bytes[cut...].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
    streaming.finish { out.append(contentsOf: $0) }
    precondition(String(decoding: out, as: UTF8.self) == text, "streaming differs from a single call")

    let found = TextExtractor(referenceYear: 2023).extract(from: result)
    let spans =
        found.phones.map(\.range) + found.emails.map(\.range) + found.dates.map(\.range) + found.dateRanges.map(\.range)
        + found.timeRanges.map(\.range) + found.money.map(\.range) + found.idNumbers.map(\.range) + found.postalBoxes.map(\.range)
    for r in spans {
        precondition(r.lowerBound >= 0 && r.upperBound <= originalLength, "extraction span outside the original")
    }
    _ = found.jsonString()

    // Patterns taken from the text itself must all be found where they were taken.
    let scalars = Array(result.text.unicodeScalars)
    if scalars.count >= 4 {
        let a = String(String.UnicodeScalarView(scalars[0..<2]))
        let b = String(String.UnicodeScalarView(scalars[scalars.count - 2..<scalars.count]))
        let automaton = KeywordAutomaton(patterns: [a, b])
        let matches = automaton.matches(in: result.text)
        precondition(matches.contains { $0.pattern == 0 && $0.range == 0..<2 }, "automaton missed a prefix")
        precondition(matches.contains { $0.pattern == 1 && $0.range.upperBound == scalars.count }, "automaton missed a suffix")
        _ = automaton.matches(in: result.text, mode: .leftmostLongest)
    }
    return 0
}
