import Foundation
import NIOPosix
import XunchaCore

/// The one path from a `Submission` to a stored report, shared by every channel: validate, find
/// the inspection, seal the identity, hash a fresh query code, screen it, write it all with its
/// audit events, and only then hand back the code (DESIGN.md invariants 1 and 2).
public struct ReportIntake: Sendable {
    let store: any Store
    let sealer: IdentitySealer
    let hasher: QueryCodeHasher
    /// Shared by every report this intake takes, so each is screened against the ones before it.
    public let screening: ReportScreening

    public init(store: any Store, keys: Keys, queryCodeCost: Int = 1 << 14, screening: ReportScreening? = nil) {
        self.store = store
        sealer = IdentitySealer(keys: keys)
        hasher = QueryCodeHasher(keys: keys, cost: queryCodeCost)
        self.screening = screening ?? ReportScreening(store: store)
    }

    public struct Receipt: Sendable {
        public var reportID: String
        public var queryCode: QueryCode?
        public var inspectionID: String?
    }

    /// - Parameter issueQueryCode: web and API reporters get a code; staff-registered reports do not yet.
    /// - Parameter sourceKeys: keys of the source (an e-mail's Message-ID and SHA-256); when one is
    ///   already taken nothing is saved and `StoreError.duplicateSource` names the earlier report.
    /// - Parameter intakeNotes: what the channel adapter could not read, as JSON, kept beside the report.
    public func submit(
        _ submission: Submission,
        actor: String,
        issueQueryCode: Bool,
        sourceKeys: [String] = [],
        intakeNotes: String? = nil,
        reportID: String? = nil,
        channelDetails: ChannelDetailsRow? = nil
    ) async throws -> Receipt {
        let submission = try submission.validated()
        let inspectionID = try await resolveInspection(submission)
        let id = reportID ?? UUID().uuidString.lowercased()
        var rng = SystemRandomNumberGenerator()
        var code: QueryCode?
        var codeHash: String?
        if issueQueryCode {
            // A collision of 53-bit codes is unlikely but would hand one reporter another's report.
            for _ in 0..<5 {
                let candidate = QueryCode.generate(using: &rng)
                let hash = try await hashOffLoop(candidate)
                if try await store.reportID(queryCodeHash: hash) == nil {
                    code = candidate
                    codeHash = hash
                    break
                }
            }
            if code == nil { throw StoreError.noFreeQueryCode }
        }
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
        let sealed = submission.reporter.isEmpty ? nil : try sealer.seal(submission.reporter, reportID: id)
        let arrival = ScreeningArrival(channel: report.channel, receivedAt: report.receivedAt, postmark: channelDetails?.record.postmark)
        let screened = try await screening.screenArrival(reportID: id, content: report.content, arrival: arrival, inspectionID: inspectionID)
        let new = NewReport(
            report: report,
            sealedIdentity: sealed,
            queryCodeHash: codeHash,
            sourceKeys: sourceKeys,
            intakeNotes: intakeNotes,
            channelDetails: channelDetails,
            screening: screened
        )
        do {
            try await store.saveReport(new, actor: actor)
        } catch {
            await screening.abandoned(reportID: id, inspectionID: inspectionID)
            throw error
        }
        await screening.saved(reportID: id, inspectionID: inspectionID)
        return Receipt(reportID: id, queryCode: code, inspectionID: inspectionID)
    }

    /// Adds what a reporter sent later to their report, then screens the report again with it:
    /// more detail can turn a report without substance into a lead.
    public func add(to reportID: String, content: String, at: Date, actor: String) async throws {
        try await store.addToReport(id: reportID, content: content, at: at, actor: actor)
        guard let report = try await store.report(id: reportID) else { return }
        let postmark = try await store.channelRecord(reportID: reportID)?.postmark
        _ = try await screening.rescreen(report: report, postmark: postmark, actor: actor)
    }

    /// The report a query code opens, or nil. Slow by design (scrypt), and run off the event loop.
    public func reportID(for code: QueryCode) async throws -> String? {
        try await store.reportID(queryCodeHash: try await hashOffLoop(code))
    }

    func hashOffLoop(_ code: QueryCode) async throws -> String {
        let hasher = self.hasher
        return try await NIOThreadPool.singleton.runIfActive { try hasher.hash(code) }
    }

    /// The reporter's choice if they made one; otherwise the one inspection taking reports that
    /// day, or the only inspection there is. Left unassigned rather than guessed between several.
    func resolveInspection(_ s: Submission) async throws -> String? {
        let all = try await store.inspections()
        if let chosen = s.inspectionID {
            guard all.contains(where: { $0.id == chosen }) else {
                throw InputError(code: "unknown_inspection", zh: "所选的巡察不存在。", en: "no inspection with that id.", field: "inspection_id")
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
