import Foundation
import SQLKit
import Testing

@testable import XunchaDesk
@testable import XunchaStore

/// The one-time slot that carries a public reporter's query code from the form's POST to the page
/// that shows it, kept in the database: two stores on one database stand for two servers behind a
/// balancer (on either engine, as the store suites run).
@Suite struct ReceivedSlotsTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let code = "1234 5678 9012 3456"

    /// Two servers' desks on one database, at `now` and `later`.
    static func withTwoServers(
        later: TimeInterval = 0,
        _ body: (_ a: DeskServices, _ b: DeskServices, _ installation: TemporaryInstallation, _ store: SQLStore) async throws -> Void
    ) async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let first = try await installation.open()
        let second = try await installation.open()
        do {
            let a = installation.desks(first, now: { now })
            let b = installation.desks(second, now: { now.addingTimeInterval(later) })
            try await body(a, b, installation, first)
            try await first.close()
            try await second.close()
        } catch {
            try? await first.close()
            try? await second.close()
            throw error
        }
    }

    static func slotCount(_ store: SQLStore) async throws -> Int {
        try await store.engine.reader.raw("SELECT COUNT(*) AS n FROM received_slots").first()?.decode(column: "n", as: Int.self) ?? -1
    }

    @Test func aCodeKeptThroughOneServerIsTakenOnceThroughTheOther() async throws {
        try await Self.withTwoServers { a, b, _, store in
            let token = try await a.received.keep(code: Self.code, note: "请于十五个工作日后查询。")
            #expect(ReceivedSlots.isToken(token), "256 random bits, URL-safe")
            #expect(try await b.received.take(StaffDesk.randomToken()) == nil, "another token opens nothing")
            #expect(try await b.received.take(token) == ReceivedSlots.Slot(code: Self.code, note: "请于十五个工作日后查询。"))
            #expect(try await a.received.take(token) == nil, "shown exactly once, on any server")
            #expect(try await Self.slotCount(store) == 0, "a taken slot leaves no row")
        }
    }

    @Test func anUncollectedCodeIsGoneAfterItsLifetimeAndItsRowRemoved() async throws {
        try await Self.withTwoServers(later: ReceivedSlots.lifetime + 1) { a, late, installation, store in
            let token = try await a.received.keep(code: Self.code, note: nil)
            #expect(try await late.received.take(token) == nil)
            _ = try await a.received.keep(code: Self.code, note: nil)
            let soon = installation.desks(store, now: { Self.now.addingTimeInterval(ReceivedSlots.lifetime - 1) })
            let fresh = try await soon.received.keep(code: "1111 2222 3333 4444", note: nil)
            #expect(try await Self.slotCount(store) == 2)
            // Keeping a slot once the others' time has passed removes them.
            _ = try await late.received.keep(code: "5555 6666 7777 8888", note: nil)
            #expect(try await Self.slotCount(store) == 2)
            #expect(try await soon.received.take(fresh)?.code == "1111 2222 3333 4444")
        }
    }

    @Test func neitherTheCodeNorTheTokenIsStoredInTheClear() async throws {
        try await Self.withTwoServers { a, _, installation, _ in
            let token = try await a.received.keep(code: Self.code, note: nil)
            let stored = try await installation.databaseBytes()
            for secret in [Self.code, Self.code.replacingOccurrences(of: " ", with: ""), token] {
                #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) in the database")
            }
            #expect(try await a.received.take(token)?.code == Self.code)
        }
    }

    @Test func hostileCookiesOpenNothingAndBreakNothing() async throws {
        try await Self.withTwoServers { a, b, _, _ in
            let token = try await a.received.keep(code: Self.code, note: nil)
            let hostile = [
                "", "not-the-token", String(token.dropLast()), token + "A", String(repeating: "a", count: 100_000),
                String(token.dropLast()) + "'", String(token.dropLast()) + "é", "' OR 1=1 --", token.uppercased(),
                String(token.dropLast(2)) + "\u{0}A",
            ]
            for cookie in hostile { #expect(try await b.received.take(cookie) == nil, "\(cookie.prefix(20))") }
            #expect(try await b.received.take(token)?.code == Self.code, "the real one still works")
        }
    }
}
