import ArgumentParser
import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

extension ReportCommand {
    /// `xuncha report add`: staff register a call, letter or visit (or any channel) from the
    /// command line, through the same intake path as every other report.
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记来电、来信、来访（内容从标准输入读取）/ register a call, letter or visit; the text comes on stdin.",
            discussion: "时间为 ISO 8601（如 2023-03-06T10:20:00+08:00），不带时区时按北京时间。/ Times are ISO 8601; without a zone, Beijing time."
        )

        @Option(help: "渠道：phone、letter、visit、email、web / the channel.")
        var channel: String

        @Option(name: .customLong("received-at"), help: "收到时间 / when it was received (ISO 8601).")
        var receivedAt: String

        @Option(help: "巡察编号；只有一个巡察时可省略 / inspection id; may be left out when there is only one.")
        var inspection: String?

        @Option(name: .customLong("subject"), help: "被反映人 \"姓名,单位,职务\"，可重复 / a subject \"name,unit,post\", repeatable.")
        var subjects: [String] = []

        @Option(name: .customLong("reporter-name"), help: "反映人姓名（加密保存）/ reporter's name (sealed).")
        var reporterName = ""
        @Option(name: .customLong("reporter-phone"), help: "反映人电话（加密保存）/ reporter's phone (sealed).")
        var reporterPhone = ""
        @Option(name: .customLong("reporter-id-number"), help: "反映人身份证号（加密保存）/ reporter's ID number (sealed).")
        var reporterIDNumber = ""
        @Option(name: .customLong("reporter-address"), help: "反映人地址（加密保存）/ reporter's address (sealed).")
        var reporterAddress = ""
        @Option(name: .customLong("reporter-email"), help: "反映人邮箱（加密保存）/ reporter's e-mail (sealed).")
        var reporterEmail = ""

        @Option(name: .customLong("caller-number"), help: "来电号码（加密保存）/ phone: the caller's number (sealed).")
        var callerNumber = ""
        @Option(name: .customLong("call-started-at"), help: "来电开始时间，默认为收到时间 / phone: when the call began.")
        var callStartedAt: String?
        @Option(name: .customLong("call-duration"), help: "通话时长（秒）/ phone: duration in seconds.")
        var callDuration: Int?

        @Option(help: "邮戳日期 YYYY-MM-DD / letter: the postmark date.")
        var postmark: String?
        @Option(name: .customLong("sender-as-written"), help: "信封所写寄信人（加密保存）/ letter: the sender as written (sealed).")
        var senderAsWritten = ""
        @Option(name: .customLong("scan"), help: "来信扫描件（图片或PDF），可重复 / letter: a scan (image or PDF), repeatable.")
        var scans: [String] = []

        @Option(name: .customLong("visit-at"), help: "来访时间，默认为收到时间 / visit: when the visitor came.")
        var visitAt: String?

        @Option(help: "来访接待地点 / visit: where the visitor was received.")
        var place: String?

        @Option(name: .customLong("received-by"), help: "接待/登记的工作人员 / the staff member who received it.")
        var receivedBy: String = ProcessInfo.processInfo.environment["USER"] ?? "cli"

        @Flag(name: .customLong("query-code"), help: "为将自行查询的反映人生成查询码（首次使用须修改）/ issue a query code the reporter must change on first use.")
        var queryCode = false

        @OptionGroup var dataOptions: DataOptions

        func run() async throws {
            let content = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            let uploads = try scans.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("无法读取扫描件 \(path)。/ cannot read scan \(path).")
                }
                return ScanUpload(name: (path as NSString).lastPathComponent, bytes: Array(data))
            }
            let registered: (receipt: ReportIntake.Receipt, record: ChannelRecord?)
            do {
                registered = try await dataOptions.withExistingStore { _, desks in
                    try await desks.staff.register(.commandLine(receivedBy), input(content: content), scans: uploads)
                }
            } catch let error as DeskError {
                throw ValidationError(error.description)
            }
            let receipt = registered.receipt
            // Straight to the file descriptor, so the id is out before "saved" on standard error.
            FileHandle.standardOutput.write(Data((receipt.reportID + "\n").utf8))
            if let code = receipt.queryCode {
                let line =
                    "查询码 / query code: \(code.grouped)（请交给反映人；首次使用时须换成系统另行生成的新查询码"
                    + " / hand it to the reporter, who gets a new one issued on first use）\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            FileHandle.standardError.write(Data("已保存 / saved\n".utf8))
        }

        /// The same input the console's form and the API fill.
        func input(content: String) -> RegistrationInput {
            RegistrationInput(
                channel: channel,
                receivedAt: receivedAt,
                content: content,
                subjects: subjects.map { text -> Subject in
                    let parts = text.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
                    return Subject(name: parts[0], unit: parts.count > 1 ? parts[1] : "", post: parts.count > 2 ? parts[2] : "")
                },
                reporter: ReporterIdentity(
                    name: reporterName,
                    phone: reporterPhone,
                    idNumber: reporterIDNumber,
                    address: reporterAddress,
                    email: reporterEmail
                ),
                inspectionId: inspection,
                callerNumber: callerNumber.isEmpty ? nil : callerNumber,
                callStartedAt: callStartedAt,
                callDurationSeconds: callDuration,
                postmark: postmark,
                senderAsWritten: senderAsWritten.isEmpty ? nil : senderAsWritten,
                visitAt: visitAt,
                place: place,
                reporterFollowsUp: queryCode
            )
        }
    }
}
