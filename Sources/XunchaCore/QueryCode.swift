/// The 16-digit code (查询码) a reporter keeps to follow a report without revealing who they are.
/// It is shown once and stored only as a keyed hash, so it must carry its own entropy:
/// 16 random digits are about 53 bits.
public struct QueryCode: Hashable, Sendable {
    public static let length = 16
    public let digits: String

    /// Draws a fresh code; the generator is injected so Core stays deterministic under test.
    public static func generate(using generator: inout some RandomNumberGenerator) -> QueryCode {
        var digits = ""
        for _ in 0..<length {
            digits.append(Character(Unicode.Scalar(UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &generator))))
        }
        return QueryCode(digits: digits)
    }

    private init(digits: String) { self.digits = digits }

    /// Reads a code the way people copy it: with spaces or dashes between groups, or in
    /// full-width digits from a Chinese input method. Anything else is refused.
    public init(parsing text: String) throws(InputError) {
        var digits = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: digits.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0x20, 0x2D, 0x3000, 0xFF0D, 0x09: continue
            default:
                throw Self.shapeError
            }
        }
        guard digits.count == Self.length else { throw Self.shapeError }
        self.digits = digits
    }

    static let shapeError = InputError(
        code: "invalid_query_code",
        zh: "查询码应为16位数字。",
        en: "a query code is 16 digits.",
        field: "query_code"
    )

    /// Four groups of four, easier to copy down by hand.
    public var grouped: String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, i % 4 == 0 { out.append(" ") }
            out.append(c)
        }
        return out
    }
}
