import Foundation
import Logging

/// `serve --log-format json`: one JSON object a line on standard error, for a collector to read.
/// Only the metadata named here is written. Libraries may add metadata of their own (a request's
/// path as sent, a peer's address); a log is kept longer and read by more people than the data,
/// so nothing that could name a reporter, their address or a query code is let through by default.
struct JSONLinesLogHandler: LogHandler {
    static let writtenMetadata: Set<String> = ["hb.request.id", "route", "method", "status", "duration_ms"]

    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [
            "time": Self.time(Date()),
            "level": event.level.rawValue,
            "label": label,
            "message": event.message.description,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) where Self.writtenMetadata.contains(key) {
            fields[key] = value.description
        }
        guard var line = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        line.append(0x0A)
        FileHandle.standardError.write(line)
    }

    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
