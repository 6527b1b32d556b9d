extension ReporterIdentity {
    /// Trims each field and refuses values no real person writes, so that a typo is caught while
    /// the reporter is still on the page rather than when staff try to call back.
    func validated() throws(InputError) -> ReporterIdentity {
        var r = ReporterIdentity(
            name: TextLimits.trimmed(name),
            phone: TextLimits.trimmed(phone),
            idNumber: TextLimits.trimmed(idNumber).uppercased(),
            address: TextLimits.trimmed(address),
            email: TextLimits.trimmed(email)
        )
        try TextLimits.check(r.name, field: "reporter.name", labelZH: "反映人姓名", max: 50)
        try TextLimits.check(r.address, field: "reporter.address", labelZH: "联系地址", max: 200)
        try TextLimits.check(r.email, field: "reporter.email", labelZH: "电子邮箱", max: 254)
        try TextLimits.check(r.phone, field: "reporter.phone", labelZH: "联系电话", max: 30)
        r.phone = String(r.phone.filter { $0 != " " && $0 != "-" })
        if !r.phone.isEmpty, !(r.phone.count >= 3 && r.phone.enumerated().allSatisfy({ $1.isASCII && ($1.isNumber || ($0 == 0 && $1 == "+")) })) {
            throw InputError(code: "invalid_phone", zh: "联系电话只能包含数字。", en: "reporter.phone must be digits.", field: "reporter.phone")
        }
        if !r.idNumber.isEmpty, !Self.looksLikeIDNumber(r.idNumber) {
            throw InputError(
                code: "invalid_id_number",
                zh: "身份证号码应为18位（最后一位可以是X）。",
                en: "reporter.id_number must have 18 characters, digits with an optional final X.",
                field: "reporter.id_number"
            )
        }
        if !r.email.isEmpty {
            let parts = r.email.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".") || r.email.contains(" ") {
                throw InputError(code: "invalid_email", zh: "电子邮箱格式不正确。", en: "reporter.email is not an e-mail address.", field: "reporter.email")
            }
        }
        return r
    }

    private static func looksLikeIDNumber(_ s: String) -> Bool {
        let chars = Array(s)
        guard chars.count == 18 else { return false }
        return chars.dropLast().allSatisfy { $0.isASCII && $0.isNumber } && (chars[17].isASCII && (chars[17].isNumber || chars[17] == "X"))
    }
}
