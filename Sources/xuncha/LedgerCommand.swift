import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk

/// `xuncha ledger export`: a register or ledger as the console's download gives it (docs/ledgers.md).
struct LedgerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "台账 / the registers and ledgers.",
        subcommands: [Export.self]
    )

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导出台账（XLSX 或 CSV），记入操作记录 / write a ledger as XLSX or CSV; audited.",
            discussion: """
                --kind：letters（来信）、calls（来电）、visits（来访）、web（网上及电子邮件）、leads（问题线索）、\
                referrals（转办件）、rectification（整改）。命令行导出不含反映人身份信息。\
                / The command line never exports reporters' identities.
                """
        )

        @Option(help: "台账种类 / which ledger: letters, calls, visits, web, leads, referrals, rectification.")
        var kind: String

        @Option(help: "文件格式：xlsx 或 csv / xlsx or csv.")
        var format: String = "xlsx"

        @Option(help: "写入的文件 / the file to write.")
        var out: String

        @Option(help: "巡察编号；只有一个巡察时可省略 / inspection id; may be left out when there is only one.")
        var inspection: String?

        @Option(help: "收到日期起（登记簿），如 2026-03-01 / registers: received from this day.")
        var from: String?

        @Option(help: "收到日期止（登记簿）/ registers: received up to this day.")
        var to: String?

        @Option(help: "操作人（记入操作记录）/ who runs it, for the audit trail.")
        var by: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            guard let kind = LedgerKind(rawValue: kind) else {
                throw ValidationError(
                    "台账种类应为 \(LedgerKind.allCases.map(\.rawValue).joined(separator: "、"))。/ --kind must be one of those."
                )
            }
            guard let format = LedgerFormat(rawValue: format) else {
                throw ValidationError("文件格式应为 xlsx 或 csv。/ --format must be xlsx or csv.")
            }
            let file: LedgerFile
            do {
                file = try await dataOptions.withExistingStore { store, desks in
                    let inspection = try await store.pickInspection(inspection)
                    return try await desks.staff.ledgerFile(
                        .commandLine(by),
                        kind,
                        format: format,
                        inspectionID: inspection.id,
                        LedgerInput(from: from, to: to)
                    )
                }
            } catch let error as DeskError {
                throw ValidationError(error.description)
            }
            try Data(file.bytes).write(to: URL(fileURLWithPath: out), options: .atomic)
            print("\(kind.chineseName)：\(file.rows) 条 → \(out)")
        }
    }
}
