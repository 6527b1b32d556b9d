import Foundation
import SQLKit
import XunchaCore

/// The two-person rule: who of an inspection is confirmed to see its reports, and the admin's reset
/// that makes an account start over.
extension SQLStore {
    public func setAccess(userID: String, access: StaffAccess, actor: AuditActor, at: Date) async throws {
        try await engine.transaction { db in
            guard
                let username = try await db.raw("SELECT username FROM staff_users WHERE id = \(bind: userID)").first()
                    .map({ try $0.decode(column: "username", as: String.self) })
            else { throw StoreError.stateChanged("no account \(userID)") }
            try await db.raw("UPDATE staff_users SET access = \(bind: access.rawValue) WHERE id = \(bind: userID)").run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: access == .confirmed ? .staffAccessConfirmed : .staffAccessRevoked,
                subjectID: userID,
                detail: username
            )
        }
    }

    public func resetAccount(userID: String, passwordHash: String, actor: AuditActor, at: Date) async throws {
        try await engine.transaction { db in
            try await db.raw(
                """
                UPDATE staff_users SET password_hash = \(bind: passwordHash), must_change_password = 1,
                    access = CASE WHEN role = 'admin' THEN 'confirmed' ELSE 'pending' END
                WHERE id = \(bind: userID)
                """
            ).run()
            try await db.raw("DELETE FROM staff_sessions WHERE user_id = \(bind: userID)").run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .staffPasswordReset, subjectID: userID)
        }
    }
}
