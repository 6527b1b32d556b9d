import Foundation
import Synchronization
import XunchaCore
import XunchaText

/// The earlier reports of one inspection as the screener sees them, growing as reports arrive.
/// A reference type behind a lock because one screener serves every arrival while the set grows.
final class ArrivedReports: EarlierReports {
    private struct State {
        var byKey: [String: (id: String, receivedAt: Date?)] = [:]
        var count = 0
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.count } }

    func add(id: String, text: NormalizedText, receivedAt: Date?) {
        let key = Self.key(text)
        state.withLock { s in
            s.count += 1
            // The earliest report stays the one a repeat points at.
            if !key.isEmpty, s.byKey[key] == nil { s.byKey[key] = (id, receivedAt) }
        }
    }

    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        let key = Self.key(text)
        guard !key.isEmpty, let hit = state.withLock({ $0.byKey[key] }) else { return nil }
        return EarlierReportMatch(reportID: hit.id, similarity: 1, receivedAt: hit.receivedAt)
    }

    /// The text with punctuation and spaces removed: a copy that differs only in those is a repeat.
    private static func key(_ text: NormalizedText) -> String {
        var scalars = String.UnicodeScalarView()
        for s in text.text.unicodeScalars where s.properties.isAlphabetic || s.properties.numericType != nil {
            scalars.append(s)
        }
        return String(scalars)
    }
}
