import Foundation
import NIOPosix
import XunchaCore
import XunchaStore

/// The one path from a `Submission` to a stored report, shared by every channel: validate, find
/// the inspection, seal the identity, hash a fresh query code, screen, and write it all with its
/// audit events in one transaction; only then is the receipt (and the code) handed back
/// (invariants 1 and 2 in docs/ARCHITECTURE.md). The channels differ only in what they add:
/// a mail's source keys and notes, a call's or letter's own fields and scans.
public struct ReportIntake: Sendable {
    let services: DeskServices
    var store: any Store { services.store }

    public struct Receipt: Sendable {
        public var reportID: String
        public var queryCode: QueryCode?
        public var inspectionID: String?
    }

    /// What a channel brings beside the submission.
    struct Extras: Sendable {
        var reportID = UUID().uuidString.lowercased()
        var issueQueryCode = false
        var sourceKeys: [String] = []
        var intakeNotes: String?
        /// A call's, letter's or visit's fields, completed with the reception window's judgement
        /// once the report is screened; and the identifying ones sealed.
        var channelRecord: ChannelRecord?
        var sealedChannelFields: String?
        var arrival: ScreeningArrival?
    }

    /// A report from the public form or the API: the reporter gets a query code.
    public func submit(_ submission: Submission, from caller: Caller) async throws -> Receipt {
        guard case .reporter = caller else { throw DeskError.forbidden }
        return try await take(submission, caller: caller, Extras(issueQueryCode: true))
    }

    /// Validates, screens and saves; everything else is the channels' business.
    func take(_ submission: Submission, caller: Caller, _ extras: Extras) async throws -> Receipt {
        let started = ContinuousClock.now
        let metrics = services.metrics
        let submission = try checking { () throws(InputError) in try submission.validated() }
        let inspectionID = try await resolveInspection(submission)
        let id = extras.reportID
        let fresh = extras.issueQueryCode ? try await freshQueryCode() : nil
        let code = fresh?.0
        let codeHash = fresh?.1
        let report = Report(
            id: id,
            inspectionID: inspectionID,
            channel: submission.channel,
            receivedAt: submission.receivedAt,
            content: submission.content,
            subjects: submission.subjects,
            status: .received,
            isRealName: submission.reporter.isRealName
        )
        let sealed = submission.reporter.isEmpty ? nil : try services.sealer.sealValue(submission.reporter, .identity(reportID: id))
        let arrival = extras.arrival ?? ScreeningArrival(channel: report.channel, receivedAt: report.receivedAt)
        let store = self.store
        let actor = caller.auditActor
        _ = try await busyAsDeskError {
            try await services.screening.screenAndSave(reportID: id, content: report.content, arrival: arrival, inspectionID: inspectionID) {
                screened in
                metrics.screened(since: started)
                var details: ChannelDetailsRow?
                if var record = extras.channelRecord {
                    record.keep(screened.reception)
                    details = ChannelDetailsRow(record: record, sealedDetails: extras.sealedChannelFields)
                }
                try await store.saveReport(
                    NewReport(
                        report: report,
                        sealedIdentity: sealed,
                        queryCodeHash: codeHash,
                        sourceKeys: extras.sourceKeys,
                        intakeNotes: extras.intakeNotes,
                        channelDetails: details,
                        screening: screened.stored,
                        nearDuplicateText: screened.nearDuplicateText
                    ),
                    actor: actor
                )
            }
        }
        metrics.received(report.channel, since: started)
        return Receipt(reportID: id, queryCode: code, inspectionID: inspectionID)
    }

    /// A full writer queue, told as the desks tell refusals (503 with Retry-After on the web).
    private func busyAsDeskError<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch StoreError.writerBusy { throw DeskError.busy }
    }

    /// A code no report holds yet. A collision of 53-bit codes is unlikely but would hand one
    /// reporter another's report. The keyed hash takes microseconds, so it runs inline; a code
    /// that only a legacy hash could collide with is as unlikely and is not checked, since that
    /// check would put scrypt back on the path that acknowledges a report.
    func freshQueryCode() async throws -> (QueryCode, String) {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5 {
            let candidate = QueryCode.generate(using: &rng)
            let hash = services.codeHasher.hash(candidate)
            if try await store.reportID(queryCodeHash: hash) == nil { return (candidate, hash) }
        }
        throw StoreError.noFreeQueryCode
    }

    /// The report a query code opens, or nil. A code stored before the keyed hash is found by
    /// its scrypt hash (slow, off the event loop, and only while such codes remain) and re-hashed
    /// on the spot, so its next use is as quick as any other.
    func reportID(for code: QueryCode) async throws -> String? {
        let current = services.codeHasher.hash(code)
        if let id = try await store.reportID(queryCodeHash: current) { return id }
        guard try await store.holdsLegacyQueryCodeHashes() else { return nil }
        let hasher = services.codeHasher
        let legacy = try await NIOThreadPool.singleton.runIfActive { try hasher.legacyHash(code) }
        guard let id = try await store.reportID(queryCodeHash: legacy) else { return nil }
        try await store.rehashQueryCode(reportID: id, legacyHash: legacy, currentHash: current)
        return id
    }

    /// The reporter's choice if they made one; otherwise the one inspection taking reports that
    /// day, or the only inspection there is. Left unassigned rather than guessed between several.
    func resolveInspection(_ s: Submission) async throws -> String? {
        let all = try await store.inspections()
        if let chosen = s.inspectionID {
            guard all.contains(where: { $0.id == chosen }) else {
                throw DeskError(.invalid, code: "unknown_inspection", zh: "所选的巡察不存在。", en: "no inspection with that id.", field: "inspection_id")
            }
            return chosen
        }
        let day = CivilDate(beijingDayOf: s.receivedAt)
        let open = all.filter { $0.isTakingReports(on: day) }
        if open.count == 1 { return open[0].id }
        if all.count == 1 { return all[0].id }
        return nil
    }
}
