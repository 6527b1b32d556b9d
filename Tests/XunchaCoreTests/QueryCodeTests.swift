import Testing
import XunchaCore

@Suite struct QueryCodeTests {
    @Test func drawsSixteenDigitsDeterministicallyFromTheInjectedGenerator() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
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
