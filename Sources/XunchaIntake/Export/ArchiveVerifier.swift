import Crypto
import Foundation
import ZIPFoundation

/// What `ArchiveVerifier` found: every file as the manifest says, or the first problem.
public enum ArchiveVerification: Sendable, Equatable {
    /// Every file the manifest lists is in the archive with its size and SHA-256, and nothing else is.
    case ok(fileCount: Int)
    case failed(ArchiveProblem)

    public var isOK: Bool {
        if case .ok = self { return true }
        return false
    }
}

/// The first thing wrong with a handover archive. A case with a path names the file.
public enum ArchiveProblem: Error, Sendable, Equatable {
    /// The file could not be read at all (missing, no permission); the reason as the system gave it.
    case unreadableFile(String)
    /// The bytes are not a zip (no zip signature at the start).
    case notAZip
    /// It starts like a zip but its directory cannot be read: truncated or damaged.
    case damagedZip
    /// Two entries with the same path.
    case duplicateEntry(String)
    /// No `manifest.sha256`.
    case manifestDigestMissing
    /// `manifest.sha256` is not one line of 64 hex digits, two spaces and `manifest.json`.
    case manifestDigestUnreadable
    /// No `manifest.json`.
    case manifestMissing
    /// `manifest.json` does not have the SHA-256 that `manifest.sha256` gives: it was changed.
    case manifestDigestMismatch
    /// `manifest.json` matches its digest but is not a manifest this program writes; why.
    case manifestUnreadable(String)
    /// A file the manifest lists is not in the archive.
    case fileMissing(String)
    /// An entry the manifest does not list.
    case extraFile(String)
    /// An entry that is a symbolic link, not a file.
    case notARegularFile(String)
    /// An entry whose stored bytes cannot be decompressed or fail their CRC-32: damaged.
    case fileDamaged(String)
    /// A file whose size or SHA-256 is not the manifest's: its content was changed.
    case fileMismatch(String)

    public var messageZH: String {
        switch self {
        case .unreadableFile(let why): "无法读取归档文件：\(why)"
        case .notAZip: "不是 zip 归档文件"
        case .damagedZip: "zip 归档文件已损坏或不完整（可能下载或复制时被截断）"
        case .duplicateEntry(let p): "归档中有两个同名文件“\(p)”"
        case .manifestDigestMissing: "归档中缺少清单校验文件 manifest.sha256"
        case .manifestDigestUnreadable: "清单校验文件 manifest.sha256 格式不对"
        case .manifestMissing: "归档中缺少清单 manifest.json"
        case .manifestDigestMismatch: "清单 manifest.json 与其校验值不符：清单已被改动"
        case .manifestUnreadable(let why): "清单 manifest.json 无法读取：\(why)"
        case .fileMissing(let p): "清单中的文件“\(p)”不在归档中"
        case .extraFile(let p): "归档中的文件“\(p)”不在清单中"
        case .notARegularFile(let p): "归档中的“\(p)”是符号链接，不是文件"
        case .fileDamaged(let p): "归档中的文件“\(p)”已损坏，无法解压"
        case .fileMismatch(let p): "文件“\(p)”的内容与清单不符：文件已被改动"
        }
    }

    public var messageEN: String {
        switch self {
        case .unreadableFile(let why): "cannot read the archive: \(why)"
        case .notAZip: "not a zip archive"
        case .damagedZip: "a damaged or truncated zip archive"
        case .duplicateEntry(let p): "two entries named \(p)"
        case .manifestDigestMissing: "no manifest.sha256 in the archive"
        case .manifestDigestUnreadable: "manifest.sha256 is not a SHA-256 line for manifest.json"
        case .manifestMissing: "no manifest.json in the archive"
        case .manifestDigestMismatch: "manifest.json does not match manifest.sha256: the manifest was changed"
        case .manifestUnreadable(let why): "manifest.json cannot be read: \(why)"
        case .fileMissing(let p): "\(p) is in the manifest but not in the archive"
        case .extraFile(let p): "\(p) is in the archive but not in the manifest"
        case .notARegularFile(let p): "\(p) is a symbolic link, not a file"
        case .fileDamaged(let p): "\(p) is damaged and cannot be decompressed"
        case .fileMismatch(let p): "\(p) does not match the manifest: its content was changed"
        }
    }
}

/// Checks a handover archive written by `ArchiveWriter`: `manifest.json` against
/// `manifest.sha256`, then every file against `manifest.json`. In this order, the first problem
/// found is the answer: the zip itself, duplicate entries, the manifest's digest, the manifest,
/// files it lists that are missing, entries it does not list, then each file's bytes (in the
/// manifest's order). Folder entries, which other zip tools add, are ignored.
///
/// This shows that nothing changed by accident or by someone who left the manifest alone; whoever
/// rewrites the files and the manifest together makes a new archive that checks out (no signature).
public enum ArchiveVerifier {
    /// The largest `manifest.json` read; one line a file, a manifest of a million files is smaller.
    public static let maxManifestSize: UInt64 = 256 << 20

    public static func verify(_ url: URL) -> ArchiveVerification {
        let head: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            head = try handle.read(upToCount: 4) ?? Data()
        } catch {
            return .failed(.unreadableFile(error.localizedDescription))
        }
        guard looksLikeZip(Array(head)) else { return .failed(.notAZip) }
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
        } catch {
            return .failed(.damagedZip)
        }
        return verify(archive)
    }

    public static func verify(bytes: [UInt8]) -> ArchiveVerification {
        guard looksLikeZip(bytes) else { return .failed(.notAZip) }
        do {
            return try ZipBytes.reading(bytes) { verify($0) }
        } catch {
            return .failed(.damagedZip)
        }
    }

    /// A local file header (PK 3 4) or, for an empty zip, the end of central directory (PK 5 6).
    static func looksLikeZip(_ head: [UInt8]) -> Bool {
        head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    struct Manifest: Decodable {
        struct File: Decodable {
            let path: String
            let size: Int
            let sha256: String
        }

        let format: String
        let version: Int
        let files: [File]
    }

    static func verify(_ archive: Archive) -> ArchiveVerification {
        var entries: [[UInt8]: Entry] = [:]
        var order: [Entry] = []
        for entry in archive where entry.type != .directory {
            let key = Array(entry.path.utf8)
            guard entries[key] == nil else { return .failed(.duplicateEntry(entry.path)) }
            entries[key] = entry
            order.append(entry)
        }
        func entry(_ path: String) -> Entry? { entries[Array(path.utf8)] }

        guard let digestEntry = entry(ArchiveWriter.manifestDigestPath) else { return .failed(.manifestDigestMissing) }
        guard let digestBytes = try? read(digestEntry, in: archive, limit: 1024), let expected = manifestDigest(digestBytes) else {
            return .failed(.manifestDigestUnreadable)
        }
        guard let manifestEntry = entry(ArchiveWriter.manifestPath) else { return .failed(.manifestMissing) }
        guard let manifestBytes = try? read(manifestEntry, in: archive, limit: maxManifestSize) else {
            return .failed(.manifestUnreadable("文件损坏或过大 / damaged or too large"))
        }
        guard ArchiveWriter.sha256Hex(manifestBytes) == expected else { return .failed(.manifestDigestMismatch) }
        let manifest: Manifest
        switch parse(manifestBytes) {
        case .success(let parsed): manifest = parsed
        case .failure(let problem): return .failed(problem)
        }

        for file in manifest.files where entry(file.path) == nil { return .failed(.fileMissing(file.path)) }
        let listed = Set(
            manifest.files.map { Array($0.path.utf8) } + [ArchiveWriter.manifestPath, ArchiveWriter.manifestDigestPath].map { Array($0.utf8) }
        )
        for entry in order where !listed.contains(Array(entry.path.utf8)) { return .failed(.extraFile(entry.path)) }

        for file in manifest.files {
            guard let entry = entry(file.path) else { return .failed(.fileMissing(file.path)) }
            guard entry.type == .file else { return .failed(.notARegularFile(file.path)) }
            var hasher = SHA256()
            var size = 0
            do {
                _ = try archive.extract(entry) { chunk in
                    hasher.update(data: chunk)
                    size += chunk.count
                }
            } catch {
                return .failed(.fileDamaged(file.path))
            }
            guard size == file.size, ArchiveWriter.hex(hasher.finalize()) == file.sha256 else { return .failed(.fileMismatch(file.path)) }
        }
        return .ok(fileCount: manifest.files.count)
    }

    /// An entry's bytes, refused beyond `limit`.
    static func read(_ entry: Entry, in archive: Archive, limit: UInt64) throws -> [UInt8] {
        guard entry.type == .file, entry.uncompressedSize <= limit else { throw Archive.ArchiveError.invalidEntrySize }
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The hex digest in `<64 hex>  manifest.json` with or without the final newline (`sha256sum`'s
    /// `*` binary marker accepted too), lower-cased.
    static func manifestDigest(_ bytes: [UInt8]) -> String? {
        guard var line = String(validating: bytes, as: UTF8.self) else { return nil }
        if line.hasSuffix("\n") { line.removeLast() }
        if line.hasSuffix("\r") { line.removeLast() }
        let digest = line.prefix(64).lowercased()
        let rest = line.dropFirst(64)
        guard digest.utf8.count == 64, digest.utf8.allSatisfy(isLowerHex),
            rest == "  " + ArchiveWriter.manifestPath || rest == " *" + ArchiveWriter.manifestPath
        else { return nil }
        return digest
    }

    static func isLowerHex(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }

    static func parse(_ bytes: [UInt8]) -> Result<Manifest, ArchiveProblem> {
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: Data(bytes))
        } catch {
            return .failure(.manifestUnreadable("不是清单格式的 JSON / not a manifest in JSON"))
        }
        guard manifest.format == ArchiveWriter.format, manifest.version == ArchiveWriter.version else {
            return .failure(.manifestUnreadable("格式或版本不对 / format \(manifest.format) version \(manifest.version)"))
        }
        do {
            try ArchiveWriter.validate(paths: manifest.files.map(\.path))
        } catch {
            return .failure(.manifestUnreadable(error.messageZH + " / " + error.messageEN))
        }
        for file in manifest.files {
            guard file.size >= 0, file.sha256.utf8.count == 64, file.sha256.utf8.allSatisfy(isLowerHex) else {
                return .failure(.manifestUnreadable("“\(file.path)”的大小或 SHA-256 不对 / bad size or SHA-256 for \(file.path)"))
            }
        }
        return .success(manifest)
    }
}
