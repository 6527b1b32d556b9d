import Testing

@testable import XunchaWeb

/// The server's QR encoder against symbols made by an independent encoder (QRReferenceSymbols):
/// every version it makes (1 to 10), the mask the penalty rule picks, module for module.
@Suite struct QRCodeTests {
    static func rows(_ code: QRCode) -> [String] {
        code.modules.map { row in
            let bits = row + Array(repeating: false, count: (4 - row.count % 4) % 4)
            return stride(from: 0, to: bits.count, by: 4).map { i in
                String(bits[i..<i + 4].reduce(0) { $0 << 1 | ($1 ? 1 : 0) }, radix: 16)
            }.joined()
        }
    }

    @Test(arguments: QRReferenceSymbols.all.indices)
    func everySymbolMatchesTheReferenceEncoder(_ index: Int) throws {
        let expected = QRReferenceSymbols.all[index]
        let code = try QRCode(expected.text)
        #expect(code.version == expected.version)
        #expect(code.mask == expected.mask, "the penalty rule chose another mask")
        #expect(code.size == 17 + 4 * expected.version)
        #expect(Self.rows(code) == expected.rows)
    }

    @Test func theReferencesCoverEveryVersion() {
        #expect(Set(QRReferenceSymbols.all.map(\.version)) == Set(1...10))
    }

    @Test func tooLongAnInputIsRefusedNotCut() {
        #expect(QRCode.capacity == 213)
        #expect(throws: QRCode.Failure.tooLong(214)) { try QRCode(bytes: Array(repeating: 0x41, count: 214)) }
        #expect(throws: QRCode.Failure.tooLong(100_000)) { try QRCode(bytes: Array(repeating: 0xFF, count: 100_000)) }
    }

    @Test func anyBytesAreEncoded() throws {
        // Bytes that are not UTF-8, and the zero byte, are data like any other.
        let code = try QRCode(bytes: [0x00, 0xFF, 0xFE, 0x80, 0x0A])
        #expect(code.version == 1)
    }

    @Test func theSVGDrawsEveryDarkModuleInsideAQuietZoneAndEscapesItsLabel() throws {
        let code = try QRCode("otpauth://totp/test")
        let svg = code.svg(label: "扫码 <b>\"&")
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(code.size + 8) \(code.size + 8)\""))
        #expect(svg.contains("aria-label=\"扫码 &lt;b>&quot;&amp;\""))
        let squares = svg.components(separatedBy: "h1v1h-1z").count - 1
        #expect(squares == code.modules.joined().filter { $0 }.count)
        // The top-left finder's corner sits four modules in.
        #expect(svg.contains("M4 4h1v1h-1z"))
        #expect(!svg.contains("M3 3h1"))
    }
}
