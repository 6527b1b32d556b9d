import Crypto
import Foundation

/// One change of state, as the audit trail keeps it. Details never carry a reporter's identity.
public struct AuditEvent: Sendable, Equatable, Codable {
    public var seq: Int
    public var at: Date
    /// `public` for the anonymous reporter, `system` for Xuncha itself, otherwise `user:<id>`.
    public var actor: String
    public var action: String
    public var subjectType: String
    public var subjectID: String
    public var detail: String
    public var previousHash: String
    public var hash: String

    public init(
        seq: Int,
        at: Date,
        actor: String,
        action: String,
        subjectType: String,
        subjectID: String,
        detail: String,
        previousHash: String,
        hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.subjectType = subjectType
        self.subjectID = subjectID
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// The hash chain over audit events: each event's hash covers its fields and the previous hash,
/// so changing, removing or reordering any stored event breaks every hash after it.
public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Builds the next event in the chain; timestamps are kept to the millisecond so that the
    /// value read back from storage hashes the same.
    public static func event(
        after previous: (seq: Int, hash: String)?,
        at: Date,
        actor: String,
        action: String,
        subjectType: String,
        subjectID: String,
        detail: String = ""
    ) -> AuditEvent {
        let seq = (previous?.seq ?? 0) + 1
        let prev = previous?.hash ?? genesisHash
        let at = Date(timeIntervalSince1970: Double(millis(at)) / 1000)
        var e = AuditEvent(
            seq: seq,
            at: at,
            actor: actor,
            action: action,
            subjectType: subjectType,
            subjectID: subjectID,
            detail: detail,
            previousHash: prev,
            hash: ""
        )
        e.hash = hash(of: e)
        return e
    }

    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public static func hash(of e: AuditEvent) -> String {
        // Length-prefixed fields: no choice of separator can be forged by a field's content.
        var canonical = ""
        for field in [String(e.seq), String(millis(e.at)), e.actor, e.action, e.subjectType, e.subjectID, e.detail, e.previousHash] {
            canonical += "\(field.utf8.count):\(field);"
        }
        return SHA256.hash(data: Data(canonical.utf8)).hexString
    }

    public enum Break: Equatable, Sendable, CustomStringConvertible {
        case wrongSequence(expected: Int, found: Int)
        case wrongPreviousHash(seq: Int)
        case wrongHash(seq: Int)

        public var description: String {
            switch self {
            case .wrongSequence(let expected, let found): "expected event \(expected), found \(found) (an event was removed or inserted)"
            case .wrongPreviousHash(let seq): "event \(seq) does not follow the event before it"
            case .wrongHash(let seq): "event \(seq) was changed after it was written"
            }
        }
    }

    /// Checks a chain one event at a time, so a long chain can be read in pages.
    public struct Verifier: Sendable {
        private var expectedSeq = 1
        private var previous = AuditChain.genesisHash
        public private(set) var count = 0

        public init() {}

        /// Returns the break this event shows, or nil when the chain still holds.
        public mutating func check(_ e: AuditEvent) -> Break? {
            if e.seq != expectedSeq { return .wrongSequence(expected: expectedSeq, found: e.seq) }
            if e.previousHash != previous { return .wrongPreviousHash(seq: e.seq) }
            if AuditChain.hash(of: e) != e.hash { return .wrongHash(seq: e.seq) }
            previous = e.hash
            expectedSeq += 1
            count += 1
            return nil
        }
    }

    /// Checks events in order; returns the first break, or nil when the whole chain holds.
    public static func verify(_ events: some Sequence<AuditEvent>) -> Break? {
        var verifier = Verifier()
        for e in events {
            if let broken = verifier.check(e) { return broken }
        }
        return nil
    }
}
