import Crypto
import Foundation
import XunchaCore

/// Files kept with reports, from any channel, sealed at rest by the `Sealer` (AES-GCM under the
/// attachments' own subkey, the report id and the file's name bound in, so a file moved to another
/// report, or swapped with another, does not open).
/// Files live under `attachments/<report id>/`, written and flushed before the rows that name
/// them commit; a file whose rows never commit is removed (or, after a crash, left unnamed).
public struct AttachmentStore: Sendable {
    let store: any Store
    let sealer: Sealer
    public let folder: String
    public let policy: AttachmentPolicy

    public init(store: any Store, keys: Keys, dataFolder: DataFolder, policy: AttachmentPolicy = AttachmentPolicy()) {
        self.store = store
        sealer = Sealer(keys: keys)
        folder = dataFolder.path + "/attachments"
        self.policy = policy
    }

    public enum Failure: Error, CustomStringConvertible {
        case notFound(reportID: String, ordinal: Int)
        /// The sealed file is missing, damaged or belongs elsewhere.
        case unreadable(reportID: String, ordinal: Int)

        public var description: String {
            switch self {
            case .notFound(let id, let n): "报告 \(id) 没有第 \(n) 个附件。/ report \(id) has no attachment \(n)."
            case .unreadable(let id, let n): "报告 \(id) 的附件 \(n) 无法打开（文件缺失或已损坏）。/ attachment \(n) of report \(id) cannot be opened."
            }
        }
    }

    /// Adds files to a report, all or nothing: a file the policy refuses throws its `InputError`
    /// before anything is written. With `onlyIfNone`, nothing is added when the report already has
    /// files (and `[]` is returned). The audit event names each file's ordinal and SHA-256.
    @discardableResult
    public func add(
        _ files: [NewAttachment],
        to reportID: String,
        actor: AuditActor,
        at: Date,
        onlyIfNone: Bool = false
    ) async throws -> [StoredAttachment] {
        guard !files.isEmpty else { return [] }
        let existing = try await store.attachments(reportID: reportID)
        if onlyIfNone && !existing.isEmpty { return [] }
        let verdict = policy.admit(files, existingCount: existing.count, existingBytes: existing.reduce(0) { $0 + $1.size })
        if let first = verdict.refused.first { throw first.error }
        let directory = try reportFolder(reportID)
        var written: [StoredAttachment] = []
        do {
            for (file, mediaType) in verdict.accepted {
                let name = UUID().uuidString.lowercased()
                try SealedFile.write(try sealer.seal(file.data, .attachment(reportID: reportID, storageName: name)), to: directory + "/" + name)
                written.append(
                    StoredAttachment(
                        reportID: reportID,
                        ordinal: 0,
                        filename: AttachmentPolicy.cleanFilename(file.filename, fallback: "附件\(written.count + 1)"),
                        mediaType: mediaType,
                        size: file.data.count,
                        sha256: SHA256.hash(data: file.data).hexString,
                        storageName: name,
                        addedAt: at
                    )
                )
            }
            let saved = try await store.saveAttachments(written, reportID: reportID, limits: policy, onlyIfNone: onlyIfNone, actor: actor, at: at)
            if saved.isEmpty { removeFiles(written, directory) }
            return saved
        } catch {
            removeFiles(written, directory)
            throw error
        }
    }

    public func list(reportID: String) async throws -> [StoredAttachment] {
        try await store.attachments(reportID: reportID)
    }

    /// Opens one file for `actor`, writing the audit event first. The caller has checked that the
    /// actor may read the report.
    public func open(reportID: String, ordinal: Int, actor: AuditActor, at: Date) async throws -> (info: StoredAttachment, data: Data) {
        guard let info = try await store.attachments(reportID: reportID).first(where: { $0.ordinal == ordinal }) else {
            throw Failure.notFound(reportID: reportID, ordinal: ordinal)
        }
        try await store.recordAttachmentView(reportID: reportID, ordinal: ordinal, actor: actor, at: at)
        return (info, try read(info))
    }

    /// The plain bytes of a stored file, checked against its SHA-256. No audit event: for exports
    /// and tests that account for themselves.
    public func read(_ info: StoredAttachment) throws -> Data {
        let path = folder + "/" + info.reportID + "/" + info.storageName
        guard let plain = SealedFile.read(path, sealer, .attachment(reportID: info.reportID, storageName: info.storageName), sha256: info.sha256)
        else { throw Failure.unreadable(reportID: info.reportID, ordinal: info.ordinal) }
        return plain
    }

    private func reportFolder(_ reportID: String) throws -> String {
        guard let path = try SealedFile.folder(folder, reportID) else { throw Failure.notFound(reportID: reportID, ordinal: 0) }
        return path
    }

    private func removeFiles(_ files: [StoredAttachment], _ directory: String) {
        for f in files { try? FileManager.default.removeItem(atPath: directory + "/" + f.storageName) }
    }
}
