import Foundation
import HummingbirdOTP

/// A staff account's second factor: a TOTP secret (RFC 6238: HMAC-SHA1, six digits, steps of 30
/// seconds), computed by HummingbirdOTP. HummingbirdOTP keys its HMAC with a string's UTF-8 bytes,
/// so the secret is 20 letters and digits (about 119 bits), and an authenticator app receives
/// those bytes in base32, typed in groups of four or scanned from the otpauth:// address.
public struct TOTPSecret: Sendable, Equatable {
    public let key: String
    public static let stepSeconds = 30
    public static let digits = 6
    static let keyAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    public init(key: String) { self.key = key }

    public static func random() -> TOTPSecret {
        var generator = SystemRandomNumberGenerator()
        return TOTPSecret(key: String((0..<20).map { _ in keyAlphabet.randomElement(using: &generator)! }))
    }

    /// The secret as an authenticator app takes it (RFC 4648 base32, no padding).
    public var base32: String { Base32.encode(Array(key.utf8)) }

    /// The base32 secret in groups of four, for typing it in by hand.
    public var grouped: String {
        let letters = Array(base32)
        return stride(from: 0, to: letters.count, by: 4).map { String(letters[$0..<min($0 + 4, letters.count)]) }.joined(separator: " ")
    }

    /// The secret as an app shows it (`grouped`, any case, spaces or not), as a phone reads it.
    public init?(base32 text: String) {
        guard let bytes = Base32.decode(text), !bytes.isEmpty, let key = String(bytes: bytes, encoding: .utf8) else { return nil }
        self.key = key
    }

    /// The otpauth:// address an authenticator app scans.
    public func address(account: String) -> String {
        TOTP(secret: key).createAuthenticatorURL(label: "\(Self.issuer):\(account)", issuer: Self.issuer)
    }

    /// What authenticator apps list the account under.
    public static let issuer = "Xuncha"

    public static func step(at date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / Double(stepSeconds)).rounded(.down)) }

    public func code(step: Int64) -> String {
        let value = HOTP(secret: key, length: Self.digits).compute(counter: UInt64(max(step, 0)))
        let digits = String(value)
        return String(repeating: "0", count: max(0, Self.digits - digits.count)) + digits
    }

    /// The code a phone shows at `date`.
    public func code(at date: Date) -> String { code(step: Self.step(at: date)) }

    /// The step, one either side of `date`'s (a phone's clock a little off), whose code is `code`
    /// and that is later than `after` (a code is taken once); nil when there is none.
    public func matchingStep(_ code: String, at date: Date, after last: Int64?) -> Int64? {
        let now = Self.step(at: date)
        var found: Int64?
        for step in (now - 1)...(now + 1) where step > (last ?? Int64.min) {
            // Every candidate compared in full, whatever matched before, so timing tells nothing.
            if Self.constantTimeEqual(self.code(step: step), code), found == nil { found = step }
        }
        return found
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// RFC 4648 base32, the alphabet authenticator apps use.
enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    static func encode(_ bytes: [UInt8]) -> String {
        var out = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[(buffer << (5 - bits)) & 31]) }
        return out
    }

    /// Spaces, hyphens and padding are skipped and case is ignored; any other character, or more
    /// than 256 characters, is refused.
    static func decode(_ text: String) -> [UInt8]? {
        let letters = text.uppercased().filter { $0 != " " && $0 != "-" && $0 != "=" }
        guard letters.count <= 256 else { return nil }
        var out: [UInt8] = []
        var buffer = 0
        var bits = 0
        for letter in letters {
            guard let value = alphabet.firstIndex(of: letter) else { return nil }
            buffer = ((buffer << 5) | value) & 0xFFFF
            bits += 5
            if bits >= 8 {
                out.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return out
    }
}
