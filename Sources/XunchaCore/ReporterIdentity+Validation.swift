extension ReporterIdentity {
    /// Trims each field and refuses values no real person writes, so that a typo is caught while
    /// the reporter is still on the page rather than when staff try to call back.
    func validated() throws(InputError) -> ReporterIdentity {
        var problems: [InputError] = []
        let r = checked(&problems)
        if let first = problems.first { throw first }
        return r
    }

    /// The trimmed identity, with every problem of every field added to `problems` (a page shows
    /// them all at once).
    func checked(_ problems: inout [InputError]) -> ReporterIdentity {
        var r = ReporterIdentity(
            name: TextLimits.trimmed(name),
            phone: TextLimits.trimmed(phone),
            idNumber: TextLimits.trimmed(idNumber).uppercased(),
            address: TextLimits.trimmed(address),
            email: TextLimits.trimmed(email)
        )
        TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(r.name, field: "reporter.name", labelZH: "反映人姓名", max: 50) }
        let phoneLength = problems.count
        TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(r.phone, field: "reporter.phone", labelZH: "联系电话", max: 30) }
        r.phone = String(r.phone.filter { $0 != " " && $0 != "-" })
        if problems.count == phoneLength, !r.phone.isEmpty,
            !(r.phone.count >= 3 && r.phone.enumerated().allSatisfy({ $1.isASCII && ($1.isNumber || ($0 == 0 && $1 == "+")) }))
        {
            problems.append(InputError(code: "invalid_phone", zh: "联系电话只能包含数字。", en: "reporter.phone must be digits.", field: "reporter.phone"))
        }
        if !r.idNumber.isEmpty, let problem = Self.idNumberProblem(r.idNumber) { problems.append(problem) }
        TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(r.address, field: "reporter.address", labelZH: "联系地址", max: 200)
        }
        let emailLength = problems.count
        TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(r.email, field: "reporter.email", labelZH: "电子邮箱", max: 254) }
        if problems.count == emailLength, !r.email.isEmpty {
            let parts = r.email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || r.email.contains(" ") {
                problems.append(
                    InputError(
                        code: "invalid_email",
                        zh: "电子邮箱格式不正确，应类似 name@example.com。",
                        en: "reporter.email is not an e-mail address.",
                        field: "reporter.email"
                    )
                )
            }
        }
        return r
    }

    /// A resident ID number (GB 11643): 17 digits and a check character, the weighted sum of the
    /// digits modulo 11 mapped onto 1 0 X 9 8 7 6 5 4 3 2. A wrong check character is almost
    /// always a mistyped digit, so it is told apart from a wrong length.
    static func idNumberProblem(_ s: String) -> InputError? {
        let chars = Array(s)
        guard chars.count == 18, chars.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }), chars[17].isASCII, chars[17].isNumber || chars[17] == "X"
        else {
            return InputError(
                code: "invalid_id_number",
                zh: "身份证号码应为18位：17位数字，最后一位是数字或X。",
                en: "reporter.id_number must have 18 characters, digits with an optional final X.",
                field: "reporter.id_number"
            )
        }
        guard idNumberCheckCharacter(chars.prefix(17).map { Int($0.asciiValue! - 48) }) == chars[17] else {
            return InputError(
                code: "id_number_check_digit",
                zh: "身份证号码的校验位不对，可能有一位数字输错了，请核对。",
                en: "reporter.id_number fails its GB 11643 check character.",
                field: "reporter.id_number"
            )
        }
        return nil
    }

    static func idNumberCheckCharacter(_ digits: [Int]) -> Character {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return Array("10X98765432")[sum % 11]
    }
}
