import Foundation
import Testing

@testable import XunchaWeb

/// The one-time slot that carries a query code from the report's POST to the page that shows it.
@Suite struct ReceivedSlotsTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func aCodeIsTakenOnceByItsTokenOnly() async {
        let slots = ReceivedSlots()
        let token = await slots.keep(code: "1234 5678 9012 3456", note: nil, now: now)
        #expect(token.count >= 40, "256 random bits")
        #expect(await slots.take("not-the-token", now: now) == nil)
        #expect(await slots.take(token, now: now)?.code == "1234 5678 9012 3456")
        #expect(await slots.take(token, now: now) == nil, "shown exactly once")
    }

    @Test func anUncollectedCodeIsForgottenAfterItsLifetime() async {
        let slots = ReceivedSlots()
        let token = await slots.keep(code: "1111 2222 3333 4444", note: "note", now: now)
        #expect(await slots.take(token, now: now.addingTimeInterval(ReceivedSlots.lifetime + 1)) == nil)
        let fresh = await slots.keep(code: "1111 2222 3333 4444", note: "note", now: now)
        #expect(await slots.take(fresh, now: now.addingTimeInterval(ReceivedSlots.lifetime - 1))?.note == "note")
    }

    @Test func aFloodOfReportsDropsTheOldestSlotsFirst() async {
        let slots = ReceivedSlots()
        let first = await slots.keep(code: "first", note: nil, now: now)
        var last = ""
        for _ in 0..<ReceivedSlots.capacity { last = await slots.keep(code: "later", note: nil, now: now) }
        #expect(await slots.take(first, now: now) == nil)
        #expect(await slots.take(last, now: now)?.code == "later")
    }
}
