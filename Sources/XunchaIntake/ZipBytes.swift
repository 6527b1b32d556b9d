import Foundation
import ZIPFoundation

/// Bytes that should be a zip (an XLSX workbook, a handover archive), opened for reading.
/// ZIPFoundation's in-memory archive stops the process when an entry points past the end of the
/// bytes (it builds a range with its bounds reversed: found by fuzzing the roster reader, so one
/// uploaded file could take the server down); read through a file, the same read comes up short
/// and is refused as an error. The file is readable by this user only, and removed at the end.
enum ZipBytes {
    static func reading<T>(_ bytes: [UInt8], _ body: (Archive) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xuncha-\(UUID().uuidString).zip")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(try Archive(url: url, accessMode: .read, pathEncoding: nil))
    }
}
