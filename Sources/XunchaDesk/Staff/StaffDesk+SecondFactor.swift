import Crypto
import Foundation
import XunchaCore
import XunchaStore

/// The second factor of every staff account: after the password, a code from an authenticator
/// app (TOTP) or one of ten recovery codes. An account without one enrols at its next login (after
/// the first password change for a new account): the secret in groups of four and as a QR code,
/// a first code to confirm it, and ten recovery codes shown once and stored hashed. Wrong codes
/// count in the login throttle; each code is taken once.
extension StaffDesk {
    /// A login the password opened but the second factor has not completed yet.
    public struct PendingLogin: Sendable {
        public var user: StaffUser
        public var session: StaffSession

        public init(user: StaffUser, session: StaffSession) {
            self.user = user
            self.session = session
        }
    }

    /// The secret being enrolled, and the address an authenticator app scans.
    public struct Enrolment: Sendable {
        public var secret: TOTPSecret
        public var address: String
    }

    public static let recoveryCodeCount = 10
    static let recoveryAlphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    static let wrongCode = DeskError(
        .unauthenticated,
        code: "bad_second_factor",
        zh: "验证码或恢复码不正确，或已经用过。请输入手机验证器上当前显示的6位数字。",
        en: "wrong, expired or already used code."
    )

    /// The second step of a login: a TOTP code or a recovery code. On success the session is whole.
    public func passSecondStep(_ pending: PendingLogin, code: String, client: ClientTag?) async throws {
        guard pending.session.stage == .secondFactor else { throw DeskError.unauthenticated }
        let attempt = try await services.beginAttempt(.login, client)
        guard try await verifySecondFactor(pending.user, code: code, sessionTokenHash: pending.session.tokenHash) else {
            await services.penalise()
            throw Self.wrongCode
        }
        await services.throttle.refund(attempt)
    }

    /// Takes the code for `user` if it is right and unused, completing the session if one is given.
    func verifySecondFactor(_ user: StaffUser, code: String, sessionTokenHash: String?) async throws -> Bool {
        let typed = code.filter { !$0.isWhitespace && $0 != "-" }.lowercased()
        guard (1...64).contains(typed.count) else { return false }
        let record = try await store.secondFactor(userID: user.id)
        if typed.count == TOTPSecret.digits, typed.allSatisfy(\.isASCII), typed.allSatisfy(\.isNumber) {
            guard let sealed = record.sealedSecret,
                let secret = try? services.sealer.openValue(String.self, sealed, .secondFactor(userID: user.id)),
                let step = TOTPSecret(key: secret).matchingStep(typed, at: services.now(), after: record.lastStep)
            else { return false }
            return try await store.passSecondFactor(userID: user.id, proof: .step(step), sessionTokenHash: sessionTokenHash, at: services.now())
        }
        guard record.sealedSecret != nil else { return false }
        return try await store.passSecondFactor(
            userID: user.id,
            proof: .recoveryCode(hash: Self.recoveryCodeHash(typed, userID: user.id)),
            sessionTokenHash: sessionTokenHash,
            at: services.now()
        )
    }

    /// The secret the account is enrolling: the same one until it is confirmed, so reloading the
    /// page does not change what the phone scanned.
    public func enrolment(_ pending: PendingLogin) async throws -> Enrolment {
        guard pending.session.stage == .enrolment else { throw DeskError.unauthenticated }
        let purpose = Sealer.Purpose.secondFactor(userID: pending.user.id)
        let record = try await store.secondFactor(userID: pending.user.id)
        let secret: TOTPSecret
        if let sealed = record.sealedPendingSecret, let key = try? services.sealer.openValue(String.self, sealed, purpose) {
            secret = TOTPSecret(key: key)
        } else {
            secret = TOTPSecret.random()
            try await store.setPendingSecondFactor(userID: pending.user.id, sealedSecret: try services.sealer.sealValue(secret.key, purpose))
        }
        return Enrolment(secret: secret, address: secret.address(account: pending.user.username))
    }

    /// The first code from the phone confirms the secret; the ten recovery codes are returned to be
    /// shown once, and the session is whole.
    public func confirmEnrolment(_ pending: PendingLogin, code: String, client: ClientTag?) async throws -> [String] {
        guard pending.session.stage == .enrolment else { throw DeskError.unauthenticated }
        let attempt = try await services.beginAttempt(.login, client)
        let record = try await store.secondFactor(userID: pending.user.id)
        let typed = code.filter { !$0.isWhitespace }
        guard let sealed = record.sealedPendingSecret,
            let key = try? services.sealer.openValue(String.self, sealed, .secondFactor(userID: pending.user.id))
        else {
            throw DeskError(.conflict, code: "no_enrolment", zh: "请先打开设置两步验证的页面。", en: "open the enrolment first.")
        }
        guard typed.count == TOTPSecret.digits, let step = TOTPSecret(key: key).matchingStep(typed, at: services.now(), after: nil) else {
            await services.penalise()
            throw Self.wrongCode
        }
        await services.throttle.refund(attempt)
        let codes = Self.recoveryCodes()
        let enrolled = try await store.enrolSecondFactor(
            userID: pending.user.id,
            step: step,
            recoveryCodeHashes: codes.map { Self.recoveryCodeHash($0, userID: pending.user.id) },
            sessionTokenHash: pending.session.tokenHash,
            at: services.now()
        )
        guard enrolled else {
            throw DeskError(.conflict, code: "no_enrolment", zh: "请先打开设置两步验证的页面。", en: "open the enrolment first.")
        }
        return codes
    }

    /// Ten codes of ten letters and digits (no 0, 1, i, l, o), written as two groups of five.
    static func recoveryCodes() -> [String] {
        var generator = SystemRandomNumberGenerator()
        return (0..<recoveryCodeCount).map { _ in
            let letters = (0..<10).map { _ in recoveryAlphabet.randomElement(using: &generator)! }
            return String(letters[0..<5]) + "-" + String(letters[5..<10])
        }
    }

    /// Recovery codes are random (50 bits) and bound to their account; a digest is enough.
    static func recoveryCodeHash(_ code: String, userID: String) -> String {
        let typed = code.filter { !$0.isWhitespace && $0 != "-" }.lowercased()
        return SHA256.hash(data: Data("xuncha recovery code v1\u{0}\(userID)\u{0}\(typed)".utf8)).hexString
    }
}
