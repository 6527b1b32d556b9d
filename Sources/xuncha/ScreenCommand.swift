import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

/// `xuncha screen`: the screening suggestion for one text or for JSON lines, from the text alone
/// or against a data folder's inspection, roster and earlier reports.
struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "信访件初筛 / Screen reports: a suggestion (accept, refer, file, duplicate, reject) with its reasons.",
        discussion: """
            --json [FILE|-] screens one text (UTF-8; - or no file for stdin). --jsonl reads JSON lines from stdin, \
            each with `text` and optional `received_at` (ISO 8601), `channel` (web, phone, letter, visit, email) and \
            `inspection` (with --data), and writes one result per line; a line that cannot be read gives \
            {"line", "error"} and exit status 1 at the end.
            Output: {"suggestion", "accept_as_lead", "recipient", "disciplines": [{"code", "score", "articles", "cues"}] \
            (best first), "non_lead": [{"code", "score"}], "subjects": [...], "reasons": [...], "deciding_rule", \
            "rules_version"}.
            With --data DIR the text is judged against that data folder's inspection (reception window, scope), \
            its roster and its stored reports (repeats); --inspection ID chooses when there are several. Without \
            --data the text alone is judged: no roster, no window, no repeats. Nothing is stored either way. \
            Rules: docs/screening-rules.md.
            """
    )

    @Flag(help: "单条文本，输出一个 JSON 对象 / one text, one JSON object.")
    var json = false

    @Flag(help: "标准输入为 JSON lines，每行输出一个结果 / JSON lines on stdin, one result per line.")
    var jsonl = false

    @Argument(help: "文本文件，- 或省略表示标准输入（仅 --json）/ the text file, - or none for stdin (--json only).")
    var file: String?

    @Option(help: "数据目录：按其中的巡察、名册和已收信访件初筛 / data folder: screen against its inspection, roster and reports.")
    var data: String?

    @Option(help: "与 --data 合用的 PostgreSQL 数据库 / with --data: its PostgreSQL database (docs/postgres.md).")
    var database: String?

    @Option(help: "巡察 ID（与 --data 合用，数据目录中有多个巡察时必填）/ inspection id (with --data, needed when there are several).")
    var inspection: String?

    func validate() throws {
        guard json != jsonl else { throw ValidationError("请指定 --json 或 --jsonl 之一 / give exactly one of --json and --jsonl") }
        if jsonl, file != nil, file != "-" { throw ValidationError("--jsonl 只读标准输入 / --jsonl reads stdin only") }
        if inspection != nil, data == nil { throw ValidationError("--inspection 需与 --data 合用 / --inspection needs --data") }
        if database != nil, data == nil { throw ValidationError("--database 需与 --data 合用 / --database needs --data") }
    }

    func run() async throws {
        guard let data else { return try await screenAll(with: TextAloneJudge()) }
        var options = DataOptions()
        options.data = data
        options.database = database
        try await options.withExistingStore { store, desks in
            let chosen = try await store.pickInspection(inspection)
            let known = Set(try await store.inspections().map(\.id))
            try await screenAll(with: StoredDataJudge(screening: desks.screening, inspectionID: chosen.id, known: known))
        }
    }

    private func screenAll(with judge: some ScreenJudge) async throws {
        if json {
            let bytes: Data
            if let file, file != "-" {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("无法读取 \(file) / cannot read \(file)") }
                bytes = d
            } else {
                bytes = FileHandle.standardInput.readDataToEndOfFile()
            }
            print(try encodeLine(try await judge.screen(String(decoding: bytes, as: UTF8.self), ScreeningArrival(), inspectionID: nil)))
            return
        }
        var failed = false
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let request = try readRequest(line)
                print(try encodeLine(try await judge.screen(request.text, request.arrival, inspectionID: request.inspectionID)))
            } catch let error as ValidationError {
                failed = true
                print(try encodeLine(ScreenLineError(line: number, error: error.message)))
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// Where a text is judged: alone, or against a data folder.
private protocol ScreenJudge {
    func screen(_ text: String, _ arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord
}

private struct TextAloneJudge: ScreenJudge {
    let screener = Screener()
    func screen(_ text: String, _ arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord {
        guard inspectionID == nil else { throw ValidationError("inspection 字段需与 --data 合用 / the inspection field needs --data") }
        return ScreeningRecord(screener.screen(text, arrival: arrival))
    }
}

private struct StoredDataJudge: ScreenJudge {
    let screening: ReportScreening
    let inspectionID: String
    let known: Set<String>
    func screen(_ text: String, _ arrival: ScreeningArrival, inspectionID: String?) async throws -> ScreeningRecord {
        if let inspectionID, !known.contains(inspectionID) { throw ValidationError("没有 ID 为 \(inspectionID) 的巡察 / no inspection \(inspectionID)") }
        return try await screening.screen(text, arrival: arrival, inspectionID: inspectionID ?? self.inspectionID)
    }
}

/// Reads one request line: `text`, optional `received_at`, `channel` and `inspection`.
private func readRequest(_ line: String) throws -> (text: String, arrival: ScreeningArrival, inspectionID: String?) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
        throw ValidationError("不是 JSON 对象 / not a JSON object")
    }
    guard let text = object["text"] as? String else { throw ValidationError("缺少 text 字段 / no text field") }
    var arrival = ScreeningArrival()
    if let value = object["channel"], !(value is NSNull) {
        guard let name = value as? String, let channel = Channel(rawValue: name) else {
            throw ValidationError("channel 应为 web、phone、letter、visit 或 email / channel must be web, phone, letter, visit or email")
        }
        arrival.channel = channel
    }
    if let value = object["received_at"], !(value is NSNull) {
        guard let string = value as? String, let moment = parseMoment(string) else {
            throw ValidationError("received_at 应为 ISO 8601 时间 / received_at must be an ISO 8601 moment")
        }
        arrival.receivedAt = moment
    }
    var inspectionID: String?
    if let value = object["inspection"], !(value is NSNull) {
        guard let id = value as? String else { throw ValidationError("inspection 应为字符串 / inspection must be a string") }
        inspectionID = id
    }
    return (text, arrival, inspectionID)
}

private func parseMoment(_ string: String) -> Date? {
    let plain = ISO8601DateFormatter()
    if let d = plain.date(from: string) { return d }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: string)
}

private func encodeLine(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}

private struct ScreenLineError: Encodable {
    let line: Int
    let error: String
}
