import Testing

@testable import XunchaText

/// What a store keeps of a text for the index in the database, and the comparison over what it
/// hands back: the same answers as the index in memory.
@Suite struct NearDuplicateFilingTests {
    let index = NearDuplicateIndex()
    let normalizer = TextNormalizer()

    func prepared(_ text: String) -> PreparedText { index.signature(of: normalizer.normalize(text)) }

    func stored(_ text: PreparedText) throws -> PreparedText {
        try #require(
            index.filedText(
                fingerprintBytes: text.fingerprintBytes,
                distinctCount: text.distinctFingerprintCount,
                contentLength: text.contentCharacterCount
            )
        )
    }

    @Test func keysAreTheBandsOfOneScopeOrAShortTextsContent() {
        let long = prepared(Letters.original)
        let keys = long.filingKeys(scope: "insp-1")
        #expect(keys.count == index.configuration.bands)
        #expect(Set(keys).isDisjoint(with: long.filingKeys(scope: "insp-2")), "another inspection's keys never meet")
        #expect(Set(keys).isDisjoint(with: long.filingKeys(scope: "")))
        let short = prepared("请查处王建国！")
        #expect(short.filingKeys(scope: "insp-1").count == 1)
        #expect(prepared("请查处 王建国").filingKeys(scope: "insp-1") == short.filingKeys(scope: "insp-1"))
        #expect(prepared("请查处李四！").filingKeys(scope: "insp-1") != short.filingKeys(scope: "insp-1"))
        #expect(prepared("？！……").filingKeys(scope: "insp-1").isEmpty, "no content characters: filed nowhere")
    }

    @Test func storedBytesReadBackAsTheSameText() throws {
        for text in [Letters.original, Letters.otherMatter, "请查处王建国！", String(repeating: Letters.original, count: 12)] {
            let original = prepared(text)
            let back = try stored(original)
            #expect(back.fingerprintBytes == original.fingerprintBytes)
            #expect(back.distinctFingerprintCount == original.distinctFingerprintCount)
            #expect(back.isShort == original.isShort)
        }
    }

    @Test func damagedBytesAreRefused() {
        let bytes = prepared(Letters.original).fingerprintBytes
        #expect(index.filedText(fingerprintBytes: bytes.dropLast(), distinctCount: 1_000, contentLength: 200) == nil)
        #expect(index.filedText(fingerprintBytes: bytes, distinctCount: 1, contentLength: 200) == nil, "fewer distinct than stored")
        let descending = Array(bytes[4..<8] + bytes[0..<4])
        #expect(index.filedText(fingerprintBytes: descending, distinctCount: 2, contentLength: 200) == nil, "not ascending")
        #expect(index.filedText(fingerprintBytes: [], distinctCount: 0, contentLength: -1) == nil)
    }

    /// Given the texts filed under a query's keys, the answer is the index's own: the same match,
    /// the same measures, the same tie rule.
    @Test func comparingFiledTextsAgreesWithTheIndexInMemory() throws {
        let earlier = [Letters.otherMatter, Letters.original, Letters.reordered, Letters.traditional]
        var memory = NearDuplicateIndex()
        var filed: [FiledText] = []
        for (i, text) in earlier.enumerated() {
            memory.add(id: "r\(i)", normalizedText: normalizer.normalize(text))
            filed.append(FiledText(id: "r\(i)", text: try stored(prepared(text))))
        }
        for query in [Letters.sentenceAdded, Letters.sentenceChanged, Letters.otherMatter, "请查处王建国！"] {
            let fromMemory = memory.nearest(toNormalized: normalizer.normalize(query))
            let fromFiled = index.nearest(to: prepared(query), amongFiled: filed)
            #expect(fromMemory == fromFiled, "\(query.prefix(12))")
        }
        let short = [FiledText(id: "s0", text: try stored(prepared("请查处王建国！"))), FiledText(id: "s1", text: try stored(prepared("请查处王建国！")))]
        #expect(index.nearest(to: prepared("请查处王建国"), amongFiled: short)?.id == "s0")
    }
}
