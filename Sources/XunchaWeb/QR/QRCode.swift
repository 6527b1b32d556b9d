/// A QR code (ISO/IEC 18004) of bytes, drawn on the server so that a second factor's secret never
/// leaves it for a third party's image service: byte mode, error correction level M (about 15 %
/// of the symbol may be damaged), the smallest version from 1 to 10 that holds the bytes (213 at
/// most, enough for an otpauth:// address), and of the eight masks the one with the lowest
/// penalty score.
struct QRCode: Sendable, Equatable {
    /// 1 to 10.
    let version: Int
    /// 0 to 7.
    let mask: Int
    /// `size` rows of `size` modules, row by row; true is dark.
    let modules: [[Bool]]

    var size: Int { modules.count }

    enum Failure: Error, Equatable {
        /// More bytes than version 10 at level M holds.
        case tooLong(Int)
    }

    /// The bytes versions 1 to 10 hold at level M in byte mode.
    static var capacity: Int { QRVersion.byVersion.last!.byteCapacity }

    init(bytes: [UInt8]) throws(Failure) {
        guard let chosen = QRVersion.byVersion.first(where: { $0.byteCapacity >= bytes.count }) else { throw .tooLong(bytes.count) }
        let codewords = chosen.codewords(forData: QRCode.dataCodewords(bytes, chosen))
        var grid = QRGrid(version: chosen.number)
        grid.placeFunctionPatterns()
        grid.place(codewords: codewords)
        // Each mask scored on the symbol without its format and version information (left light),
        // as ISO/IEC 18004:2015 7.8.2 asks; the first with the lowest score wins.
        var best: (mask: Int, score: Int, grid: QRGrid)?
        for mask in 0..<8 {
            var masked = grid
            masked.apply(mask: mask)
            let score = masked.penalty()
            if best == nil || score < best!.score { best = (mask, score, masked) }
        }
        var final = best!.grid
        final.placeFormat(mask: best!.mask)
        final.placeVersion()
        version = chosen.number
        mask = best!.mask
        modules = final.dark
    }

    init(_ text: String) throws(Failure) { try self.init(bytes: Array(text.utf8)) }

    /// Mode indicator, count, the bytes, terminator and padding: the data codewords of `version`.
    static func dataCodewords(_ bytes: [UInt8], _ version: QRVersion) -> [UInt8] {
        var bits = BitWriter()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version.number < 10 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = version.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var words = bits.bytes
        var pad: UInt8 = 0xEC
        while words.count < version.dataCodewords {
            words.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }
        return words
    }
}

/// Bits written most significant first.
struct BitWriter {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<min(start + 8, bits.count)].enumerated().reduce(UInt8(0)) { $0 | ($1.element ? 0x80 >> $1.offset : 0) }
        }
    }
}

/// What a version holds at level M: its blocks of data codewords and the error correction
/// codewords each block gets (ISO/IEC 18004 table 9), and where its alignment patterns sit.
struct QRVersion: Sendable {
    let number: Int
    let ecPerBlock: Int
    /// Data codewords of each block, in order.
    let blocks: [Int]
    /// Centre rows and columns of the alignment patterns (table E.1).
    let alignment: [Int]

    var dataCodewords: Int { blocks.reduce(0, +) }
    var size: Int { 17 + 4 * number }
    var byteCapacity: Int { (dataCodewords * 8 - 4 - (number < 10 ? 8 : 16)) / 8 }

    static let byVersion: [QRVersion] = [
        QRVersion(number: 1, ecPerBlock: 10, blocks: [16], alignment: []),
        QRVersion(number: 2, ecPerBlock: 16, blocks: [28], alignment: [6, 18]),
        QRVersion(number: 3, ecPerBlock: 26, blocks: [44], alignment: [6, 22]),
        QRVersion(number: 4, ecPerBlock: 18, blocks: [32, 32], alignment: [6, 26]),
        QRVersion(number: 5, ecPerBlock: 24, blocks: [43, 43], alignment: [6, 30]),
        QRVersion(number: 6, ecPerBlock: 16, blocks: [27, 27, 27, 27], alignment: [6, 34]),
        QRVersion(number: 7, ecPerBlock: 18, blocks: [31, 31, 31, 31], alignment: [6, 22, 38]),
        QRVersion(number: 8, ecPerBlock: 22, blocks: [38, 38, 39, 39], alignment: [6, 24, 42]),
        QRVersion(number: 9, ecPerBlock: 22, blocks: [36, 36, 36, 37, 37], alignment: [6, 26, 46]),
        QRVersion(number: 10, ecPerBlock: 26, blocks: [43, 43, 43, 43, 44], alignment: [6, 28, 50]),
    ]

    /// The data split into blocks, each given its Reed–Solomon codewords, and interleaved: the
    /// first codeword of every block, then the second, …, then the error correction likewise.
    func codewords(forData data: [UInt8]) -> [UInt8] {
        var start = 0
        var dataBlocks: [[UInt8]] = []
        for length in blocks {
            dataBlocks.append(Array(data[start..<start + length]))
            start += length
        }
        let divisor = ReedSolomon.generator(degree: ecPerBlock)
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, divisor) }
        var out: [UInt8] = []
        for i in 0..<(blocks.max() ?? 0) {
            for block in dataBlocks where i < block.count { out.append(block[i]) }
        }
        for i in 0..<ecPerBlock {
            for block in ecBlocks { out.append(block[i]) }
        }
        return out
    }
}

/// Reed–Solomon over GF(256) with the QR code's polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z = 0
        for i in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= Int((y >> UInt8(i)) & 1) * Int(x)
        }
        return UInt8(z)
    }

    /// The generator polynomial's coefficients (highest first, its leading 1 left out).
    static func generator(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for j in 0..<degree {
                result[j] = multiply(result[j], root)
                if j + 1 < degree { result[j] ^= result[j + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    static func remainder(_ data: [UInt8], _ divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for i in 0..<result.count { result[i] ^= multiply(divisor[i], factor) }
        }
        return result
    }
}
