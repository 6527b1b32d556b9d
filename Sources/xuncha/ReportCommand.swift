import ArgumentParser
import Foundation
import XunchaCore
import XunchaStore
import XunchaWeb

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "反映件 / reports.",
        subcommands: [List.self, Add.self, Rescreen.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出已登记的反映（不含反映人身份）/ list stored reports, without identities.")

        @OptionGroup var dataOptions: DataOptions

        @Flag(help: "以 JSON 数组输出 / print a JSON array.")
        var json = false

        /// Page after page in one ordered scan of the arrival index, each printed as it is read, so
        /// a million reports cost neither a sort per page nor the whole list in memory.
        func run() async throws {
            let encoder = APICoding.encoder(pretty: true)
            let count = try await dataOptions.withExistingStore { store, _ in
                var count = 0
                var cursor: ReportCursor?
                if json { print("[", terminator: "") }
                while true {
                    let page = try await store.reports(after: cursor, limit: 1_000)
                    for r in page {
                        if json {
                            print(count == 0 ? "\n" : ",\n", terminator: "")
                            print(String(decoding: try encoder.encode(r), as: UTF8.self), terminator: "")
                        } else {
                            print("\(r.id)  \(r.receivedAt.formatted(.iso8601))  \(r.channel.rawValue)  \(r.status.rawValue)  \(r.snippet)")
                        }
                        count += 1
                    }
                    guard let last = page.last, page.count == 1_000 else { return count }
                    cursor = ReportCursor(after: last)
                }
            }
            if json { print(count == 0 ? "]" : "\n]") } else { print("共 \(count) 件 / \(count) reports") }
        }
    }
}
