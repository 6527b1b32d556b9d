import Foundation

/// The JSON conventions of the API and of the CLI's `--json` output: snake_case keys, ISO 8601 times.
public enum APICoding {
    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.dateDecodingStrategy = .iso8601
        return d
    }

    static var encoder: JSONEncoder { encoder(pretty: false) }

    /// `pretty` indents for a person reading a terminal; the API sends compact JSON.
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return e
    }
}
