import XunchaCore

extension ReporterIdentity {
    /// The reporter fields every form uses (the public report form, the console's registrations),
    /// under the same names.
    init(form: [String: String]) {
        self.init(
            name: form["reporter_name"] ?? "",
            phone: form["reporter_phone"] ?? "",
            idNumber: form["reporter_id_number"] ?? "",
            address: form["reporter_address"] ?? "",
            email: form["reporter_email"] ?? ""
        )
    }
}
