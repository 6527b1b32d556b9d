import Crypto
import Foundation
import XunchaCore

/// The audit chain's head kept outside the database, beside the key file: the last event's number
/// and link, sealed under the chain's key. A database cut back to an earlier state (events deleted
/// from the end, or everything after one) no longer reaches the head the file names. An operator
/// copies `xuncha audit checkpoint`'s line somewhere else as well, for a head the server's own
/// folder cannot roll back.
public struct AuditHeadFile: Sendable {
    public struct Head: Sendable, Equatable {
        public var seq: Int
        public var hash: String
    }

    public let path: String

    public init(path: String) { self.path = path }

    /// The line that states a head: its number, its link and their seal.
    public static func line(_ head: Head, key: SymmetricKey) -> String {
        "\(head.seq) \(head.hash) \(AuditChain.seal("xuncha audit head \(head.seq) \(head.hash)", key: key))"
    }

    /// Reads a head line, checking its seal; nil when it is not one this key sealed.
    public static func head(fromLine line: String, key: SymmetricKey) -> Head? {
        let parts = line.split(separator: " ").map(String.init)
        guard parts.count == 3, let seq = Int(parts[0]) else { return nil }
        let head = Head(seq: seq, hash: parts[1])
        return Self.line(head, key: key) == parts.joined(separator: " ") ? head : nil
    }

    public enum Reading: Equatable {
        case none
        case head(Head)
        case forged
    }

    public func read(key: SymmetricKey) -> Reading {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return .none }
        return Self.head(fromLine: text.trimmingCharacters(in: .whitespacesAndNewlines), key: key).map(Reading.head) ?? .forged
    }

    /// Moves the head forward, never back: two processes writing after their own commits leave the later head.
    func advance(to head: (seq: Int, hash: String), key: SymmetricKey) throws {
        if case .head(let known) = read(key: key), known.seq >= head.seq { return }
        let temporary = path + ".tmp-\(UUID().uuidString)"
        try Data((Self.line(Head(seq: head.seq, hash: head.hash), key: key) + "\n").utf8).write(to: URL(fileURLWithPath: temporary))
        _ = rename(temporary, path)
    }
}
