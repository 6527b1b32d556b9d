import Crypto
import Foundation
import XunchaCore
import _CryptoExtras

/// Turns a query code into what is stored: HMAC-SHA-256 under a key derived from the key file,
/// tagged `hmac:`. A code carries 53 bits from a CSPRNG, so a slow hash adds nothing against
/// someone with the database alone (without the key they cannot test one guess) nor against
/// someone with the key file (who can open every sealed identity anyway); guessing online is the
/// throttle's business. The argument is in docs/security.md.
///
/// Codes issued before that are stored as scrypt under the installation's secret salt (bare hex).
/// They are still found, by the slow hash, until their first successful use re-hashes them.
public struct QueryCodeHasher: Sendable {
    let lookupKey: SymmetricKey
    let legacySalt: [UInt8]
    let legacyCost: Int

    /// What marks a hash of the current scheme. Legacy hashes are bare lowercase hex, so they all
    /// sort below `legacyUpperBound` and the current ones above it.
    public static let prefix = "hmac:"
    public static let legacyUpperBound = "g"

    /// `legacyCost` is the scrypt N codes were once stored with; tests may lower it.
    public init(keys: Keys, legacyCost: Int = 1 << 14) {
        lookupKey = keys.queryCodeLookup
        legacySalt = keys.queryCodeSalt
        self.legacyCost = legacyCost
    }

    /// The stored form of a code: microseconds, so it may sit on the path that acknowledges a report.
    public func hash(_ code: QueryCode) -> String {
        Self.prefix + HMAC<SHA256>.authenticationCode(for: Data(code.digits.utf8), using: lookupKey).hexString
    }

    /// The form codes were stored in before `hash`: scrypt, tens of milliseconds at the default cost.
    public func legacyHash(_ code: QueryCode) throws -> String {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(code.digits.utf8),
            salt: legacySalt,
            outputByteCount: 32,
            rounds: legacyCost,
            blockSize: 8,
            parallelism: 1
        )
        return key.withUnsafeBytes { $0.hexString }
    }
}
