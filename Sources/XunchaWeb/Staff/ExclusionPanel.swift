import XunchaCore
import XunchaDesk

/// The report page's 回避 section: who is kept away and why, and for the leader the forms to
/// keep a member away or let a namesake see the report again.
struct ExclusionPanel {
    struct Line {
        var userID: String
        var name: String
        var reason: String
        var keepsAway: Bool
    }

    struct Choice {
        var id: String
        var name: String
    }

    var lines: [Line]
    var any: Bool
    var mayExclude: Bool
    var choices: [Choice]
    var action: String

    init(_ file: StaffDesk.ReportFile) {
        lines = file.exclusions.map {
            Line(
                userID: $0.userID,
                name: file.name(of: AuditActor.user(id: $0.userID).stored),
                reason: $0.chineseReason,
                keepsAway: $0.keepsAway && file.mayExclude
            )
        }
        any = !lines.isEmpty
        mayExclude = file.mayExclude
        choices = file.colleagues.map { Choice(id: $0.id, name: $0.displayName) }
        action = "/staff/reports/\(file.report.id)/exclusions"
    }
}
