import Foundation

extension DataFolder {
    /// The files whose presence makes a folder an installation: `init` never writes over
    /// one, and no other command makes one.
    public var installationFiles: [String] {
        [databasePath, keyFilePath].filter { FileManager.default.fileExists(atPath: $0) }
    }
}
