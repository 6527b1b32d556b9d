/// The working-day limits a group keeps after intake. They differ by province, so each
/// inspection may set its own; these are the usual ones (see docs/workflow.md).
public struct WorkflowLimits: Sendable, Hashable, Codable {
    /// A named reporter is told, within this many working days of receipt, that the report was
    /// received and where it went (inspections that reply at all).
    public var acknowledgeWorkdays: Int
    /// A referral is sent within this many working days of the decision to refer.
    public var referralSendWorkdays: Int
    /// The receiver of a referral reports back within this many working days of its sending,
    /// unless the referral sets its own due date.
    public var referralFeedbackWorkdays: Int
    /// Items due within this many working days show as due soon.
    public var dueSoonWorkdays: Int

    public init(acknowledgeWorkdays: Int = 15, referralSendWorkdays: Int = 5, referralFeedbackWorkdays: Int = 30, dueSoonWorkdays: Int = 3) {
        self.acknowledgeWorkdays = acknowledgeWorkdays
        self.referralSendWorkdays = referralSendWorkdays
        self.referralFeedbackWorkdays = referralFeedbackWorkdays
        self.dueSoonWorkdays = dueSoonWorkdays
    }

    public static let standard = WorkflowLimits()

    func check() throws(InputError) {
        for (value, field, label) in [
            (acknowledgeWorkdays, "acknowledge_workdays", "告知反映人的时限"), (referralSendWorkdays, "referral_send_workdays", "转办时限"),
            (referralFeedbackWorkdays, "referral_feedback_workdays", "转办反馈时限"), (dueSoonWorkdays, "due_soon_workdays", "临近提醒天数"),
        ] where !(1...365).contains(value) {
            throw InputError(code: "invalid_limit", zh: "\(label)应为1至365个工作日。", en: "\(field) must be 1 to 365 working days.", field: field)
        }
    }
}

extension Inspection {
    public var effectiveLimits: WorkflowLimits { limits ?? .standard }
}
