import Foundation
import SQLKit
import XunchaCore
import XunchaText

/// A report ready for the writer: everything its rows need that does not depend on what the
/// database holds is built here, before any transaction (the screening record as JSON, the search
/// terms, its audit events but for their links), so that the writer's transaction does only SQL.
/// Register numbers and the audit chain's links depend on the rows before, so the writer adds them.
struct ReportWrite: Sendable {
    let new: NewReport
    let record: String?
    let searchWords: String
    let received: PendingAuditEvent
    let screened: PendingAuditEvent?
    /// What the near-duplicate index files for the report.
    let filed: PreparedText

    init(_ new: NewReport, actor: AuditActor) {
        self.new = new
        record = new.screening.map { $0.record.jsonText }
        searchWords = SQLStore.searchKeys.indexWords(new.report.content)
        received = SQLStore.receivedEvent(new.report, actor: actor)
        screened = new.screening.map { SQLStore.screenedEvent(reportID: new.report.id, $0, actor: actor) }
        filed = new.nearDuplicateText ?? SQLStore.filedText(content: new.report.content)
    }
}

extension SQLStore {
    /// Writes new reports inside the caller's transaction with each table's rows for all of them
    /// in one statement: about fifteen statements whether one report is written or a thousand.
    /// Numbers follow the order of `writes` in each inspection's register, and the audit chain
    /// gets each report's `report.received` and then its `report.screened`, report after report.
    /// Throws, having written part of the rows, when any report cannot be written (a source key
    /// already taken, within the batch or before): the caller rolls back and, to fail that report
    /// alone, writes the others one by one.
    static func insertReports(_ db: any SQLDatabase, _ writes: [ReportWrite], at now: Date) async throws {
        guard !writes.isEmpty else { return }
        let keys = writes.flatMap { Set($0.new.sourceKeys).sorted() }
        if !keys.isEmpty {
            // Two of the batch with one key: which came first is for the one-by-one writes to say.
            guard Set(keys).count == keys.count else { throw StoreError.duplicateSource(reportID: "") }
            if let earlier = try await reportID(db, sourceKeys: keys) { throw StoreError.duplicateSource(reportID: earlier) }
        }
        var registers: [String: (inspection: Inspection, next: Int)] = [:]
        var rows = NewReportRows()
        let dialect = EngineDialect(db)
        var search = dialect.searchRows
        var sources = SQLRows("report_sources", ["source_key", "report_id", "recorded_at"])
        var notes = SQLRows("report_intake_notes", ["report_id", "notes"])
        var events: [PendingAuditEvent] = []
        events.reserveCapacity(writes.count * 2)
        for write in writes {
            let new = write.new
            let r = new.report
            var register: (seq: Int, number: String)?
            if let inspectionID = r.inspectionID {
                var start: (inspection: Inspection, next: Int)
                if let known = registers[inspectionID] {
                    start = known
                } else {
                    start = try await registerStart(db, inspectionID: inspectionID)
                }
                register = (start.next, start.inspection.registerNumber(start.next).text)
                start.next += 1
                registers[inspectionID] = start
            }
            try rows.add(new, register: register)
            if let screening = new.screening { rows.addScreening(reportID: r.id, screening, encodedRecord: write.record) }
            search.append(dialect.searchRow(reportID: r.id, words: write.searchWords))
            for key in Set(new.sourceKeys).sorted() { sources.append([SQLBind(key), SQLBind(r.id), SQLBind(millis(now))]) }
            if let text = new.intakeNotes { notes.append([SQLBind(r.id), SQLBind(text)]) }
            events.append(write.received)
            if let screened = write.screened { events.append(screened) }
        }
        try await rows.reports.insert(db)
        try await file(db, writes.map { ($0.new.report.id, $0.new.report.receivedAt, $0.new.report.inspectionID, $0.filed) })
        try await rows.subjects.insert(db)
        try await recordNamedStaff(db, .reports(writes.map(\.new.report.id)))
        try await rows.identities.insert(db)
        try await sources.insert(db)
        try await notes.insert(db)
        try await rows.channelDetails.insert(db)
        try await rows.screenings.insert(db)
        try await rows.screeningRecords.insert(db)
        // The chain's head is read last, just before its rows are written.
        var audit = try await AuditRows(db)
        for event in events { audit.append(event) }
        try await audit.flush(db)
        // Last: SQLite's full-text table writes what it holds in memory out to its index at
        // every statement that follows it in the transaction; after the last one, only at commit.
        try await search.insert(db)
    }
}
