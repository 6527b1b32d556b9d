/// Checks shared by every free-text field a person types: length in characters as a reader
/// counts them, and no control characters but line breaks and tabs.
public enum TextLimits {
    public static func check(_ text: String, field: String, labelZH: String, max: Int) throws(InputError) {
        if text.count > max {
            throw InputError(
                code: "too_long",
                zh: "\(labelZH)不能超过\(max)个字（现有\(text.count)个字）。",
                en: "\(field) must be at most \(max) characters (got \(text.count)).",
                field: field
            )
        }
        if text.unicodeScalars.contains(where: { isForbiddenControl($0) }) {
            throw InputError(
                code: "control_characters",
                zh: "\(labelZH)含有无法显示的控制字符，请删除后重试。",
                en: "\(field) contains control characters.",
                field: field
            )
        }
    }

    /// Runs one check and adds its refusal to `problems` instead of stopping there, so a form can
    /// name every wrong field at once.
    public static func collect(_ problems: inout [InputError], _ check: () throws(InputError) -> Void) {
        do {
            try check()
        } catch {
            problems.append(error)
        }
    }

    static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// Trims the spaces people leave around what they type, including the ideographic space.
    public static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = text.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = text.lastIndex(where: { !isSpace($0) })!
        return String(text[first...last])
    }
}
