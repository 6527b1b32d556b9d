import Testing
import XunchaCore

/// A fixed generator so the code drawn is the same every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct QueryCodeTests {
    @Test func drawsSixteenDigitsDeterministicallyFromTheInjectedGenerator() {
        var a = SplitMix64(state: 42)
        var b = SplitMix64(state: 42)
        let code = QueryCode.generate(using: &a)
        #expect(code.digits.count == 16)
        #expect(code.digits.allSatisfy { $0.isASCII && $0.isNumber })
        #expect(code == QueryCode.generate(using: &b))
        #expect(code != QueryCode.generate(using: &a))
    }

    @Test func readsCodesTheWayPeopleCopyThem() throws {
        #expect(try QueryCode(parsing: "1234 5678 9012 3456").digits == "1234567890123456")
        #expect(try QueryCode(parsing: "1234-5678-9012-3456").digits == "1234567890123456")
        #expect(try QueryCode(parsing: "１２３４５６７８９０１２３４５６").digits == "1234567890123456")
        #expect(try QueryCode(parsing: "1234567890123456").grouped == "1234 5678 9012 3456")
    }

    @Test(arguments: ["", "123", "12345678901234567", "1234567890abcdef", "1234567890123456; DROP TABLE reports", "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦"])
    func refusesWrongShapes(_ text: String) {
        #expect(throws: InputError.self) { try QueryCode(parsing: text) }
    }
}
