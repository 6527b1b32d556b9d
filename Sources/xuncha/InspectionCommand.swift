import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaIntake
import XunchaStore

/// `xuncha inspection …`: inspections from their launch announcement.
struct InspectionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspection",
        abstract: "巡察：从巡察公告读取配置 / inspections from their announcement.",
        subcommands: [Parse.self, Import.self]
    )

    /// Exit status when the text holds no announcement, or what it holds cannot be imported.
    static let nothingFound = ExitCode(1)

    struct Source: ParsableArguments {
        @Argument(help: "公告文本文件（UTF-8），- 表示标准输入 / the announcement as a UTF-8 text file, - for stdin.")
        var file: String

        @Option(help: "发布日期 YYYY-MM-DD，用于补全未写年份的日期 / publication date, gives the year of dates written without one.")
        var published: String?

        func validate() throws {
            if let published, CivilDate(parsing: published) == nil {
                throw ValidationError("--published 应写成 2024-03-01 / --published must be YYYY-MM-DD")
            }
        }

        /// Reads and parses; "nothing found" ends the command with exit status 1.
        func announcement() throws -> Announcement { try read().parsed }

        /// The text as read and what was found in it.
        func read() throws -> (parsed: Announcement, text: String) {
            let data: Data
            do {
                data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw ValidationError("无法读取 \(file) / cannot read \(file): \(error.localizedDescription)")
            }
            let text = String(decoding: data, as: UTF8.self)
            let parsed = AnnouncementParser().parse(page: text, published: published.flatMap(CivilDate.init(parsing:)))
            if parsed.isEmpty {
                printError("xuncha inspection: \(file) 中没有找到巡察公告内容（巡察组、巡察期间、截止时间均未找到）。\nnothing found: no group, period or deadline in \(file).")
                throw InspectionCommand.nothingFound
            }
            return (parsed, text)
        }
    }

    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "解析巡察公告 / Parse an announcement: one object per group (an array when there are several).",
            discussion: """
                With --json, keys follow the evaluation sets (group, group_leader, units, period_start, period_end, phones, emails, \
                postal_boxes, other_channels, phone_hours, deadline, deadline_time, scope_subjects, scope_disciplines), then \
                `evidence` (per field: span and sentence as Unicode scalar offsets into the original text, the words, confidence, rule) \
                and `flags`. Exit status 1 when nothing is found.
                """
        )

        @OptionGroup var source: Source

        @Flag(help: "以 JSON 输出 / print JSON.")
        var json = false

        func run() throws {
            let parsed = try source.announcement()
            if json {
                print(parsed.json(), terminator: "")
            } else {
                print(parsed.inspections.map(\.summaryZH).joined(separator: "\n\n"))
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入巡察公告，创建巡察 / Create the inspection(s) an announcement describes, after confirmation.",
            discussion: """
                Shows what was found and asks before creating anything; prints each new inspection's id. Nothing is created \
                when any group cannot be imported (no period with a year, no units, contradictory dates): exit status 1.
                """
        )

        @OptionGroup var source: Source
        @OptionGroup var dataOptions: DataOptions

        @Flag(name: .long, help: "不询问，直接创建 / create without asking.")
        var yes = false

        func run() async throws {
            let (parsed, text) = try source.read()
            // The announcement is kept for the inspection's public page when it is of an
            // announcement's length (a whole saved web page is not).
            let kept = TextLimits.trimmed(text)
            var inspections: [Inspection] = []
            var refused = false
            for (n, found) in parsed.inspections.enumerated() {
                print("[\(n + 1)/\(parsed.inspections.count)]\n" + found.summaryZH + "\n")
                do {
                    var inspection = try found.inspection()
                    if kept.count <= Inspection.maxAnnouncementLength { inspection.announcement = kept }
                    inspections.append(inspection)
                } catch {
                    refused = true
                    printError("✗ 无法导入：\(error.messageZH)\n  cannot import: \(error.messageEN)")
                }
            }
            if refused {
                printError("未创建任何巡察；请修正公告或在管理页面手工创建。/ nothing was created.")
                throw InspectionCommand.nothingFound
            }
            if !yes {
                Swift.print("创建以上 \(inspections.count) 个巡察？/ create \(inspections.count) inspection(s)? [y/N] ", terminator: "")
                let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
                guard ["y", "yes", "是"].contains(answer) else {
                    print("已取消，未创建。/ cancelled, nothing created.")
                    throw ExitCode(1)
                }
            }
            try await dataOptions.withExistingStore { _, desks in
                for var inspection in inspections {
                    inspection.id = UUID().uuidString.lowercased()
                    try await desks.admin.createInspection(.commandLine("inspection-import"), keeping: inspection)
                    print("已创建 / created \(inspection.id) \(inspection.group)")
                }
            }
        }
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
