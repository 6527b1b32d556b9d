import Foundation
import XunchaText

/// The repeat hook backed by a `NearDuplicateIndex`: earlier reports' texts and when each came
/// in, so that a match can say which report a new one repeats and when that one was received.
/// A value type; whoever keeps it (the store layer) adds reports as they arrive and hands the
/// screener a copy.
public struct EarlierReportIndex: EarlierReports {
    public private(set) var index: NearDuplicateIndex
    private var receivedAt: [String: Date] = [:]

    public init(configuration: NearDuplicateConfiguration = .standard) {
        index = NearDuplicateIndex(configuration: configuration)
    }

    /// Number of reports in the index.
    public var count: Int { index.count }

    /// Adds a report's normalized text. Returns false, changing nothing, when the id is
    /// already present (its first text stays).
    @discardableResult
    public mutating func add(reportID: String, text: NormalizedText, receivedAt: Date? = nil) -> Bool {
        add(reportID: reportID, signature: index.signature(of: text.text), receivedAt: receivedAt)
    }

    /// `add(reportID:text:receivedAt:)` by the signature the index made of the text.
    @discardableResult
    public mutating func add(reportID: String, signature: PreparedText, receivedAt: Date? = nil) -> Bool {
        guard index.add(id: reportID, signature: signature) else { return false }
        if let receivedAt { self.receivedAt[reportID] = receivedAt }
        return true
    }

    /// Takes a report out again (one added ahead of a write that failed).
    public mutating func remove(reportID: String) {
        if index.remove(id: reportID) { receivedAt[reportID] = nil }
    }

    public func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        nearDuplicate(of: text, excluding: nil)
    }

    /// The earlier report `text` nearly repeats, leaving out `reportID` (for a report that is
    /// screened again after it was added).
    public func nearDuplicate(of text: NormalizedText, excluding reportID: String?) -> EarlierReportMatch? {
        nearDuplicate(of: index.signature(of: text.text), excluding: reportID)
    }

    /// `nearDuplicate(of:excluding:)` by the signature the index made of the text.
    public func nearDuplicate(of signature: PreparedText, excluding reportID: String?) -> EarlierReportMatch? {
        guard let match = index.nearest(to: signature, excluding: reportID) else { return nil }
        return EarlierReportMatch(reportID: match.id, similarity: match.similarity, receivedAt: receivedAt[match.id])
    }
}
