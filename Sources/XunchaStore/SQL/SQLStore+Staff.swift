import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    public func createUser(_ user: StaffUser, passwordHash: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            let taken = try await db.raw("SELECT id FROM staff_users WHERE username = \(bind: user.username)").first()
            if taken != nil { throw StoreError.duplicateUsername(user.username) }
            try await db.raw(
                """
                INSERT INTO staff_users (id, username, display_name, role, inspection_id, password_hash, must_change_password, created_at,
                    recipient, access)
                VALUES (\(bind: user.id), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue),
                        \(bind: user.inspectionID), \(bind: passwordHash), \(bind: user.mustChangePassword ? 1 : 0), \(bind: Self.millis(at)),
                        \(bind: user.recipient), \(bind: user.access.rawValue))
                """
            ).run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .staffCreated,
                subjectID: user.id,
                detail: "\(user.username) \(user.role.rawValue)"
            )
            try await Self.recordNamedStaff(db, .user(user.id))
        }
    }

    private static let userColumns = "id, username, display_name, role, inspection_id, must_change_password, password_hash, recipient, access"

    public func userCredentials(username: String) async throws -> (user: StaffUser, passwordHash: String)? {
        try await engine.reader.raw(
            "SELECT \(unsafeRaw: Self.userColumns) FROM staff_users WHERE username = \(bind: username)"
        ).first().map { (try Self.user(from: $0), try $0.decode(column: "password_hash", as: String.self)) }
    }

    public func user(id: String) async throws -> StaffUser? {
        try await engine.reader.raw("SELECT \(unsafeRaw: Self.userColumns) FROM staff_users WHERE id = \(bind: id)").first().map(Self.user(from:))
    }

    public func users() async throws -> [StaffUser] {
        try await engine.reader.raw("SELECT \(unsafeRaw: Self.userColumns) FROM staff_users ORDER BY created_at, username").all().map(
            Self.user(from:)
        )
    }

    public func setPassword(userID: String, passwordHash: String, mustChange: Bool, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await db.raw(
                """
                UPDATE staff_users SET password_hash = \(bind: passwordHash), must_change_password = \(bind: mustChange ? 1 : 0)
                WHERE id = \(bind: userID)
                """
            ).run()
            // Whoever held the old password loses their sessions with it.
            try await db.raw("DELETE FROM staff_sessions WHERE user_id = \(bind: userID)").run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .staffPasswordSet, subjectID: userID)
        }
    }

    public func createSession(_ session: StaffSession, at: Date) async throws {
        try await transaction { db in
            try await db.raw("DELETE FROM staff_sessions WHERE expires_at < \(bind: Self.millis(at))").run()
            try await db.raw(
                """
                INSERT INTO staff_sessions (token_hash, user_id, csrf_token, expires_at, stage)
                VALUES (\(bind: session.tokenHash), \(bind: session.userID), \(bind: session.csrfToken), \(bind: Self.millis(session.expiresAt)),
                        \(bind: session.stage.rawValue))
                """
            ).run()
            // A login is recorded when it is whole: a session waiting for its second factor is not one yet.
            guard session.stage == .full else { return }
            try await Self.appendAudit(
                db,
                at: at,
                actor: .user(id: session.userID),
                action: .staffLogin,
                subjectID: session.userID
            )
        }
    }

    public func session(tokenHash: String) async throws -> StaffSession? {
        try await engine.reader.raw(
            "SELECT token_hash, user_id, csrf_token, expires_at, stage FROM staff_sessions WHERE token_hash = \(bind: tokenHash)"
        ).first().map {
            StaffSession(
                tokenHash: try $0.decode(column: "token_hash", as: String.self),
                userID: try $0.decode(column: "user_id", as: String.self),
                csrfToken: try $0.decode(column: "csrf_token", as: String.self),
                expiresAt: Self.date(try $0.decode(column: "expires_at", as: Int64.self)),
                // An unknown stage opens nothing beyond the second step.
                stage: StaffSession.Stage(rawValue: try $0.decode(column: "stage", as: String.self)) ?? .secondFactor
            )
        }
    }

    public func deleteSession(tokenHash: String, at: Date) async throws {
        try await transaction { db in
            guard
                let userID = try await db.raw("SELECT user_id FROM staff_sessions WHERE token_hash = \(bind: tokenHash)").first().map({
                    try $0.decode(column: "user_id", as: String.self)
                })
            else { return }
            try await db.raw("DELETE FROM staff_sessions WHERE token_hash = \(bind: tokenHash)").run()
            try await Self.appendAudit(db, at: at, actor: .user(id: userID), action: .staffLogout, subjectID: userID)
        }
    }

    static func user(from row: any SQLRow) throws -> StaffUser {
        let id = try row.decode(column: "id", as: String.self)
        guard let role = StaffRole(rawValue: try row.decode(column: "role", as: String.self)) else {
            throw StoreError.unreadableRow(table: "staff_users", key: id)
        }
        return StaffUser(
            id: id,
            username: try row.decode(column: "username", as: String.self),
            displayName: try row.decode(column: "display_name", as: String.self),
            role: role,
            inspectionID: try row.decode(column: "inspection_id", as: String?.self),
            mustChangePassword: try row.decode(column: "must_change_password", as: Int.self) != 0,
            recipient: try row.decode(column: "recipient", as: String?.self),
            // Anything but a confirmation on record is pending: the rule fails closed.
            access: StaffAccess(rawValue: try row.decode(column: "access", as: String.self)) ?? .pending
        )
    }
}
