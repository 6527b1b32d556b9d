import XunchaCore

/// Forms send every value as text; JSON sends numbers and booleans. Inputs that both fill read
/// either, so one input type serves the form, the API and the command line.
extension KeyedDecodingContainer {
    func lenientInt(_ key: Key) throws -> Int? {
        if let n = try? decodeIfPresent(Int.self, forKey: key) { return n }
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        let trimmed = TextLimits.trimmed(text)
        if trimmed.isEmpty { return nil }
        guard let n = Int(trimmed) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not a whole number")
        }
        return n
    }

    /// A checkbox sends `on` (or the value it was given) when ticked and nothing when not.
    func lenientBool(_ key: Key) throws -> Bool? {
        if let b = try? decodeIfPresent(Bool.self, forKey: key) { return b }
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return ["1", "on", "true", "yes"].contains(TextLimits.trimmed(text).lowercased())
    }

    /// Text fields left empty in a form mean "not given".
    func nonEmptyString(_ key: Key) throws -> String? {
        guard let text = try decodeIfPresent(String.self, forKey: key), !TextLimits.trimmed(text).isEmpty else { return nil }
        return text
    }
}

/// The names of the one-text inputs' fields.
enum TextKey: String, CodingKey { case content, reason }

extension Decoder {
    /// A one-text input's field, empty when missing: the desk asks who calls before it says what
    /// is missing, so a caller without the right learns nothing from the shape of a refusal.
    func text(_ key: TextKey) throws -> String {
        try container(keyedBy: TextKey.self).decodeIfPresent(String.self, forKey: key) ?? ""
    }
}
