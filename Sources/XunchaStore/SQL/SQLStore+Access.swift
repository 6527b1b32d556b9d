import Foundation
import SQLKit
import XunchaCore

/// The two-person rule (who of an inspection is confirmed to see its reports), the admin's reset,
/// and the second factor (the sealed TOTP secret, the last step a code was taken for, hashed
/// recovery codes).
extension SQLStore {
    public func setAccess(userID: String, access: StaffAccess, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
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
        try await transaction { db in
            try await db.raw(
                """
                UPDATE staff_users SET password_hash = \(bind: passwordHash), must_change_password = 1,
                    access = CASE WHEN role = 'admin' THEN 'confirmed' ELSE 'pending' END,
                    totp_key = NULL, totp_pending_key = NULL, totp_last_step = NULL
                WHERE id = \(bind: userID)
                """
            ).run()
            try await db.raw("DELETE FROM staff_recovery_codes WHERE user_id = \(bind: userID)").run()
            try await db.raw("DELETE FROM staff_sessions WHERE user_id = \(bind: userID)").run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .staffPasswordReset, subjectID: userID)
        }
    }

    public func secondFactor(userID: String) async throws -> SecondFactorRecord {
        guard
            let row = try await engine.reader.raw(
                "SELECT totp_key, totp_pending_key, totp_last_step FROM staff_users WHERE id = \(bind: userID)"
            ).first()
        else { throw StoreError.stateChanged("no account \(userID)") }
        return SecondFactorRecord(
            sealedSecret: try row.decode(column: "totp_key", as: String?.self),
            sealedPendingSecret: try row.decode(column: "totp_pending_key", as: String?.self),
            lastStep: try row.decode(column: "totp_last_step", as: Int64?.self)
        )
    }

    public func setPendingSecondFactor(userID: String, sealedSecret: String) async throws {
        try await transaction { db in
            try await db.raw("UPDATE staff_users SET totp_pending_key = \(bind: sealedSecret) WHERE id = \(bind: userID)").run()
        }
    }

    public func enrolSecondFactor(
        userID: String,
        step: Int64,
        recoveryCodeHashes: [String],
        sessionTokenHash: String,
        at: Date
    ) async throws
        -> Bool
    {
        try await transaction { db in
            // Taken only when the secret confirmed is still the one being enrolled.
            let moved = try await db.raw(
                """
                UPDATE staff_users SET totp_key = totp_pending_key, totp_pending_key = NULL, totp_last_step = \(bind: step)
                WHERE id = \(bind: userID) AND totp_pending_key IS NOT NULL RETURNING id
                """
            ).first()
            guard moved != nil else { return false }
            try await db.raw("DELETE FROM staff_recovery_codes WHERE user_id = \(bind: userID)").run()
            for hash in recoveryCodeHashes {
                try await db.raw("INSERT INTO staff_recovery_codes (user_id, code_hash) VALUES (\(bind: userID), \(bind: hash))").run()
            }
            try await db.raw("UPDATE staff_sessions SET stage = 'full' WHERE token_hash = \(bind: sessionTokenHash)").run()
            try await Self.appendAudit(
                db,
                PendingAuditEvent(at: at, actor: .user(id: userID), action: .staffSecondFactorEnrolled, subjectID: userID, detail: ""),
                PendingAuditEvent(at: at, actor: .user(id: userID), action: .staffLogin, subjectID: userID, detail: "")
            )
            return true
        }
    }

    public func passSecondFactor(userID: String, proof: SecondFactorProof, sessionTokenHash: String?, at: Date) async throws -> Bool {
        try await transaction { db in
            // One statement decides whether the code is still unused, so two requests with one
            // code cannot both pass.
            let taken: (any SQLRow)?
            switch proof {
            case .step(let step):
                taken = try await db.raw(
                    """
                    UPDATE staff_users SET totp_last_step = \(bind: step)
                    WHERE id = \(bind: userID) AND totp_key IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
                    RETURNING id
                    """
                ).first()
            case .recoveryCode(let hash):
                taken = try await db.raw(
                    """
                    UPDATE staff_recovery_codes SET used_at = \(bind: Self.millis(at))
                    WHERE user_id = \(bind: userID) AND code_hash = \(bind: hash) AND used_at IS NULL RETURNING user_id
                    """
                ).first()
            }
            guard taken != nil else { return false }
            // The login is written with the session that completes it (here, or by createSession).
            var events: [PendingAuditEvent] = []
            if sessionTokenHash != nil {
                events.append(PendingAuditEvent(at: at, actor: .user(id: userID), action: .staffLogin, subjectID: userID, detail: ""))
            }
            if case .recoveryCode = proof {
                let left =
                    try await db.raw(
                        "SELECT COUNT(*) AS n FROM staff_recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL"
                    ).first()?.decode(column: "n", as: Int.self) ?? 0
                events.insert(
                    PendingAuditEvent(at: at, actor: .user(id: userID), action: .staffRecoveryCodeUsed, subjectID: userID, detail: "left \(left)"),
                    at: 0
                )
            }
            if let sessionTokenHash {
                try await db.raw("UPDATE staff_sessions SET stage = 'full' WHERE token_hash = \(bind: sessionTokenHash)").run()
            }
            for event in events { try await Self.appendAudit(db, event) }
            return true
        }
    }
}
