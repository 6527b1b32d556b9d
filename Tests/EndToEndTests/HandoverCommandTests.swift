import Foundation
import Logging
import Testing
import XunchaStore
import ZIPFoundation

/// `xuncha handover export` and `xuncha handover verify` run as a user runs them, on the data
/// folder `serve --demo` made (one inspection, no lead handed over yet, one lead for 组织部 with
/// its working paper signed).
@Suite(.serialized) struct HandoverCommandTests {
    @Test func anExportedArchiveVerifiesAndAByteChangedInAFileIsNamed() async throws {
        let data = TemporaryDataFolder()
        defer { data.remove() }
        try await XunchaProcess.serve(data: data.path, demo: true).stop()
        let out = data.path + "-handover.zip"

        // The demo's one lead for 组织部 has its paper signed: the list, the notes, the paper and
        // the lead's reports (the reporter masked out).
        let exported = try XunchaProcess.run(["handover", "export", "--data", data.path, "--recipient", "organization", "--out", out])
        #expect(exported.status == 0, "\(exported.output)")
        #expect(exported.output.contains("移交组织部：1 条问题线索"), "\(exported.output)")
        let files = try #require(exported.output.components(separatedBy: "条问题线索，").last?.split(separator: " ").first.flatMap { Int($0) })
        #expect(files > 4, "the list, the notes, the paper and at least one report: \(exported.output)")
        #expect(FileManager.default.fileExists(atPath: out))
        // Kept and audited: the archive is on the handover list of the data folder.
        let store = try await Installation.open(DataFolder(path: data.path), creating: false, logger: Logger(label: "test")).store
        let kept = try await store.handovers(inspectionID: "demo-seed-2023-laoganbu")
        try await store.close()
        #expect(kept.count == 1 && kept.first?.createdBy.hasPrefix("cli:") == true)
        #expect(exported.output.contains(try #require(kept.first?.sha256)))

        let verified = try XunchaProcess.run(["handover", "verify", out])
        #expect(verified.status == 0, "\(verified.output)")
        #expect(verified.output.contains("\(files) files match the manifest"), "\(verified.output)")

        // One byte of the CSV changed, written back as a proper zip entry: only the manifest knows.
        let archive = try Archive(url: URL(fileURLWithPath: out), accessMode: .update, pathEncoding: nil)
        let path = "移交清单.csv"
        let entry = try #require(archive[path])
        var bytes: [UInt8] = []
        _ = try archive.extract(entry) { bytes.append(contentsOf: $0) }
        bytes[bytes.count - 3] ^= 0x01
        let changed = Data(bytes)
        try archive.remove(entry)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(changed.count), compressionMethod: .deflate) { position, size in
            changed.subdata(in: Int(position)..<Int(position) + size)
        }
        let failed = try XunchaProcess.run(["handover", "verify", out])
        #expect(failed.status == 1, "\(failed.output)")
        #expect(failed.output.contains("移交清单.csv"))

        // No lead for 有关部门: the command line still writes the list's header, with its manifest.
        let empty = try XunchaProcess.run(["handover", "export", "--data", data.path, "--recipient", "department", "--out", out + "-empty.zip"])
        #expect(empty.status == 0 && empty.output.contains("移交有关部门：0 条问题线索，3 个文件"), "\(empty.output)")
        #expect(try XunchaProcess.run(["handover", "verify", out + "-empty.zip"]).output.contains("3 files match the manifest"))

        // Bad input: an unknown recipient, a file that is not an archive.
        let unknown = try XunchaProcess.run(["handover", "export", "--data", data.path, "--recipient", "nobody", "--out", out + "2"])
        #expect(unknown.status != 0 && unknown.output.contains("discipline、organization 或 department"))
        let notZip = data.path + "-not.zip"
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: notZip))
        let refused = try XunchaProcess.run(["handover", "verify", notZip])
        #expect(refused.status == 1 && refused.output.contains("不是 zip 归档文件"))
    }
}
