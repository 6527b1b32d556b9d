import Foundation

extension DataFolder {
    /// The files whose presence makes a folder an installation: `init` and `restore` never write
    /// over one, and no other command makes one.
    public var installationFiles: [String] {
        [databasePath, keyFilePath].filter { FileManager.default.fileExists(atPath: $0) }
    }

    /// Whether the folder is absent or holds nothing: where `restore` may write.
    public var isAbsentOrEmpty: Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            return !FileManager.default.fileExists(atPath: path)
        }
        return entries.isEmpty
    }
}
