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

        func run() async throws {
            let all = try await dataOptions.withExistingStore { store, _ in
                var all: [Report] = []
                let pageSize = 500
                while true {
                    let page = try await store.reports(inspectionID: nil, includeUnassigned: true, limit: pageSize, offset: all.count)
                    all += page
                    if page.count < pageSize { return all }
                }
            }
            if json {
                print(String(decoding: try APICoding.encoder(pretty: true).encode(all), as: UTF8.self))
            } else {
                for r in all {
                    print("\(r.id)  \(r.receivedAt.formatted(.iso8601))  \(r.channel.rawValue)  \(r.status.rawValue)  \(r.snippet)")
                }
                print("共 \(all.count) 件 / \(all.count) reports")
            }
        }
    }
}
