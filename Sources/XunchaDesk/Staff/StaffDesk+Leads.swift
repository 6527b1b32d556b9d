import Foundation
import XunchaCore
import XunchaStore

/// Leads (问题线索) in the console and the API: the inspection's leads the caller may see, one
/// lead with its reports, material and working paper, and the changes staff make to it. Leads
/// about the unit's principal are the leader's alone: anyone else is told they do not exist.
extension StaffDesk {
    /// The lead, when the caller may see it: of their own inspection, and not about the unit's
    /// principal unless they are its leader. Anything else is "not found".
    func visibleLead(_ caller: Caller, id: String) async throws -> Lead {
        try DeskError.unlessReady(caller)
        guard caller.mayAnywhere(.readReports) || caller.mayAnywhere(.handOver) else { throw DeskError.forbidden }
        guard let lead = try await store.lead(id: id),
            caller.may(.readReports, inspectionID: lead.inspectionID) || caller.may(.handOver, inspectionID: lead.inspectionID),
            !lead.aboutPrincipal || seesPrincipalLeads(caller, inspectionID: lead.inspectionID),
            try await keptAway(caller).isDisjoint(with: lead.reportIDs)
        else { throw DeskError.notFound }
        return lead
    }

    /// The lead, for a caller who may work on it: open, and `workOnLeads` in its inspection.
    func workableLead(_ caller: Caller, id: String) async throws -> Lead {
        let lead = try await visibleLead(caller, id: id)
        try authorize(caller, .workOnLeads, inspectionID: lead.inspectionID)
        guard lead.state == .open else { throw Self.leadClosed(lead) }
        return lead
    }

    static func leadClosed(_ lead: Lead) -> DeskError {
        DeskError(
            .conflict,
            code: "lead_closed",
            zh: "问题线索\(lead.number)\(lead.state.chineseName)，不能再修改。",
            en: "lead \(lead.number) is \(lead.state.rawValue) and takes no more changes."
        )
    }

    /// One line of the leads list.
    public struct LeadRow: Sendable {
        public var lead: Lead
        public var paper: WorkingPaper?
    }

    /// The caller's inspection's leads they may see, in number order, each with its paper.
    public func leadRows(_ caller: Caller) async throws -> [LeadRow] {
        let leads = try await self.leads(caller)
        guard let inspectionID = leads.first?.inspectionID else { return [] }
        let papers = Dictionary(try await store.papers(inspectionID: inspectionID).map { ($0.leadID, $0) }) { a, _ in a }
        return leads.map { LeadRow(lead: $0, paper: papers[$0.id]) }
    }

    /// What the steps of a paper the caller may take now, as `PaperFlow` would judge them.
    public struct PaperMoves: Sendable, Equatable {
        public var draft = false
        public var edit = false
        public var submit = false
        public var review = false
        public var returnForChanges = false
        public var sign = false
    }

    /// Everything a lead's page and the API show of one lead, read once.
    public struct LeadFile: Sendable {
        public var lead: Lead
        public var inspection: Inspection
        /// The lead's reports, oldest first.
        public var reports: [Report]
        public var materials: [StoredLeadMaterial]
        public var paper: WorkingPaper?
        /// The lead's audit events and its paper's, in chain order.
        public var trail: [AuditEvent]
        /// The kind the screening of its reports proposes (`LeadKind.proposed(from:)`).
        public var proposedKind: LeadKind
        /// Whether the roster says the lead's person is the principal of an inspected unit.
        public var rosterSaysPrincipal: Bool
        public var staffNames: [String: String]
        public var mayWork: Bool
        public var mayMarkPrincipal: Bool
        /// Whether the caller may record what the receiver did with the lead (handed over, not closed).
        public var mayRecordOutcome: Bool
        public var moves: PaperMoves

        public func name(of actor: String) -> String {
            staffNames[actor] ?? AuditActor(stored: actor)?.chineseName ?? actor
        }
    }

    public func lead(_ caller: Caller, id: String) async throws -> LeadFile {
        let lead = try await visibleLead(caller, id: id)
        guard let inspection = try await store.inspection(id: lead.inspectionID) else { throw DeskError.notFound }
        var reports: [Report] = []
        for reportID in lead.reportIDs {
            if let report = try await store.report(id: reportID) { reports.append(report) }
        }
        let paper = try await store.papers(inspectionID: lead.inspectionID).first { $0.leadID == lead.id }
        var trail = try await store.auditEvents(subject: .lead, id: lead.id)
        if let paper { trail += try await store.auditEvents(subject: .paper, id: paper.id) }
        var disciplines: [Discipline] = []
        for report in reports {
            for d in try await store.screening(reportID: report.id)?.record.disciplines.compactMap(\.discipline) ?? [] where !disciplines.contains(d)
            {
                disciplines.append(d)
            }
        }
        let roster = try await store.roster(inspectionID: inspection.id, rules: .standard)
        let person = roster.first { Lead.samePerson($0.name, lead.subject.name) && ($0.unit == lead.subject.unit || lead.subject.unit.isEmpty) }
        let open = lead.state == .open
        return LeadFile(
            lead: lead,
            inspection: inspection,
            reports: reports,
            materials: try await store.leadMaterials(leadID: lead.id),
            paper: paper,
            trail: trail.sorted { $0.seq < $1.seq },
            proposedKind: LeadKind.proposed(from: disciplines),
            rosterSaysPrincipal: person?.isUnitPrincipal(of: inspection.units) ?? false,
            staffNames: try await staffNames(),
            mayWork: open && caller.may(.workOnLeads, inspectionID: lead.inspectionID),
            mayMarkPrincipal: open && caller.may(.signPaper, inspectionID: lead.inspectionID),
            mayRecordOutcome: lead.state == .handedOver && caller.may(.workOnLeads, inspectionID: lead.inspectionID),
            moves: open ? moves(caller, lead: lead, paper: paper) : PaperMoves()
        )
    }

    /// Staff correct the lead's person, summary or kind (`workOnLeads`; audited as `lead.updated`).
    @discardableResult
    public func updateLead(_ caller: Caller, id: String, _ input: LeadInput) async throws -> Lead {
        let lead = try await workableLead(caller, id: id)
        let fields = try checking { () throws(InputError) in try input.applied(to: lead) }
        try await leadChecked(lead) {
            try await store.updateLead(
                id: lead.id,
                subject: fields.subject,
                summary: fields.summary,
                kind: fields.kind.rawValue,
                actor: caller.auditActor,
                at: services.now()
            )
        }
        guard let updated = try await store.lead(id: lead.id) else { throw DeskError.notFound }
        return updated
    }

    /// The leader marks the lead as about the unit's principal, or takes the mark off. Marked, it
    /// disappears from everyone else's view and goes in the separate archive at handover.
    public func markAboutPrincipal(_ caller: Caller, id: String, _ input: PrincipalInput) async throws {
        let lead = try await workableLead(caller, id: id)
        try authorize(caller, .signPaper, inspectionID: lead.inspectionID)
        let marked = try checking { () throws(InputError) in try input.checked() }
        guard marked != lead.aboutPrincipal else { return }
        try await leadChecked(lead) {
            try await store.markLeadAboutPrincipal(id: lead.id, marked, actor: caller.auditActor, at: services.now())
        }
    }

    /// Files kept with the lead (interview notes, documents read), sealed like attachments; a file
    /// the attachment policy refuses adds nothing.
    @discardableResult
    public func addMaterials(
        _ caller: Caller,
        leadID: String,
        files: [NewAttachment],
        _ input: MaterialNoteInput
    ) async throws
        -> [StoredLeadMaterial]
    {
        let lead = try await workableLead(caller, id: leadID)
        let note = try checking { () throws(InputError) in try input.checked() }
        guard !files.isEmpty else {
            throw DeskError(.invalid, code: "missing_file", zh: "请选择要上传的材料文件。", en: "choose a file to upload.", field: "files")
        }
        do {
            return try await leadChecked(lead) {
                try await services.leadFiles.addMaterials(files, note: note, to: lead.id, actor: caller.auditActor, at: services.now())
            }
        } catch let refusal as InputError {
            throw DeskError.invalid(refusal)
        }
    }

    /// One file of the lead's material; the download is written to the audit chain first.
    public func openMaterial(_ caller: Caller, leadID: String, ordinal: Int) async throws -> (info: StoredLeadMaterial, data: Data) {
        let lead = try await visibleLead(caller, id: leadID)
        do {
            return try await services.leadFiles.openMaterial(leadID: lead.id, ordinal: ordinal, actor: caller.auditActor, at: services.now())
        } catch LeadFiles.Failure.notFound {
            throw DeskError.notFound
        } catch LeadFiles.Failure.unreadable {
            throw DeskError(
                .damaged,
                code: "material_unreadable",
                zh: "材料文件缺失或已损坏，请联系系统管理员从备份恢复。",
                en: "the material's file is missing or damaged; restore it from backup."
            )
        }
    }

    /// A change the store refused because the lead changed under the caller (handed over meanwhile).
    func leadChecked<T>(_ lead: Lead, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch StoreError.stateChanged {
            throw DeskError(
                .conflict,
                code: "changed_meanwhile",
                zh: "问题线索\(lead.number)刚刚有了变化（可能已移交），请刷新后再看。",
                en: "lead \(lead.number) changed meanwhile; reload it."
            )
        }
    }
}
