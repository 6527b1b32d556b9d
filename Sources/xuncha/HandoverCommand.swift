import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

struct HandoverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "移交问题线索 / hand the leads over.",
        subcommands: [Export.self, Verify.self]
    )

    /// `xuncha handover export`: the same archive the leader makes in the console, made, kept and
    /// audited the same way; with no leads to hand over it still holds its list and manifest.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "生成移交档案（zip），相关问题线索标记为已移交 / make a handover archive; its leads are marked handed over.",
            discussion: "档案含移交清单（XLSX、CSV）、经签发的问题底稿、隐去反映人身份的反映材料和 manifest.json。/ See docs/workflow.md."
        )

        @Option(help: "接收单位：discipline（纪委监委）、organization（组织部）、department（有关部门）/ the recipient.")
        var recipient: String

        @Option(help: "巡察编号；只有一个巡察时可省略 / inspection id; may be left out when there is only one.")
        var inspection: String?

        @Flag(help: "涉及被巡察单位一把手的线索（单独归档）/ the leads about the inspected unit's principal, archived apart.")
        var principal = false

        @Option(help: "写入的 zip 文件 / the zip file to write.")
        var out: String

        @Option(help: "操作人（记入操作记录）/ who runs it, for the audit trail.")
        var by: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            guard let recipient = HandoverRecipient(rawValue: recipient) else {
                throw ValidationError("接收单位应为 discipline、organization 或 department。/ --recipient must be discipline, organization or department.")
            }
            let made: (handover: StoredHandover, bytes: [UInt8])
            do {
                made = try await dataOptions.withExistingStore { store, desks in
                    let inspection = try await store.pickInspection(inspection)
                    return try await desks.staff.createHandover(
                        .commandLine(by),
                        recipient: recipient,
                        aboutPrincipal: principal,
                        inspectionID: inspection.id,
                        allowEmpty: true
                    )
                }
            } catch let error as DeskError {
                throw ValidationError(error.description)
            }
            try Data(made.bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            let h = made.handover
            print("\(h.number) 移交\(h.recipient.chineseName)：\(h.leadIDs.count) 条问题线索，\(h.fileCount) 个文件 → \(out)")
            print("sha256 \(h.sha256)")
        }
    }

    /// `xuncha handover verify`: every file of an archive against its manifest.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按 manifest.json 校验移交档案中的每个文件 / check every file of a handover archive against its manifest.",
            discussion: "全部相符时退出码为 0，否则为 1 并指出第一个不符的文件。/ Exits 0 when every file matches, 1 naming the first that does not."
        )

        @Argument(help: "移交档案（zip）/ the archive.")
        var file: String

        func run() async throws {
            switch ArchiveVerifier.verify(URL(fileURLWithPath: file)) {
            case .ok(let count):
                print("校验通过：\(count) 个文件与清单相符。/ verified: \(count) files match the manifest.")
            case .failed(let problem):
                print("校验失败：\(problem.messageZH)。/ verification failed: \(problem.messageEN).")
                throw ExitCode(1)
            }
        }
    }
}
