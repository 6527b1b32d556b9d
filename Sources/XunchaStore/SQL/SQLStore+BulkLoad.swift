import Foundation
import SQLKit
import XunchaCore

/// Loading many reports at once, for the synthetic data set of `xuncha bench generate` only:
/// every report is written as `saveReport` writes it (the same rows, register numbers in order,
/// search terms, and the audit events `report.received` and `report.screened` chained as one by
/// one), but in one transaction with many rows per statement. Reports from a source with keys
/// (mail) are not bulk-loaded: their uniqueness is checked one at a time.
extension SQLStore {
    /// Reports to bulk-load with the costly part of their encoding done ahead, on the caller's
    /// thread (the generator makes the next chunk while the store writes this one): the screening
    /// records as JSON and the search terms, made by the same functions `saveReport` uses.
    public struct PreparedReports: Sendable {
        let reports: [NewReport]
        let records: [String?]
        let searchWords: [String]

        public init(_ reports: [NewReport]) throws {
            precondition(reports.allSatisfy { $0.sourceKeys.isEmpty && $0.intakeNotes == nil }, "bulk loads take no source keys or intake notes")
            self.reports = reports
            records = try reports.map { try $0.screening.map { try SQLStore.encodedRecord($0.record) } }
            searchWords = reports.map { SQLStore.searchKeys.indexWords($0.report.content) }
        }

        public var count: Int { reports.count }
    }

    public func bulkLoadReports(_ reports: [NewReport], actor: AuditActor) async throws {
        try await bulkLoadReports(try PreparedReports(reports), actor: actor)
    }

    public func bulkLoadReports(_ prepared: PreparedReports, actor: AuditActor) async throws {
        let reports = prepared.reports
        guard !reports.isEmpty else { return }
        try await transaction { db in
            var registers: [String: (inspection: Inspection, next: Int)] = [:]
            var rows = NewReportRows()
            let dialect = EngineDialect(db)
            var search = dialect.searchRows
            var audit = try await AuditRows(db)
            for (i, new) in reports.enumerated() {
                let r = new.report
                var register: (seq: Int, number: String)?
                if let inspectionID = r.inspectionID {
                    var start: (inspection: Inspection, next: Int)
                    if let known = registers[inspectionID] {
                        start = known
                    } else {
                        start = try await Self.registerStart(db, inspectionID: inspectionID)
                    }
                    register = (start.next, start.inspection.registerNumber(start.next).text)
                    start.next += 1
                    registers[inspectionID] = start
                }
                try rows.add(new, register: register)
                if let screening = new.screening { try rows.addScreening(reportID: r.id, screening, encodedRecord: prepared.records[i]) }
                search.append(dialect.searchRow(reportID: r.id, words: prepared.searchWords[i]))
                audit.append(Self.receivedEvent(r, actor: actor))
                if let screening = new.screening { audit.append(Self.screenedEvent(reportID: r.id, screening, actor: actor)) }
            }
            try await rows.insert(db)
            try await search.insert(db)
            try await audit.flush(db)
        }
    }
}
