/// JSON written by hand, byte for byte as `JSONEncoder` writes it with sorted keys and unescaped
/// slashes, for what is written on every arrival: the screening record (`ScreeningRecord+JSON`)
/// and the store's rows of integers (`EngineDialect.integerRows`).
/// Codable's encoder spent a tenth of the server's time under load on it (docs/performance.md).
/// The caller writes each object's keys in sorted order; a test compares the bytes with
/// `JSONEncoder`'s for records that set every field.
public struct JSONText {
    public private(set) var utf8: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 0) { utf8.reserveCapacity(capacity) }

    public var text: String { String(decoding: utf8, as: UTF8.self) }

    private mutating func separate() {
        if needsComma { utf8.append(UInt8(ascii: ",")) }
        needsComma = false
    }

    private mutating func wrote() { needsComma = true }

    /// A key of the object being written; its value follows.
    mutating func key(_ name: StaticString) {
        separate()
        utf8.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { utf8.append(contentsOf: $0) }
        utf8.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func object(_ body: (inout JSONText) -> Void) {
        separate()
        utf8.append(UInt8(ascii: "{"))
        body(&self)
        utf8.append(UInt8(ascii: "}"))
        wrote()
    }

    public mutating func array<S: Sequence>(_ items: S, _ each: (inout JSONText, S.Element) -> Void) {
        separate()
        utf8.append(UInt8(ascii: "["))
        for item in items { each(&self, item) }
        utf8.append(UInt8(ascii: "]"))
        wrote()
    }

    mutating func value(_ b: Bool) {
        separate()
        utf8.append(contentsOf: b ? "true".utf8 : "false".utf8)
        wrote()
    }

    public mutating func value(_ i: Int) {
        separate()
        utf8.append(contentsOf: String(i).utf8)
        wrote()
    }

    /// As `JSONEncoder`: the shortest form that reads back as the same number, without a
    /// trailing `.0`. Records hold finite numbers only.
    mutating func value(_ x: Double) {
        separate()
        var written = x.description
        if written.hasSuffix(".0") { written.removeLast(2) }
        utf8.append(contentsOf: written.utf8)
        wrote()
    }

    mutating func value(_ s: String) {
        separate()
        utf8.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: utf8.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                utf8.append(contentsOf: "\\u00".utf8)
                utf8.append(contentsOf: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: utf8.append(byte)
            }
        }
        utf8.append(UInt8(ascii: "\""))
        wrote()
    }

    mutating func value(_ strings: [String]) { array(strings) { $0.value($1) } }

    mutating func value(_ numbers: [Int]) { array(numbers) { $0.value($1) } }

    mutating func value<T: JSONWritable>(_ item: T) { item.write(to: &self) }

    mutating func value<T: JSONWritable>(_ items: [T]) { array(items) { $0.value($1) } }

    /// A key and its value, or neither when the value is nil: what a synthesized `Encodable`
    /// does with an optional.
    mutating func field(_ name: StaticString, _ v: String?) {
        guard let v else { return }
        key(name)
        value(v)
    }

    mutating func field(_ name: StaticString, _ v: Int?) {
        guard let v else { return }
        key(name)
        value(v)
    }

    mutating func field<T: JSONWritable>(_ name: StaticString, _ v: T?) {
        guard let v else { return }
        key(name)
        value(v)
    }
}

/// A value `JSONText` writes as `JSONEncoder` would encode it.
public protocol JSONWritable {
    func write(to json: inout JSONText)
}
