import Foundation

/// Turns a page form into the same input type the API decodes from JSON, so a form and a JSON
/// body are read by one decoder into one type. Field names follow the JSON keys, nested with
/// brackets: `content`, `reporter[phone]`, `subjects[0][name]`. Every value arrives as text; the
/// inputs read numbers and checkboxes from text too.
enum FormDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from fields: [String: String], adding extra: [String: String] = [:]) throws -> T {
        var root: [String: Any] = [:]
        for (name, value) in fields.merging(extra, uniquingKeysWith: { $1 }) where name != CSRF.fieldName {
            guard let path = path(of: name) else { continue }
            insert(value, at: path[...], into: &root)
        }
        let data = try JSONSerialization.data(withJSONObject: arrays(in: root))
        return try RequestBody.decode(T.self, data)
    }

    /// `subjects[0][name]` → ["subjects", "0", "name"]; nil for a name that is not of that shape.
    static func path(of name: String) -> [String]? {
        guard let open = name.firstIndex(of: "[") else { return name.isEmpty ? nil : [name] }
        var parts = [String(name[..<open])]
        var rest = name[open...]
        while !rest.isEmpty {
            guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
            let part = rest[rest.index(after: rest.startIndex)..<close]
            guard !part.isEmpty, part.count <= 40 else { return nil }
            parts.append(String(part))
            rest = rest[rest.index(after: close)...]
        }
        return parts.first!.isEmpty || parts.count > 4 ? nil : parts
    }

    private static func insert(_ value: String, at path: ArraySlice<String>, into node: inout [String: Any]) {
        let key = path.first!
        if path.count == 1 {
            if node[key] == nil { node[key] = value }
            return
        }
        var child = node[key] as? [String: Any] ?? [:]
        insert(value, at: path.dropFirst(), into: &child)
        node[key] = child
    }

    /// Objects whose keys are all small numbers become arrays in their order (`subjects[0]`, `[1]`).
    private static func arrays(in node: [String: Any]) -> Any {
        let converted = node.mapValues { value -> Any in (value as? [String: Any]).map(arrays(in:)) ?? value }
        let indices = converted.keys.compactMap { Int($0) }
        guard !converted.isEmpty, indices.count == converted.count, indices.allSatisfy({ (0..<100).contains($0) }) else { return converted }
        return converted.sorted { Int($0.key)! < Int($1.key)! }.map(\.value)
    }
}
