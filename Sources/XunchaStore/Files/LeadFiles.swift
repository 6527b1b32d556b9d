import Crypto
import Foundation
import XunchaCore

/// Files kept with the group's work on leads, sealed at rest by the one `Sealer` like a report's
/// attachments: the material of a lead (interview notes, documents) under `leads/<lead id>/`, and
/// each handover archive as it was made under `handovers/<inspection id>/`, so a download later
/// gives the very bytes whose SHA-256 was recorded. A file is written and flushed before the rows
/// that name it commit, and removed when they do not.
public struct LeadFiles: Sendable {
    let store: any Store
    let sealer: Sealer
    public let folder: String
    public let policy: AttachmentPolicy

    public init(store: any Store, keys: Keys, dataFolder: DataFolder, policy: AttachmentPolicy = AttachmentPolicy()) {
        self.store = store
        sealer = Sealer(keys: keys)
        folder = dataFolder.path
        self.policy = policy
    }

    public enum Failure: Error, CustomStringConvertible {
        case notFound
        /// The sealed file is missing, damaged or belongs elsewhere.
        case unreadable(String)

        public var description: String {
            switch self {
            case .notFound: "未找到文件。/ no such file."
            case .unreadable(let what): "文件 \(what) 无法打开（缺失或已损坏）。/ \(what) cannot be opened."
            }
        }
    }

    // MARK: A lead's material

    /// Adds files to a lead, all or nothing: a file the policy refuses (a program, a type that
    /// lies about itself, over the limits) throws its `InputError` before anything is written.
    public func addMaterials(
        _ files: [NewAttachment],
        note: String,
        to leadID: String,
        actor: AuditActor,
        at: Date
    ) async throws
        -> [StoredLeadMaterial]
    {
        guard !files.isEmpty else { return [] }
        let existing = try await store.leadMaterials(leadID: leadID)
        let verdict = policy.admit(files, existingCount: existing.count, existingBytes: existing.reduce(0) { $0 + $1.size })
        if let first = verdict.refused.first { throw first.error }
        let directory = try Self.folder(folder + "/leads", leadID)
        var written: [StoredLeadMaterial] = []
        do {
            for (file, mediaType) in verdict.accepted {
                let name = UUID().uuidString.lowercased()
                try SealedFile.write(try sealer.seal(file.data, .leadMaterial(leadID: leadID, storageName: name)), to: directory + "/" + name)
                written.append(
                    StoredLeadMaterial(
                        leadID: leadID,
                        ordinal: 0,
                        filename: AttachmentPolicy.cleanFilename(file.filename, fallback: "材料\(written.count + 1)"),
                        mediaType: mediaType,
                        size: file.data.count,
                        sha256: SHA256.hash(data: file.data).hexString,
                        note: note,
                        storageName: name,
                        addedAt: at,
                        addedBy: actor.stored
                    )
                )
            }
            return try await store.saveLeadMaterials(written, leadID: leadID, limits: policy, actor: actor, at: at)
        } catch {
            for f in written { try? FileManager.default.removeItem(atPath: directory + "/" + f.storageName) }
            throw error
        }
    }

    /// Opens one file of a lead for `actor`, writing the audit event first. The caller has checked
    /// that the actor may see the lead.
    public func openMaterial(leadID: String, ordinal: Int, actor: AuditActor, at: Date) async throws -> (info: StoredLeadMaterial, data: Data) {
        guard let info = try await store.leadMaterials(leadID: leadID).first(where: { $0.ordinal == ordinal }) else { throw Failure.notFound }
        try await store.recordLeadMaterialView(leadID: leadID, ordinal: ordinal, actor: actor, at: at)
        let path = folder + "/leads/" + leadID + "/" + info.storageName
        guard let plain = SealedFile.read(path, sealer, .leadMaterial(leadID: leadID, storageName: info.storageName), sha256: info.sha256) else {
            throw Failure.unreadable(info.filename)
        }
        return (info, plain)
    }

    // MARK: Handover archives

    /// Seals an archive's bytes to disk, then stores the handover (numbered, its leads marked
    /// handed over, audited); the file is removed when the rows do not commit.
    public func saveHandover(_ handover: StoredHandover, bytes: [UInt8], actor: AuditActor) async throws -> StoredHandover {
        var handover = handover
        handover.storageName = UUID().uuidString.lowercased()
        handover.size = bytes.count
        handover.sha256 = SHA256.hash(data: bytes).hexString
        let path = try Self.folder(folder + "/handovers", handover.inspectionID) + "/" + handover.storageName
        try SealedFile.write(try sealer.seal(Data(bytes), .handoverArchive(handoverID: handover.id, storageName: handover.storageName)), to: path)
        do {
            return try await store.saveHandover(handover, actor: actor)
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The archive's bytes as they were made, checked against the recorded SHA-256; the download
    /// is written to the audit chain first.
    public func openHandover(_ handover: StoredHandover, actor: AuditActor, at: Date) async throws -> Data {
        try await store.recordHandoverDownload(id: handover.id, actor: actor, at: at)
        let path = folder + "/handovers/" + handover.inspectionID + "/" + handover.storageName
        guard
            let plain = SealedFile.read(
                path,
                sealer,
                .handoverArchive(handoverID: handover.id, storageName: handover.storageName),
                sha256: handover.sha256
            )
        else { throw Failure.unreadable(handover.number) }
        return plain
    }

    private static func folder(_ base: String, _ id: String) throws -> String {
        guard let path = try SealedFile.folder(base, id) else { throw Failure.notFound }
        return path
    }
}

/// Writing and reading one sealed file: created 0600, flushed to disk before anyone names it.
enum SealedFile {
    /// `<base>/<id>`, made and readable by the owner only; nil for an id that could be a path
    /// (ids are UUIDs and the like: ASCII letters, digits, `-` and `_`).
    static func folder(_ base: String, _ id: String) throws -> String? {
        guard !id.isEmpty, id.count <= 64, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            return nil
        }
        let path = base + "/" + id
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }

    static func write(_ sealed: Data, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.write(contentsOf: sealed)
        try handle.synchronize()
        try handle.close()
    }

    /// The plain bytes, or nil when the file is missing, does not open, or is not the one recorded.
    static func read(_ path: String, _ sealer: Sealer, _ purpose: Sealer.Purpose, sha256: String) -> Data? {
        guard let sealed = FileManager.default.contents(atPath: path), let plain = try? sealer.open(sealed, purpose),
            SHA256.hash(data: plain).hexString == sha256
        else { return nil }
        return plain
    }
}
