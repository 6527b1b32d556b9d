import Foundation

/// One problem the inspected unit must put right after the group's feedback (整改), as the
/// rectification ledger (整改台账) keeps it: the measure, who is responsible, by when, how far it
/// has got, the evidence, and its state. Entered by staff or by the unit's liaison account.
public struct RectificationItem: Codable, Sendable, Hashable {
    public enum State: String, Codable, Sendable, CaseIterable, ChineseNamedCode {
        case notStarted = "not_started"
        case inProgress = "in_progress"
        /// Done, waiting for the group or the office to check it.
        case awaitingCheck = "awaiting_check"
        /// Checked and closed (已销号).
        case closed
        /// A rule or habit to keep up (长期坚持), never closed as such.
        case ongoing

        public var chineseName: String {
            switch self {
            case .notStarted: "未启动"
            case .inProgress: "整改中"
            case .awaitingCheck: "已完成待验收"
            case .closed: "已销号"
            case .ongoing: "长期坚持"
            }
        }
    }

    public var id: String
    public var inspectionID: String
    public var sequence: Int
    public var problem: String
    public var measure: String
    /// The person or office responsible (责任人/责任单位), as the unit names them.
    public var responsible: String
    public var deadline: CivilDate?
    public var progress: String
    public var evidence: String
    public var state: State
    public var updatedAt: Date
    public var updatedBy: String

    public init(
        id: String,
        inspectionID: String,
        sequence: Int,
        problem: String,
        measure: String,
        responsible: String,
        deadline: CivilDate?,
        progress: String,
        evidence: String,
        state: State,
        updatedAt: Date,
        updatedBy: String
    ) {
        self.id = id
        self.inspectionID = inspectionID
        self.sequence = sequence
        self.problem = problem
        self.measure = measure
        self.responsible = responsible
        self.deadline = deadline
        self.progress = progress
        self.evidence = evidence
        self.state = state
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Which saving of the item this is: its last change, in milliseconds since 1970. An editor
    /// sends back the version it started from, so that a change made meanwhile is not overwritten.
    public var version: String { String(Int64((updatedAt.timeIntervalSince1970 * 1000).rounded())) }

    /// Refuses an item that cannot be kept: no problem, fields over their lengths, control
    /// characters.
    public func validated() throws(InputError) -> RectificationItem {
        var item = self
        item.problem = TextLimits.trimmed(problem)
        item.measure = TextLimits.trimmed(measure)
        item.responsible = TextLimits.trimmed(responsible)
        item.progress = TextLimits.trimmed(progress)
        item.evidence = TextLimits.trimmed(evidence)
        if item.problem.isEmpty {
            throw InputError(code: "missing_problem", zh: "请填写存在的问题。", en: "problem must not be empty.", field: "problem")
        }
        try TextLimits.check(item.problem, field: "problem", labelZH: "存在问题", max: 2000)
        try TextLimits.check(item.measure, field: "measure", labelZH: "整改措施", max: 2000)
        try TextLimits.check(item.responsible, field: "responsible", labelZH: "责任人", max: 100)
        try TextLimits.check(item.progress, field: "progress", labelZH: "整改进展", max: 2000)
        try TextLimits.check(item.evidence, field: "evidence", labelZH: "佐证材料", max: 1000)
        return item
    }
}
