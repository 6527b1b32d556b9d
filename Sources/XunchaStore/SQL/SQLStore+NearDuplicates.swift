import Foundation
import SQLKit
import XunchaCore
import XunchaText

/// The near-duplicate index kept in the database rather than in each process's memory
/// (docs/text.md, "The index in the database"). Every report is filed once, in the transaction
/// that writes it: its fingerprints in `report_signatures` under a number of its own, and one row
/// of `report_filing_keys` per key it is filed under (`PreparedText.filingKeys`). A screening asks
/// for the reports filed under its text's keys, the newest few of each key, so a start reads
/// nothing, memory does not grow with the reports, and every server on one database sees every
/// report the moment it is committed.
extension SQLStore {
    /// The standard index: it makes what is filed for a text and reads stored rows back.
    static let nearDuplicates = NearDuplicateIndex()
    private static let filingNormalizer = TextNormalizer()

    /// What is filed for a report that comes without the text its screening made: its content,
    /// as the screener normalizes it.
    static func filedText(content: String) -> PreparedText {
        nearDuplicates.signature(of: filingNormalizer.normalize(content))
    }

    /// Files reports inside the caller's transaction, numbered after the last one filed (writes
    /// take turns under the write lock, so no other transaction numbers at the same time).
    static func file(_ db: any SQLDatabase, _ reports: [(id: String, receivedAt: Date, inspectionID: String?, text: PreparedText)]) async throws {
        guard !reports.isEmpty else { return }
        var number =
            try await db.raw("SELECT COALESCE(MAX(number), 0) + 1 AS n FROM report_signatures").first()
            .map { try $0.decode(column: "n", as: Int64.self) } ?? 1
        var signatures = SQLRows("report_signatures", ["number", "report_id", "received_at", "distinct_count", "content_length", "fingerprints"])
        var keys: [[Int64]] = []
        for report in reports {
            let received = millis(report.receivedAt)
            signatures.append([
                SQLBind(number), SQLBind(report.id), SQLBind(received), SQLBind(report.text.distinctFingerprintCount),
                SQLBind(report.text.contentCharacterCount), SQLBind(Data(report.text.fingerprintBytes)),
            ])
            for key in NearDuplicateFiling.keys(report.text, inspectionID: report.inspectionID) {
                keys.append([key, received, number, Int64(report.text.distinctFingerprintCount)])
            }
            number += 1
        }
        try await signatures.insert(db)
        try await insertFilingKeys(db, keys)
    }

    /// Rows of `report_filing_keys` (key, received_at, number, size), all in one parameter
    /// (`EngineDialect.integerRows`): bound one value at a time they were half of a batch's time.
    private static func insertFilingKeys(_ db: any SQLDatabase, _ rows: [[Int64]]) async throws {
        guard !rows.isEmpty else { return }
        let columns = ["filing_key", "received_at", "number", "size"]
        try await db.raw(
            """
            INSERT INTO report_filing_keys (\(unsafeRaw: columns.joined(separator: ", ")))
            \(EngineDialect(db).integerRows(rows, columns: columns))
            """
        ).run()
    }

    /// Moves a report no inspection had claimed into `inspectionID`'s part of the index.
    static func refile(_ db: any SQLDatabase, claimedReportID id: String, inspectionID: String) async throws {
        guard
            let row = try await db.raw(
                "SELECT s.number, r.received_at, r.content FROM reports r LEFT JOIN report_signatures s ON s.report_id = r.id WHERE r.id = \(bind: id)"
            ).first()
        else { return }
        let received = try row.decode(column: "received_at", as: Int64.self)
        let text = filedText(content: try row.decode(column: "content", as: String.self))
        guard let number = try row.decode(column: "number", as: Int64?.self) else {
            return try await file(db, [(id, date(received), inspectionID, text)])
        }
        let unassigned = NearDuplicateFiling.keys(text, inspectionID: nil)
        if !unassigned.isEmpty {
            try await db.raw(
                """
                DELETE FROM report_filing_keys WHERE filing_key IN (\(SQLList(unassigned.map { SQLBind($0) })))
                AND received_at = \(bind: received) AND number = \(bind: number)
                """
            ).run()
        }
        let keys = NearDuplicateFiling.keys(text, inspectionID: inspectionID).map { [$0, received, number, Int64(text.distinctFingerprintCount)] }
        try await insertFilingKeys(db, keys)
    }

    /// Files every report that is not filed yet, oldest first, in batches: once, for the reports
    /// stored before there was an index in the database, and after a move between databases.
    /// Half an hour at a million reports: `progress` hears how many are filed of how many, at the
    /// start, after every twentieth of them and at the end.
    static func fileExistingReports(
        _ db: any SQLDatabase,
        batchSize: Int = 500,
        progress: (_ filed: Int, _ total: Int) -> Void = { _, _ in }
    ) async throws {
        let total = try await count(
            db,
            "SELECT COUNT(*) AS n FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_signatures s WHERE s.report_id = r.id)"
        )
        guard total > 0 else { return }
        let step = max(batchSize, total / 20)
        var filed = 0
        progress(0, total)
        var after: (receivedAt: Int64, id: String) = (.min, "")
        while true {
            let rows = try await db.raw(
                """
                SELECT r.id, r.inspection_id, r.received_at, r.content FROM reports r
                WHERE (r.received_at, r.id) > (\(bind: after.receivedAt), \(bind: after.id))
                AND NOT EXISTS (SELECT 1 FROM report_signatures s WHERE s.report_id = r.id)
                ORDER BY r.received_at, r.id LIMIT \(bind: batchSize)
                """
            ).all()
            guard !rows.isEmpty else { return }
            var batch: [(id: String, receivedAt: Date, inspectionID: String?, text: PreparedText)] = []
            for row in rows {
                let received = try row.decode(column: "received_at", as: Int64.self)
                let id = try row.decode(column: "id", as: String.self)
                batch.append(
                    (
                        id, date(received), try row.decode(column: "inspection_id", as: String?.self),
                        filedText(content: try row.decode(column: "content", as: String.self))
                    )
                )
                after = (received, id)
            }
            try await file(db, batch)
            let before = filed
            filed += batch.count
            if filed == total || filed / step > before / step { progress(filed, total) }
        }
    }

    /// Jaccard estimated from the number of shared keys (`NearDuplicateIndex.estimatedJaccard`), as
    /// a SQL expression over `c.shared`: a table of constants, as neither engine is sure to have
    /// pow. Made once; every look-up uses it.
    private static let estimatedJaccardBySharedKeys: String = {
        let bands = nearDuplicates.configuration.bands
        let cases = (1...bands).map { "WHEN \($0) THEN \(nearDuplicates.estimatedJaccard(sharingKeys: $0))" }
        return "CASE c.shared " + cases.joined(separator: " ") + " ELSE 1.0 END"
    }()

    /// The earlier reports filed under `text`'s keys in `inspectionID`'s part of the index (nil:
    /// the reports no inspection claimed), oldest first. Each key gives its newest
    /// `maximumBucketScan` reports; of those, the `maximumFiledComparisons` likeliest to be repeats
    /// (by the keys each shares and its size, ranked by the database) are read with their
    /// fingerprints.
    /// With `before`, only reports that came in before that one (by when they were received, then
    /// by id), for screening a stored report again.
    public func filedReports(
        like text: PreparedText,
        inspectionID: String?,
        before: (receivedAt: Date, reportID: String)? = nil
    ) async throws -> [FiledEarlierReports.Report] {
        let keys = NearDuplicateFiling.keys(text, inspectionID: inspectionID)
        guard !keys.isEmpty else { return [] }
        let cut = before.map { (received: Self.millis($0.receivedAt), id: $0.reportID) }
        func bound(_ table: String) -> SQLQueryString { cut.map { " AND \(unsafeRaw: table).received_at <= \(bind: $0.received)" } ?? "" }
        let configuration = Self.nearDuplicates.configuration
        // Each key's bucket from its newest report back to its `maximumBucketScan`th: that one is
        // found first (its place, or the lowest there is when the bucket holds fewer), then the
        // bucket is read down to it. The keys come in one parameter and the statement's text is
        // the same for every look-up: written as one arm per key it cost several times as much to
        // prepare, and SQLiteNIO keeps no prepared statement to reuse (docs/performance.md).
        func edge(_ column: String) -> SQLQueryString {
            """
            COALESCE((SELECT b.\(unsafeRaw: column) FROM report_filing_keys b WHERE b.filing_key = k.filing_key\(bound("b"))
            ORDER BY b.received_at DESC, b.number DESC LIMIT 1 OFFSET \(unsafeRaw: String(configuration.maximumBucketScan - 1))),
            \(bind: Int64.min)) AS \(unsafeRaw: column)
            """
        }
        let buckets: SQLQueryString = """
            SELECT f.number, f.size FROM reach JOIN report_filing_keys f ON f.filing_key = reach.filing_key\(bound("f"))
            AND f.received_at >= reach.received_at AND (f.received_at > reach.received_at OR f.number >= reach.number)
            """
        // Each walked report's likely similarity, from the keys it shares and its size: Jaccard
        // estimated from the shared keys, and the containment of the smaller text that Jaccard implies, J (a + b) ÷ ((1 + J) min(a, b)),
        // where the index judges containment at all; only the likeliest cross with their fingerprints.
        let a = text.distinctFingerprintCount
        let rows = try await engine.reader.raw(
            """
            WITH keys AS (\(EngineDialect(engine.reader).integerRows(keys.map { [$0] }, columns: ["filing_key"]))),
            reach AS MATERIALIZED (SELECT k.filing_key, \(edge("received_at")), \(edge("number")) FROM keys k)
            SELECT s.report_id, s.received_at, s.distinct_count, s.content_length, s.fingerprints FROM report_signatures s JOIN (
                SELECT number, CASE WHEN smaller < \(bind: configuration.minimumContainmentShingles) THEN jaccard
                    WHEN jaccard * (\(bind: a) + size) >= (1 + jaccard) * smaller THEN 1.0
                    WHEN jaccard * (\(bind: a) + size) > jaccard * (1 + jaccard) * smaller THEN jaccard * (\(bind: a) + size) / ((1 + jaccard) * smaller)
                    ELSE jaccard END AS score
                FROM (
                    SELECT c.number, c.size, \(unsafeRaw: Self.estimatedJaccardBySharedKeys) AS jaccard, CASE WHEN c.size < \(bind: a) THEN c.size ELSE \(bind: a) END AS smaller
                    FROM (SELECT number, size, COUNT(*) AS shared FROM (\(buckets)) AS walked GROUP BY number, size) AS c
                ) AS sized
                ORDER BY score DESC, number DESC LIMIT \(unsafeRaw: String(configuration.maximumFiledComparisons))
            ) AS best ON best.number = s.number ORDER BY s.received_at, s.number
            """
        ).all()
        var reports: [FiledEarlierReports.Report] = []
        reports.reserveCapacity(rows.count)
        for row in rows {
            let id = try row.decode(column: "report_id", as: String.self)
            let received = try row.decode(column: "received_at", as: Int64.self)
            if let cut, id == cut.id || (received == cut.received && id > cut.id) { continue }
            guard
                let filed = Self.nearDuplicates.filedText(
                    fingerprintBytes: try row.decode(column: "fingerprints", as: Data.self),
                    distinctCount: try row.decode(column: "distinct_count", as: Int.self),
                    contentLength: try row.decode(column: "content_length", as: Int.self)
                )
            else { throw StoreError.unreadableRow(table: "report_signatures", key: id) }
            reports.append(FiledEarlierReports.Report(id: id, receivedAt: Self.date(received), text: filed))
        }
        return reports
    }
}
