import Foundation
import XunchaDesk

/// A staff member's phone with its authenticator app: it keeps the secret each enrolment page
/// showed and gives the code of the moment (RFC 6238, through `TOTPSecret`). The server takes each
/// code once, so a second login within the same 30 seconds gets the next step's code, which the
/// server accepts as a phone's clock a little ahead.
final class Phone: @unchecked Sendable {
    static let shared = Phone()
    /// The phone's clock: the server's, for tests whose server runs on a clock of its own.
    @TaskLocal static var clock: @Sendable () -> Date = { Date() }
    /// Which installation the test talks to: tests run side by side with the same account names.
    @TaskLocal static var installation = ""
    private let lock = NSLock()
    private var secrets: [String: TOTPSecret] = [:]
    private var lastSteps: [String: Int64] = [:]

    /// The secret in the page's `totp-secret` element, in groups of four.
    static func secret(shownOn page: String) throws -> TOTPSecret {
        guard let start = page.range(of: #"id="totp-secret">"#),
            let end = page[start.upperBound...].range(of: "</p>"),
            let secret = TOTPSecret(
                base32: String(page[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<span>", with: "")
                    .replacingOccurrences(of: "</span>", with: "")
            )
        else { throw CocoaError(.fileReadCorruptFile) }
        return secret
    }

    func remember(_ username: String, _ secret: TOTPSecret) {
        lock.withLock { secrets[Self.installation + "|" + username] = secret }
    }

    /// The code of the moment for the account of this installation; "" when it has not enrolled.
    func code(for username: String) async -> String {
        guard let secret = lock.withLock({ secrets[Self.installation + "|" + username] }) else { return "" }
        return await code(secret)
    }

    /// The code of the moment for `secret`, never one given before.
    func code(_ secret: TOTPSecret) async -> String {
        while true {
            let now = TOTPSecret.step(at: Self.clock())
            let step: Int64? = lock.withLock {
                let step = max(now, (lastSteps[secret.key] ?? .min) + 1)
                guard step <= now + 1 else { return nil }
                lastSteps[secret.key] = step
                return step
            }
            if let step { return secret.code(step: step) }
            try? await Task.sleep(for: .seconds(2))
        }
    }
}
