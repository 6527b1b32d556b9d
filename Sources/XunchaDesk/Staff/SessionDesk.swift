import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// Staff sessions: logging in (throttled per client; the password, then the second factor, see
/// StaffDesk+SecondFactor.swift), finding the account behind a token, logging out, changing the
/// password. Only a hash of a session's token is stored, so a copy of the database lets nobody
/// log in.
extension StaffDesk {
    public struct Login: Sendable {
        /// Given to the client once (a cookie or a bearer token).
        public var token: String
        public var session: StaffSession
        public var user: StaffUser
    }

    public static func tokenHash(_ token: String) -> String { SHA256.hash(data: Data(token.utf8)).hexString }

    /// 256 random bits, URL-safe base64: session tokens and form tokens.
    public static func randomToken() -> String {
        let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public func login(_ input: LoginInput, client: ClientTag?) async throws -> Login {
        let attempt = try await services.beginAttempt(.login, client)
        let name = TextLimits.trimmed(input.username).lowercased()
        let found = try await store.userCredentials(username: name)
        if found == nil { try await services.passwords.verifyNobody(input.password) }
        guard let found, try await services.passwords.verify(input.password, hash: found.passwordHash) else {
            await services.penalise()
            throw DeskError(.unauthenticated, code: "bad_credentials", zh: "用户名或密码不正确。", en: "wrong username or password.")
        }
        // What the password opens: the second step, an enrolment, or (a one-time password) its change.
        var stage: StaffSession.Stage
        if try await store.secondFactor(userID: found.user.id).sealedSecret != nil {
            stage = .secondFactor
            if let code = input.code, !code.isEmpty {
                guard try await verifySecondFactor(found.user, code: code, sessionTokenHash: nil) else {
                    await services.penalise()
                    throw Self.wrongCode
                }
                stage = .full
            }
        } else {
            stage = found.user.mustChangePassword ? .full : .enrolment
        }
        await services.throttle.refund(attempt)
        let token = Self.randomToken()
        let session = StaffSession(
            tokenHash: Self.tokenHash(token),
            userID: found.user.id,
            csrfToken: Self.randomToken(),
            expiresAt: services.now().addingTimeInterval(services.settings.sessionLifetime),
            stage: stage
        )
        try await store.createSession(session, at: services.now())
        return Login(token: token, session: session, user: found.user)
    }

    /// The account behind a session token, while the session lasts (whole or not: see `stage`).
    public func session(token: String) async throws -> (user: StaffUser, session: StaffSession)? {
        guard let session = try await store.session(tokenHash: Self.tokenHash(token)), session.expiresAt > services.now(),
            let user = try await store.user(id: session.userID)
        else { return nil }
        return (user, session)
    }

    public func logout(_ session: StaffSession) async throws {
        try await store.deleteSession(tokenHash: session.tokenHash, at: services.now())
    }

    /// Changes the password; every session of the account ends with the old one.
    public func changePassword(_ user: StaffUser, _ input: PasswordChangeInput) async throws {
        if let again = input.newAgain, again != input.new {
            throw DeskError(.invalid, code: "password_mismatch", zh: "两次输入的新密码不一致。", en: "passwords differ.", field: "password_again")
        }
        guard let found = try await store.userCredentials(username: user.username),
            try await services.passwords.verify(input.current, hash: found.passwordHash)
        else {
            throw DeskError(.invalid, code: "bad_credentials", zh: "当前密码不正确。", en: "current password is wrong.", field: "current")
        }
        let checked = try checking { () throws(InputError) in try StaffUser.validatedPassword(input.new, username: user.username) }
        if checked == input.current {
            throw DeskError(.invalid, code: "same_password", zh: "新密码不能与原密码相同。", en: "new password equals the old one.", field: "password")
        }
        try await store.setPassword(
            userID: user.id,
            passwordHash: try await services.passwords.hash(checked),
            mustChange: false,
            actor: .user(id: user.id),
            at: services.now()
        )
    }
}
