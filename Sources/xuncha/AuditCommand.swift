import ArgumentParser
import Foundation
import XunchaCore
import XunchaStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "操作记录 / the audit trail.",
        subcommands: [Verify.self, Checkpoint.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "校验操作记录：密钥哈希链、链头文件、另行保存的链头、反映内容与记录是否一致 / verify the keyed audit chain, its head and the data it wrote."
        )

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "另行保存的链头（audit checkpoint 输出的哈希）/ a head hash kept elsewhere (from audit checkpoint).")
        var head: String?

        func run() async throws {
            let folder = dataOptions.folder
            let found = try await dataOptions.withExistingStore { store, _ in
                try await store.verifyAudit(headFile: folder.auditHead, keptHead: head)
            }
            if let problem = found.problem {
                print("操作记录校验失败 / audit verification failed: \(problem)")
                throw ExitCode(1)
            }
            let atHead = found.head.map { "，链头文件第 \($0.seq) 条 / head file at event \($0.seq)" } ?? ""
            print("操作记录完整 / verified \(found.events) events\(atHead)")
        }
    }

    struct Checkpoint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "输出当前链头（带签名），请抄存到服务器以外 / print the chain's head, sealed, to keep away from the server."
        )

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let line = try await dataOptions.withExistingStore { store, desks in
                try await store.auditCheckpoint(key: desks.keys.auditChain)
            }
            print(line)
        }
    }
}
