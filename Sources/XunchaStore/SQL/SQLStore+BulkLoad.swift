import Foundation
import SQLKit
import XunchaCore

/// Loading many reports at once, for the synthetic data set of `xuncha bench generate`: written
/// by the writer of `saveReport` (`insertReports`: the same rows, register numbers in order,
/// search terms, named staff, and the audit events `report.received` and `report.screened`
/// chained as one by one), in one transaction per call.
extension SQLStore {
    /// Reports to bulk-load with the costly part of their encoding done ahead, on the caller's
    /// thread (the generator makes the next chunk while the store writes this one).
    public struct PreparedReports: Sendable {
        let writes: [ReportWrite]

        public init(_ reports: [NewReport], actor: AuditActor) {
            writes = reports.map { ReportWrite($0, actor: actor) }
        }

        public var count: Int { writes.count }
    }

    public func bulkLoadReports(_ reports: [NewReport], actor: AuditActor) async throws {
        try await bulkLoadReports(PreparedReports(reports, actor: actor))
    }

    public func bulkLoadReports(_ prepared: PreparedReports) async throws {
        guard !prepared.writes.isEmpty else { return }
        let now = self.now()
        try await transaction { db in try await Self.insertReports(db, prepared.writes, at: now) }
    }
}
