/// MinHash signatures cut into LSH bands: two texts share a band key with probability
/// 1 − (1 − J^rows)^bands for Jaccard similarity J, so the index looks only at texts that share
/// one and verifies those.
struct MinHashBands: Sendable {
    let bands: Int
    let rows: Int
    /// One seed per MinHash function, fixed so that keys are the same in every process.
    private let seeds: [UInt64]

    init(bands: Int, rows: Int) {
        precondition(bands >= 1 && rows >= 1, "bands and rows must be positive")
        self.bands = bands
        self.rows = rows
        var state: UInt64 = 0x5855_4E43_4841_0001
        seeds = (0..<(bands * rows)).map { _ in
            // SplitMix64: a fixed, well-spread sequence without depending on Core's generator.
            state &+= 0x9E37_79B9_7F4A_7C15
            return mix64(state)
        }
    }

    /// One key per band, each covering the band's number (so equal minima in different bands do
    /// not collide) and its `rows` minima. Empty for an empty shingle set.
    func bandKeys(of shingles: [UInt64]) -> [UInt64] {
        guard !shingles.isEmpty else { return [] }
        var minima = [UInt64](repeating: .max, count: seeds.count)
        seeds.withUnsafeBufferPointer { seeds in
            minima.withUnsafeMutableBufferPointer { minima in
                for shingle in shingles {
                    for i in 0..<seeds.count {
                        let value = mix64(shingle ^ seeds[i])
                        if value < minima[i] { minima[i] = value }
                    }
                }
            }
        }
        return (0..<bands).map { band in
            var key = mix64(UInt64(band) &+ 0xB5AD_4ECE_DA1C_E2A9)
            for row in 0..<rows { key = mix64(key ^ minima[band * rows + row]) }
            return key
        }
    }
}
