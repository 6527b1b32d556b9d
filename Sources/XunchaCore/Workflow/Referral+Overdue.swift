extension Referral {
    /// Past its clock on `today`: not sent by the day it was due, or sent and not answered by the
    /// day feedback was due. Answered and cancelled referrals are never late.
    public func isOverdue(on today: CivilDate) -> Bool {
        switch state {
        case .draft: sendDue.map { $0 < today } ?? false
        case .sent: feedbackDue.map { $0 < today } ?? false
        case .answered, .cancelled: false
        }
    }
}
