import Foundation
import XunchaText

/// The repeat hook for one screening: the earlier reports a store found filed under the report's
/// keys (`PreparedText.filingKeys`), oldest first, each with when it came in. The store did the
/// look-up, so the screener stays pure: it compares the report with these and nothing else.
public struct FiledEarlierReports: EarlierReports {
    /// An earlier report as the store kept it.
    public struct Report: Sendable {
        public let id: String
        public let receivedAt: Date?
        public let text: PreparedText

        public init(id: String, receivedAt: Date?, text: PreparedText) {
            self.id = id
            self.receivedAt = receivedAt
            self.text = text
        }
    }

    private let filed: [FiledText]
    private let receivedAt: [String: Date]
    private let index: NearDuplicateIndex
    /// The text the reports were found for and what the index made of it, so that the screener's
    /// question about that text does not compute it again.
    private let query: (text: String, prepared: PreparedText)?

    /// `query`: the normalized text the store looked up, with `index.signature(of:)` of it.
    public init(_ reports: [Report], query: (text: String, prepared: PreparedText)? = nil, index: NearDuplicateIndex = NearDuplicateIndex()) {
        filed = reports.map { FiledText(id: $0.id, text: $0.text) }
        receivedAt = Dictionary(reports.compactMap { r in r.receivedAt.map { (r.id, $0) } }, uniquingKeysWith: { first, _ in first })
        self.query = query
        self.index = index
    }

    public func nearDuplicate(of text: NormalizedText) -> EarlierReportMatch? {
        let prepared = query.flatMap { $0.text == text.text ? $0.prepared : nil } ?? index.signature(of: text.text)
        guard let match = index.nearest(to: prepared, amongFiled: filed) else { return nil }
        return EarlierReportMatch(reportID: match.id, similarity: match.similarity, receivedAt: receivedAt[match.id])
    }
}
