import ArgumentParser
import Foundation
import XunchaCore

/// `xuncha screen`: the screening suggestion for one text or for JSON lines, from the text alone.
struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "信访件初筛 / Screen reports: a suggestion (accept, refer, file, duplicate, reject) with its reasons.",
        discussion: """
            --json [FILE|-] screens one text (UTF-8; - or no file for stdin). --jsonl reads JSON lines from stdin, \
            each with `text` and optional `received_at` (ISO 8601) and `channel` (web, phone, letter, visit, email), \
            and writes one result per line; a line that cannot be read gives {"line", "error"} and exit status 1 at the end.
            Output: {"suggestion", "accept_as_lead", "disciplines": [{"code", "score", "articles", "cues"}] (best first), \
            "non_lead": [{"code", "score"}], "subjects": [...], "reasons": [...]}.
            There is no --data yet: the text alone is judged — no roster, no inspection (the reception window is \
            not judged), no earlier reports (no repeat). Rules: docs/screening-rules.md.
            """
    )

    @Flag(help: "单条文本，输出一个 JSON 对象 / one text, one JSON object.")
    var json = false

    @Flag(help: "标准输入为 JSON lines，每行输出一个结果 / JSON lines on stdin, one result per line.")
    var jsonl = false

    @Argument(help: "文本文件，- 或省略表示标准输入（仅 --json）/ the text file, - or none for stdin (--json only).")
    var file: String?

    func validate() throws {
        guard json != jsonl else { throw ValidationError("请指定 --json 或 --jsonl 之一 / give exactly one of --json and --jsonl") }
        if jsonl, file != nil, file != "-" { throw ValidationError("--jsonl 只读标准输入 / --jsonl reads stdin only") }
    }

    func run() throws {
        let screener = Screener()
        if json {
            let data: Data
            if let file, file != "-" {
                guard let d = FileManager.default.contents(atPath: file) else { throw ValidationError("无法读取 \(file) / cannot read \(file)") }
                data = d
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            print(try encodeLine(ScreenOutput(screener.screen(String(decoding: data, as: UTF8.self)))))
            return
        }
        var failed = false
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                let (text, arrival) = try readRequest(line)
                print(try encodeLine(ScreenOutput(screener.screen(text, arrival: arrival))))
            } catch let error as ValidationError {
                failed = true
                print(try encodeLine(ScreenLineError(line: number, error: error.message)))
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// Reads one request line: `text`, optional `received_at` and `channel`.
private func readRequest(_ line: String) throws -> (String, ScreeningArrival) {
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
    return (text, arrival)
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

/// The CLI's JSON for one screening (docs/screening-rules.md).
struct ScreenOutput: Encodable {
    struct Cue: Encodable {
        let entry: String
        let text: String
        let start: Int
        let end: Int
        let weight: Double
        let modifiers: [String]
    }

    struct DisciplineOut: Encodable {
        let code: String
        let score: Double
        let articles: [Int]
        let cues: [Cue]
    }

    struct NonLeadOut: Encodable {
        let code: String
        let score: Double
    }

    struct Candidate: Encodable {
        let rosterIndex: Int
        let name: String
        let unit: String
        let post: String
        let role: String
        let confidence: Double
        let basis: String

        enum CodingKeys: String, CodingKey {
            case rosterIndex = "roster_index"
            case name, unit, post, role, confidence, basis
        }
    }

    struct SubjectOut: Encodable {
        let kind: String
        let pattern: String
        let text: String
        let start: Int
        let end: Int
        let name: String?
        let post: String?
        let unit: String?
        let role: String?
        let candidates: [Candidate]
        let confidence: Double
    }

    let suggestion: String
    let acceptAsLead: Bool
    let disciplines: [DisciplineOut]
    let nonLead: [NonLeadOut]
    let subjects: [SubjectOut]
    let reasons: [ScreeningReason]

    enum CodingKeys: String, CodingKey {
        case suggestion
        case acceptAsLead = "accept_as_lead"
        case disciplines
        case nonLead = "non_lead"
        case subjects, reasons
    }

    init(_ s: Screening) {
        suggestion = s.suggestion.rawValue
        acceptAsLead = s.acceptAsLead
        disciplines = s.classification.disciplines.map { d in
            DisciplineOut(
                code: d.discipline.rawValue,
                score: rounded(d.score),
                articles: d.articles.map(\.article),
                cues: d.cues.map {
                    Cue(
                        entry: $0.entry,
                        text: $0.text,
                        start: $0.range.lowerBound,
                        end: $0.range.upperBound,
                        weight: rounded($0.weight),
                        modifiers: $0.modifiers.map(\.kind.rawValue)
                    )
                }
            )
        }
        nonLead = s.classification.nonLead.map { NonLeadOut(code: $0.kind.rawValue, score: rounded($0.score)) }
        subjects = s.subjects.findings.map { f in
            SubjectOut(
                kind: f.kind.rawValue,
                pattern: f.pattern.rawValue,
                text: f.text,
                start: f.range.lowerBound,
                end: f.range.upperBound,
                name: f.name,
                post: f.post,
                unit: f.unit,
                role: f.role?.role.rawValue,
                candidates: f.candidates.map {
                    Candidate(
                        rosterIndex: $0.rosterIndex,
                        name: $0.person.name,
                        unit: $0.person.unit,
                        post: $0.person.post,
                        role: $0.person.role.role.rawValue,
                        confidence: rounded($0.confidence),
                        basis: $0.basis
                    )
                },
                confidence: rounded(f.confidence)
            )
        }
        reasons = s.reasons
    }
}

private func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
