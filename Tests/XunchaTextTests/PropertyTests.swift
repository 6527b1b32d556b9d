import PropertyBased
import Testing

@testable import XunchaText

/// Pieces that exercise every normalization rule, joined at random: traditional and variant
/// characters, phrase-sensitive ones, pinyin annotations real and false, widths, spaces,
/// dashes, line ends, combining marks, zero-width and astral characters, broken-looking input.
private let pieces: [String] = [
    "根據", "關於", "(jù)", "(guān)", "（jù）", "(bank)", "(一)", "(A座)", "(", ")", "乾", "隆", "燥", "著", "作", "看", "於",
    "是", "甚", "麼", "覆", "蓋", "答", "裡", "裏", "爲", "羣", "衆", "説", "，", "。", "、", "１", "２", "Ａ", "ｂ", "a", "Z",
    "0", "9", " ", "  ", "\u{3000}", "\t", "\u{A0}", "\u{2003}", "\n", "\r\n", "\r", "—", "–", "～", "~", "－", "-", "至",
    "\u{301}", "\u{30C}", "e", "u", "ü", "\u{200B}", "\u{FEFF}", "\u{F900}", "\u{2F00}", "𠀀", "𪚥", "😀", "①", "m²", "年",
    "月", "日", "3", "1", ":", "点", "元", "万", "@", ".", "com", "信箱", "邮政", "\u{FFFD}",
]

private let texts = Gen<String?>.element(of: pieces).array(of: 0...24).map { $0.compactMap { $0 }.joined() }

@Suite struct NormalizationProperties {
    @Test func idempotent() async {
        await propertyCheck(count: 1500, input: texts) { text in
            let once = normalizer.normalize(text)
            #expect(normalizer.normalize(once) == once, "not idempotent for \(Array(text.unicodeScalars))")
        }
    }

    @Test func offsetsStayInsideTheOriginal() async {
        await propertyCheck(count: 1500, input: texts) { text in
            let result = normalizer.normalizeWithOffsets(text)
            let originalLength = text.unicodeScalars.count
            let normalizedLength = result.text.unicodeScalars.count
            #expect(result.offsets.originalLength == originalLength)
            #expect(result.offsets.normalizedLength == normalizedLength)
            var previous = 0
            for k in 0..<normalizedLength {
                let r = result.originalRange(of: k..<k + 1)
                #expect(r.lowerBound >= previous && r.upperBound <= originalLength && !r.isEmpty)
                previous = r.lowerBound
            }
            let whole = result.originalRange(of: 0..<normalizedLength)
            #expect(whole.lowerBound >= 0 && whole.upperBound <= originalLength)
        }
    }

    @Test func streamingInPiecesEqualsWhole() async {
        await propertyCheck(count: 400, input: texts, Gen.int(in: 1...7)) { text, chunk in
            let bytes = Array(text.utf8)
            var streaming = StreamingNormalizer()
            var out: [UInt8] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + chunk)
                bytes[start..<end].withUnsafeBytes { raw in streaming.feed(raw) { out.append(contentsOf: $0) } }
                start = end
            }
            streaming.finish { out.append(contentsOf: $0) }
            #expect(String(decoding: out, as: UTF8.self) == normalizer.normalize(text))
        }
    }

    @Test func extractionSpansAreInBounds() async {
        await propertyCheck(count: 800, input: texts) { text in
            let count = text.unicodeScalars.count
            let found = TextExtractor().extract(fromOriginal: text)
            let ranges =
                found.phones.map(\.range) + found.emails.map(\.range) + found.dates.map(\.range) + found.dateRanges.map(\.range)
                + found.timeRanges.map(\.range) + found.money.map(\.range) + found.idNumbers.map(\.range) + found.postalBoxes.map(\.range)
            for r in ranges {
                #expect(r.lowerBound >= 0 && r.upperBound <= count && !r.isEmpty)
            }
        }
    }
}
