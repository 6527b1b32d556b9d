import Foundation
import Testing
import ZIPFoundation

@testable import XunchaIntake

private let files = [
    ArchiveFile(path: "报告/2024-001/举报内容.txt", bytes: Array("反映县财政局王某某违规发放津贴补贴。".utf8)),
    ArchiveFile(path: "报告/2024-001/附件/照片.jpg", bytes: (0..<5_000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }),
    ArchiveFile(path: "abc.txt", bytes: Array("abc".utf8)),
    ArchiveFile(path: "空文件.txt", bytes: []),
    ArchiveFile(path: "汇总/线索汇总表.csv", bytes: CSVWriter.bytes([["编号", "内容"], ["1", "=1+1"]])),
]

private func archive() throws -> [UInt8] { try ArchiveWriter().bytes(files) }

/// Changes an archive the way someone with a zip tool would: each entry rewritten in full, with a
/// correct CRC-32, so that only the manifest can tell.
private func edit(_ bytes: [UInt8], _ change: (Archive) throws -> Void) throws -> [UInt8] {
    let archive = try Archive(data: Data(bytes), accessMode: .update)
    try change(archive)
    return Array(try #require(archive.data))
}

private func contents(of path: String, in archive: Archive) throws -> Data {
    var data = Data()
    _ = try archive.extract(try #require(archive[path])) { data.append($0) }
    return data
}

private func add(_ path: String, _ data: Data, to archive: Archive) throws {
    try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
        data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
    }
}

private func replace(_ path: String, in archive: Archive, with change: (inout Data) -> Void) throws {
    var data = try contents(of: path, in: archive)
    change(&data)
    try archive.remove(try #require(archive[path]))
    try add(path, data, to: archive)
}

/// Each local file header's name, flags, DOS time and date, and where its data starts, walked from the start of the zip.
private func localHeaders(_ bytes: [UInt8]) -> [(name: String, flags: UInt16, time: UInt16, date: UInt16, dataOffset: Int)] {
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    var headers: [(String, UInt16, UInt16, UInt16, Int)] = []
    var offset = 0
    while offset + 30 <= bytes.count, u32(offset) == 0x0403_4B50 {
        let nameLength = u16(offset + 26)
        let extraLength = u16(offset + 28)
        let name = String(decoding: bytes[(offset + 30)..<(offset + 30 + nameLength)], as: UTF8.self)
        let dataOffset = offset + 30 + nameLength + extraLength
        headers.append((name, UInt16(u16(offset + 6)), UInt16(u16(offset + 10)), UInt16(u16(offset + 12)), dataOffset))
        offset = dataOffset + u32(offset + 18)
    }
    return headers
}

@Suite struct ExportArchiveWriterTests {
    @Test func theManifestListsEveryFileWithItsSizeAndDigest() throws {
        let archive = try Archive(data: Data(try archive()), accessMode: .read)
        let manifest = try contents(of: "manifest.json", in: archive)
        let json = try #require(try JSONSerialization.jsonObject(with: manifest) as? [String: Any])
        #expect(json["format"] as? String == "xuncha-archive")
        #expect(json["version"] as? Int == 1)
        let listed = try #require(json["files"] as? [[String: Any]])
        #expect(listed.map { $0["path"] as? String } == files.map(\.path).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        let abc = try #require(listed.first { $0["path"] as? String == "abc.txt" })
        #expect(abc["size"] as? Int == 3)
        #expect(abc["sha256"] as? String == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let empty = try #require(listed.first { $0["path"] as? String == "空文件.txt" })
        #expect(empty["sha256"] as? String == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let digest = String(decoding: try contents(of: "manifest.sha256", in: archive), as: UTF8.self)
        #expect(digest == ArchiveWriter.sha256Hex(manifest) + "  manifest.json\n")
        #expect(try contents(of: "报告/2024-001/附件/照片.jpg", in: archive) == Data(files[1].bytes))
    }

    @Test func namesAreUTF8FlaggedAndEveryEntryHasTheFixedTime() throws {
        let headers = localHeaders(try archive())
        #expect(
            headers.map(\.name) == [
                "manifest.json", "manifest.sha256", "abc.txt", "报告/2024-001/举报内容.txt", "报告/2024-001/附件/照片.jpg", "汇总/线索汇总表.csv", "空文件.txt",
            ]
        )
        #expect(headers.allSatisfy { $0.flags & 0x0800 != 0 })
        // 1980-01-01 00:00:00: DOS date day 1, month 1, year 0; time 0.
        #expect(headers.allSatisfy { $0.date == 0x0021 && $0.time == 0 })
    }

    @Test func theSameFilesInAnyOrderGiveTheSameBytes() throws {
        let first = try archive()
        #expect(try archive() == first)
        #expect(try ArchiveWriter().bytes(files.reversed()) == first)
        #expect(try ArchiveWriter(modificationDate: Date(timeIntervalSince1970: 1_700_000_000)).bytes(files) != first)
    }

    @Test(arguments: [
        ("", ArchivePathError.empty),
        ("../x", .parentReference("../x")),
        ("a/../../b", .parentReference("a/../../b")),
        ("..", .parentReference("..")),
        ("/etc/passwd", .absolute("/etc/passwd")),
        ("C:/Windows/x", .absolute("C:/Windows/x")),
        ("c:x", .absolute("c:x")),
        ("a//b", .notNormalized("a//b")),
        ("a/", .notNormalized("a/")),
        ("./a", .notNormalized("./a")),
        ("a/./b", .notNormalized("a/./b")),
        ("..\\x", .forbiddenCharacter("..\\x", "\\")),
        ("a\u{0}b", .forbiddenCharacter("a\u{0}b", "\u{0}")),
        ("换行\n.txt", .forbiddenCharacter("换行\n.txt", "\n")),
        ("问题?.txt", .forbiddenCharacter("问题?.txt", "?")),
        ("manifest.json", .reserved("manifest.json")),
        ("MANIFEST.SHA256", .reserved("MANIFEST.SHA256")),
    ])
    func hostilePathsAreRefusedAtWriteTime(path: String, error: ArchivePathError) {
        #expect(throws: error) { try ArchiveWriter().bytes([ArchiveFile(path: path, bytes: [1])]) }
        #expect(!error.messageZH.isEmpty && !error.messageEN.isEmpty)
    }

    @Test func longPathsAndPathsBesideTheManifestAreFine() throws {
        try ArchiveWriter.validate(path: "子目录/manifest.json")
        try ArchiveWriter.validate(path: String(repeating: "很长的文件夹名/", count: 50) + "文件.txt")
        try ArchiveWriter.validate(path: ".hidden/..twodots/a..b")
        #expect(throws: ArchivePathError.self) { try ArchiveWriter.validate(path: String(repeating: "a", count: 65_536)) }
    }

    @Test(arguments: [
        (["报告.txt", "报告.txt"], ArchivePathError.duplicate("报告.txt")),
        (["Report.TXT", "report.txt"], .duplicate("report.txt")),
        (["\u{E9}.txt", "e\u{301}.txt"], .duplicate("e\u{301}.txt")),
        (["a", "a/b"], .fileFolderConflict("a/b")),
        (["a/b/c", "A/B"], .fileFolderConflict("A/B")),
    ])
    func duplicatesAndFileFolderConflictsAreRefused(paths: [String], error: ArchivePathError) {
        #expect(throws: error) { try ArchiveWriter().bytes(paths.map { ArchiveFile(path: $0, bytes: []) }) }
    }

    @Test func messagesShowControlCharactersAsCodes() {
        let error = ArchivePathError.forbiddenCharacter("a\u{0}b", "\u{0}")
        #expect(error.messageZH == "路径“aU+0000b”含有不能用于文件名的字符 U+0000")
        #expect(ArchivePathError.forbiddenCharacter("a:b", ":").messageZH == "路径“a:b”含有不能用于文件名的字符 “:”")
    }

    @Test func anArchiveWithNoFilesHasAManifestAndVerifies() throws {
        let bytes = try ArchiveWriter().bytes([])
        #expect(ArchiveVerifier.verify(bytes: bytes) == .ok(fileCount: 0))
        let manifest = try contents(of: "manifest.json", in: try Archive(data: Data(bytes), accessMode: .read))
        #expect(String(decoding: manifest, as: UTF8.self) == "{\n  \"format\": \"xuncha-archive\",\n  \"version\": 1,\n  \"files\": []\n}\n")
    }
}

@Suite struct ExportArchiveVerifierTests {
    @Test func aWrittenArchiveVerifies() throws {
        #expect(ArchiveVerifier.verify(bytes: try archive()) == .ok(fileCount: files.count))
    }

    @Test func aWrittenFileVerifies() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-archive-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try ArchiveWriter().write(files, to: url)
        #expect(size == (try archive()).count)
        #expect(ArchiveVerifier.verify(url) == .ok(fileCount: files.count))
        #expect(ArchiveVerifier.verify(url).isOK)
    }

    @Test func oneChangedByteNamesTheFile() throws {
        let bytes = try edit(try archive()) { archive in
            try replace("报告/2024-001/附件/照片.jpg", in: archive) { $0[2_500] ^= 0x01 }
        }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.fileMismatch("报告/2024-001/附件/照片.jpg")))
    }

    @Test func aFileCutShortNamesTheFile() throws {
        let bytes = try edit(try archive()) { archive in
            try replace("abc.txt", in: archive) { $0.removeLast() }
        }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.fileMismatch("abc.txt")))
    }

    @Test func aByteFlippedInTheStoredDataIsADamagedFile() throws {
        var bytes = try archive()
        let photo = try #require(localHeaders(bytes).first { $0.name == "报告/2024-001/附件/照片.jpg" })
        bytes[photo.dataOffset + 20] ^= 0xFF
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.fileDamaged("报告/2024-001/附件/照片.jpg")))
    }

    @Test func aRemovedFileIsMissing() throws {
        let bytes = try edit(try archive()) { try $0.remove(try #require($0["空文件.txt"])) }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.fileMissing("空文件.txt")))
    }

    @Test func anAddedFileIsExtra() throws {
        let bytes = try edit(try archive()) { try add("报告/2024-001/补充.txt", Data("后来加的".utf8), to: $0) }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.extraFile("报告/2024-001/补充.txt")))
    }

    @Test func anEditedManifestNoLongerMatchesItsDigest() throws {
        let bytes = try edit(try archive()) { archive in
            try replace("manifest.json", in: archive) { data in
                data = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"size\": 3,", with: "\"size\": 4,").utf8)
            }
        }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.manifestDigestMismatch))
    }

    @Test func aManifestRewrittenWithItsDigestStillHasToMatchTheFiles() throws {
        // Someone drops a file from the manifest and writes a new digest: the file is then extra.
        let bytes = try edit(try archive()) { archive in
            var manifest = String(decoding: try contents(of: "manifest.json", in: archive), as: UTF8.self)
            let line = try #require(manifest.split(separator: "\n").first { $0.contains("\"abc.txt\"") })
            manifest = manifest.replacingOccurrences(of: line + "\n", with: "")
            try replace("manifest.json", in: archive) { $0 = Data(manifest.utf8) }
            try replace("manifest.sha256", in: archive) { $0 = Data((ArchiveWriter.sha256Hex(Data(manifest.utf8)) + "  manifest.json\n").utf8) }
        }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.extraFile("abc.txt")))
    }

    @Test func aManifestThatDoesNotParse() throws {
        for text in [
            "not json", "{\"format\": \"xuncha-archive\", \"version\": 2, \"files\": []}",
            "{\"format\": \"xuncha-archive\", \"version\": 1, \"files\": [{\"path\": \"../x\", \"size\": 1, \"sha256\": \"00\"}]}",
        ] {
            let bytes = try edit(try archive()) { archive in
                try replace("manifest.json", in: archive) { $0 = Data(text.utf8) }
                try replace("manifest.sha256", in: archive) { $0 = Data((ArchiveWriter.sha256Hex(Data(text.utf8)) + "  manifest.json\n").utf8) }
            }
            guard case .failed(.manifestUnreadable(let why)) = ArchiveVerifier.verify(bytes: bytes) else {
                Issue.record("\(text): \(ArchiveVerifier.verify(bytes: bytes))")
                continue
            }
            #expect(!why.isEmpty)
        }
    }

    @Test func theManifestAndItsDigestMustBeThere() throws {
        let noDigest = try edit(try archive()) { try $0.remove(try #require($0["manifest.sha256"])) }
        #expect(ArchiveVerifier.verify(bytes: noDigest) == .failed(.manifestDigestMissing))
        let noManifest = try edit(try archive()) { try $0.remove(try #require($0["manifest.json"])) }
        #expect(ArchiveVerifier.verify(bytes: noManifest) == .failed(.manifestMissing))
        let badDigest = try edit(try archive()) { archive in try replace("manifest.sha256", in: archive) { $0 = Data("不是摘要\n".utf8) } }
        #expect(ArchiveVerifier.verify(bytes: badDigest) == .failed(.manifestDigestUnreadable))
    }

    @Test func aDuplicateEntryIsAProblem() throws {
        let bytes = try edit(try archive()) { try add("abc.txt", Data("abc".utf8), to: $0) }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .failed(.duplicateEntry("abc.txt")))
    }

    @Test func folderEntriesAddedByOtherToolsAreIgnored() throws {
        let bytes = try edit(try archive()) { archive in
            try archive.addEntry(with: "报告/", type: .directory, uncompressedSize: Int64(0)) { _, _ in Data() }
        }
        #expect(ArchiveVerifier.verify(bytes: bytes) == .ok(fileCount: files.count))
    }

    @Test func aTruncatedArchiveIsDamaged() throws {
        let bytes = try archive()
        #expect(ArchiveVerifier.verify(bytes: Array(bytes.prefix(bytes.count / 2))) == .failed(.damagedZip))
        #expect(ArchiveVerifier.verify(bytes: Array(bytes.dropLast())) == .failed(.damagedZip))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-truncated-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes.prefix(1_000)).write(to: url)
        #expect(ArchiveVerifier.verify(url) == .failed(.damagedZip))
    }

    @Test func notAZipAtAll() throws {
        #expect(ArchiveVerifier.verify(bytes: Array("这不是压缩包".utf8)) == .failed(.notAZip))
        #expect(ArchiveVerifier.verify(bytes: []) == .failed(.notAZip))
        #expect(ArchiveVerifier.verify(bytes: CSVWriter.bytes([["a"]])) == .failed(.notAZip))
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-no-such-\(UUID().uuidString).zip")
        guard case .failed(.unreadableFile) = ArchiveVerifier.verify(missing) else {
            Issue.record("a missing file: \(ArchiveVerifier.verify(missing))")
            return
        }
    }

    @Test func everyProblemHasMessages() {
        let problems: [ArchiveProblem] = [
            .unreadableFile("x"), .notAZip, .damagedZip, .duplicateEntry("a"), .manifestDigestMissing, .manifestDigestUnreadable, .manifestMissing,
            .manifestDigestMismatch, .manifestUnreadable("x"), .fileMissing("a"), .extraFile("a"), .notARegularFile("a"), .fileDamaged("a"),
            .fileMismatch("a"),
        ]
        #expect(Set(problems.map(\.messageZH)).count == problems.count)
        #expect(Set(problems.map(\.messageEN)).count == problems.count)
    }
}
