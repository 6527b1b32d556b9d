import Foundation
import FuzzDriver
import XunchaText

/// libFuzzer entry for the normalizer and the extractor: any bytes, read as the command line
/// reads stdin. Besides not crashing, the promises screening relies on are checked: the ways to
/// normalize agree (whole, with offsets, from bytes, streamed with a cut the input picks) and
/// normalizing twice changes nothing; every offset points into the original; the extraction's
/// spans lie in the text and its JSON parses; the keyword automaton finds patterns taken from
/// the text where they were taken.
@_cdecl("FuzzText_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzText)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzText(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    let original = String(decoding: bytes, as: UTF8.self)
    let normalizer = TextNormalizer()

    let text = normalizer.normalize(original)
    // From bytes, a broken sequence may become more or fewer U+FFFD than Swift's decoding makes.
    let fromBytes = normalizer.normalize(utf8: bytes).text
    check(
        replacementsCollapsed(fromBytes) == replacementsCollapsed(text),
        "normalize(utf8:) differs from normalize beyond the replacement characters"
    )
    check(normalizer.normalize(text) == text, "normalization is not idempotent")

    let mapped = normalizer.normalizeWithOffsets(original)
    check(mapped.text == text, "normalizeWithOffsets differs from normalize")
    let originalLength = mapped.originalScalars.count
    check(mapped.offsets.originalLength == originalLength, "the offset map's original length is wrong")
    check(mapped.offsets.normalizedLength == mapped.scalars.count, "the offset map's length is not the normalized length")
    for k in 0..<mapped.offsets.normalizedLength {
        let r = mapped.originalRange(of: k..<k + 1)
        check(r.lowerBound >= 0 && r.upperBound <= originalLength && !r.isEmpty, "offset \(k) maps outside the original")
    }
    _ = mapped.originalString(of: 0..<mapped.scalars.count)

    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    var streaming = StreamingNormalizer()
    var streamed: [UInt8] = []
    bytes[..<cut].withUnsafeBytes { raw in streaming.feed(raw) { streamed.append(contentsOf: $0) } }
    bytes[cut...].withUnsafeBytes { raw in streaming.feed(raw) { streamed.append(contentsOf: $0) } }
    streaming.finish { streamed.append(contentsOf: $0) }
    check(String(decoding: streamed, as: UTF8.self) == fromBytes, "the stream cut at byte \(cut) differs from a single call")

    let found = TextExtractor(referenceYear: 2023).extract(from: mapped)
    let spans =
        found.phones.map(\.range) + found.emails.map(\.range) + found.dates.map(\.range) + found.dateRanges.map(\.range)
        + found.timeRanges.map(\.range) + found.money.map(\.range) + found.idNumbers.map(\.range) + found.postalBoxes.map(\.range)
    for r in spans {
        check(r.lowerBound >= 0 && r.upperBound <= originalLength, "extraction span \(r) outside the original")
    }
    let json = found.jsonString()
    check((try? JSONSerialization.jsonObject(with: Data(json.utf8))) != nil, "the extraction's JSON does not parse: \(json)")
    _ = TextExtractor().extract(from: original)

    let scalars = mapped.scalars
    if scalars.count >= 4 {
        let a = String(String.UnicodeScalarView(scalars[0..<2]))
        let b = String(String.UnicodeScalarView(scalars[(scalars.count - 2)...]))
        let automaton = KeywordAutomaton(patterns: [a, b])
        let matches = automaton.matches(in: text)
        check(matches.contains { $0.pattern == 0 && $0.range == 0..<2 }, "the automaton missed a prefix")
        check(matches.contains { $0.pattern == 1 && $0.range.upperBound == scalars.count }, "the automaton missed a suffix")
        _ = automaton.matches(in: text, mode: .leftmostLongest)
    }
    return 0
}

/// The text with every run of U+FFFD made one.
func replacementsCollapsed(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for c in s.unicodeScalars where !(c == "\u{FFFD}" && out.last == "\u{FFFD}") { out.append(c) }
    return String(out)
}
