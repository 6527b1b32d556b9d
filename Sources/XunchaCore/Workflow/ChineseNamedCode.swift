/// A choice stored by its code (`partly_substantiated`) and shown by its Chinese name (部分属实):
/// forms, clients and older data may send either, and both read the same.
public protocol ChineseNamedCode: RawRepresentable<String>, CaseIterable {
    var chineseName: String { get }
}

extension ChineseNamedCode {
    /// The code or the Chinese name, trimmed; nil for anything else.
    public init?(reading text: String) {
        let t = TextLimits.trimmed(text)
        guard let found = Self.allCases.first(where: { $0.rawValue == t || $0.chineseName == t }) else { return nil }
        self = found
    }
}
