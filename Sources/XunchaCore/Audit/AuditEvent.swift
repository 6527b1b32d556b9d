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
    /// SHA-256 of the data the event wrote (a report's text, an addition's), so that the data can
    /// be checked against its events; empty when the event wrote none, and in events from before.
    public var digest: String = ""
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
/// so changing, removing or reordering any stored event breaks every hash after it. The hash is an
/// HMAC under a key derived from the installation's key file: whoever can write the database but
/// lacks the key cannot recompute the chain after a change. Chains begun before the key was used
/// keep their plain SHA-256 links up to the event where keying began (`Verifier.keyedFrom`); the
/// first keyed link covers them all.
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
        detail: String = "",
        digest: String = "",
        key: SymmetricKey?
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
        e.digest = digest
        e.hash = hash(of: e, key: key)
        return e
    }

    public static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    /// The event's link: an HMAC under `key`, or, for events from before keying, plain SHA-256.
    public static func hash(of e: AuditEvent, key: SymmetricKey?) -> String {
        // Length-prefixed fields: no choice of separator can be forged by a field's content. A
        // digest is appended only when there is one, so events from before digests hash as they did.
        var canonical = ""
        for field in [String(e.seq), String(millis(e.at)), e.actor, e.action, e.subjectType, e.subjectID, e.detail, e.previousHash] {
            canonical += "\(field.utf8.count):\(field);"
        }
        if !e.digest.isEmpty { canonical += "\(e.digest.utf8.count):\(e.digest);" }
        guard let key else { return SHA256.hash(data: Data(canonical.utf8)).hexString }
        return Data(HMAC<SHA256>.authenticationCode(for: Data(canonical.utf8), using: key)).hexString
    }

    /// A MAC over a short statement (the chain's head, where keying began), so that a copy of it
    /// kept elsewhere cannot be forged without the key.
    public static func seal(_ statement: String, key: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(statement.utf8), using: key)).hexString
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
        private let key: SymmetricKey?
        private let keyedFrom: Int
        public private(set) var count = 0
        /// The last event checked: the chain's head so far.
        public private(set) var head: (seq: Int, hash: String)?

        /// `key` checks events from `keyedFrom` on; those before it are plain SHA-256.
        public init(key: SymmetricKey?, keyedFrom: Int = 1) {
            self.key = key
            self.keyedFrom = keyedFrom
        }

        /// Returns the break this event shows, or nil when the chain still holds.
        public mutating func check(_ e: AuditEvent) -> Break? {
            if e.seq != expectedSeq { return .wrongSequence(expected: expectedSeq, found: e.seq) }
            if e.previousHash != previous { return .wrongPreviousHash(seq: e.seq) }
            if AuditChain.hash(of: e, key: e.seq >= keyedFrom ? key : nil) != e.hash { return .wrongHash(seq: e.seq) }
            head = (e.seq, e.hash)
            previous = e.hash
            expectedSeq += 1
            count += 1
            return nil
        }
    }

    /// Checks events in order; returns the first break, or nil when the whole chain holds.
    public static func verify(_ events: some Sequence<AuditEvent>, key: SymmetricKey?) -> Break? {
        var verifier = Verifier(key: key)
        for e in events {
            if let broken = verifier.check(e) { return broken }
        }
        return nil
    }
}
