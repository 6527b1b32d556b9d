import Foundation
import XunchaDesk

/// The query code between the POST that makes it and the page that shows it (POST, redirect,
/// GET: reloading the page never sends the report again). The code waits here, in memory only,
/// under an unguessable token that the reporter's browser holds in a cookie scoped to
/// `/received`; the page takes it out, so it is shown exactly once and never appears in a URL,
/// a log or the database. A slot nobody collects is forgotten after `lifetime`; a restart
/// forgets them all (the report is kept; only the one showing of its code is lost).
actor ReceivedSlots {
    struct Slot: Sendable {
        var code: String
        var note: String?
        var expires: Date
    }

    static let cookieName = "xuncha_received"
    static let path = "/received"
    static let lifetime: TimeInterval = 10 * 60
    /// So a flood of reports cannot fill the memory: the oldest slots go first.
    static let capacity = 10_000

    private var slots: [String: Slot] = [:]
    private var order: [String] = []

    /// Keeps `code` and returns the token to set in the cookie.
    func keep(code: String, note: String?, now: Date) -> String {
        forgetExpired(now)
        while slots.count >= Self.capacity, !order.isEmpty { slots[order.removeFirst()] = nil }
        let token = StaffDesk.randomToken()
        slots[token] = Slot(code: code, note: note, expires: now.addingTimeInterval(Self.lifetime))
        order.append(token)
        return token
    }

    /// The slot under `token`, removed: a second call gets nil.
    func take(_ token: String, now: Date) -> Slot? {
        forgetExpired(now)
        guard let slot = slots.removeValue(forKey: token) else { return nil }
        order.removeAll { $0 == token }
        return slot
    }

    private func forgetExpired(_ now: Date) {
        while let first = order.first, let slot = slots[first], slot.expires <= now {
            slots[first] = nil
            order.removeFirst()
        }
        while let first = order.first, slots[first] == nil { order.removeFirst() }
    }
}
