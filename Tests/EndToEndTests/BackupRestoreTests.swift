import Foundation
import Synchronization
import Testing
import ZIPFoundation

private func field(_ name: String, in json: String) -> String? {
    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return nil }
    return object[name] as? String
}

/// Set once by one task, read by others.
final class Flag: Sendable {
    private let state = Mutex(false)
    var isSet: Bool { state.withLock { $0 } }
    func set() { state.withLock { $0 = true } }
}

/// `xuncha backup` while the real server takes reports, and `xuncha restore` of what it wrote,
/// checked as an operator would: `audit verify` and the reports there are.
@Suite(.serialized) struct BackupRestoreTests {
    /// A one-shot command run off the cooperative threads, so the load beside it goes on.
    func runAside(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try XunchaProcess.run(arguments) }) }
        }
    }

    func submit(_ server: XunchaProcess, _ text: String) async throws -> String {
        let created = try await server.post("/api/v1/reports", json: #"{"content":"\#(text)：某局长违规收受礼金。"}"#)
        guard created.status == 201, let id = field("id", in: created.body) else { throw Failure("not acknowledged: \(created.body)") }
        return id
    }

    func reportIDs(_ folder: String) throws -> Set<String> {
        let listed = try XunchaProcess.run(["report", "list", "--json", "--data", folder])
        guard listed.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(listed.output.utf8)) as? [[String: Any]] else {
            throw Failure("report list failed: \(listed.output)")
        }
        return Set(rows.compactMap { $0["id"] as? String })
    }

    @Test func aBackupTakenUnderLoadRestoresEverythingAcknowledgedBeforeIt() async throws {
        let data = TemporaryDataFolder()
        let restoredFolder = TemporaryDataFolder()
        defer {
            data.remove()
            restoredFolder.remove()
        }
        let server = try await XunchaProcess.serve(data: data.path)
        defer { server.stop() }
        var before: Set<String> = []
        for i in 0..<20 { before.insert(try await submit(server, "备份前第\(i)件")) }
        // A sealed file of the folder stands for an attachment: the backup carries the folder's files whatever made them.
        try FileManager.default.createDirectory(atPath: data.path + "/attachments/r-test", withIntermediateDirectories: true)
        let attachment = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try attachment.write(to: URL(fileURLWithPath: data.path + "/attachments/r-test/a1"))

        let backupFile = data.path + "-backup.zip"
        // Four clients submit from before the backup starts until after it has finished.
        let finished = Flag()
        let (during, backup) = try await withThrowingTaskGroup(of: [String].self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var ids: [String] = []
                    while ids.count < 5 || !finished.isSet {
                        ids.append(try await self.submit(server, "备份中\(worker)-\(ids.count)"))
                    }
                    return ids
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            let backup = try await runAside(["backup", "--data", data.path, "--out", backupFile])
            finished.set()
            var during: [String] = []
            for try await ids in group { during += ids }
            return (during, backup)
        }
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.output.contains("cannot be opened without \(data.path)/xuncha.key"), "\(backup.output)")

        let restored = try XunchaProcess.run(["restore", backupFile, "--data", restoredFolder.path, "--key", data.path + "/xuncha.key"])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.output.contains("audit chain verified"))
        let verified = try XunchaProcess.run(["audit", "verify", "--data", restoredFolder.path])
        #expect(verified.status == 0, "\(verified.output)")
        let ids = try reportIDs(restoredFolder.path)
        #expect(before.isSubset(of: ids), "every report acknowledged before the backup began is in it")
        #expect(ids.isSubset(of: before.union(during)))
        #expect(ids.count < before.count + during.count, "reports went on arriving after the snapshot: the backup ran under load")
        let counted = try #require(backup.output.firstMatch(of: #/backed up: (\d+) /#)?.output.1)
        #expect(Int(counted) == ids.count, "the backup's own count is what the restore holds")
        #expect(try Data(contentsOf: URL(fileURLWithPath: restoredFolder.path + "/attachments/r-test/a1")) == attachment)
        let mode = try FileManager.default.attributesOfItem(atPath: restoredFolder.path)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    /// One stopped installation with a backup without its key and one with it, for the refusals.
    struct Made {
        let data = TemporaryDataFolder()
        var plain: String { data.path + "-plain.zip" }
        var keyed: String { data.path + "-keyed.zip" }
        var key: String { data.path + "/xuncha.key" }
    }

    func make() async throws -> Made {
        let made = Made()
        let server = try await XunchaProcess.serve(data: made.data.path)
        _ = try await submit(server, "备份测试")
        server.stop()
        for (out, extra) in [(made.plain, [String]()), (made.keyed, ["--with-key"])] {
            let written = try XunchaProcess.run(["backup", "--data", made.data.path, "--out", out] + extra)
            guard written.status == 0 else { throw Failure(written.output) }
        }
        return made
    }

    @Test func aBackupWithItsKeyRestoresAloneAndAnExistingOutputIsNotOverwritten() async throws {
        let made = try await make()
        let target = TemporaryDataFolder()
        defer {
            made.data.remove()
            target.remove()
        }
        let restored = try XunchaProcess.run(["restore", made.keyed, "--data", target.path])
        #expect(restored.status == 0, "\(restored.output)")
        #expect(try reportIDs(target.path).count == 1)
        let before = try Data(contentsOf: URL(fileURLWithPath: made.plain))
        let again = try XunchaProcess.run(["backup", "--data", made.data.path, "--out", made.plain])
        #expect(again.status != 0)
        #expect(again.output.contains("already exists"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: made.plain)) == before)
    }

    @Test func badBackupsAndFoldersAreRefusedClearlyAndLeaveNothing() async throws {
        let made = try await make()
        let other = TemporaryDataFolder()
        let target = TemporaryDataFolder()
        defer {
            made.data.remove()
            other.remove()
            target.remove()
        }
        func refused(_ arguments: [String], _ words: String) throws {
            let run = try XunchaProcess.run(arguments)
            #expect(run.status != 0, "\(arguments)")
            #expect(run.output.contains(words), "\(run.output)")
            #expect(!FileManager.default.fileExists(atPath: target.path), "a refused restore leaves no folder")
        }
        let restore = ["restore", "--data", target.path]

        try refused(restore + [made.plain], "give the installation's xuncha.key")
        #expect(try XunchaProcess.run(["init", "--data", other.path]).status == 0)
        try refused(restore + [made.plain, "--key", other.path + "/xuncha.key"], "another installation's")
        try refused(restore + [made.keyed, "--key", other.path + "/xuncha.key"], "another installation's")
        try refused(restore + [made.plain, "--key", made.plain], "is not a Xuncha key file")

        let whole = try Data(contentsOf: URL(fileURLWithPath: made.plain))
        let truncated = target.path + "-truncated.zip"
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: truncated))
        try refused(restore + [truncated, "--key", made.key], "damaged or cut off")
        let cutAtTheEnd = target.path + "-short.zip"
        try whole.dropLast(1).write(to: URL(fileURLWithPath: cutAtTheEnd))
        try refused(restore + [cutAtTheEnd, "--key", made.key], "damaged or cut off")

        // One byte changed inside the database entry: the zip still opens, its checksums do not hold.
        var flipped = whole
        flipped[whole.count / 3] ^= 0xFF
        let corrupt = target.path + "-flipped.zip"
        try flipped.write(to: URL(fileURLWithPath: corrupt))
        try refused(restore + [corrupt, "--key", made.key], "damaged or cut off")

        let text = target.path + "-notes.txt"
        try "这不是备份。".write(toFile: text, atomically: true, encoding: .utf8)
        try refused(restore + [text, "--key", made.key], "is not a Xuncha backup")
        try refused(restore + [target.path + "-missing.zip", "--key", made.key], "is not a Xuncha backup")
        let empty = target.path + "-empty.zip"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        try refused(restore + [empty, "--key", made.key], "is not a Xuncha backup")

        let otherZip = target.path + "-other.zip"
        let archive = try Archive(url: URL(fileURLWithPath: otherZip), accessMode: .create, pathEncoding: nil)
        let note = Data("hello".utf8)
        try archive.addEntry(with: "readme.txt", type: .file, uncompressedSize: Int64(note.count)) { _, _ in note }
        try refused(restore + [otherZip, "--key", made.key], "is not a Xuncha backup")

        // A hostile manifest naming a file outside the folder: nothing is written anywhere.
        let hostile = target.path + "-hostile.zip"
        let escape = target.path + "-escaped"
        let hostileArchive = try Archive(url: URL(fileURLWithPath: hostile), accessMode: .create, pathEncoding: nil)
        let manifest = Data(
            #"{"format":"xuncha-backup","version":1,"engine":"sqlite","createdAt":"2026-01-01T00:00:00Z","keyID":"x","withKey":true,"reports":0,"auditEvents":0,"files":[{"name":"../\#(URL(fileURLWithPath: escape).lastPathComponent)","bytes":5,"sha256":"00"}]}"#
                .utf8
        )
        try hostileArchive.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(manifest.count)) { _, _ in manifest }
        try refused(restore + [hostile], "unsafe name")
        #expect(!FileManager.default.fileExists(atPath: escape))

        let newer = target.path + "-newer.zip"
        let newerArchive = try Archive(url: URL(fileURLWithPath: newer), accessMode: .create, pathEncoding: nil)
        let newerManifest = Data(String(decoding: manifest, as: UTF8.self).replacingOccurrences(of: #""version":1"#, with: #""version":99"#).utf8)
        try newerArchive.addEntry(with: "manifest.json", type: .file, uncompressedSize: Int64(newerManifest.count)) { _, _ in newerManifest }
        try refused(restore + [newer], "cannot be restored by this version")

        // Into a folder that holds anything: refused, and the folder's file untouched.
        try FileManager.default.createDirectory(atPath: target.path, withIntermediateDirectories: true)
        try "keep".write(toFile: target.path + "/mine.txt", atomically: true, encoding: .utf8)
        let busy = try XunchaProcess.run(restore + [made.keyed])
        #expect(busy.status != 0)
        #expect(busy.output.contains("is not empty"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path) == ["mine.txt"])
    }
}
