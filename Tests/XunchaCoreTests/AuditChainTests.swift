import Foundation
import Testing
import XunchaCore

private func chain(_ n: Int) -> [AuditEvent] {
    var events: [AuditEvent] = []
    for i in 0..<n {
        let previous = events.last.map { (seq: $0.seq, hash: $0.hash) }
        events.append(
            AuditChain.event(
                after: previous,
                at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i) + 0.1234),
                actor: "user:\(i)",
                action: "report.received",
                subjectType: "report",
                subjectID: "r\(i)",
                detail: "web"
            )
        )
    }
    return events
}

@Suite struct AuditChainTests {
    @Test func aFreshChainVerifies() {
        let events = chain(5)
        #expect(events.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(events[0].previousHash == AuditChain.genesisHash)
        #expect(AuditChain.verify(events) == nil)
    }

    @Test func timesAreKeptToTheMillisecondSoStoredEventsStillHash() {
        let e = chain(1)[0]
        #expect(AuditChain.millis(e.at) == 1_700_000_000_123)
        #expect(AuditChain.hash(of: e) == e.hash)
    }

    @Test func anEditedEventBreaksTheChainAtThatEvent() {
        var events = chain(5)
        events[2].detail = "email"
        #expect(AuditChain.verify(events) == .wrongHash(seq: 3))
    }

    @Test func aRemovedEventIsNoticed() {
        var events = chain(5)
        events.remove(at: 1)
        #expect(AuditChain.verify(events) == .wrongSequence(expected: 2, found: 3))
    }

    @Test func aRehashedEditStillBreaksTheNextLink() {
        var events = chain(5)
        events[1].actor = "user:forged"
        events[1].hash = AuditChain.hash(of: events[1])
        #expect(AuditChain.verify(events) == .wrongPreviousHash(seq: 3))
    }

    @Test func fieldBoundariesCannotBeShifted() {
        let a = AuditChain.event(after: nil, at: Date(timeIntervalSince1970: 0), actor: "ab", action: "c", subjectType: "t", subjectID: "i")
        let b = AuditChain.event(after: nil, at: Date(timeIntervalSince1970: 0), actor: "a", action: "bc", subjectType: "t", subjectID: "i")
        #expect(a.hash != b.hash)
    }
}
