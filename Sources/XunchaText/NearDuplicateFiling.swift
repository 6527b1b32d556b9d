import Foundation

/// How a store keeps the near-duplicate index in its tables instead of in memory (docs/text.md,
/// "The index in the database"): each text is filed under a few 64-bit keys, its fingerprints kept
/// beside it, and a new text is compared only with the texts filed under one of its own keys.
extension PreparedText {
    /// The keys this text is filed and looked up under: its LSH band keys, or for a short text its
    /// content key, each mixed with `scope` (an inspection's id; "" for the reports no inspection
    /// claimed) so that one table serves every inspection and texts meet only within their own.
    /// Signed, as both engines store 64-bit integers.
    public func filingKeys(scope: String) -> [Int64] {
        // FNV-1a over the scope's bytes, spread by the finalizer like every other key here.
        var scopeHash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in scope.utf8 { scopeHash = (scopeHash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        scopeHash = mix64(scopeHash)
        guard isShort else { return bandKeys.map { Int64(bitPattern: mix64($0 ^ scopeHash)) } }
        // A short text without content characters is never a repeat, so it is filed nowhere.
        guard contentLength > 0 else { return [] }
        return [Int64(bitPattern: mix64(mix64(contentKey ^ 0x5348_4F52_5454_4558) ^ scopeHash))]
    }

    /// The stored fingerprints, four little-endian bytes each, as a store keeps them.
    public var fingerprintBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fingerprints.count * 4)
        for fingerprint in fingerprints {
            for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: fingerprint >> UInt32(shift))) }
        }
        return bytes
    }

    /// Distinct fingerprints before the bottom-k cap (`fingerprintBytes` may hold fewer).
    public var distinctFingerprintCount: Int { distinctCount }

    /// Content characters (ideographs, letters, digits): below the configuration's
    /// `shortTextLength` a text is compared by its content alone.
    public var contentCharacterCount: Int { contentLength }
}

/// A text a store found filed under one of a new text's keys.
public struct FiledText: Sendable {
    public let id: String
    public let text: PreparedText

    public init(id: String, text: PreparedText) {
        self.id = id
        self.text = text
    }
}

extension NearDuplicateIndex {
    /// A text as a store kept it (`fingerprintBytes`, `distinctFingerprintCount`,
    /// `contentCharacterCount`); nil when the bytes are not whole fingerprints in ascending order,
    /// so that a damaged row is never compared as if it were a text.
    public func filedText(fingerprintBytes bytes: some Collection<UInt8>, distinctCount: Int, contentLength: Int) -> PreparedText? {
        guard bytes.count % 4 == 0, distinctCount >= bytes.count / 4, contentLength >= 0 else { return nil }
        var fingerprints = [UInt32](repeating: 0, count: bytes.count / 4)
        // Stored little-endian: on a little-endian machine one copy, and the swap below does nothing.
        fingerprints.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        for i in fingerprints.indices {
            fingerprints[i] = UInt32(littleEndian: fingerprints[i])
            guard i == 0 || fingerprints[i - 1] < fingerprints[i] else { return nil }
        }
        return PreparedText(
            fingerprints: fingerprints,
            distinctCount: distinctCount,
            contentLength: contentLength,
            isShort: contentLength < configuration.shortTextLength
        )
    }

    /// The Jaccard similarity a filed text probably has with a query it shares `shared` of its
    /// keys with: (shared ÷ bands)^(1 ÷ rows), the inverse of how often banding brings a pair. A
    /// store ranks what it found by this, and by the containment it implies for the two sizes, to
    /// read the likeliest repeats first (`SQLStore+NearDuplicates.swift`).
    public func estimatedJaccard(sharingKeys shared: Int) -> Double {
        min(1, pow(Double(shared) / Double(configuration.bands), 1 / Double(configuration.rowsPerBand)))
    }

    /// `nearest(to:excluding:)` over the texts a store found filed under the query's
    /// `filingKeys`, oldest first: the same comparison and the same tie rule (the earliest of the
    /// most similar), with the store having done the LSH step.
    public func nearest(to query: PreparedText, amongFiled candidates: [FiledText]) -> NearDuplicateMatch? {
        if query.isShort {
            // Filed under the query's one key: the same content characters in the same scope.
            guard query.contentLength > 0, let first = candidates.first(where: { $0.text.isShort }) else { return nil }
            return NearDuplicateMatch(id: first.id, similarity: 1, jaccard: 1, containment: 1)
        }
        var best: (id: String, comparison: NearDuplicateComparison)?
        for candidate in candidates where !candidate.text.isShort {
            let comparison = candidate.text.fingerprints.withUnsafeBufferPointer {
                compare(query, storedFingerprints: $0, distinct: candidate.text.distinctCount)
            }
            if comparison.isRepeat && comparison.similarity > (best?.comparison.similarity ?? -1) {
                best = (candidate.id, comparison)
            }
        }
        return best.map {
            NearDuplicateMatch(
                id: $0.id,
                similarity: $0.comparison.similarity,
                jaccard: $0.comparison.jaccard,
                containment: $0.comparison.containment
            )
        }
    }
}
