import Crypto
import Foundation
import XunchaCore

/// Where a letter's scans go once their report has committed. `SealedScanArchive` keeps the
/// bytes encrypted in the attachment store; `DigestOnlyScanArchive` keeps only each scan's name,
/// size, type and SHA-256 (always recorded with the channel fields).
public protocol ScanArchive: Sendable {
    /// Refuses scans the archive would not keep, before anything is saved.
    func check(_ scans: [ScanUpload]) throws(InputError)
    /// Keeps the scans' bytes for a report that has just been saved.
    func keep(_ scans: [ScanUpload], reportID: String, actor: String, at: Date) async throws
}

/// Keeps no bytes: the records alone (name, size, type, SHA-256) prove which scans were seen.
public struct DigestOnlyScanArchive: ScanArchive {
    public init() {}
    public func check(_ scans: [ScanUpload]) throws(InputError) {}
    public func keep(_ scans: [ScanUpload], reportID: String, actor: String, at: Date) async throws {}
}

/// Keeps scans sealed in the attachment store, where staff see and download them like any
/// attachment (each view audited).
public struct SealedScanArchive: ScanArchive {
    let attachments: AttachmentStore

    public init(attachments: AttachmentStore) { self.attachments = attachments }

    private func files(_ scans: [ScanUpload]) -> [NewAttachment] {
        scans.map { NewAttachment(filename: $0.name, declaredType: ScanRecord.mediaType(of: $0.bytes) ?? "", data: Data($0.bytes)) }
    }

    public func check(_ scans: [ScanUpload]) throws(InputError) {
        if let refused = attachments.policy.admit(files(scans)).refused.first { throw refused.error }
    }

    public func keep(_ scans: [ScanUpload], reportID: String, actor: String, at: Date) async throws {
        try await attachments.add(files(scans), to: reportID, actor: actor, at: at)
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
    /// Registers a call, letter, visit (or any channel staff take down) through the one intake
    /// path: validated against `now`, judged by the reception window (never refused for it), the
    /// identifying fields sealed, and saved with the report in one transaction.
    public func register(
        _ registration: Registration,
        scans: [ScanUpload] = [],
        archive: any ScanArchive = DigestOnlyScanArchive(),
        now: Date,
        calendar: WorkCalendar = .official,
        rules: ReceptionRules = .standard
    ) async throws -> Receipt {
        let r = try registration.validated(now: now)
        if !scans.isEmpty, r.submission.channel != .letter {
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
        let records = try scans.map { s throws(InputError) in try ScanRecord.checked(name: s.name, bytes: s.bytes) }
        try archive.check(scans)
        let id = UUID().uuidString.lowercased()

        var verdict: ReceptionVerdict?
        if let inspectionID = try await resolveInspection(r.submission), let inspection = try await store.inspection(id: inspectionID) {
            verdict = ReceptionWindow(inspection: inspection, calendar: calendar, rules: rules)
                .judge(r.submission.channel, at: r.judgedMoment, postmark: r.postmark)
        }
        let record = ChannelRecord(
            reportID: id,
            channel: r.submission.channel,
            receivedBy: r.receivedBy,
            receivedByName: r.receivedByName,
            callStartedAt: r.submission.channel == .phone ? r.callStartedAt : nil,
            callDurationSeconds: r.callDurationSeconds,
            postmark: r.postmark,
            visitAt: r.submission.channel == .visit ? r.visitAt : nil,
            receptionStatus: verdict?.status.rawValue,
            receptionCode: verdict?.code,
            receptionMessageZH: verdict?.messageZH,
            scans: records,
            queryCodeMustChange: r.reporterFollowsUp,
            hasSealedDetails: !(r.callerNumber.isEmpty && r.senderAsWritten.isEmpty)
        )
        let sealed =
            record.hasSealedDetails
            ? try sealChannelFields(SealedChannelFields(callerNumber: r.callerNumber, senderAsWritten: r.senderAsWritten), reportID: id) : nil
        let receipt = try await submit(
            r.submission,
            actor: r.receivedBy,
            issueQueryCode: r.reporterFollowsUp,
            reportID: id,
            channelDetails: ChannelDetailsRow(record: record, sealedDetails: sealed)
        )
        if !scans.isEmpty {
            do {
                try await archive.keep(scans, reportID: id, actor: r.receivedBy, at: now)
            } catch {
                throw ScansNotKept(reportID: id, underlying: error)
            }
        }
        return receipt
    }

    /// Replaces a staff-issued query code with one the reporter chose. The old code stops
    /// working; a code that is not free is refused without saying whose it is.
    public func changeQueryCode(reportID: String, to code: QueryCode, at: Date) async throws {
        let hash = try await hashOffLoop(code)
        if try await store.reportID(queryCodeHash: hash) != nil {
            throw InputError(
                code: "query_code_unavailable",
                zh: "这个查询码不能使用，请另选一个16位数字。",
                en: "that query code cannot be used; choose other digits.",
                field: "new_query_code"
            )
        }
        try await store.replaceQueryCode(reportID: reportID, newHash: hash, at: at, actor: "public")
    }

    private func sealChannelFields(_ fields: SealedChannelFields, reportID: String) throws -> String {
        let plain = try JSONEncoder().encode(fields)
        let box = try AES.GCM.seal(plain, using: sealer.key, authenticating: Data(("channel-details:" + reportID).utf8))
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined.base64EncodedString()
    }

    /// Opens the sealed caller number and sender as written; for audited views only.
    public func openChannelFields(_ sealed: String, reportID: String) throws -> (callerNumber: String, senderAsWritten: String) {
        guard let data = Data(base64Encoded: sealed) else { throw CryptoKitError.incorrectParameterSize }
        let plain = try AES.GCM.open(
            try AES.GCM.SealedBox(combined: data),
            using: sealer.key,
            authenticating: Data(("channel-details:" + reportID).utf8)
        )
        let f = try JSONDecoder().decode(SealedChannelFields.self, from: plain)
        return (f.callerNumber, f.senderAsWritten)
    }
}
