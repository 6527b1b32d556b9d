import Testing

@testable import XunchaText

@Suite struct BadInputTests {
    /// Found by fuzzing (Fuzz/regressions/text): the vertical en dash ︲ folded to – and only a
    /// second pass made that -. Every punctuation or symbol scalar now folds at once.
    @Test func foldingPunctuationTwiceChangesNothing() {
        #expect(normalizer.normalize("①②︲―") == "①②-—")
        for value in UInt32(0)..<0x1_0000 where !isIdeograph(value) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let once = normalizer.normalize("a" + String(scalar) + "b")
            #expect(normalizer.normalize(once) == once, "U+\(String(value, radix: 16, uppercase: true))")
        }
    }

    @Test func invalidUTF8IsReplacedAndCounted() {
        // A stray continuation byte, a lone high surrogate (ED A0 80), an overlong slash
        // (C0 AF) and a truncated three-byte sequence at the end.
        let bytes: [UInt8] = [0x80, 0x41, 0xED, 0xA0, 0x80, 0x42, 0xC0, 0xAF, 0x43, 0xE6, 0x8D]
        let (text, invalid) = normalizer.normalize(utf8: bytes)
        #expect(invalid == 8)
        #expect(text.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 8)
        #expect(text.contains("A") && text.contains("B") && text.contains("C"))
    }

    @Test func validUTF8ReportsNoReplacement() {
        let (text, invalid) = normalizer.normalize(utf8: Array("根據\u{FFFD}".utf8))
        #expect(invalid == 0)
        #expect(text == "根据\u{FFFD}")
    }

    @Test func emptyInput() {
        #expect(normalizer.normalize("") == "")
        let result = normalizer.normalizeWithOffsets("")
        #expect(result.text.isEmpty && result.offsets.normalizedLength == 0)
        #expect(result.originalRange(of: 0..<0) == 0..<0)
        #expect(TextExtractor().extract(fromOriginal: "") == Extraction())
    }

    @Test func streamingSplitsInsideCharactersAndAnnotations() {
        let text = "根據(jù)市委關於巡察工作的統一部署。乾隆年間天氣乾燥。"
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            var streaming = StreamingNormalizer()
            var out: [UInt8] = []
            bytes[..<cut].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
            bytes[cut...].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
            streaming.finish { out.append(contentsOf: $0) }
            #expect(String(decoding: out, as: UTF8.self) == "根据市委关于巡察工作的统一部署。乾隆年间天气干燥。")
        }
    }

    /// Found by fuzzing (after 12,199 inputs): a combining tone mark at the start of a stream's
    /// chunk took its base out of an emptied buffer and wrote before it. The last scalar now waits
    /// for the next chunk, so the mark composes as in one call, wherever the cut falls.
    @Test(arguments: ["zhe\u{300}n", "lu\u{308}\u{301}", "a\u{304}", "字\u{301}x"])
    func aCombiningMarkAfterAChunkCutComposesAsInOneCall(text: String) {
        let bytes = Array(text.utf8)
        let whole = normalizer.normalize(text)
        for cut in 0...bytes.count {
            var streaming = StreamingNormalizer()
            var out: [UInt8] = []
            bytes[..<cut].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
            bytes[cut...].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
            streaming.finish { out.append(contentsOf: $0) }
            #expect(String(decoding: out, as: UTF8.self) == whole, "cut at \(cut)")
        }
    }

    @Test func combiningMarksAreKeptOrComposed() {
        #expect(normalizer.normalize("zhe\u{300}") == "zhè")
        #expect(normalizer.normalize("\u{301}开头") == "\u{301}开头")
        #expect(normalizer.normalize("字\u{20DD}") == "字\u{20DD}")
    }

    @Test func rareExtensionCharactersPassThrough() {
        let text = "𠀀𪚥𰻝\u{2A6D6}"
        #expect(normalizer.normalize(text) == text)
        let result = normalizer.normalizeWithOffsets("據𠀀(jù)")
        #expect(result.text == "据𠀀(jù)")
        #expect(result.originalRange(of: 1..<2) == 1..<2)
    }

    @Test func textThatIsAllPinyinIsLeftAlone() {
        let text = "zhè shì yí duàn pīn yīn (jù) wén zì"
        #expect(normalizer.normalize(text) == text)
    }

    @Test func annotationSpansMapBack() {
        let result = normalizer.normalizeWithOffsets("根據(jù)市委")
        #expect(result.text == "根据市委")
        #expect(result.originalRange(of: 2..<4) == 6..<8)  // 市委 after the removed (jù)
        #expect(result.originalSubstring(of: 0..<2) == "根據")
    }

    @Test func longLinesWithoutNewlinesStream() {
        let line = String(repeating: "關於巡察工作的統一部署", count: 20000)
        var streaming = StreamingNormalizer()
        var out: [UInt8] = []
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { raw in
            var start = 0
            while start < raw.count {
                let end = min(raw.count, start + 65_536)
                streaming.feed(UnsafeRawBufferPointer(rebasing: raw[start..<end])) { out.append(contentsOf: $0) }
                start = end
            }
        }
        streaming.finish { out.append(contentsOf: $0) }
        #expect(String(decoding: out, as: UTF8.self) == String(repeating: "关于巡察工作的统一部署", count: 20000))
    }
}
