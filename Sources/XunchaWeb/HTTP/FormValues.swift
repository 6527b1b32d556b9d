import XunchaCore

/// What a form's boxes show when it comes back with an error: what was typed, read from the raw
/// fields by their bracketed names, so even input that could not be decoded is kept.
struct FormValues {
    let fields: [String: String]

    subscript(_ name: String) -> String { fields[name] ?? "" }

    func subject(_ index: Int) -> Subject {
        Subject(name: self["subjects[\(index)][name]"], unit: self["subjects[\(index)][unit]"], post: self["subjects[\(index)][post]"])
    }

    var reporter: ReporterIdentity {
        ReporterIdentity(
            name: self["reporter[name]"],
            phone: self["reporter[phone]"],
            idNumber: self["reporter[id_number]"],
            address: self["reporter[address]"],
            email: self["reporter[email]"]
        )
    }
}
