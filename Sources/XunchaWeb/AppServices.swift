import Foundation
import Hummingbird
import XunchaDesk

/// What the web handlers share: the desks (one set per server, so every request sees the same
/// screener and throttle), the templates, and the configuration.
struct AppServices: Sendable {
    let configuration: AppConfiguration
    let desks: DeskServices
    let pages: Pages
    /// The registry `/metrics` shows; `buildApplication` gives the desks the same one.
    var metrics = ServerMetrics()

    var now: Date { desks.now() }
}
