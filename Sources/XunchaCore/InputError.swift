/// Why an input was refused, in the words both audiences need: a stable code for programs, a
/// Chinese message for the people who use Xuncha and an English one for the engineers.
public struct InputError: Error, Equatable, Sendable {
    public var code: String
    public var messageZH: String
    public var messageEN: String
    /// The form field the message is about, when there is one, so a page can show it beside it.
    public var field: String?

    public init(code: String, zh: String, en: String, field: String? = nil) {
        self.code = code
        self.messageZH = zh
        self.messageEN = en
        self.field = field
    }
}
