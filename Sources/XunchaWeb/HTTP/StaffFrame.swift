import XunchaCore

/// What every console page shows around its content: who is logged in (for the menu) and the
/// session's form token (for the logout button and every form).
struct StaffFrame {
    struct Me {
        var name: String
        var role: String
        var admin: Bool
        /// The menu's links to the leads and to the handover, for those who may use them.
        var leads: Bool
        var handOver: Bool
        /// A recipient's liaison: its referrals are all it has.
        var liaison: Bool
        /// The registers and ledgers (a liaison keeps the rectification ledger).
        var ledgers: Bool
        /// The leader's list of who sees the inspection's reports.
        var team: Bool

        init(_ user: StaffUser) {
            name = user.displayName
            role = user.role.displayName
            admin = user.role == .admin
            leads = user.may(.readReports, inspectionID: user.inspectionID) && user.inspectionID != nil
            handOver = user.may(.handOver, inspectionID: user.inspectionID) && user.inspectionID != nil
            liaison = user.role == .liaison
            team = user.inspectionID != nil && user.may(.confirmAccess, inspectionID: user.inspectionID)
            ledgers =
                user.inspectionID != nil
                && (user.may(.readReports, inspectionID: user.inspectionID) || user.may(.rectify, inspectionID: user.inspectionID))
        }
    }
}
