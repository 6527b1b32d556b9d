import Foundation
import SQLKit
import XunchaCore

/// Work on a lead after it is made: its person, summary and kind, the principal mark, the files
/// kept with it, its working paper and the handover that takes it out of the group's hands. Every
/// change with its audit events, in one transaction; a lead no longer open takes no change.
extension SQLStore {
    /// The lead's inspection, refusing a lead that is gone or no longer open.
    private static func openLead(_ db: any SQLDatabase, _ id: String) async throws -> String {
        guard let row = try await db.raw("SELECT inspection_id, state FROM leads WHERE id = \(bind: id)").first() else {
            throw StoreError.stateChanged("lead \(id) is not stored")
        }
        guard try row.decode(column: "state", as: String.self) == Lead.State.open.rawValue else {
            throw StoreError.stateChanged("lead \(id) is no longer open")
        }
        return try row.decode(column: "inspection_id", as: String.self)
    }

    public func updateLead(id: String, subject: Subject, summary: String, kind: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            _ = try await Self.openLead(db, id)
            guard let before = try await Self.leads(db, "l.id = \(bind: id)").first else { throw StoreError.stateChanged("lead \(id)") }
            var changed: [String] = []
            if before.subject != subject { changed.append("subject: \(before.subject.name) → \(subject.name)") }
            if before.summary != summary { changed.append("summary") }
            if before.kind != kind { changed.append("kind: \(before.kind) → \(kind)") }
            guard !changed.isEmpty else { return }
            try await db.raw(
                """
                UPDATE leads SET subject_name = \(bind: subject.name), subject_unit = \(bind: subject.unit),
                    subject_post = \(bind: subject.post), summary = \(bind: summary), kind = \(bind: kind)
                WHERE id = \(bind: id)
                """
            ).run()
            try await Self.appendAudit(db, at: at, actor: actor, action: .leadUpdated, subjectID: id, detail: changed.joined(separator: "; "))
        }
    }

    public func markLeadAboutPrincipal(id: String, _ aboutPrincipal: Bool, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            _ = try await Self.openLead(db, id)
            try await db.raw("UPDATE leads SET about_principal = \(bind: aboutPrincipal ? 1 : 0) WHERE id = \(bind: id)").run()
            try await Self.appendAudit(
                db,
                at: at,
                actor: actor,
                action: .leadPrincipalMarked,
                subjectID: id,
                detail: aboutPrincipal ? "marked" : "unmarked"
            )
        }
    }

    // MARK: Material

    public func saveLeadMaterials(
        _ files: [StoredLeadMaterial],
        leadID: String,
        limits: AttachmentPolicy,
        actor: AuditActor,
        at: Date
    ) async throws -> [StoredLeadMaterial] {
        try await transaction { db in
            _ = try await Self.openLead(db, leadID)
            let row = try await db.raw(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(size), 0) AS BIGINT) AS bytes FROM lead_materials WHERE lead_id = \(bind: leadID)"
            ).first()
            let count = try row.map { try $0.decode(column: "n", as: Int.self) } ?? 0
            let bytes = try row.map { try $0.decode(column: "bytes", as: Int.self) } ?? 0
            guard count + files.count <= limits.maxFilesPerReport, bytes + files.reduce(0, { $0 + $1.size }) <= limits.maxReportBytes else {
                throw AttachmentPolicy.refusal(
                    "attachment_report_too_large",
                    files.first?.filename ?? "",
                    zh: "使本线索的材料超过 \(limits.maxFilesPerReport) 个或 \(AttachmentPolicy.megabytes(limits.maxReportBytes)) 的上限",
                    en: "would take the lead over \(limits.maxFilesPerReport) files or \(AttachmentPolicy.megabytes(limits.maxReportBytes))"
                )
            }
            var saved: [StoredLeadMaterial] = []
            for (k, file) in files.enumerated() {
                var file = file
                file.leadID = leadID
                file.ordinal = count + k
                file.addedAt = at
                file.addedBy = actor.stored
                try await db.raw(
                    """
                    INSERT INTO lead_materials (lead_id, ordinal, filename, media_type, size, sha256, note, storage_name, added_at, added_by)
                    VALUES (\(bind: leadID), \(bind: file.ordinal), \(bind: file.filename), \(bind: file.mediaType), \(bind: Int64(file.size)),
                        \(bind: file.sha256), \(bind: file.note), \(bind: file.storageName), \(bind: Self.millis(at)), \(bind: file.addedBy))
                    """
                ).run()
                saved.append(file)
            }
            if !saved.isEmpty {
                try await Self.appendAudit(
                    db,
                    at: at,
                    actor: actor,
                    action: .leadMaterialAdded,
                    subjectID: leadID,
                    detail: saved.map { "\($0.ordinal):\($0.sha256)" }.joined(separator: ",")
                )
            }
            return saved
        }
    }

    public func leadMaterials(leadID: String) async throws -> [StoredLeadMaterial] {
        try await engine.reader.raw(
            """
            SELECT lead_id, ordinal, filename, media_type, size, sha256, note, storage_name, added_at, added_by FROM lead_materials
            WHERE lead_id = \(bind: leadID) ORDER BY ordinal
            """
        ).all().map { row in
            StoredLeadMaterial(
                leadID: try row.decode(column: "lead_id", as: String.self),
                ordinal: try row.decode(column: "ordinal", as: Int.self),
                filename: try row.decode(column: "filename", as: String.self),
                mediaType: try row.decode(column: "media_type", as: String.self),
                size: Int(try row.decode(column: "size", as: Int64.self)),
                sha256: try row.decode(column: "sha256", as: String.self),
                note: try row.decode(column: "note", as: String.self),
                storageName: try row.decode(column: "storage_name", as: String.self),
                addedAt: Self.date(try row.decode(column: "added_at", as: Int64.self)),
                addedBy: try row.decode(column: "added_by", as: String.self)
            )
        }
    }

    /// Written to the audit chain before the bytes are handed out.
    public func recordLeadMaterialView(leadID: String, ordinal: Int, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await Self.appendAudit(db, at: at, actor: actor, action: .leadMaterialViewed, subjectID: leadID, detail: String(ordinal))
        }
    }

    // MARK: Working papers

    public func draftPaper(_ paper: WorkingPaper, actor: AuditActor) async throws -> WorkingPaper {
        try await transaction { db in
            let inspectionID = try await Self.openLead(db, paper.leadID)
            if try await Self.count(db, "SELECT COUNT(*) AS n FROM working_papers WHERE lead_id = \(bind: paper.leadID)") > 0 {
                throw StoreError.stateChanged("lead \(paper.leadID) already has a working paper")
            }
            let inspection = try await Self.inspection(db, inspectionID)
            let seq = try await Self.count(
                db,
                "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM working_papers WHERE inspection_id = \(bind: inspectionID)"
            )
            var stored = paper
            stored.number = inspection.registerNumber(seq, series: WorkingPaper.series, width: 2).text
            try await db.raw(
                """
                INSERT INTO working_papers (id, lead_id, inspection_id, seq, number, title, paper_date, unit, source, summary, how_found, materials)
                VALUES (\(bind: stored.id), \(bind: stored.leadID), \(bind: inspectionID), \(bind: seq), \(bind: stored.number),
                    \(bind: stored.title), \(bind: stored.date.iso), \(bind: stored.unit), \(bind: stored.source), \(bind: stored.summary),
                    \(bind: stored.howFound), \(bind: try Self.json(stored.materials)))
                """
            ).run()
            try await Self.appendSteps(db, stored, from: 0, actor: actor)
            return stored
        }
    }

    public func savePaper(_ paper: WorkingPaper, stepsBefore: Int, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            guard let stored = try await Self.papers(db, "p.id = \(bind: paper.id)").first, stored.leadID == paper.leadID else {
                throw StoreError.stateChanged("paper \(paper.id) is not stored")
            }
            guard stored.steps.count == stepsBefore, !stored.isSigned else {
                throw StoreError.stateChanged("paper \(stored.number) moved on meanwhile")
            }
            _ = try await Self.openLead(db, paper.leadID)
            try await db.raw(
                """
                UPDATE working_papers SET title = \(bind: paper.title), paper_date = \(bind: paper.date.iso), unit = \(bind: paper.unit),
                    source = \(bind: paper.source), summary = \(bind: paper.summary), how_found = \(bind: paper.howFound),
                    materials = \(bind: try Self.json(paper.materials))
                WHERE id = \(bind: paper.id)
                """
            ).run()
            if paper.steps.count == stepsBefore {
                try await Self.appendAudit(db, at: at, actor: actor, action: .paperEdited, subjectID: paper.id, detail: stored.number)
            } else {
                try await Self.appendSteps(db, paper, from: stepsBefore, actor: actor)
            }
        }
    }

    /// Inserts the paper's steps from `first` on, each with its audit event.
    private static func appendSteps(_ db: any SQLDatabase, _ paper: WorkingPaper, from first: Int, actor: AuditActor) async throws {
        for (ordinal, step) in paper.steps.enumerated() where ordinal >= first {
            try await db.raw(
                """
                INSERT INTO paper_steps (paper_id, ordinal, kind, actor, at, comment)
                VALUES (\(bind: paper.id), \(bind: ordinal), \(bind: step.kind.rawValue), \(bind: step.by), \(bind: millis(step.at)),
                    \(bind: step.comment))
                """
            ).run()
            let action: AuditAction =
                switch step.kind {
                case .drafted: .paperDrafted
                case .submitted: .paperSubmitted
                case .returned: .paperReturned
                case .reviewed: .paperReviewed
                case .signed: .paperSigned
                }
            try await appendAudit(
                db,
                at: step.at,
                actor: actor,
                action: action,
                subjectID: paper.id,
                detail: paper.number + (step.comment.isEmpty ? "" : ": \(step.comment)")
            )
        }
    }

    public func paper(id: String) async throws -> WorkingPaper? {
        try await Self.papers(engine.reader, "p.id = \(bind: id)").first
    }

    public func papers(inspectionID: String) async throws -> [WorkingPaper] {
        try await Self.papers(engine.reader, "p.inspection_id = \(bind: inspectionID)")
    }

    private static func papers(_ db: any SQLDatabase, _ filter: SQLQueryString) async throws -> [WorkingPaper] {
        var steps: [String: [PaperStep]] = [:]
        for row in try await db.raw(
            """
            SELECT s.paper_id, s.kind, s.actor, s.at, s.comment FROM paper_steps s JOIN working_papers p ON p.id = s.paper_id
            WHERE \(filter) ORDER BY s.paper_id, s.ordinal
            """
        ).all() {
            let id = try row.decode(column: "paper_id", as: String.self)
            guard let kind = PaperStep.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else {
                throw StoreError.unreadableRow(table: "paper_steps", key: id)
            }
            steps[id, default: []].append(
                PaperStep(
                    kind: kind,
                    by: try row.decode(column: "actor", as: String.self),
                    at: date(try row.decode(column: "at", as: Int64.self)),
                    comment: try row.decode(column: "comment", as: String.self)
                )
            )
        }
        return try await db.raw(
            """
            SELECT p.id, p.lead_id, p.number, p.title, p.paper_date, p.unit, p.source, p.summary, p.how_found, p.materials
            FROM working_papers p WHERE \(filter) ORDER BY p.seq
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let day = CivilDate(parsing: try row.decode(column: "paper_date", as: String.self)) else {
                throw StoreError.unreadableRow(table: "working_papers", key: id)
            }
            return WorkingPaper(
                id: id,
                leadID: try row.decode(column: "lead_id", as: String.self),
                number: try row.decode(column: "number", as: String.self),
                content: PaperContent(
                    title: try row.decode(column: "title", as: String.self),
                    date: day,
                    unit: try row.decode(column: "unit", as: String.self),
                    source: try row.decode(column: "source", as: String.self),
                    summary: try row.decode(column: "summary", as: String.self),
                    howFound: try row.decode(column: "how_found", as: String.self),
                    materials: try decodeJSON([String].self, try row.decode(column: "materials", as: String.self))
                ),
                steps: steps[id] ?? []
            )
        }
    }

    // MARK: Handovers

    public func saveHandover(_ handover: StoredHandover, actor: AuditActor) async throws -> StoredHandover {
        try await transaction { db in
            var stored = handover
            for leadID in handover.leadIDs {
                guard try await Self.openLead(db, leadID) == handover.inspectionID else {
                    throw StoreError.stateChanged("lead \(leadID) belongs to another inspection")
                }
            }
            let inspection = try await Self.inspection(db, handover.inspectionID)
            stored.sequence = try await Self.count(
                db,
                "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM handovers WHERE inspection_id = \(bind: handover.inspectionID)"
            )
            stored.number = inspection.registerNumber(stored.sequence, series: HandoverList.series, width: 2).text
            try await db.raw(
                """
                INSERT INTO handovers (id, inspection_id, seq, number, recipient, about_principal, file_count, size, sha256, storage_name,
                    created_at, created_by)
                VALUES (\(bind: stored.id), \(bind: stored.inspectionID), \(bind: stored.sequence), \(bind: stored.number),
                    \(bind: stored.recipient.rawValue), \(bind: stored.aboutPrincipal ? 1 : 0), \(bind: stored.fileCount),
                    \(bind: Int64(stored.size)), \(bind: stored.sha256), \(bind: stored.storageName), \(bind: Self.millis(stored.createdAt)),
                    \(bind: actor.stored))
                """
            ).run()
            stored.createdBy = actor.stored
            try await Self.appendAudit(
                db,
                at: stored.createdAt,
                actor: actor,
                action: .handoverCreated,
                subjectID: stored.id,
                detail: "\(stored.number) → \(stored.recipient.rawValue)\(stored.aboutPrincipal ? " (principal)" : ""): "
                    + "\(stored.leadIDs.count) leads, \(stored.fileCount) files, sha256 \(stored.sha256)"
            )
            for (ordinal, leadID) in stored.leadIDs.enumerated() {
                try await db.raw(
                    "INSERT INTO handover_leads (handover_id, lead_id, ordinal) VALUES (\(bind: stored.id), \(bind: leadID), \(bind: ordinal))"
                ).run()
                try await db.raw("UPDATE leads SET state = \(bind: Lead.State.handedOver.rawValue) WHERE id = \(bind: leadID)").run()
                try await Self.appendAudit(db, at: stored.createdAt, actor: actor, action: .leadHandedOver, subjectID: leadID, detail: stored.number)
            }
            return stored
        }
    }

    public func handovers(inspectionID: String) async throws -> [StoredHandover] {
        try await Self.handovers(engine.reader, "h.inspection_id = \(bind: inspectionID)")
    }

    public func handover(id: String) async throws -> StoredHandover? {
        try await Self.handovers(engine.reader, "h.id = \(bind: id)").first
    }

    private static func handovers(_ db: any SQLDatabase, _ filter: SQLQueryString) async throws -> [StoredHandover] {
        var leads: [String: [String]] = [:]
        for row in try await db.raw(
            """
            SELECT hl.handover_id, hl.lead_id FROM handover_leads hl JOIN handovers h ON h.id = hl.handover_id
            WHERE \(filter) ORDER BY hl.handover_id, hl.ordinal
            """
        ).all() {
            leads[try row.decode(column: "handover_id", as: String.self), default: []].append(try row.decode(column: "lead_id", as: String.self))
        }
        return try await db.raw(
            """
            SELECT h.id, h.inspection_id, h.seq, h.number, h.recipient, h.about_principal, h.file_count, h.size, h.sha256, h.storage_name,
                h.created_at, h.created_by
            FROM handovers h WHERE \(filter) ORDER BY h.seq
            """
        ).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            guard let recipient = HandoverRecipient(rawValue: try row.decode(column: "recipient", as: String.self)) else {
                throw StoreError.unreadableRow(table: "handovers", key: id)
            }
            var h = StoredHandover(
                id: id,
                inspectionID: try row.decode(column: "inspection_id", as: String.self),
                recipient: recipient,
                aboutPrincipal: try row.decode(column: "about_principal", as: Int.self) != 0,
                leadIDs: leads[id] ?? [],
                fileCount: try row.decode(column: "file_count", as: Int.self),
                size: Int(try row.decode(column: "size", as: Int64.self)),
                sha256: try row.decode(column: "sha256", as: String.self),
                createdAt: date(try row.decode(column: "created_at", as: Int64.self)),
                createdBy: try row.decode(column: "created_by", as: String.self)
            )
            h.sequence = try row.decode(column: "seq", as: Int.self)
            h.number = try row.decode(column: "number", as: String.self)
            h.storageName = try row.decode(column: "storage_name", as: String.self)
            return h
        }
    }

    /// Written to the audit chain before the bytes are handed out.
    public func recordHandoverDownload(id: String, actor: AuditActor, at: Date) async throws {
        try await transaction { db in
            try await Self.appendAudit(db, at: at, actor: actor, action: .handoverDownloaded, subjectID: id)
        }
    }
}
