import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "电子邮件渠道 / the e-mail channel.",
        subcommands: [Ingest.self]
    )

    struct Ingest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记 Maildir 中的新邮件（同一封邮件只登记一次）/ register the new messages of a Maildir, each once.",
            discussion: "邮箱由 mbsync、getmail 或 fetchmail 收取到 Maildir；见 docs/mail.md。/ A fetcher fills the Maildir; see docs/mail.md."
        )

        @Argument(help: "Maildir 目录（含 new/ 与 cur/）/ the Maildir folder (with new/ and cur/).")
        var maildir: String

        @Option(help: "巡察编号；数据目录中只有一个巡察时可省略 / inspection id; may be left out when there is only one.")
        var inspection: String?

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let summary = try await dataOptions.withExistingStore { store, desks in
                let sink = desks.mail
                if let inspection, try await store.inspection(id: inspection) == nil {
                    throw ValidationError("没有编号为 \(inspection) 的巡察。/ no inspection with id \(inspection).")
                }
                let bar = ProgressBar()
                let summary: MaildirIngest.Summary
                do {
                    summary = try await MaildirIngest(maildir: Maildir(path: maildir), inspectionID: inspection)
                        .run(into: sink) { bar.show(done: $0.done, total: $0.total, bytes: $0.bytes) }
                } catch let failure as Maildir.Failure {
                    throw ValidationError("\(maildir) 不是 Maildir 目录（需要 new/ 和 cur/）。/ \(failure)")
                }
                bar.finish()
                let rate = summary.seconds > 0 ? Double(summary.total) / summary.seconds : 0
                print(
                    "新登记 \(summary.registered.count) 件，重复 \(summary.duplicates) 件，未能登记 \(summary.failed.count) 件；"
                        + "其中 \(summary.partlyRead) 件有无法读取的部分（已在登记中注明）。"
                )
                print(
                    "registered \(summary.registered.count), duplicates \(summary.duplicates), failed \(summary.failed.count), "
                        + "partly unreadable \(summary.partlyRead); \(summary.total) messages, \(summary.bytes) bytes in "
                        + String(format: "%.2f s (%.0f messages/s)", summary.seconds, rate)
                )
                for f in summary.failed {
                    FileHandle.standardError.write(Data("未能登记 / not registered: \(f.path): \(f.error)\n".utf8))
                }
                return summary
            }
            if !summary.failed.isEmpty { throw ExitCode(1) }
        }
    }
}

/// A one-line progress bar on standard error, drawn only on a terminal and at most ten times a
/// second, so that piped output and logs stay clean.
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(2) == 1
    private var last = ContinuousClock.now - .seconds(1)

    func show(done: Int, total: Int, bytes: Int? = nil) {
        guard enabled, done == total || ContinuousClock.now - last > .milliseconds(100) else { return }
        last = ContinuousClock.now
        let width = 30
        let filled = total == 0 ? width : width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = "\r[\(bar)] \(done)/\(total)  " + (bytes.map { String(format: "%.1f MB", Double($0) / 1_048_576) } ?? "")
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
