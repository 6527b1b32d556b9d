import Crypto
import Foundation
import XunchaCore

/// Seals a reporter's identity with AES-GCM before it reaches storage. The report's id is bound
/// in as associated data, so a sealed identity copied onto another report does not open.
public struct IdentitySealer: Sendable {
    let key: SymmetricKey

    public init(keys: Keys) { key = keys.identitySealing }

    public func seal(_ identity: ReporterIdentity, reportID: String) throws -> String {
        let plain = try JSONEncoder().encode(identity)
        let box = try AES.GCM.seal(plain, using: key, authenticating: Data(reportID.utf8))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined.base64EncodedString()
    }

    public func open(_ sealed: String, reportID: String) throws -> ReporterIdentity {
        guard let data = Data(base64Encoded: sealed) else { throw CryptoKitError.incorrectParameterSize }
        let box = try AES.GCM.SealedBox(combined: data)
        let plain = try AES.GCM.open(box, using: key, authenticating: Data(reportID.utf8))
        return try JSONDecoder().decode(ReporterIdentity.self, from: plain)
    }
}
