import Foundation
// bcrypt only (HummingbirdBcrypt depends on nothing but its C bcrypt): no HTTP type comes with it.
import HummingbirdBcrypt
import NIOPosix

/// Staff passwords, hashed with bcrypt on the thread pool: slow on purpose, so the server's event
/// loop keeps serving while one is checked.
public struct PasswordHasher: Sendable {
    let cost: UInt8

    public func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    public func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Checks a password against a hash no password matches, at this installation's cost, so that
    /// a login with an unknown name takes as long as one with a known name and a wrong password.
    public func verifyNobody(_ password: String) async throws {
        let decoy = "$2b$" + (cost < 10 ? "0" : "") + String(cost) + "$" + "xunchaDecoySaltXunchaD" + "ecoyHashNoPasswordMatchesThisXX"
        _ = try await verify(password, hash: decoy)
    }

    /// Twenty characters from an alphabet without look-alikes (0/O, 1/l/I), easy to type once.
    public static func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var rng = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet.randomElement(using: &rng)! })
    }
}
