import Testing

@testable import XunchaCore

/// Staff passwords a guesser tries first are refused even at a length that is allowed.
@Suite struct PasswordStrengthTests {
    @Test(arguments: [
        "1234567890", "0987654321", "Password123", "qwertyuiop", "QWERTYUIOP", "1qaz2wsx3edc", "woaini1314", "aaaaaaaaaa",
        "abababababab", "1212121212", "abcdefghijk", "zyxwvutsrqp", "asdfghjkl;", "admin12345",
    ])
    func guessablePasswordsAreRefused(_ password: String) {
        #expect(throws: InputError.self) { try StaffUser.validatedPassword(password) }
    }

    @Test func theAccountsOwnNameIsRefusedInsideAPassword() throws {
        #expect(throws: InputError.self) { try StaffUser.validatedPassword("zuzhang-2026-Spring", username: "zuzhang") }
        #expect(try StaffUser.validatedPassword("zuzhang-2026-Spring", username: "lianluo") == "zuzhang-2026-Spring")
    }

    @Test(arguments: ["changed-Kq7mP2xY9aBcD4eF", "巡察工作认真负责2026", "horse battery staple", "Tz8#qL2!vR"])
    func passwordsWithoutAPatternPass(_ password: String) throws {
        #expect(try StaffUser.validatedPassword(password) == password)
    }
}
