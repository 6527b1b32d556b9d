/// Who asks for something to be done. Every use case takes one, checks it against the permission
/// table, and records it in the audit chain.
public enum Caller: Sendable, Equatable {
    /// A member of the public, known only by a tag that lives in memory (`ClientTag`), never by
    /// name or address. Reporters act on their own report by holding its query code.
    case reporter(ClientTag?)
    /// A logged-in staff account.
    case staff(StaffUser)
    /// Whoever runs the command line on the data folder (they hold its key file), by the name
    /// they gave or their login name.
    case commandLine(String)
    /// Xuncha itself: the mail watcher, the demo, screening after a roster import.
    case system

    public var auditActor: AuditActor {
        switch self {
        case .reporter: .reporter
        case .staff(let user): .user(id: user.id)
        case .commandLine(let name): .commandLine(name: name)
        case .system: .system
        }
    }

    /// How people read the caller's name: an account's display name, the name given on the
    /// command line, or what the chain calls the others.
    public var displayName: String {
        switch self {
        case .staff(let user): user.displayName
        case .commandLine(let name): name
        case .reporter, .system: auditActor.chineseName
        }
    }

    /// Whether the table lets this caller do `action` to anything at all.
    public func mayAnywhere(_ action: StaffAction) -> Bool {
        switch self {
        case .reporter: false
        case .staff(let user): user.isReady && Permissions.allowsAnywhere(PermissionHolder(user.role), action)
        case .commandLine: Permissions.allowsAnywhere(.commandLine, action)
        case .system: Permissions.allowsAnywhere(.system, action)
        }
    }

    /// Whether the permission table lets this caller do `action` to something of the inspection
    /// `inspectionID` (nil: a report no inspection claimed yet, or the installation as a whole).
    public func may(_ action: StaffAction, inspectionID: String?) -> Bool {
        switch self {
        case .reporter: false
        case .staff(let user): user.may(action, inspectionID: inspectionID)
        // Whoever holds the data folder, and Xuncha itself, act on the installation as a whole.
        case .commandLine: Permissions.allows(.commandLine, action, .installation)
        case .system: Permissions.allows(.system, action, .installation)
        }
    }
}

/// A public client, told apart from others for throttling only: keyed hashes of its address and,
/// for a browser, of its form cookie, made in memory for one request, never stored or logged.
public struct ClientTag: Sendable, Hashable {
    public let address: String
    public let browser: String?
    public init(address: String, browser: String?) {
        self.address = address
        self.browser = browser
    }
}
