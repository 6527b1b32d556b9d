import Crypto
import Foundation
import XunchaCore

/// What one store transaction needs to extend the audit chain: the key that links events, and,
/// once events are written, the chain's new head to publish after the commit. Bound to the task
/// running the transaction, so the many writers that append an event need not carry the key.
final class AuditScope: @unchecked Sendable {
    @TaskLocal static var current: AuditScope?

    let key: SymmetricKey
    private let lock = NSLock()
    private var _head: (seq: Int, hash: String)?

    init(key: SymmetricKey) { self.key = key }

    var head: (seq: Int, hash: String)? {
        get { lock.withLock { _head } }
        set { lock.withLock { _head = newValue } }
    }

    /// The digest an event keeps of the data it wrote.
    static func digest(_ data: String) -> String { SHA256.hash(data: Data(data.utf8)).hexString }
}
