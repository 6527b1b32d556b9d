import Foundation

/// What the receiver of a handed-over lead did with it and found, as it reported back to the
/// group (commonly within three months); with the result in, the lead can be closed out (销号).
public struct LeadOutcome: Codable, Sendable, Hashable {
    /// The four ways a discipline commission disposes of a lead (四种处置方式), and the
    /// organisation department's own.
    public enum Disposition: String, Codable, Sendable, Hashable, CaseIterable, ChineseNamedCode {
        case talk
        case preliminaryCheck = "preliminary_check"
        case shelved
        case concluded
        case organizational

        public var chineseName: String {
            switch self {
            case .talk: "谈话函询"
            case .preliminaryCheck: "初步核实"
            case .shelved: "暂存待查"
            case .concluded: "予以了结"
            case .organizational: "组织处理"
            }
        }
    }

    public var disposition: Disposition
    /// What was found and done, in the receiver's words.
    public var result: String
    /// The day the receiver's report came.
    public var reportedOn: CivilDate
    public var recordedAt: Date
    public var recordedBy: String

    public init(disposition: Disposition, result: String, reportedOn: CivilDate, recordedAt: Date, recordedBy: String) {
        self.disposition = disposition
        self.result = result
        self.reportedOn = reportedOn
        self.recordedAt = recordedAt
        self.recordedBy = recordedBy
    }

    /// Refuses a result over its length or with control characters.
    public func validated() throws(InputError) -> LeadOutcome {
        var outcome = self
        outcome.result = TextLimits.trimmed(result)
        try TextLimits.check(outcome.result, field: "result", labelZH: "办理结果", max: 2000)
        return outcome
    }
}
