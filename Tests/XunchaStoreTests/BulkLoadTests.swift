import Foundation
import Logging
import SQLKit
import Testing
import XunchaCore

@testable import XunchaStore

/// The bulk load of the generated data set writes what saving reports one by one writes.
@Suite struct BulkLoadTests {
    static let inspection = Inspection(
        id: "insp-bulk",
        group: "市委第一巡察组",
        units: ["市某局"],
        periodStart: CivilDate(year: 2023, month: 3, day: 1)!,
        periodEnd: CivilDate(year: 2023, month: 5, day: 31)!,
        deadline: CivilDate(year: 2023, month: 5, day: 31)!
    )
    static let march10 = Date(timeIntervalSince1970: 1_678_420_800)

    static func reports() -> [NewReport] {
        let screener = Screener(roster: [RosterPerson(name: "王建国", unit: "市某局", post: "局长")], inspection: inspection)
        let texts = ["市某局局长王建国收受红包两万元。", "反映市某局违规发放津贴补贴，群众意见很大。", "李明副局長收受紅包。"]
        return texts.enumerated().map { i, text in
            let at = march10.addingTimeInterval(Double(i) * 3600)
            let channel: Channel = [.web, .phone, .letter][i]
            let report = Report(
                id: "r\(i)",
                inspectionID: inspection.id,
                channel: channel,
                receivedAt: at,
                content: text,
                subjects: i == 0 ? [Subject(name: "王建国", unit: "市某局", post: "局长")] : [],
                status: .received,
                isRealName: i == 0
            )
            let details =
                channel == .phone
                ? ChannelDetailsRow(
                    record: ChannelRecord(reportID: report.id, channel: .phone, receivedBy: "u1", receivedByName: "张", callDurationSeconds: 120),
                    sealedDetails: "sealed-number"
                ) : nil
            return NewReport(
                report: report,
                sealedIdentity: i == 0 ? "sealed-identity" : nil,
                queryCodeHash: i == 0 ? "code-hash" : nil,
                channelDetails: details,
                screening: StoredScreening(record: ScreeningRecord(screener.screen(text)), screenedAt: at.addingTimeInterval(1))
            )
        }
    }

    /// Every row of the tables a report writes, as text, in a fixed order.
    static func dump(_ installation: TemporaryInstallation) async throws -> [String: [String]] {
        let engine = try await installation.engine()
        let db = engine.reader
        var tables: [String: [String]] = [:]
        for (table, order) in [
            ("reports", "id"), ("report_subjects", "report_id, ordinal"), ("reporter_identities", "report_id"),
            ("report_channel_details", "report_id"), ("report_screenings", "report_id"), ("report_screening_records", "report_id"),
            ("audit_events", "seq"),
        ] {
            tables[table] = try await db.raw("SELECT * FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: order)").all().map { row in
                row.allColumns.map { column in
                    (try? row.decode(column: column, as: String?.self)).map { $0 ?? "NULL" }
                        ?? (try? row.decode(column: column, as: Int64.self)).map(String.init) ?? "?"
                }.joined(separator: "|")
            }
        }
        // The search index holds no text: what each term finds is what it holds.
        for term in ["红包", "津贴", "王建国"] {
            tables["fts " + term] = try await db.raw(
                "SELECT r.id FROM reports r WHERE \(EngineDialect(db).searchMatch([[String(term.prefix(2))]]))"
            ).all().map { try $0.decode(column: "id", as: String.self) }.sorted()
        }
        try await engine.close()
        return tables
    }

    @Test func aBulkLoadWritesTheRowsAndEventsOfSavingOneByOne() async throws {
        let one = try TemporaryInstallation()
        let bulk = try TemporaryInstallation(sharingKeyOf: one)
        defer {
            one.remove()
            bulk.remove()
        }
        for installation in [one, bulk] {
            let store = try await installation.open()
            try await store.createInspection(Self.inspection, actor: .system, at: Self.march10)
            if installation.folder.path == one.folder.path {
                for report in Self.reports() { try await store.saveReport(report, actor: .reporter) }
            } else {
                try await store.bulkLoadReports(Self.reports(), actor: .reporter)
            }
            #expect(try await store.verifyAudit(headFile: nil).problem == nil)
            try await store.close()
        }
        let saved = try await Self.dump(one)
        let loaded = try await Self.dump(bulk)
        #expect(saved["reports"]?.count == 3)
        #expect(saved["audit_events"]?.count == 7)
        #expect(saved["fts 红包"] == ["r0", "r2"])
        for table in saved.keys.sorted() { #expect(loaded[table] == saved[table], "\(table)") }
    }
}
