import Foundation
import Synchronization
import XunchaCore
import XunchaText

/// The earlier reports of one inspection as the screener sees them, growing as reports arrive:
/// the near-duplicate index behind a lock, because one screener serves every arrival while the
/// set grows. A report is looked up when it is screened and added once it is stored: the
/// signature of the last text looked up is kept, so the second step does not compute it again.
/// Signatures are computed outside the lock.
final class ArrivedReports: EarlierReports {
    private struct State {
        var index = EarlierReportIndex()
        var lastLookup: (text: String, signature: PreparedText)?
    }

    private let state = Mutex(State())
    /// An empty index of the same configuration, to make signatures without the lock (and
    /// without copying the index).
    private let signer = NearDuplicateIndex()

    func contains(id: String) -> Bool {
        state.withLock { $0.index.index.contains(id: id) }
    }

    func add(id: String, text: NormalizedText, receivedAt: Date?) {
        let kept = state.withLock { s in s.lastLookup.flatMap { $0.text == text.text ? $0.signature : nil } }
        let signature = kept ?? self.signature(of: text)
        state.withLock { s in
            _ = s.index.add(reportID: id, signature: signature, receivedAt: receivedAt)
            s.lastLookup = nil
        }
    }

    func withdraw(id: String) {
        state.withLock { $0.index.remove(reportID: id) }
    }

    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        nearDuplicate(of: text, excluding: nil)
    }

    func nearDuplicate(of text: NormalizedText, excluding reportID: String?) -> EarlierReportMatch? {
        let signature = self.signature(of: text)
        return state.withLock { s in
            s.lastLookup = (text.text, signature)
            return s.index.nearDuplicate(of: signature, excluding: reportID)
        }
    }

    private func signature(of text: NormalizedText) -> PreparedText {
        signer.signature(of: text.text)
    }
}
