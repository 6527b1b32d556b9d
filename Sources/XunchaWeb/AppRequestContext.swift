import Foundation
import Hummingbird
import NIOCore
import XunchaCore
import XunchaStore

/// The per-request context: grows with the app. The client's address is held in memory for the
/// request only, to throttle guessing; it is never stored or logged (DESIGN.md invariant 2).
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var staff: StaffUser?
    public var session: StaffSession?
    /// How the session reached us: a cookie needs a CSRF token on every change, a bearer token does not.
    public var sessionFromCookie = false
    let clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Big enough for the longest report (20,000 characters, up to 4 bytes each) with its fields.
    public var maxUploadSize: Int { 128 * 1024 }

    public var requestDecoder: JSONDecoder { APICoding.decoder }
    public var responseEncoder: JSONEncoder { APICoding.encoder }
}
