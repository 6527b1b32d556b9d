import Foundation
import SQLKit
import XunchaCore

/// Loading many reports at once, for the synthetic data set of `xuncha bench generate` only:
/// every report is written as `saveReport` writes it (the same rows, register numbers in order,
/// search terms, and the audit events `report.received` and `report.screened` chained as one by
/// one), but in one transaction with many rows per statement. Reports from a source with keys
/// (mail) are not bulk-loaded: their uniqueness is checked one at a time.
extension SQLStore {
    public func bulkLoadReports(_ reports: [NewReport], actor: AuditActor) async throws {
        precondition(reports.allSatisfy { $0.sourceKeys.isEmpty && $0.intakeNotes == nil }, "bulk loads take no source keys or intake notes")
        guard !reports.isEmpty else { return }
        try await engine.transaction { db in
            var registers: [String: (inspection: Inspection, next: Int)] = [:]
            var rows = NewReportRows()
            var search = Self.searchRows
            var audit = try await AuditRows(db)
            for new in reports {
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
                try rows.add(new, register: register, withScreening: true)
                search.append(Self.searchRow(reportID: r.id, text: r.content))
                audit.append(Self.receivedEvent(r, actor: actor))
                if let screening = new.screening { audit.append(Self.screenedEvent(reportID: r.id, screening, actor: actor)) }
            }
            try await rows.insert(db)
            try await search.insert(db)
            try await audit.flush(db)
        }
    }
}
