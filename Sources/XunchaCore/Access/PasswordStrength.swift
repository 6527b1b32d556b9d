/// Why a password of allowed length is still refused: one a guesser tries first. Kept short and
/// explainable: a list of the passwords people choose most (those of ten or more characters, as
/// shorter ones are refused anyway), and shapes that make any list: few distinct characters, a
/// run along the digits, the alphabet or a keyboard row, and the account's own name.
enum PasswordStrength {
    static let common: Set<String> = [
        "1234567890", "0123456789", "12345678910", "123456789a", "a123456789", "abc1234567", "abcd123456", "qwertyuiop",
        "1qaz2wsx3edc", "1q2w3e4r5t", "1q2w3e4r5t6y", "qwe1234567", "qwer123456", "asdfghjkl;", "zxcvbnm123", "password12",
        "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou12", "woaini1314", "woaini520", "5201314520",
        "1314520520", "admin12345", "admin123456", "administrator", "root123456", "welcome123", "changeme123", "letmein123",
        "11111111111", "88888888888", "66666666666", "abcdefghij", "qazwsxedcr", "zaq12wsxcde", "1234qwerasdf",
        "xuncha1234", "xuncha123456", "xunchazu123", "jiwei12345", "12388123880",
    ]

    /// Sequences a password must not be a stretch of, forwards or backwards.
    static let runs = ["01234567890", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb"]

    static func isGuessable(_ password: String, username: String?) -> Bool {
        let lower = password.lowercased()
        if common.contains(lower) || Set(lower).count < 4 { return true }
        if let username, username.count >= 3, lower.contains(username.lowercased()) { return true }
        let stripped = String(lower.filter { $0.isLetter || $0.isNumber })
        return runs.contains { run in run.contains(stripped) || String(run.reversed()).contains(stripped) }
    }
}
