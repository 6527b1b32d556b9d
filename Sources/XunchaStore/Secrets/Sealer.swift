import Crypto
import Foundation
import XunchaCore

/// Seals what must not be readable at rest, with AES-GCM under a subkey of the key file. Each
/// purpose binds the record it belongs to as associated data, so a sealed value copied onto
/// another report, or a file swapped with another, does not open.
public struct Sealer: Sendable {
    let identityKey: SymmetricKey
    let attachmentKey: SymmetricKey

    public init(keys: Keys) {
        identityKey = keys.identitySealing
        attachmentKey = keys.attachmentSealing
    }

    /// What is sealed, and the record it is bound to.
    public enum Purpose: Sendable {
        /// A reporter's identity (name, phone, ID number, address, e-mail).
        case identity(reportID: String)
        /// The identifying fields staff took down with a call or letter (caller number, sender as written).
        case channelFields(reportID: String)
        /// A file kept with a report, under its storage name.
        case attachment(reportID: String, storageName: String)
        /// A file kept with a problem lead (interview notes, documents), under its storage name.
        case leadMaterial(leadID: String, storageName: String)
        /// A handover archive as it was made, under its storage name.
        case handoverArchive(handoverID: String, storageName: String)
        /// A staff account's TOTP secret: the database alone does not give anyone its codes.
        case secondFactor(userID: String)
        /// A new query code waiting for the reporter to type it back, carried by their own page.
        case queryCodeConfirmation(reportID: String)

        /// Unchanged since each purpose was introduced: sealed data on disk depends on these bytes.
        var associatedData: Data {
            switch self {
            case .identity(let id): Data(id.utf8)
            case .channelFields(let id): Data(("channel-details:" + id).utf8)
            case .attachment(let id, let name): Data("xuncha attachment v1\u{0}\(id)\u{0}\(name)".utf8)
            case .leadMaterial(let id, let name): Data("xuncha lead material v1\u{0}\(id)\u{0}\(name)".utf8)
            case .handoverArchive(let id, let name): Data("xuncha handover archive v1\u{0}\(id)\u{0}\(name)".utf8)
            case .secondFactor(let id): Data("xuncha second factor v1\u{0}\(id)".utf8)
            case .queryCodeConfirmation(let id): Data("xuncha query code confirmation v1\u{0}\(id)".utf8)
            }
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Not sealed by this key for this record: damaged, moved, or another installation's.
        case cannotOpen
        public var description: String { "无法解密：数据已损坏、不属于此记录或不是本安装的密钥。/ cannot open: damaged, moved, or another key." }
    }

    /// Files (a report's, a lead's, an archive) under the files' key; values under the identities' key.
    private func key(_ purpose: Purpose) -> SymmetricKey {
        switch purpose {
        case .attachment, .leadMaterial, .handoverArchive: attachmentKey
        case .identity, .channelFields, .secondFactor, .queryCodeConfirmation: identityKey
        }
    }

    public func seal(_ plain: Data, _ purpose: Purpose) throws -> Data {
        guard let combined = try AES.GCM.seal(plain, using: key(purpose), authenticating: purpose.associatedData).combined else {
            throw CryptoKitError.incorrectParameterSize
        }
        return combined
    }

    public func open(_ sealed: Data, _ purpose: Purpose) throws -> Data {
        do {
            return try AES.GCM.open(try AES.GCM.SealedBox(combined: sealed), using: key(purpose), authenticating: purpose.associatedData)
        } catch {
            throw Failure.cannotOpen
        }
    }

    /// A value sealed as base64 text, for a database column.
    public func sealValue<T: Encodable>(_ value: T, _ purpose: Purpose) throws -> String {
        try seal(try JSONEncoder().encode(value), purpose).base64EncodedString()
    }

    public func openValue<T: Decodable>(_ type: T.Type, _ sealed: String, _ purpose: Purpose) throws -> T {
        guard let data = Data(base64Encoded: sealed) else { throw Failure.cannotOpen }
        return try JSONDecoder().decode(type, from: try open(data, purpose))
    }
}
