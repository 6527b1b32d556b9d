import Foundation
import Testing
import XunchaCore
import XunchaStore

@Suite struct AttachmentStoreTests {
    private static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("图片内容 secret-png-bytes".utf8)
    private static let pdf = Data("%PDF-1.7\n举报材料 secret-pdf-words\n%%EOF".utf8)

    private func newReport(_ installation: TemporaryInstallation, _ store: SQLStore) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let report = Report(
            id: id,
            inspectionID: nil,
            channel: .email,
            receivedAt: Date(timeIntervalSince1970: 1_741_051_202),
            content: "邮件内容",
            subjects: [],
            status: .received,
            isRealName: false
        )
        try await store.saveReport(NewReport(report: report, sealedIdentity: nil, queryCodeHash: nil), actor: .system)
        return id
    }

    @Test func typesAreReadFromTheBytesAndLiesAreRefused() throws {
        let policy = AttachmentPolicy()
        func type(_ name: String?, _ declared: String, _ data: Data) throws(InputError) -> String {
            try policy.mediaType(of: NewAttachment(filename: name, declaredType: declared, data: data))
        }
        #expect(try type("扫描件.jpg", "application/octet-stream", Self.png) == "image/png")
        #expect(try type(nil, "application/octet-stream", Self.pdf) == "application/pdf")
        #expect(try type("材料.docx", "application/octet-stream", Data([0x50, 0x4B, 0x03, 0x04, 0, 0])).hasSuffix("wordprocessingml.document"))
        #expect(try type("bomb.zip", "application/zip", Data([0x50, 0x4B, 0x03, 0x04, 0, 0])) == "application/zip")
        #expect(try type("说明.txt", "text/plain; charset=gbk", Data("说明".utf8)) == "text/plain")
        #expect(try type("录音.amr", "audio/amr", Data("#!AMR\n...".utf8)) == "audio/amr")
        #expect(try type("原始邮件.eml", "message/rfc822", Data("From: a@b\r\n\r\nx".utf8)) == "message/rfc822")

        // A "scan" that is not an image, a program, and something unknown are refused, each saying why.
        #expect(throws: InputError.self) { try type("scan.jpg", "image/jpeg", Data("not an image".utf8)) }
        do throws(InputError) {
            _ = try type("scan.jpg", "image/jpeg", Data("not an image".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "attachment_type_mismatch")
            #expect(error.messageZH.contains("scan.jpg") && error.messageZH.contains("内容不是该类型"))
        }
        do throws(InputError) {
            _ = try type("发票.pdf", "application/pdf", Data([0x4D, 0x5A, 0x90, 0]))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "attachment_executable")
        }
        do throws(InputError) {
            _ = try type("x.bin", "application/octet-stream", Data([1, 2, 3]))
            Issue.record("accepted")
        } catch {
            #expect(error.code == "attachment_type_refused")
        }
    }

    @Test func limitsPerFileAndPerReportAreCheckedInOrder() {
        let policy = AttachmentPolicy(maxFileBytes: 40, maxReportBytes: 130, maxFilesPerReport: 3)
        let small = NewAttachment(filename: "a.png", declaredType: "image/png", data: Self.png)  // 38 bytes
        let big = NewAttachment(filename: "big.pdf", declaredType: "application/pdf", data: Self.pdf + Data(count: 40))
        let verdict = policy.admit([small, big, small, small, small])
        #expect(verdict.accepted.count == 3)
        #expect(verdict.refused.map(\.index) == [1, 4])
        #expect(verdict.refused.map(\.error.code) == ["attachment_too_large", "attachment_too_many"])
        #expect(
            policy.admit([small, small], existingCount: 0, existingBytes: 100).refused.map(\.error.code) == [
                "attachment_report_too_large", "attachment_report_too_large",
            ]
        )
        #expect(AttachmentPolicy.cleanFilename("../../etc/passwd", fallback: "f") == "passwd")
        #expect(AttachmentPolicy.cleanFilename("C:\\Users\\张三\\举报\u{7}.doc", fallback: "f") == "举报.doc")
        #expect(AttachmentPolicy.cleanFilename("..", fallback: "f") == "f")
    }

    @Test func filesAreSealedBoundToTheirReportAndAudited() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let attachments = AttachmentStore(store: store, keys: installation.keys, dataFolder: installation.folder)
        let id = try await newReport(installation, store)
        let other = try await newReport(installation, store)

        let first = try await attachments.add(
            [
                NewAttachment(filename: "截图.png", declaredType: "image/png", data: Self.png),
                NewAttachment(filename: "材料.pdf", declaredType: "", data: Self.pdf),
            ],
            to: id,
            actor: .system,
            at: Date()
        )
        #expect(first.map(\.ordinal) == [0, 1])
        #expect(first.map(\.mediaType) == ["image/png", "application/pdf"])
        #expect(first[1].size == Self.pdf.count)
        let more = try await attachments.add(
            [NewAttachment(filename: "补充.pdf", declaredType: "application/pdf", data: Self.pdf)],
            to: id,
            actor: .user(id: "u1"),
            at: Date()
        )
        #expect(more.map(\.ordinal) == [2])
        // onlyIfNone: a report that has files gets no more.
        #expect(
            try await attachments.add(
                [NewAttachment(filename: "x.pdf", declaredType: "", data: Self.pdf)],
                to: id,
                actor: .system,
                at: Date(),
                onlyIfNone: true
            )
            .isEmpty
        )
        let listed = try await attachments.list(reportID: id)
        #expect(listed.map(\.filename) == ["截图.png", "材料.pdf", "补充.pdf"])

        // At rest: no plain byte of the content on disk, in the files or the database.
        let dir = installation.folder.path + "/attachments/" + id
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.count == 3)
        for name in names {
            let sealed = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            #expect(sealed.range(of: Data("secret".utf8)) == nil)
            #expect(sealed.range(of: Data("举报材料".utf8)) == nil)
            let mode = try FileManager.default.attributesOfItem(atPath: dir + "/" + name)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        #expect(try await installation.databaseBytes().range(of: Data("secret".utf8)) == nil)

        let opened = try await attachments.open(reportID: id, ordinal: 1, actor: .user(id: "u1"), at: Date())
        #expect(opened.data == Self.pdf)
        let trail = try await store.auditEvents(subject: .report, id: id).map(\.action)
        #expect(trail == ["report.received", "report.attachments_added", "report.attachments_added", "report.attachment_viewed"])

        // A sealed file copied to another report's folder does not open there; nor does a damaged one.
        let otherDir = installation.folder.path + "/attachments/" + other
        try FileManager.default.createDirectory(atPath: otherDir, withIntermediateDirectories: true)
        for name in names { try FileManager.default.copyItem(atPath: dir + "/" + name, toPath: otherDir + "/" + name) }
        var moved = listed[0]
        #expect(try attachments.read(moved) == Self.png)
        moved.reportID = other
        #expect(throws: AttachmentStore.Failure.self) { try attachments.read(moved) }
        try FileManager.default.removeItem(atPath: otherDir)
        for name in names {
            var sealed = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
            sealed[sealed.count - 1] ^= 1
            try sealed.write(to: URL(fileURLWithPath: dir + "/" + name))
        }
        #expect(throws: AttachmentStore.Failure.self) { try attachments.read(listed[2]) }
        await #expect(throws: AttachmentStore.Failure.self) {
            _ = try await attachments.open(reportID: id, ordinal: 9, actor: .user(id: "u1"), at: Date())
        }

        // Refused files: nothing written, the reason given.
        await #expect(throws: InputError.self) {
            try await attachments.add(
                [NewAttachment(filename: "scan.jpg", declaredType: "image/jpeg", data: Data("text".utf8))],
                to: other,
                actor: .system,
                at: Date()
            )
        }
        #expect(try await attachments.list(reportID: other).isEmpty)
        try await store.close()
    }
}
