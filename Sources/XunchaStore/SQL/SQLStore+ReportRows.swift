import Foundation
import SQLKit
import XunchaCore

/// The rows a new report writes to its tables (its source keys, search terms and audit events
/// apart): one encoding shared by `saveReport` and `bulkLoadReports`.
struct NewReportRows {
    var reports = SQLRows(
        "reports",
        [
            "id", "inspection_id", "channel", "received_at", "content", "status", "is_real_name", "query_code_hash", "thread_id",
            "register_seq", "register_number",
        ]
    )
    var subjects = SQLRows("report_subjects", ["report_id", "ordinal", "name", "unit", "post"])
    var identities = SQLRows("reporter_identities", ["report_id", "sealed"])
    var channelDetails = SQLRows(
        "report_channel_details",
        [
            "report_id", "channel", "received_by", "received_by_name", "call_started_at", "call_duration_seconds", "postmark",
            "visit_at", "reception_status", "reception_code", "reception_message", "scans", "sealed_details", "query_code_must_change",
        ]
    )
    var screenings = SQLRows("report_screenings", SQLStore.screeningColumns)

    /// Adds one report's rows; `register` is its number in the inspection's register, if it has one.
    /// Its screening is added here only for a bulk load: a single save replaces it with its event.
    mutating func add(_ new: NewReport, register: (seq: Int, number: String)?, withScreening: Bool = false) throws {
        let r = new.report
        reports.append([
            SQLBind(r.id), SQLBind(r.inspectionID), SQLBind(r.channel.rawValue), SQLBind(SQLStore.millis(r.receivedAt)), SQLBind(r.content),
            SQLBind(r.status.rawValue), SQLBind(r.isRealName ? 1 : 0), SQLBind(new.queryCodeHash), SQLBind(r.id), SQLBind(register?.seq),
            SQLBind(register?.number),
        ])
        for (ordinal, s) in r.subjects.enumerated() {
            subjects.append([SQLBind(r.id), SQLBind(ordinal), SQLBind(s.name), SQLBind(s.unit), SQLBind(s.post)])
        }
        if let sealed = new.sealedIdentity { identities.append([SQLBind(r.id), SQLBind(sealed)]) }
        if let row = new.channelDetails {
            let d = row.record
            channelDetails.append([
                SQLBind(r.id), SQLBind(d.channel.rawValue), SQLBind(d.receivedBy), SQLBind(d.receivedByName),
                SQLBind(d.callStartedAt.map(SQLStore.millis)), SQLBind(d.callDurationSeconds), SQLBind(d.postmark?.iso),
                SQLBind(d.visitAt.map(SQLStore.millis)), SQLBind(d.receptionStatus), SQLBind(d.receptionCode), SQLBind(d.receptionMessageZH),
                SQLBind(try SQLStore.json(d.scans)), SQLBind(row.sealedDetails), SQLBind(d.queryCodeMustChange ? 1 : 0),
            ])
        }
        if withScreening, let screening = new.screening { screenings.append(try SQLStore.screeningRow(reportID: r.id, screening)) }
    }

    /// Inserts every table's rows, the reports first.
    func insert(_ db: any SQLDatabase) async throws {
        for table in [reports, subjects, identities, channelDetails, screenings] { try await table.insert(db) }
    }
}
