import Foundation
import Synchronization
import XunchaCore
import XunchaText

/// The earlier reports of one inspection as the screener sees them, growing as reports arrive:
/// the near-duplicate index behind a lock, because one screener serves every arrival while the
/// set grows.
final class ArrivedReports: EarlierReports {
    private let index = Mutex(EarlierReportIndex())

    func contains(id: String) -> Bool {
        index.withLock { $0.index.contains(id: id) }
    }

    func add(id: String, text: NormalizedText, receivedAt: Date?) {
        index.withLock { _ = $0.add(reportID: id, text: text, receivedAt: receivedAt) }
    }

    func withdraw(id: String) {
        index.withLock { $0.remove(reportID: id) }
    }

    func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        nearDuplicate(of: text, excluding: nil)
    }

    func nearDuplicate(of text: NormalizedText, excluding reportID: String?) -> EarlierReportMatch? {
        index.withLock { $0.nearDuplicate(of: text, excluding: reportID) }
    }
}
