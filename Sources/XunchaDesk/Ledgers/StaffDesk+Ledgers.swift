import Foundation
import XunchaCore
import XunchaStore

/// The registers and ledgers (登记簿、台账) of an inspection, for the console, the API and the
/// command line: one `Ledger` per kind, the same rows whether read on screen, printed or saved as
/// a file. Whatever leaves the system (a print view, a file) and every showing of identities is
/// written to the audit chain first.
extension StaffDesk {
    /// What a ledger is read for, as the audit chain records it.
    public enum LedgerUse: Sendable, Equatable {
        case page
        case print
        case file(LedgerFormat)

        var name: String {
            switch self {
            case .page: "page"
            case .print: "print"
            case .file(let format): format.rawValue
            }
        }
    }

    /// A ledger (or the page of it asked for) and the inspection it is of.
    public struct LedgerView: Sendable {
        public var ledger: Ledger
        /// The rows of the whole ledger, and where the page shown begins among them.
        public var total: Int
        public var offset: Int
        /// What each row is (a report, lead, referral or rectification item), by id, for links.
        public var rowIDs: [String]
        /// The rectification ledger's items, in its rows' order (empty for other ledgers).
        public var items: [RectificationItem]
        public var inspection: Inspection
        /// The days a register was cut to, when asked.
        public var days: ClosedRange<CivilDate>?
        /// Whether the caller may ask for the identity columns (and for a file or print).
        public var mayShowIdentities: Bool
        public var mayExport: Bool
        public var mayRectify: Bool
    }

    /// The ledger of `kind` of the caller's inspection (the command line names one): registers
    /// need `readReports`, the rectification ledger `readReports` or `rectify` (the unit's
    /// liaison keeps it too); printing and files need `export` (or `rectify`, for its ledger), the
    /// identity columns `viewIdentity`. With `rows`, only that slice of the rows (a page) is read
    /// and returned, and `total` says how many there are.
    public func ledger(
        _ caller: Caller,
        _ kind: LedgerKind,
        inspectionID: String? = nil,
        _ input: LedgerInput = LedgerInput(),
        use: LedgerUse = .page,
        rows window: Range<Int>? = nil
    ) async throws -> LedgerView {
        let id = try ledgerInspection(caller, inspectionID)
        let rectifies = caller.may(.rectify, inspectionID: id)
        try authorize(caller, kind == .rectification && rectifies ? .rectify : .readReports, inspectionID: id)
        let mayExport = caller.may(.export, inspectionID: id) || (kind == .rectification && rectifies)
        if use != .page, !mayExport { throw DeskError.forbidden }
        let withIdentities = input.identities && kind.isRegister
        if withIdentities { try authorize(caller, .viewIdentity, inspectionID: id) }
        guard let inspection = try await store.inspection(id: id) else { throw DeskError.notFound }
        let days = try checking { () throws(InputError) in try input.days() }

        var ledger: Ledger
        var rowIDs: [String]
        var items: [RectificationItem] = []
        var total: Int?
        switch kind {
        case .letters, .calls, .visits, .web:
            let received = days.map(CivilDate.beijingMoments(of:))
            let read = try await registerEntries(kind, inspectionID: id, received: received, rows: window, withIdentities: withIdentities)
            let hidden = try await keptAway(caller)
            let entries = read.entries.map { hidden.contains($0.reportID) ? $0.withheld : $0 }
            total = read.total
            ledger = Ledger.register(
                kind,
                group: inspection.group,
                entries: entries,
                withIdentities: withIdentities,
                firstOrdinal: (window?.lowerBound ?? 0) + 1
            )
            rowIDs = entries.map(\.reportID)
        case .leads:
            let entries = try await leadLedgerEntries(caller, inspectionID: id)
            ledger = Ledger.leads(group: inspection.group, entries: entries)
            rowIDs = entries.map(\.lead.id)
        case .referrals:
            // A referral cancelled before it was sent never left the group: not in the ledger.
            let hidden = try await keptAway(caller)
            let referrals = try await store.referrals(inspectionID: id).filter { $0.state != .cancelled && !hidden.contains($0.reportID) }
            let numbers = try await store.registerNumbers(reportIDs: referrals.map(\.reportID))
            let entries = referrals.map { ReferralLedgerEntry(referral: $0, reportNumber: numbers[$0.reportID]) }
            ledger = Ledger.referrals(group: inspection.group, entries: entries, today: CivilDate(beijingDayOf: services.now()))
            rowIDs = entries.map(\.referral.id)
        case .rectification:
            items = try await store.rectificationItems(inspectionID: id)
            ledger = Ledger.rectification(group: inspection.group, items: items)
            rowIDs = items.map(\.id)
        }
        if total == nil, let window {
            // The work ledgers are a group's few hundred records: cut after they are built.
            total = ledger.rows.count
            ledger = ledger.window(window)
            rowIDs = Array(rowIDs[window.clamped(to: rowIDs.indices)])
            if !items.isEmpty { items = Array(items[window.clamped(to: items.indices)]) }
        }
        if use != .page || withIdentities {
            let range = days.map { " \($0.lowerBound.iso)..\($0.upperBound.iso)" } ?? ""
            try await store.recordLedgerExport(
                inspectionID: id,
                detail:
                    "\(kind.rawValue) \(use.name) rows=\(ledger.rows.count)\(window.map { " from=\($0.lowerBound + 1)" } ?? "")\(withIdentities ? " identities" : "")\(range)",
                actor: caller.auditActor,
                at: services.now()
            )
        }
        return LedgerView(
            ledger: ledger,
            total: total ?? ledger.rows.count,
            offset: window.map { min($0.lowerBound, total ?? 0) } ?? 0,
            rowIDs: rowIDs,
            items: items,
            inspection: inspection,
            days: days,
            mayShowIdentities: kind.isRegister && caller.may(.viewIdentity, inspectionID: id),
            mayExport: mayExport,
            mayRectify: kind == .rectification && rectifies
        )
    }

    /// The ledger as a file to download: its name, media type and bytes.
    public func ledgerFile(
        _ caller: Caller,
        _ kind: LedgerKind,
        format: LedgerFormat,
        inspectionID: String? = nil,
        _ input: LedgerInput = LedgerInput()
    ) async throws -> LedgerFile {
        let view = try await ledger(caller, kind, inspectionID: inspectionID, input, use: .file(format))
        return try LedgerFile(view.ledger, format: format, madeOn: CivilDate(beijingDayOf: services.now()))
    }

    /// The inspection a ledger is of: a staff account's own, or the one the command line names.
    private func ledgerInspection(_ caller: Caller, _ inspectionID: String?) throws(DeskError) -> String {
        if case .staff(let user) = caller {
            try DeskError.unlessReady(caller)
            guard let own = user.inspectionID else { throw DeskError.forbidden }
            return own
        }
        guard let inspectionID else {
            throw DeskError(.invalid, code: "missing_inspection", zh: "请指定巡察。", en: "name the inspection.", field: "inspection")
        }
        return inspectionID
    }

    private func registerEntries(
        _ kind: LedgerKind,
        inspectionID: String,
        received: Range<Date>?,
        rows: Range<Int>?,
        withIdentities: Bool
    ) async throws -> (entries: [RegisterEntry], total: Int?) {
        let stored: [SealedRegisterEntry]
        var total: Int?
        if let rows {
            (stored, total) = try await store.registerPage(
                inspectionID: inspectionID,
                channels: kind.channels,
                sealed: withIdentities,
                received: received,
                rows: rows
            )
        } else {
            stored = try await store.registerEntries(inspectionID: inspectionID, channels: kind.channels, sealed: withIdentities, received: received)
        }
        let sealer = services.sealer
        let entries = try stored.map { row in
            var entry = row.entry
            guard withIdentities else { return entry }
            entry.identity = try row.sealedIdentity.map { try sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: entry.reportID)) }
            if let fields = try row.sealedChannelFields.map({
                try sealer.openValue(SealedChannelFields.self, $0, .channelFields(reportID: entry.reportID))
            }) {
                entry.callerNumber = fields.callerNumber
                entry.senderAsWritten = fields.senderAsWritten
            }
            return entry
        }
        return (entries, total)
    }

    private func leadLedgerEntries(_ caller: Caller, inspectionID: String) async throws -> [LeadLedgerEntry] {
        let leads = try await visibleLeads(caller, inspectionID: inspectionID)
        let papers = Dictionary(try await store.papers(inspectionID: inspectionID).map { ($0.leadID, $0.state) }) { a, _ in a }
        var handedOver: [String: StoredHandover] = [:]
        for handover in try await store.handovers(inspectionID: inspectionID) {
            for leadID in handover.leadIDs where handedOver[leadID] == nil { handedOver[leadID] = handover }
        }
        let numbers = try await store.registerNumbers(reportIDs: leads.flatMap(\.reportIDs))
        return leads.map { lead in
            let handover = handedOver[lead.id]
            return LeadLedgerEntry(
                lead: lead,
                sourceNumbers: lead.reportIDs.compactMap { numbers[$0] },
                paperState: papers[lead.id],
                handoverNumber: handover?.number,
                handedOverOn: handover.map { CivilDate(beijingDayOf: $0.createdAt) }
            )
        }
    }
}
