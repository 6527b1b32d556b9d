import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Writes a report with everything it brings and its audit events, and returns once that is
    /// committed: alone when the writer is free, or with the reports that arrived meanwhile in one
    /// transaction (`ReportCommits`). Throws `StoreError.writerBusy` at once when too many wait.
    public func saveReport(_ new: NewReport, actor: AuditActor) async throws {
        let write = ReportWrite(new, actor: actor)
        try await reportCommits.save(write) { batch in await self.write(batch) }
    }

    /// One transaction for the batch, written with one statement per table (`insertReports`).
    /// When that fails, each report is written again in a savepoint of its own, so one that cannot
    /// be written (a mail already registered) is rolled back alone, its audit events with it, and
    /// the others commit.
    private func write(_ batch: [ReportWrite]) async -> [Result<Void, any Error>] {
        let now = self.now()
        do {
            return try await transaction { db in
                if batch.count > 1, case .success = try await Self.inSavepoint(db, { try await Self.insertReports(db, batch, at: now) }) {
                    return batch.map { _ in .success(()) }
                }
                var results: [Result<Void, any Error>] = []
                for write in batch { results.append(try await Self.inSavepoint(db) { try await Self.insertReports(db, [write], at: now) }) }
                return results
            }
        } catch {
            return batch.map { _ in .failure(error) }
        }
    }

    /// Runs `body` in a savepoint, rolled back with the chain's head when it throws; throws itself
    /// only when the savepoint cannot be taken or rolled back (the transaction is lost then).
    private static func inSavepoint(_ db: any SQLDatabase, _ body: () async throws -> Void) async throws -> Result<Void, any Error> {
        let head = AuditScope.current?.head
        try await db.raw("SAVEPOINT report").run()
        do {
            try await body()
            try await db.raw("RELEASE report").run()
            return .success(())
        } catch {
            try await db.raw("ROLLBACK TO report").run()
            try await db.raw("RELEASE report").run()
            AuditScope.current?.head = head
            return .failure(error)
        }
    }

    /// The audit event of a report's arrival.
    static func receivedEvent(_ r: Report, actor: AuditActor) -> PendingAuditEvent {
        PendingAuditEvent(
            at: r.receivedAt,
            actor: actor,
            action: .reportReceived,
            subjectID: r.id,
            detail: r.channel.rawValue,
            digest: AuditScope.digest(r.content)
        )
    }

    /// The condition that picks an inbox: one inspection's reports, optionally with the ones no
    /// inspection claimed yet; or, with no inspection, the whole register.
    private func inboxFilter(_ inspectionID: String?, _ includeUnassigned: Bool) -> SQLQueryString {
        guard let inspectionID else { return "1 = 1" }
        return includeUnassigned
            ? "(inspection_id = \(bind: inspectionID) OR inspection_id IS NULL)"
            : "inspection_id = \(bind: inspectionID)"
    }

    public func reports(inspectionID: String?, includeUnassigned: Bool, limit: Int, offset: Int) async throws -> [Report] {
        let rows = try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.reportColumns) FROM reports
            WHERE \(inboxFilter(inspectionID, includeUnassigned))
            ORDER BY received_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """
        ).all()
        return try await withSubjects(try rows.map(Self.report(from:)))
    }

    public func reports(after cursor: ReportCursor?, limit: Int) async throws -> [Report] {
        let start: SQLQueryString = cursor.map { "WHERE (received_at, id) < (\(bind: $0.receivedAt), \(bind: $0.id))" } ?? ""
        let rows = try await engine.reader.raw(
            """
            SELECT \(unsafeRaw: Self.reportColumns) FROM reports \(start)
            ORDER BY received_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all()
        return try await withSubjects(try rows.map(Self.report(from:)))
    }

    /// The reports with their subjects, read in one query.
    func withSubjects(_ reports: [Report]) async throws -> [Report] {
        var reports = reports
        let subjects = try await self.subjects(of: reports.map(\.id))
        for i in reports.indices { reports[i].subjects = subjects[reports[i].id] ?? [] }
        return reports
    }

    public func reports(inThread threadID: String) async throws -> [Report] {
        try await engine.reader.raw(
            "SELECT \(unsafeRaw: Self.reportColumns) FROM reports WHERE thread_id = \(bind: threadID) ORDER BY received_at, id"
        ).all().map(Self.report(from:))
    }

    public func reportCount(inspectionID: String?, includeUnassigned: Bool) async throws -> Int {
        let row = try await engine.reader.raw(
            "SELECT COUNT(*) AS n FROM reports WHERE \(inboxFilter(inspectionID, includeUnassigned))"
        ).first()
        return try row.map { try $0.decode(column: "n", as: Int.self) } ?? 0
    }

    public func report(id: String) async throws -> Report? {
        let db = engine.reader
        guard
            var report = try await db.raw(
                "SELECT \(unsafeRaw: Self.reportColumns) FROM reports WHERE id = \(bind: id)"
            ).first().map(Self.report(from:))
        else { return nil }
        report.subjects = try await subjects(of: [id])[id] ?? []
        report.additions = try await db.raw(
            "SELECT added_at, content FROM report_additions WHERE report_id = \(bind: id) ORDER BY ordinal"
        ).all().map {
            ReportAddition(
                addedAt: Self.date(try $0.decode(column: "added_at", as: Int64.self)),
                content: try $0.decode(column: "content", as: String.self)
            )
        }
        return report
    }

    public func reportID(queryCodeHash: String) async throws -> String? {
        try await engine.reader.raw("SELECT id FROM reports WHERE query_code_hash = \(bind: queryCodeHash)").first().map {
            try $0.decode(column: "id", as: String.self)
        }
    }

    /// Legacy hashes are bare hex and sort below the current scheme's prefix, so the unique index
    /// on the column answers this with one seek.
    public func holdsLegacyQueryCodeHashes() async throws -> Bool {
        try await engine.reader.raw(
            "SELECT 1 AS found FROM reports WHERE query_code_hash < \(bind: QueryCodeHasher.legacyUpperBound) LIMIT 1"
        ).first() != nil
    }

    /// The code's stored form changes, not the code: the reporter's code, the report and its
    /// trail stay as they were, so no audit event is written (as migration 22 digesting stored
    /// Message-IDs wrote none).
    public func rehashQueryCode(reportID: String, legacyHash: String, currentHash: String) async throws {
        try await transaction { db in
            try await db.raw(
                """
                UPDATE reports SET query_code_hash = \(bind: currentHash)
                WHERE id = \(bind: reportID) AND query_code_hash = \(bind: legacyHash)
                """
            ).run()
        }
    }

    public func addToReport(id: String, content: String, at: Date, actor: AuditActor, screening: StoredScreening?) async throws {
        try await transaction { db in
            let next =
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM report_additions WHERE report_id = \(bind: id)"
                ).first().map { try $0.decode(column: "n", as: Int.self) } ?? 0
            try await db.raw(
                """
                INSERT INTO report_additions (report_id, ordinal, added_at, content)
                VALUES (\(bind: id), \(bind: next), \(bind: Self.millis(at)), \(bind: content))
                """
            ).run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .reportAddedTo, subjectID: id, wrote: content)
            try await Self.indexForSearch(db, reportID: id)
            try await Self.recordNamedStaff(db, .reports([id]))
            if let screening { try await Self.insertScreening(db, reportID: id, screening, actor: actor) }
        }
    }

    private func subjects(of reportIDs: [String]) async throws -> [String: [Subject]] {
        guard !reportIDs.isEmpty else { return [:] }
        return try await Self.subjects(engine.reader, where: "p.report_id IN (\(SQLList(reportIDs.map { SQLBind($0) })))")
    }

    /// The people the reports matching `filter` (over `report_subjects p` joined to `reports r`)
    /// name, in each report's order.
    static func subjects(_ db: any SQLDatabase, where filter: SQLQueryString) async throws -> [String: [Subject]] {
        var result: [String: [Subject]] = [:]
        for row in try await db.raw(
            """
            SELECT p.report_id, p.name, p.unit, p.post FROM report_subjects p JOIN reports r ON r.id = p.report_id
            WHERE \(filter) ORDER BY p.report_id, p.ordinal
            """
        ).all() {
            let s = Subject(
                name: try row.decode(column: "name", as: String.self),
                unit: try row.decode(column: "unit", as: String.self),
                post: try row.decode(column: "post", as: String.self)
            )
            result[try row.decode(column: "report_id", as: String.self), default: []].append(s)
        }
        return result
    }

    static let reportColumns = "id, inspection_id, channel, received_at, content, status, is_real_name, register_number, thread_id, assignee_id"

    /// Gives a report the next number in its inspection's register, inside the transaction that
    /// brings it to the inspection: numbers follow arrival and are never reused.
    static func number(_ db: any SQLDatabase, reportID: String, inspectionID: String) async throws {
        let (inspection, next) = try await registerStart(db, inspectionID: inspectionID)
        try await db.raw(
            """
            UPDATE reports SET register_seq = \(bind: next), register_number = \(bind: inspection.registerNumber(next).text)
            WHERE id = \(bind: reportID)
            """
        ).run()
    }

    /// The inspection and the next free number of its register, inside the caller's transaction
    /// (the writer lock keeps two from taking the same one).
    static func registerStart(_ db: any SQLDatabase, inspectionID: String) async throws -> (inspection: Inspection, next: Int) {
        guard
            let inspection = try await db.raw("SELECT data FROM inspections WHERE id = \(bind: inspectionID)").first()
                .map({ try decodeJSON(Inspection.self, $0.decode(column: "data", as: String.self)) })
        else { throw StoreError.unreadableRow(table: "inspections", key: inspectionID) }
        let next =
            try await db.raw("SELECT COALESCE(MAX(register_seq), 0) + 1 AS n FROM reports WHERE inspection_id = \(bind: inspectionID)").first()
            .map { try $0.decode(column: "n", as: Int.self) } ?? 1
        return (inspection, next)
    }

    static func report(from row: any SQLRow) throws -> Report {
        let id = try row.decode(column: "id", as: String.self)
        guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)),
            let status = ReportStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { throw StoreError.unreadableRow(table: "reports", key: id) }
        return Report(
            id: id,
            inspectionID: try row.decode(column: "inspection_id", as: String?.self),
            channel: channel,
            receivedAt: date(try row.decode(column: "received_at", as: Int64.self)),
            content: try row.decode(column: "content", as: String.self),
            subjects: [],
            status: status,
            isRealName: try row.decode(column: "is_real_name", as: Int.self) != 0,
            number: try row.decode(column: "register_number", as: String?.self),
            threadID: try row.decode(column: "thread_id", as: String?.self),
            assigneeID: try row.decode(column: "assignee_id", as: String?.self)
        )
    }
}
