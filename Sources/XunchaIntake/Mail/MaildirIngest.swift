import Foundation

/// Where ingested mail goes: the store in production (through `ReportIntake`, the path web
/// reports take), a list in tests. The sink decides what "the same message" means and keeps it.
public protocol MailIntakeSink: Sendable {
    func register(_ mail: MailSubmission, raw: [UInt8], messageID: String?) async throws -> MailIngestOutcome
}

public enum MailIngestOutcome: Sendable, Equatable {
    case registered(reportID: String)
    case duplicate(reportID: String)
}

/// Reads every message of a Maildir and registers each one not registered before. A message
/// that fails stays in the Maildir and is tried again on the next run; the others go on.
public struct MaildirIngest: Sendable {
    public var maildir: Maildir
    public var reader = MailReader()
    public var builder = MailSubmissionBuilder()
    public var inspectionID: String?

    public init(maildir: Maildir, inspectionID: String? = nil) {
        self.maildir = maildir
        self.inspectionID = inspectionID
    }

    public struct Progress: Sendable {
        public var done: Int
        public var total: Int
        public var bytes: Int
    }

    public struct Summary: Sendable {
        public var registered: [String] = []
        public var duplicates = 0
        /// Registered, but with content that could not be read (named in the report's notes).
        public var partlyRead = 0
        /// File and error; these messages were not registered and will be tried again.
        public var failed: [(path: String, error: String)] = []
        public var bytes = 0
        public var seconds: Double = 0
        public var total: Int { registered.count + duplicates + failed.count }
    }

    public func run(into sink: some MailIntakeSink, progress: (Progress) -> Void = { _ in }) async throws -> Summary {
        let entries = try maildir.entries()
        var summary = Summary()
        let start = ContinuousClock.now
        progress(Progress(done: 0, total: entries.count, bytes: 0))
        for (k, entry) in entries.enumerated() {
            do {
                let raw = try [UInt8](Data(contentsOf: URL(fileURLWithPath: entry.path)))
                summary.bytes += raw.count
                let message = reader.read(raw)
                let mail = builder.submission(from: message, arrivedAt: entry.deliveredAt, inspectionID: inspectionID)
                switch try await sink.register(mail, raw: raw, messageID: message.messageID) {
                case .registered(let id):
                    summary.registered.append(id)
                    if mail.problems.contains(where: \.lostContent) { summary.partlyRead += 1 }
                case .duplicate: summary.duplicates += 1
                }
            } catch {
                summary.failed.append((entry.path, String(describing: error)))
            }
            progress(Progress(done: k + 1, total: entries.count, bytes: summary.bytes))
        }
        let elapsed = ContinuousClock.now - start
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return summary
    }
}

extension MailProblem {
    /// The notes kept beside a report: JSON, stable key order, no message content.
    public static func json(_ problems: [MailProblem]) -> String? {
        guard !problems.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(problems)).map { String(decoding: $0, as: UTF8.self) }
    }
}
