import XunchaCore

/// Every problem of a refused form at once: a summary at the top of the page linking to each
/// field, and each field marked (`aria-invalid`, its message tied to it by `aria-describedby`).
/// The page puts focus on the summary (`autofocus`), so a phone shows it without scrolling.
struct FormErrors {
    struct Item {
        /// `#field-id`, or nil for a problem with no field of its own.
        var href: String?
        var message: String
    }

    // Stored, not computed: templates read properties by reflection.
    var items: [Item] = []
    var any = false
    var heading = ""
    /// The ids of the boxes that are wrong, for templates that mark them (`errors.invalid.some-id`).
    var invalid: [String: Bool] = [:]
    private var byField: [String: String] = [:]

    init() {}

    /// `fieldIDs` maps a problem's field name (as the desks name it: `reporter.email`) to the
    /// id of its box on the page.
    init(_ problems: [(field: String?, message: String)], fieldIDs: [String: String]) {
        for problem in problems {
            let id = problem.field.flatMap { fieldIDs[$0] }
            items.append(Item(href: id.map { "#\($0)" }, message: problem.message))
            if let id, byField[id] == nil {
                byField[id] = problem.message
                invalid[id] = true
            }
        }
        any = !items.isEmpty
        heading = items.count == 1 ? "提交未成功，请修改下面这处后再提交：" : "提交未成功，请修改下面\(items.count)处后再提交："
    }

    /// One refusal about the box with this id (nil: about no box).
    init(_ message: String, fieldID: String?) {
        self.init([(fieldID, message)], fieldIDs: fieldID.map { [$0: $0] } ?? [:])
    }

    /// The summary of a page whose one form says its refusal beside itself (`id`): pages set the
    /// message, and its summary follows (`didSet`), so no refusal is left out of sight.
    static func beside(_ message: String?, _ id: String) -> FormErrors {
        message.map { FormErrors($0, fieldID: id) } ?? FormErrors()
    }

    init(_ errors: [InputError], fieldIDs: [String: String]) {
        self.init(errors.map { ($0.field, $0.messageZH) }, fieldIDs: fieldIDs)
    }

    /// The box with this id as the page shows it.
    func field(_ id: String, value: String, hint: Bool = false) -> FieldView {
        FieldView(id: id, value: value, error: byField[id], hasHint: hint)
    }
}

/// One box of a form: what was typed, and its error, tied to it for screen readers.
struct FieldView {
    var id: String
    var value: String
    var error: String?
    var invalid: Bool
    var errorID: String
    /// `aria-describedby`: the hint, then the error; nil when there is neither.
    var describedBy: String?

    init(id: String, value: String, error: String?, hasHint: Bool) {
        self.id = id
        self.value = value
        self.error = error
        invalid = error != nil
        errorID = "\(id)-error"
        let ids = (hasHint ? ["\(id)-hint"] : []) + (error != nil ? [errorID] : [])
        describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}
