import Foundation
import XunchaCore

/// What the top of an inspection's public page says about taking reports right now: open,
/// not yet open, or closed, with the duty phone's hours when they matter, where else to go when
/// the group does not take reports, and what happens to a report sent anyway. The web channel's
/// verdict is the one screening keeps with the report, so the page and screening agree.
struct IntakeNotice {
    enum Stage: String {
        case open
        case before
        case closed
    }

    var stage: Stage
    /// 受理状态, in one line.
    var title: String
    /// What that means for someone about to write.
    var detail: String
    /// About the duty phone while the period is open: answering now, or when it next does.
    var phoneLine: String?
    var phoneOpen = false
    /// What a report sent now is told on the page that gives its code; nil while open.
    var receiptNote: String?
    // Stored, not computed: templates read properties by reflection.
    var isOpen: Bool
    var cssClass: String

    init(_ i: Inspection, now: Date) {
        let window = ReceptionWindow(inspection: i, calendar: .official)
        let deadline = View.day(i.deadline) + (i.deadlineTime.map { " \($0)" } ?? "")
        switch window.judge(.web, at: now).reason {
        case .beforePeriod(let start):
            stage = .before
            title = "本轮巡察尚未开始受理，\(View.day(start))起受理"
            detail = "受理期间为\(View.day(start))至\(deadline)。在此之前提交的反映会登记保存，但不在本轮巡察受理期间内，巡察组将按规定转交有关部门处理。"
            receiptNote = "本轮巡察自\(View.day(start))起受理，您的反映在受理开始前收到。反映已登记保存，巡察组将按规定转交有关部门处理，不作为本轮巡察的问题线索。"
        case .afterDeadline:
            stage = .closed
            title = "本轮巡察已于\(deadline)截止受理"
            detail = "截止后提交的反映仍会登记保存，但不再作为本轮巡察的问题线索，巡察组将按规定转交有关部门处理。"
            receiptNote = "本轮巡察已于\(deadline)截止受理。您的反映已登记保存，但不作为本轮巡察的问题线索，巡察组将按规定转交有关部门处理。反映党员干部违纪违法问题，也可以拨打纪检监察机关信访举报电话12388。"
        default:
            stage = .open
            title = "正在受理，\(deadline)截止"
            detail = "网上反映、电子邮件和来信随时可以提交。"
            if !i.phones.isEmpty {
                let opening = window.nextOpening(of: .phone, after: now)
                phoneOpen = opening.isOpenNow
                phoneLine = opening.isOpenNow ? "值班电话现在可以接通。" : "值班电话\(opening.phoneMessageZH)。网上反映不受此限，随时可以提交。"
            }
        }
        isOpen = stage == .open
        cssClass = "intake-\(stage.rawValue)"
    }
}
