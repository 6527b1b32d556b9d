/// Storage failures a caller can name to a person, as opposed to engine errors passed through.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    /// A stored value this version does not understand: a newer version wrote it, or it was edited by hand.
    case unreadableRow(table: String, key: String)
    case duplicateUsername(String)
    /// Five fresh query codes all taken: the code space is not what it should be.
    case noFreeQueryCode
    /// The source (an e-mail) was registered before, as this report.
    case duplicateSource(reportID: String)
    /// The state changed under the caller (a decision already acted on, a referral already sent).
    case stateChanged(String)
    /// An audit event was about to be written outside a store transaction, where no key links it.
    case auditOutsideTransaction
    /// So many reports wait for the writer that this one was not queued: nothing was written.
    case writerBusy

    public var description: String {
        switch self {
        case .unreadableRow(let table, let key): "unreadable row in \(table): \(key)"
        case .duplicateUsername(let name): "username already taken: \(name)"
        case .noFreeQueryCode: "no unused query code found"
        case .duplicateSource(let id): "already registered as report \(id)"
        case .stateChanged(let what): "changed meanwhile: \(what)"
        case .auditOutsideTransaction: "an audit event must be written in a store transaction"
        case .writerBusy: "too many reports waiting to be written"
        }
    }
}
