import XunchaCore

/// What every console page shows around its content: who is logged in (for the menu) and the
/// session's form token (for the logout button and every form).
struct StaffFrame {
    struct Me {
        var name: String
        var role: String
        var admin: Bool
        /// A recipient's liaison: its referrals are all it has.
        var liaison: Bool

        init(_ user: StaffUser) {
            name = user.displayName
            role = user.role.displayName
            admin = user.role == .admin
            liaison = user.role == .liaison
        }
    }
}
