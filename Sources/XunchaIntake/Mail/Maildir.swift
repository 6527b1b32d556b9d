import Foundation

/// A Maildir as mbsync, getmail or fetchmail keep it: messages in `new/` (not yet seen by a
/// reader) and `cur/`, written first to `tmp/` and renamed, so a file in new/ or cur/ is whole.
/// Xuncha only reads it; the fetcher owns the folder, and the store remembers what was taken in.
public struct Maildir: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    public struct Entry: Sendable, Equatable {
        /// The file's path.
        public var path: String
        /// `new` or `cur`.
        public var folder: String
        /// The unique part of the name, before the `:2,` info (stays when a reader changes flags).
        public var uniqueName: String
        /// Flags after `:2,` (S seen, R replied, T trashed, …).
        public var flags: String
        /// When the message was delivered to this Maildir: the seconds the name starts with
        /// (the Maildir convention), else the file's modification time.
        public var deliveredAt: Date
        public var size: Int
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case notAMaildir(String)

        public var description: String {
            switch self {
            case .notAMaildir(let p): "\(p) is not a Maildir (it needs new/ and cur/ folders)"
            }
        }
    }

    /// Messages in new/ and cur/, oldest delivery first. Hidden files (".xyz") are the fetcher's
    /// own state (mbsync's .uidvalidity) and are skipped; tmp/ holds files still being written.
    public func entries() throws -> [Entry] {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        for sub in ["new", "cur"] {
            guard fm.fileExists(atPath: path + "/" + sub, isDirectory: &isDir), isDir.boolValue else { throw Failure.notAMaildir(path) }
        }
        var result: [Entry] = []
        for sub in ["new", "cur"] {
            let dir = path + "/" + sub
            for name in try fm.contentsOfDirectory(atPath: dir) where !name.hasPrefix(".") {
                let file = dir + "/" + name
                guard let attrs = try? fm.attributesOfItem(atPath: file), (attrs[.type] as? FileAttributeType) == .typeRegular else { continue }
                let (unique, flags) = Self.split(name)
                let modified = attrs[.modificationDate] as? Date ?? Date()
                result.append(
                    Entry(
                        path: file,
                        folder: sub,
                        uniqueName: unique,
                        flags: flags,
                        deliveredAt: Self.deliveryTime(unique) ?? modified,
                        size: (attrs[.size] as? NSNumber)?.intValue ?? 0
                    )
                )
            }
        }
        return result.sorted { ($0.deliveredAt, $0.uniqueName) < ($1.deliveredAt, $1.uniqueName) }
    }

    /// `1741051202.M20P3.host,S=1234,U=7:2,S` → ("1741051202.M20P3.host,S=1234,U=7", "S").
    /// Some systems cannot have ":" in names and use "!" or ";" instead.
    static func split(_ name: String) -> (String, String) {
        for separator in [":2,", "!2,", ";2,"] {
            if let r = name.range(of: separator, options: .backwards) {
                return (String(name[..<r.lowerBound]), String(name[r.upperBound...]))
            }
        }
        return (name, "")
    }

    /// The leading seconds of a Maildir name, when they are a plausible time (after 2000, and not
    /// after now plus a day: a name is not a clock to trust blindly).
    static func deliveryTime(_ unique: String, now: Date = Date()) -> Date? {
        let digits = unique.prefix { $0.isASCII && $0.isNumber }
        guard digits.count >= 9, digits.count <= 11, let seconds = Double(digits) else { return nil }
        let date = Date(timeIntervalSince1970: seconds)
        guard date > Date(timeIntervalSince1970: 946_684_800), date < now.addingTimeInterval(86_400) else { return nil }
        return date
    }
}
