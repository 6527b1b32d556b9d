import Crypto
import Foundation

/// A file to put in a handover archive: where it goes inside the archive, and its bytes.
public struct ArchiveFile: Sendable, Hashable {
    /// Relative, `/` between folders, e.g. `报告/2024-001/举报内容.txt`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// Why a path cannot go into a handover archive. Each case holds the path as given.
public enum ArchivePathError: Error, Sendable, Equatable {
    /// An empty path.
    case empty
    /// Starts with `/`, or with a drive letter such as `C:`.
    case absolute(String)
    /// Has a `..` component: extracted, it would land outside the folder.
    case parentReference(String)
    /// Has an empty component (`a//b`, `a/`) or a `.` component: there is one way to write each path.
    case notNormalized(String)
    /// Holds a control character or one Windows refuses in a file name: `\ : * ? " < > |`.
    case forbiddenCharacter(String, Character)
    /// Longer than a zip entry name can be (65,535 bytes of UTF-8).
    case tooLong(String)
    /// The name of the archive's own manifest, `manifest.json` or `manifest.sha256`, at the top, in any case.
    case reserved(String)
    /// The same path as an earlier file, ignoring case (Windows and macOS would extract one over the other).
    case duplicate(String)
    /// A file where another path needs a folder (`a` and `a/b`), ignoring case.
    case fileFolderConflict(String)

    public var path: String {
        switch self {
        case .empty: ""
        case .absolute(let p), .parentReference(let p), .notNormalized(let p), .forbiddenCharacter(let p, _), .tooLong(let p),
            .reserved(let p), .duplicate(let p), .fileFolderConflict(let p):
            p
        }
    }

    public var messageZH: String {
        switch self {
        case .empty: "归档文件的路径为空"
        case .absolute(let p): "路径“\(Self.shown(p))”是绝对路径，归档中只能使用相对路径"
        case .parentReference(let p): "路径“\(Self.shown(p))”含有“..”，会指向归档目录之外"
        case .notNormalized(let p): "路径“\(Self.shown(p))”不规范：含有空的层级（如“a//b”或以“/”结尾）或“.”"
        case .forbiddenCharacter(let p, let c): "路径“\(Self.shown(p))”含有不能用于文件名的字符 \(Self.shown(c))"
        case .tooLong(let p): "路径“\(Self.shown(String(p.prefix(40))))……”过长"
        case .reserved(let p): "路径“\(Self.shown(p))”与归档自身的清单文件同名"
        case .duplicate(let p): "路径“\(Self.shown(p))”重复（不区分大小写）"
        case .fileFolderConflict(let p): "路径“\(Self.shown(p))”与另一个文件冲突：同一名称既是文件又是文件夹"
        }
    }

    /// A character as a message shows it: itself in quotes, a control character as U+XXXX.
    static func shown(_ character: Character) -> String {
        let invisible = character.unicodeScalars.contains { $0.properties.generalCategory == .control || !XMLText.isAllowed($0) }
        guard invisible else { return "“\(character)”" }
        return character.unicodeScalars.map { String(format: "U+%04X", $0.value) }.joined(separator: " ")
    }

    /// A path as a message shows it: control characters as U+XXXX.
    static func shown(_ path: String) -> String {
        path.map { character in
            let invisible = character.unicodeScalars.contains { $0.properties.generalCategory == .control || !XMLText.isAllowed($0) }
            return invisible ? shown(character) : String(character)
        }.joined()
    }

    public var messageEN: String {
        switch self {
        case .empty: "an empty path"
        case .absolute(let p): "\(Self.shown(p)): an absolute path; archive paths are relative"
        case .parentReference(let p): "\(Self.shown(p)): a .. component would point outside the archive's folder"
        case .notNormalized(let p): "\(Self.shown(p)): an empty or . component"
        case .forbiddenCharacter(let p, let c): "\(Self.shown(p)): a character not allowed in file names, \(Self.shown(c))"
        case .tooLong(let p): "\(Self.shown(String(p.prefix(40))))...: too long for a zip entry name"
        case .reserved(let p): "\(Self.shown(p)): the name of the archive's own manifest"
        case .duplicate(let p): "\(Self.shown(p)): a duplicate path (ignoring case)"
        case .fileFolderConflict(let p): "\(Self.shown(p)): a file where another path needs a folder"
        }
    }
}

/// The handover archive (移交档案): a zip of the files given plus `manifest.json`, which lists
/// every file's path, size and SHA-256, and `manifest.sha256`, the SHA-256 of `manifest.json` in
/// the format of `sha256sum` (so `sha256sum -c manifest.sha256` checks it after unzipping).
/// `ArchiveVerifier` checks an archive against its manifest.
///
/// The archive holds `manifest.json`, `manifest.sha256`, then the files sorted by the bytes of
/// their paths, whatever order they were given in; every entry is deflated and carries
/// `modificationDate`, so the same files give the same bytes. Paths are stored in UTF-8 with the
/// zip's UTF-8 flag, which Windows Explorer, macOS and Info-ZIP honour.
///
/// `manifest.json`:
/// ```
/// {
///   "format": "xuncha-archive",
///   "version": 1,
///   "files": [
///     {"path": "报告/举报内容.txt", "size": 1234, "sha256": "<64 lower-case hex digits>"}
///   ]
/// }
/// ```
public struct ArchiveWriter: Sendable {
    public static let manifestPath = "manifest.json"
    public static let manifestDigestPath = "manifest.sha256"
    public static let format = "xuncha-archive"
    public static let version = 1
    /// 1980-01-01 00:00:00, the time on every zip entry unless another is given.
    public static let defaultModificationDate = ExportZip.defaultModificationDate

    public var modificationDate: Date

    public init(modificationDate: Date = ArchiveWriter.defaultModificationDate) {
        self.modificationDate = modificationDate
    }

    /// The archive's bytes. Throws `ArchivePathError` for the first path, in the order given, that
    /// cannot go in the archive; otherwise only the zip library's own error (writing in memory: never seen).
    public func bytes(_ files: [ArchiveFile]) throws -> [UInt8] {
        try Self.validate(paths: files.map(\.path))
        let sorted = files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let manifest = Array(Self.manifest(sorted).utf8)
        let digestLine = Array((Self.sha256Hex(manifest) + "  " + Self.manifestPath + "\n").utf8)
        var entries: [(path: String, bytes: [UInt8])] = [(Self.manifestPath, manifest), (Self.manifestDigestPath, digestLine)]
        entries += sorted.map { ($0.path, $0.bytes) }
        return try ExportZip.bytes(entries, modificationDate: modificationDate)
    }

    /// Writes the archive to `url` (replacing a file there), atomically; returns its size in bytes.
    /// Throws as `bytes` does, or the file system's error.
    @discardableResult
    public func write(_ files: [ArchiveFile], to url: URL) throws -> Int {
        let bytes = try bytes(files)
        try Data(bytes).write(to: url, options: .atomic)
        return bytes.count
    }

    /// Checks one path: relative, normalized, no `..`, nothing Windows refuses, not the manifest's name.
    public static func validate(path: String) throws(ArchivePathError) {
        guard !path.isEmpty else { throw .empty }
        guard path.utf8.count <= Int(UInt16.max) else { throw .tooLong(path) }
        if path.hasPrefix("/") { throw .absolute(path) }
        let utf8 = Array(path.utf8)
        if utf8.count >= 2, utf8[1] == UInt8(ascii: ":"), (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(utf8[0] & 0xDF) {
            throw .absolute(path)
        }
        for character in path {
            let forbidden = character.unicodeScalars.contains { scalar in
                scalar.properties.generalCategory == .control || !XMLText.isAllowed(scalar) || "\\:*?\"<>|".unicodeScalars.contains(scalar)
            }
            if forbidden { throw .forbiddenCharacter(path, character) }
        }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { throw .parentReference(path) }
        if components.contains(where: { $0.isEmpty || $0 == "." }) { throw .notNormalized(path) }
        let lowered = path.lowercased()
        if lowered == manifestPath || lowered == manifestDigestPath { throw .reserved(path) }
    }

    /// Checks every path, then that no two name the same file or a file and a folder, ignoring case.
    public static func validate(paths: [String]) throws(ArchivePathError) {
        var files: Set<String> = []
        var folders: Set<String> = []
        for path in paths {
            try validate(path: path)
            let key = path.lowercased()
            if files.contains(key) { throw .duplicate(path) }
            if folders.contains(key) { throw .fileFolderConflict(path) }
            let components = key.split(separator: "/")
            var prefixes: [String] = []
            for end in components.indices.dropLast() {
                prefixes.append(components[...end].joined(separator: "/"))
            }
            if prefixes.contains(where: files.contains) { throw .fileFolderConflict(path) }
            files.insert(key)
            folders.formUnion(prefixes)
        }
    }

    static func manifest(_ files: [ArchiveFile]) -> String {
        var json = "{\n  \"format\": \"\(format)\",\n  \"version\": \(version),\n  \"files\": ["
        for (index, file) in files.enumerated() {
            json += index == 0 ? "\n" : ",\n"
            json += "    {\"path\": \(jsonString(file.path)), \"size\": \(file.bytes.count), "
            json += "\"sha256\": \"\(sha256Hex(file.bytes))\"}"
        }
        json += files.isEmpty ? "]\n}\n" : "\n  ]\n}\n"
        return json
    }

    /// A JSON string literal: quote, backslash and controls escaped, everything else as it is (UTF-8).
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// SHA-256 in lower-case hex.
    static func sha256Hex(_ bytes: some DataProtocol) -> String { hex(SHA256.hash(data: bytes)) }

    static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
