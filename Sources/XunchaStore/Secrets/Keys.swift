import Crypto
import Foundation

/// The secrets of one installation, all derived from a single 32-byte key file so that backing up
/// and protecting one file is enough. Each use gets its own subkey (HKDF), so a leak of one derived
/// value reveals nothing about the others.
public struct Keys: Sendable {
    public let identitySealing: SymmetricKey
    /// Keys the stored query-code hashes (HMAC): without the key file, not one guess can be tested
    /// against a stolen database.
    public let queryCodeLookup: SymmetricKey
    /// The secret salt of the scrypt hashes query codes were stored as before `queryCodeLookup`.
    public let queryCodeSalt: [UInt8]
    /// Keys the in-memory hashes of client addresses used only for throttling.
    public let clientTag: SymmetricKey
    /// Seals attachments and raw messages at rest (`AttachmentStore`).
    public let attachmentSealing: SymmetricKey
    /// Links the audit chain (HMAC), so that only the key's holder can extend or rewrite it.
    public let auditChain: SymmetricKey
    /// Hashes and seals a public reporter's one-time slot together with the browser's token
    /// (`ReceivedSlots`): the database alone opens none of them.
    public let receivedSlot: SymmetricKey
    /// Names the key without revealing it: the database keeps it to refuse any other key file.
    public let id: String

    public init(master: SymmetricKey) {
        func derive(_ info: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data(info.utf8), outputByteCount: 32)
        }
        identitySealing = derive("xuncha identity sealing v1")
        queryCodeLookup = derive("xuncha query code lookup v2")
        queryCodeSalt = derive("xuncha query code salt v1").withUnsafeBytes { Array($0) }
        clientTag = derive("xuncha client tag v1")
        attachmentSealing = derive("xuncha attachment sealing v1")
        auditChain = derive("xuncha audit chain v1")
        receivedSlot = derive("xuncha received slot v1")
        id = String(derive("xuncha key id v1").withUnsafeBytes { Data($0) }.prefix(8).map { String(format: "%02x", $0) }.joined())
    }

    public enum KeyFileError: Error, CustomStringConvertible {
        case wrongSize(path: String, size: Int)
        case tooOpen(path: String, mode: Int)

        public var description: String {
            switch self {
            case .wrongSize(let path, let size):
                "密钥文件 \(path) 应为32字节，实际为\(size)字节；请从备份恢复。/ key file \(path) must hold 32 bytes, found \(size); restore it from backup."
            case .tooOpen(let path, let mode):
                "密钥文件 \(path) 的权限为 \(String(mode, radix: 8))，其他用户可读；请执行 chmod 600。/ key file \(path) has mode \(String(mode, radix: 8)); run chmod 600."
            }
        }
    }

    /// Loads the key file, or creates it (mode 0600) on first start. A key file others can read is
    /// refused rather than used: it protects every reporter's identity.
    public static func loadOrCreate(at path: String) throws -> (keys: Keys, created: Bool) {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            let attributes = try fm.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            if mode & 0o077 != 0 { throw KeyFileError.tooOpen(path: path, mode: mode) }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count == 32 else { throw KeyFileError.wrongSize(path: path, size: data.count) }
            return (Keys(master: SymmetricKey(data: data)), false)
        }
        let master = SymmetricKey(size: .bits256)
        let data = master.withUnsafeBytes { Data($0) }
        guard fm.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        return (Keys(master: master), true)
    }
}
