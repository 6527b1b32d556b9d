import Foundation
import SQLKit
import XunchaCore

/// What the registers read: an inspection's reports of some channels with their screening,
/// channel fields and current decision, in a handful of queries whatever the number of reports.
extension SQLStore {
    /// The register's rows in its order, those received within `received`.
    public func registerEntries(
        inspectionID: String,
        channels: [Channel],
        sealed: Bool,
        received: Range<Date>? = nil
    ) async throws -> [SealedRegisterEntry] {
        try await registerEntries(
            where: Self.registerFilter("r", inspectionID: inspectionID, channels: channels, received: received),
            inspectionID: inspectionID,
            sealed: sealed
        )
    }

    /// The slice `rows` of the register (a page) and how many rows it has: the page's reports are
    /// found first, by the register's numbers (unique in the inspection, so an index gives the
    /// order; a page past the middle is counted from the end), then everything else about those
    /// hundred alone. The last page of a million-report register costs what the first does.
    public func registerPage(
        inspectionID: String,
        channels: [Channel],
        sealed: Bool,
        received: Range<Date>? = nil,
        rows: Range<Int>
    ) async throws -> (entries: [SealedRegisterEntry], total: Int) {
        let db = engine.reader
        let filter = Self.registerFilter("r", inspectionID: inspectionID, channels: channels, received: received)
        let total = try await Self.count(db, "SELECT COUNT(*) AS n FROM reports r WHERE \(filter)")
        let take = min(rows.count, total - rows.lowerBound)
        guard take > 0 else { return ([], total) }
        let backwards = rows.lowerBound > total / 2
        let order: SQLQueryString = backwards ? "DESC" : "ASC"
        let skip = backwards ? total - rows.lowerBound - take : rows.lowerBound
        let ids = try await db.raw(
            "SELECT r.id FROM reports r WHERE \(filter) ORDER BY r.register_seq \(order) LIMIT \(bind: take) OFFSET \(bind: skip)"
        ).all().map { try $0.decode(column: "id", as: String.self) }
        let entries = try await registerEntries(where: "r.id IN (\(SQLList(ids.map { SQLBind($0) })))", inspectionID: inspectionID, sealed: sealed)
        return (entries, total)
    }

    private func registerEntries(where filter: SQLQueryString, inspectionID: String, sealed: Bool) async throws -> [SealedRegisterEntry] {
        let db = engine.reader
        let subjects = try await Self.subjects(db, where: filter)
        var decisions: [String: Decision] = [:]
        for (id, decision) in try await Self.decisions(
            db,
            where: "state IN ('approved', 'proposed') AND report_id IN (SELECT r.id FROM reports r WHERE \(filter))"
        ) {
            decisions[id] = decision
        }
        let leadNumbers = try await Self.pairs(db, "SELECT id AS k, number AS v FROM leads WHERE inspection_id = \(bind: inspectionID)")
        let duplicateIDs = Set(decisions.values.compactMap(\.duplicateOf))
        let duplicateNumbers = try await registerNumbers(reportIDs: Array(duplicateIDs))
        let sealedColumns: SQLQueryString = sealed ? ", i.sealed AS sealed_identity, c.sealed_details" : ""
        let sealedJoin: SQLQueryString = sealed ? "LEFT JOIN reporter_identities i ON i.report_id = r.id" : ""
        return try await db.raw(
            """
            SELECT r.id, r.register_number, r.channel, r.received_at, r.content, r.is_real_name, s.top_discipline, s.scope_class,
                c.received_by_name, c.postmark, c.call_started_at, c.call_duration_seconds, c.visit_at, c.place\(sealedColumns)
            FROM reports r
            LEFT JOIN report_screenings s ON s.report_id = r.id
            LEFT JOIN report_channel_details c ON c.report_id = r.id
            \(sealedJoin)
            WHERE \(filter) ORDER BY r.register_seq, r.id
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else {
                throw StoreError.unreadableRow(table: "reports", key: id)
            }
            let decision = decisions[id]
            let entry = RegisterEntry(
                reportID: id,
                number: try row.decode(column: "register_number", as: String?.self),
                channel: channel,
                receivedAt: Self.date(try row.decode(column: "received_at", as: Int64.self)),
                isRealName: try row.decode(column: "is_real_name", as: Int.self) != 0,
                subjects: subjects[id] ?? [],
                content: try row.decode(column: "content", as: String.self),
                discipline: try row.decode(column: "top_discipline", as: String?.self).flatMap(Discipline.init(rawValue:)),
                scope: try row.decode(column: "scope_class", as: String?.self).flatMap(ScopeClass.init(rawValue:)),
                receivedByName: try row.decode(column: "received_by_name", as: String?.self) ?? "",
                postmark: try row.decode(column: "postmark", as: String?.self).flatMap { CivilDate(parsing: $0) },
                callStartedAt: try row.decode(column: "call_started_at", as: Int64?.self).map(Self.date),
                callDurationSeconds: try row.decode(column: "call_duration_seconds", as: Int?.self),
                visitAt: try row.decode(column: "visit_at", as: Int64?.self).map(Self.date),
                place: try row.decode(column: "place", as: String?.self) ?? "",
                decision: decision,
                duplicateOfNumber: decision?.duplicateOf.flatMap { duplicateNumbers[$0] },
                leadNumber: decision?.leadID.flatMap { leadNumbers[$0] }
            )
            return SealedRegisterEntry(
                entry: entry,
                sealedIdentity: sealed ? try row.decode(column: "sealed_identity", as: String?.self) : nil,
                sealedChannelFields: sealed ? try row.decode(column: "sealed_details", as: String?.self) : nil
            )
        }
    }

    /// The reports of a register, on the table named `alias`.
    private static func registerFilter(_ alias: String, inspectionID: String, channels: [Channel], received: Range<Date>?) -> SQLQueryString {
        var filter: SQLQueryString =
            "\(unsafeRaw: alias).inspection_id = \(bind: inspectionID) AND \(unsafeRaw: alias).channel IN (\(SQLList(channels.map { SQLBind($0.rawValue) })))"
        if let received {
            filter =
                "\(filter) AND \(unsafeRaw: alias).received_at >= \(bind: millis(received.lowerBound)) AND \(unsafeRaw: alias).received_at < \(bind: millis(received.upperBound))"
        }
        return filter
    }

    /// The register numbers of some reports (those that have one), read in slices that stay
    /// under the database's limit on bound values.
    public func registerNumbers(reportIDs: [String]) async throws -> [String: String] {
        var numbers: [String: String] = [:]
        for start in stride(from: 0, to: reportIDs.count, by: 500) {
            let slice = reportIDs[start..<min(start + 500, reportIDs.count)]
            let found = try await Self.pairs(
                engine.reader,
                """
                SELECT id AS k, register_number AS v FROM reports
                WHERE register_number IS NOT NULL AND id IN (\(SQLList(slice.map { SQLBind($0) })))
                """
            )
            numbers.merge(found) { a, _ in a }
        }
        return numbers
    }

    /// Writes that a ledger left the system (a file, a print view, identities shown) to the chain.
    public func recordLedgerExport(inspectionID: String, detail: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await Self.appendAudit(db, at: at, actor: actor, action: .ledgerExported, subjectID: inspectionID, detail: detail)
        }
    }

    /// A two-column query (`k`, `v`) as a dictionary.
    static func pairs(_ db: any SQLDatabase, _ query: SQLQueryString) async throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try await db.raw(query).all() {
            result[try row.decode(column: "k", as: String.self)] = try row.decode(column: "v", as: String.self)
        }
        return result
    }
}
