import Crypto
import Foundation
import XunchaCore
import _CryptoExtras

/// Turns a query code into what is stored: scrypt under the installation's secret salt. The hash
/// is deterministic so a code can be looked up, slow so that guessing 10^16 codes stays out of
/// reach even for someone holding the database, and useless without the key file.
public struct QueryCodeHasher: Sendable {
    let salt: [UInt8]
    let cost: Int

    /// `cost` is scrypt's N; tests may lower it, the server keeps the default (about 16 MiB, tens of ms).
    public init(keys: Keys, cost: Int = 1 << 14) {
        salt = keys.queryCodeSalt
        self.cost = cost
    }

    public func hash(_ code: QueryCode) throws -> String {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(code.digits.utf8),
            salt: salt,
            outputByteCount: 32,
            rounds: cost,
            blockSize: 8,
            parallelism: 1
        )
        return key.withUnsafeBytes { $0.hexString }
    }
}
