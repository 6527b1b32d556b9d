import ArgumentParser
import Foundation
import XunchaCore
import XunchaStore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "操作记录 / the audit trail.",
        subcommands: [Verify.self]
    )

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "校验操作记录的哈希链 / verify the audit hash chain.")

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let verifier = try await dataOptions.withExistingStore { store, _ in
                var verifier = AuditChain.Verifier()
                var lastSeq = 0
                while true {
                    let page = try await store.auditEvents(afterSeq: lastSeq, limit: 1000)
                    for event in page {
                        if let broken = verifier.check(event) {
                            print("操作记录校验失败 / audit chain broken at event \(event.seq): \(broken)")
                            throw ExitCode(1)
                        }
                    }
                    guard let last = page.last else { return verifier }
                    lastSeq = last.seq
                }
            }
            print("操作记录完整 / verified \(verifier.count) events")
        }
    }
}
