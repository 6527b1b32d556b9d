import Foundation
import XunchaCore
import XunchaDesk

/// The report page's part about the reporter's identity: the leader's view button and the
/// members' requests to decide; a member's request, its state, and the one view an approval gives.
struct IdentityPanel {
    struct Request {
        var id: String
        var requester: String
        var at: String
        var reason: String
        var state: String
        /// The leader's remark, nil when there is none.
        var note: String?
        var pending: Bool
        var action: String
    }

    /// The leader's own view, without a request.
    var mayView: Bool
    /// A member's approved request: one view.
    var approved: Bool
    var mayRequest: Bool
    var requests: [Request]
    var anyRequests: Bool
    var action: String
    var requestAction: String

    init(_ file: StaffDesk.ReportFile, me: StaffUser) {
        let id = file.report.id
        mayView = file.mayViewIdentity
        approved = !file.mayViewIdentity && file.identityRequests.contains { $0.requestedBy == me.id && $0.state == .approved }
        mayRequest = file.mayRequestIdentity
        requests = file.identityRequests.reversed().map {
            Request(
                id: $0.id,
                requester: file.name(of: AuditActor.user(id: $0.requestedBy).stored),
                at: View.time($0.requestedAt),
                reason: $0.reason,
                state: $0.state.chineseName,
                note: $0.note.isEmpty ? nil : $0.note,
                pending: $0.state == .pending && file.mayViewIdentity,
                action: "/staff/reports/\(id)/identity/requests/\($0.id)"
            )
        }
        anyRequests = !requests.isEmpty
        action = "/staff/reports/\(id)/identity"
        requestAction = "/staff/reports/\(id)/identity/requests"
    }
}
