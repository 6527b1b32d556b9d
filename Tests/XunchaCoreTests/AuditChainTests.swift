import Crypto
import Foundation
import Testing
import XunchaCore

private let key = SymmetricKey(data: Data(repeating: 7, count: 32))

private func chain(_ n: Int, key: SymmetricKey? = key) -> [AuditEvent] {
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
                detail: "web",
                key: key
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
        #expect(AuditChain.verify(events, key: key) == nil)
    }

    @Test func timesAreKeptToTheMillisecondSoStoredEventsStillHash() {
        let e = chain(1)[0]
        #expect(AuditChain.millis(e.at) == 1_700_000_000_123)
        #expect(AuditChain.hash(of: e, key: key) == e.hash)
    }

    @Test func anEditedEventBreaksTheChainAtThatEvent() {
        var events = chain(5)
        events[2].detail = "email"
        #expect(AuditChain.verify(events, key: key) == .wrongHash(seq: 3))
    }

    @Test func aRemovedEventIsNoticed() {
        var events = chain(5)
        events.remove(at: 1)
        #expect(AuditChain.verify(events, key: key) == .wrongSequence(expected: 2, found: 3))
    }

    @Test func aRehashedEditStillBreaksTheNextLink() {
        var events = chain(5)
        events[1].actor = "user:forged"
        events[1].hash = AuditChain.hash(of: events[1], key: key)
        #expect(AuditChain.verify(events, key: key) == .wrongPreviousHash(seq: 3))
    }

    @Test func fieldBoundariesCannotBeShifted() {
        let a = AuditChain.event(after: nil, at: Date(timeIntervalSince1970: 0), actor: "ab", action: "c", subjectType: "t", subjectID: "i", key: key)
        let b = AuditChain.event(after: nil, at: Date(timeIntervalSince1970: 0), actor: "a", action: "bc", subjectType: "t", subjectID: "i", key: key)
        #expect(a.hash != b.hash)
    }

    @Test func aChainRecomputedWithoutTheKeyDoesNotVerify() {
        var events = chain(5)
        events[2].detail = "email"
        for i in 2..<events.count {
            if i > 0 { events[i].previousHash = events[i - 1].hash }
            events[i].hash = AuditChain.hash(of: events[i], key: nil)
        }
        #expect(AuditChain.verify(events, key: key) == .wrongHash(seq: 3))
    }

    @Test func linksFromBeforeKeyingVerifyAsPlainHashesUpToWhereKeyingBegan() {
        var events = chain(3, key: nil)
        let last = events.last.map { (seq: $0.seq, hash: $0.hash) }
        events.append(AuditChain.event(after: last, at: Date(), actor: "system", action: "a", subjectType: "t", subjectID: "i", key: key))
        var verifier = AuditChain.Verifier(key: key, keyedFrom: 4)
        #expect(events.compactMap { verifier.check($0) }.isEmpty)
        // Claiming the keyed event was plain does not help a forger: its link needs the key either way.
        var claimed = AuditChain.Verifier(key: key, keyedFrom: 5)
        #expect(events.compactMap { claimed.check($0) } == [.wrongHash(seq: 4)])
    }

    @Test func theDigestOfWrittenDataIsPartOfTheLink() {
        let e = AuditChain.event(after: nil, at: Date(), actor: "public", action: "r", subjectType: "report", subjectID: "r", digest: "ab", key: key)
        var changed = e
        changed.digest = "cd"
        #expect(AuditChain.hash(of: changed, key: key) != e.hash)
    }
}
