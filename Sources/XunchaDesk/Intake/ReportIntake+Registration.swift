import Foundation
import XunchaCore
import XunchaStore

/// A scan as it arrives: a file name and its bytes.
public struct ScanUpload: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// The identifying fields of a call or letter, sealed apart from what staff see.
struct SealedChannelFields: Codable {
    var callerNumber: String
    var senderAsWritten: String
}

extension ReportIntake {
    /// Registers a call, letter or visit (or any channel staff or the command line take down)
    /// through the one intake path: validated against now, judged once by the reception window at
    /// the call's or visit's own moment (never refused for it), the identifying fields sealed,
    /// scans kept sealed, and saved with the report in one transaction. Staff register into their
    /// own inspection, under their own name, whatever the input said.
    public func register(_ registration: Registration, scans: [ScanUpload] = [], by caller: Caller) async throws -> Receipt {
        var registration = registration
        switch caller {
        case .staff(let user):
            guard user.may(.register, inspectionID: user.inspectionID), let own = user.inspectionID else { throw DeskError.forbidden }
            if let chosen = registration.submission.inspectionID, !chosen.isEmpty, chosen != own { throw DeskError.forbidden }
            registration.submission.inspectionID = own
            registration.receivedBy = caller.auditActor.stored
            registration.receivedByName = user.displayName
        case .commandLine, .system:
            guard caller.may(.register, inspectionID: registration.submission.inspectionID) else { throw DeskError.forbidden }
            registration.receivedBy = caller.auditActor.stored
        case .reporter:
            throw DeskError.forbidden
        }
        let r = try checking { () throws(InputError) in try registration.validated(now: services.now()) }
        try checking { () throws(InputError) in try Self.checkScans(scans, channel: r.submission.channel) }
        let records = try checking { () throws(InputError) in
            try scans.map { s throws(InputError) in try ScanRecord.checked(name: s.name, bytes: s.bytes) }
        }
        let files = scans.map { NewAttachment(filename: $0.name, declaredType: ScanRecord.mediaType(of: $0.bytes) ?? "", data: Data($0.bytes)) }
        if let refused = services.attachments.policy.admit(files).refused.first { throw DeskError.invalid(refused.error) }

        var extras = Extras(issueQueryCode: r.reporterFollowsUp, arrival: r.arrival)
        let record = ChannelRecord(
            reportID: extras.reportID,
            channel: r.submission.channel,
            receivedBy: r.receivedBy,
            receivedByName: r.receivedByName,
            callStartedAt: r.submission.channel == .phone ? r.callStartedAt : nil,
            callDurationSeconds: r.callDurationSeconds,
            postmark: r.postmark,
            visitAt: r.submission.channel == .visit ? r.visitAt : nil,
            place: r.place,
            scans: records,
            queryCodeMustChange: r.reporterFollowsUp,
            hasSealedDetails: !(r.callerNumber.isEmpty && r.senderAsWritten.isEmpty)
        )
        extras.channelRecord = record
        if record.hasSealedDetails {
            extras.sealedChannelFields = try services.sealer.sealValue(
                SealedChannelFields(callerNumber: r.callerNumber, senderAsWritten: r.senderAsWritten),
                .channelFields(reportID: extras.reportID)
            )
        }
        let receipt = try await take(r.submission, caller: caller, extras)
        if !files.isEmpty {
            do {
                try await services.attachments.add(files, to: receipt.reportID, actor: caller.auditActor, at: services.now())
            } catch {
                throw ScansNotKept(reportID: receipt.reportID, underlying: error)
            }
        }
        return receipt
    }

    static func checkScans(_ scans: [ScanUpload], channel: Channel) throws(InputError) {
        if !scans.isEmpty, channel != .letter {
            throw InputError(code: "field_not_for_channel", zh: "扫描件只用于来信登记。", en: "scans apply only to channel letter.", field: "scans")
        }
        if scans.count > ScanRecord.maxScans {
            throw InputError(
                code: "too_many_scans",
                zh: "扫描件最多\(ScanRecord.maxScans)个。",
                en: "at most \(ScanRecord.maxScans) scans.",
                field: "scans"
            )
        }
    }

    /// Adds what a reporter sent later to their report, and screens the report again with it (more
    /// detail can turn a report without substance into a lead): the addition and its screening
    /// are written in one transaction.
    func add(to report: Report, content: String, by caller: Caller) async throws -> Report {
        let at = services.now()
        var added = report
        added.additions.append(ReportAddition(addedAt: at, content: content))
        let postmarkAndHeld = try await store.channelRecord(reportID: report.id)
        let arrival = ScreeningArrival(
            channel: report.channel,
            receivedAt: report.receivedAt,
            postmark: postmarkAndHeld?.postmark,
            heldAt: postmarkAndHeld?.callStartedAt ?? postmarkAndHeld?.visitAt
        )
        let screening = try await services.screening.screenAgain(added, arrival: arrival)
        try await store.addToReport(id: report.id, content: content, at: at, actor: caller.auditActor, screening: screening)
        return added
    }

    /// Puts a code the reporter confirmed in place of the report's staff-issued one.
    func replaceCode(reportID: String, with code: QueryCode) async throws {
        try await store.replaceQueryCode(reportID: reportID, newHash: services.codeHasher.hash(code), at: services.now(), actor: .reporter)
    }
}

/// The report was saved but its scans could not be kept; the report id says which one to fix.
public struct ScansNotKept: Error, CustomStringConvertible {
    public let reportID: String
    public let underlying: any Error
    public var description: String {
        "反映 \(reportID) 已登记，但扫描件未能保存：\(underlying) / report \(reportID) saved, its scans not kept: \(underlying)"
    }
}
