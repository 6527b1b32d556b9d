import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The second factor (docs/security.md): TOTP by RFC 6238 through HummingbirdOTP, enrolment,
/// recovery codes, each code taken once, wrong codes throttled like wrong passwords.
@Suite struct SecondFactorTests {
    /// RFC 6238 appendix B's SHA-1 vectors, cut to the six digits authenticator apps show.
    @Test(arguments: [
        (59.0, "287082"), (1_111_111_109, "081804"), (1_111_111_111, "050471"), (1_234_567_890, "005924"),
        (2_000_000_000, "279037"), (20_000_000_000, "353130"),
    ])
    func codesAreThoseOfRFC6238(_ time: Double, _ code: String) {
        #expect(TOTPSecret(key: "12345678901234567890").code(at: Date(timeIntervalSince1970: time)) == code)
    }

    @Test func theSecretIsShownInGroupsOfFourAndReadBackAsAPhoneReadsIt() throws {
        let secret = TOTPSecret.random()
        #expect(secret.key.count == 20)
        #expect(secret.base32.count == 32)
        #expect(secret.grouped.split(separator: " ").allSatisfy { $0.count == 4 })
        #expect(TOTPSecret(base32: secret.grouped) == secret)
        #expect(TOTPSecret(base32: secret.grouped.lowercased().replacingOccurrences(of: " ", with: "")) == secret)
        let address = secret.address(account: "zuzhang")
        #expect(address.hasPrefix("otpauth://totp/"))
        #expect(address.contains("secret=\(secret.base32)"))
        #expect(address.contains("issuer=Xuncha"))
        #expect(TOTPSecret.random() != secret)
        // Malformed, oversized, and wrongly encoded secrets are refused, not guessed at.
        for bad in ["", "0189", "ABCD!EFG", String(repeating: "A", count: 300), "甲乙丙丁", "/w=="] { #expect(TOTPSecret(base32: bad) == nil, "\(bad)") }
    }

    @Test func aCodeMatchesOneStepEitherSideAndOnlyAfterTheLastTaken() {
        let secret = TOTPSecret(key: "12345678901234567890")
        let now = Date(timeIntervalSince1970: 1_111_111_111)
        let step = TOTPSecret.step(at: now)
        #expect(secret.matchingStep(secret.code(step: step), at: now, after: nil) == step)
        #expect(secret.matchingStep(secret.code(step: step - 1), at: now, after: nil) == step - 1)
        #expect(secret.matchingStep(secret.code(step: step + 1), at: now, after: nil) == step + 1)
        #expect(secret.matchingStep(secret.code(step: step + 2), at: now, after: nil) == nil)
        #expect(secret.matchingStep(secret.code(step: step), at: now, after: step) == nil)
        #expect(secret.matchingStep("", at: now, after: nil) == nil)
        #expect(secret.matchingStep("０５０４７１", at: now, after: nil) == nil)
    }

    /// An installation with a member whose password is already changed.
    struct World {
        let installation: TemporaryInstallation
        let store: SQLStore
        let desks: DeskServices
        let user: StaffUser
        static let password = "member-password-1"

        static func make(maxFailures: Int = 10) async throws -> World {
            let installation = try TemporaryInstallation()
            let store = try await installation.open()
            var settings = TemporaryInstallation.settings
            settings.maxFailuresPerClient = maxFailures
            let desks = DeskServices(store: store, keys: installation.keys, dataFolder: installation.folder, settings: settings)
            try await desks.admin.createInspection(.system, keeping: DemoData.inspection)
            let user = try await desks.admin.createStaff(
                .system,
                StaffAccountInput(username: "member1", role: "member", inspectionId: DemoData.inspection.id)
            ).user
            try await store.setPassword(
                userID: user.id,
                passwordHash: try await desks.passwords.hash(password),
                mustChange: false,
                actor: .system,
                at: Date()
            )
            return World(installation: installation, store: store, desks: desks, user: user)
        }

        func login(code: String? = nil, client: ClientTag? = ClientTag(address: "c1", browser: nil)) async throws -> StaffDesk.Login {
            try await desks.staff.login(LoginInput(username: "member1", password: Self.password, code: code), client: client)
        }

        func pending(_ login: StaffDesk.Login) -> StaffDesk.PendingLogin { .init(user: login.user, session: login.session) }

        func close() async throws {
            try await store.close()
            installation.remove()
        }
    }

    @Test func anAccountEnrolsThenLogsInWithItsCodeOrARecoveryCodeEachOnce() async throws {
        let w = try await World.make()
        let staff = w.desks.staff
        // No second factor yet: the password opens the enrolment only.
        let first = try await w.login()
        #expect(first.session.stage == .enrolment)
        let stored = try #require(try await staff.session(token: first.token))
        #expect(stored.session.stage == .enrolment)
        let enrolment = try await staff.enrolment(w.pending(first))
        #expect(try await staff.enrolment(w.pending(first)).secret == enrolment.secret)
        // The secret is kept sealed, not as typed.
        let record = try await w.store.secondFactor(userID: w.user.id)
        #expect(record.sealedSecret == nil)
        #expect(!(record.sealedPendingSecret ?? "").contains(enrolment.secret.key))
        await #expect(throws: StaffDesk.wrongCode) {
            _ = try await staff.confirmEnrolment(w.pending(first), code: "000000x", client: ClientTag(address: "c1", browser: nil))
        }
        let enrolledStep = TOTPSecret.step(at: Date())
        let enrolledCode = enrolment.secret.code(step: enrolledStep)
        let codes = try await staff.confirmEnrolment(w.pending(first), code: enrolledCode, client: ClientTag(address: "c1", browser: nil))
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 11 && $0.dropFirst(5).first == "-" })
        #expect(try await staff.session(token: first.token)?.session.stage == .full)

        // Next login: the second step. The code just used for enrolment is not taken again.
        let second = try await w.login()
        #expect(second.session.stage == .secondFactor)
        await #expect(throws: StaffDesk.wrongCode) {
            try await staff.passSecondStep(w.pending(second), code: enrolledCode, client: ClientTag(address: "c1", browser: nil))
        }
        // A recovery code, once; typed with spaces and in capitals.
        try await staff.passSecondStep(w.pending(second), code: " " + codes[3].uppercased() + " ", client: ClientTag(address: "c1", browser: nil))
        #expect(try await staff.session(token: second.token)?.session.stage == .full)
        let third = try await w.login()
        await #expect(throws: StaffDesk.wrongCode) {
            try await staff.passSecondStep(w.pending(third), code: codes[3], client: ClientTag(address: "c1", browser: nil))
        }
        // The API's one-shot login takes the next step's code (a phone a little ahead).
        let next = enrolment.secret.code(step: TOTPSecret.step(at: Date()) + 1)
        #expect(try await w.login(code: next).session.stage == .full)
        await #expect(throws: StaffDesk.wrongCode) { _ = try await w.login(code: next) }
        let trail = try await w.store.auditEvents(afterSeq: 0, limit: 1000).compactMap(\.knownAction)
        #expect(trail.filter { $0 == .staffSecondFactorEnrolled }.count == 1)
        #expect(trail.filter { $0 == .staffRecoveryCodeUsed }.count == 1)
        #expect(trail.filter { $0 == .staffLogin }.count == 3)

        // The admin's reset takes the second factor away with the password.
        _ = try await w.desks.admin.resetAccount(.system, userID: w.user.id)
        #expect(try await w.store.secondFactor(userID: w.user.id) == SecondFactorRecord())
        try await w.close()
    }

    @Test func wrongCodesCountInTheLoginThrottle() async throws {
        let w = try await World.make(maxFailures: 3)
        let staff = w.desks.staff
        let first = try await w.login()
        let enrolment = try await staff.enrolment(w.pending(first))
        _ = try await staff.confirmEnrolment(
            w.pending(first),
            code: enrolment.secret.code(at: Date()),
            client: ClientTag(address: "c1", browser: nil)
        )
        let second = try await w.login(client: ClientTag(address: "c2", browser: nil))
        for bad in ["123456", String(repeating: "9", count: 10_000), "\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}"] {
            await #expect(throws: DeskError.self) {
                try await staff.passSecondStep(w.pending(second), code: bad, client: ClientTag(address: "c2", browser: nil))
            }
        }
        let throttled = await #expect(throws: DeskError.self) {
            try await staff.passSecondStep(w.pending(second), code: enrolment.secret.code(at: Date()), client: ClientTag(address: "c2", browser: nil))
        }
        #expect(throttled?.code == "too_many_attempts")
        try await w.close()
    }
}
