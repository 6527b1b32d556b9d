import Foundation
import ZIPFoundation

/// Writes a zip from files in memory so that the same files give the same bytes: every entry
/// deflated, stamped with one fixed time (zip stores local times without a zone; ZIPFoundation
/// writes the date as UTC), permissions 0644, names in UTF-8 with the UTF-8 flag (bit 11) set.
enum ExportZip {
    /// 1980-01-01 00:00:00, the earliest time a zip entry can hold.
    static let defaultModificationDate = Date(timeIntervalSince1970: 315_532_800)

    /// The archive's bytes, the entries in the order given.
    static func bytes(_ entries: [(path: String, bytes: [UInt8])], modificationDate: Date) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for entry in entries {
            let data = Data(entry.bytes)
            try archive.addEntry(
                with: entry.path,
                type: .file,
                uncompressedSize: Int64(data.count),
                modificationDate: modificationDate,
                permissions: 0o644,
                compressionMethod: .deflate,
                bufferSize: 1 << 16,
                provider: { position, size in
                    let start = Int(position)
                    return data.subdata(in: start..<min(start + size, data.count))
                }
            )
        }
        guard let data = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return Array(data)
    }
}
