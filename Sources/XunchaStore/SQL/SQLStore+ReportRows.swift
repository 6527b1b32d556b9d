import Foundation
import SQLKit
import XunchaCore

/// The rows new reports write to their tables (their source keys, search terms and audit events
/// apart), for `insertReports`, which writes them all, and re-screenings.
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
            "visit_at", "place", "reception_status", "reception_code", "reception_message", "scans", "sealed_details", "query_code_must_change",
        ]
    )
    var screenings = SQLRows(
        "report_screenings",
        ["report_id", "inspection_id", "rules_version", "suggestion", "top_discipline", "screened_at", "scope_class", "subject_rank"]
    )
    var screeningRecords = SQLRows("report_screening_records", ["report_id", "record"])

    /// Adds one report's rows but its screening; `register` is its number in the inspection's
    /// register, if it has one.
    mutating func add(_ new: NewReport, register: (seq: Int, number: String)?) throws {
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
                SQLBind(d.visitAt.map(SQLStore.millis)), SQLBind(d.place), SQLBind(d.receptionStatus), SQLBind(d.receptionCode),
                SQLBind(d.receptionMessageZH),
                SQLBind(try SQLStore.json(d.scans)), SQLBind(row.sealedDetails), SQLBind(d.queryCodeMustChange ? 1 : 0),
            ])
        }
    }

    /// A screening as stored: the columns the inbox and the statistics read (with the report's
    /// inspection, read from its row), and the record as JSON apart (`encodedRecord`, when it was
    /// written ahead).
    mutating func addScreening(reportID: String, _ screening: StoredScreening, encodedRecord: String? = nil) {
        let r = screening.record
        screenings.append([
            SQLBind(reportID), "(SELECT inspection_id FROM reports WHERE id = \(bind: reportID))" as SQLQueryString, SQLBind(r.rulesVersion),
            SQLBind(r.suggestion.rawValue), SQLBind(r.topDiscipline?.rawValue), SQLBind(SQLStore.millis(screening.screenedAt)),
            SQLBind(r.scopeClass.rawValue), SQLBind(r.rank.rawValue),
        ])
        screeningRecords.append([SQLBind(reportID), SQLBind(encodedRecord ?? r.jsonText)])
    }
}
