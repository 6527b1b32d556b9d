import Foundation
import XunchaCore
import XunchaIntake
import XunchaStore

/// An inspection's roster, from the console, the API and the command line: reading a file into a
/// preview writes nothing; `importRoster` is the one place an import is committed, and screens
/// the inspection's reports again against it.
extension AdminDesk {
    /// The largest roster file taken: a few thousand people in XLSX or CSV are well under 1 MB.
    public static let maxRosterFileBytes = 5 * 1_048_576

    /// The inspection whose roster the caller may see and replace.
    public func rosterInspection(_ caller: Caller, id: String) async throws -> Inspection {
        try authorize(caller, .manageRoster, inspectionID: id)
        guard let inspection = try await store.inspection(id: id) else { throw DeskError.notFound }
        return inspection
    }

    public func roster(_ caller: Caller, inspection: Inspection) async throws -> [RosterPerson] {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        return try await store.roster(inspectionID: inspection.id, rules: .standard)
    }

    /// When and by whom the roster was last replaced, from the audit trail.
    public func lastRosterImport(_ caller: Caller, inspection: Inspection) async throws -> (at: Date, by: String)? {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        guard let event = try await store.auditEvents(subject: .inspection, id: inspection.id).last(where: { $0.knownAction == .rosterImported })
        else { return nil }
        let names = try await services.staff.staffNames()
        return (event.at, names[event.actor] ?? AuditActor(stored: event.actor)?.chineseName ?? event.actor)
    }

    /// Reads a roster file against the inspection's scope (its units and their next level) and
    /// the choices staff made for units it does not know; a file that is no roster is refused.
    public func previewRoster(
        _ caller: Caller,
        inspection: Inspection,
        bytes: [UInt8],
        choices: [String: RosterUnitChoice] = [:]
    ) async throws -> RosterPreview {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        guard bytes.count <= Self.maxRosterFileBytes else { throw Self.rosterTooLarge }
        let scope = try await store.scope(inspectionID: inspection.id) ?? InspectionScope(units: inspection.units)
        do throws(RosterFileError) {
            return try RosterReader(scope: scope, choices: choices).read(bytes: bytes)
        } catch {
            throw DeskError(.invalid, code: "roster_unreadable", zh: error.messageZH, en: error.messageEN, field: "file")
        }
    }

    /// Replaces the inspection's roster with the preview's people (with its audit event) when
    /// every row is good, then screens the inspection's reports again against it, as the system:
    /// the admin who imports reads no report. Returns how many were screened.
    @discardableResult
    public func importRoster(_ caller: Caller, inspection: Inspection, preview: RosterPreview, source: String) async throws -> [SuggestionKind: Int] {
        try authorize(caller, .manageRoster, inspectionID: inspection.id)
        guard preview.isImportable else { throw Self.rosterHasErrors(preview) }
        try await store.replaceRoster(
            inspectionID: inspection.id,
            people: preview.people,
            addingNextLevel: preview.newNextLevel,
            source: source,
            actor: caller.auditActor,
            at: services.now()
        )
        let actor: AuditActor = if case .commandLine = caller { caller.auditActor } else { .system }
        return try await services.screening.rescreen(inspectionID: inspection.id, actor: actor)
    }

    public static let rosterTooLarge = DeskError(
        .tooLarge,
        code: "roster_too_large",
        zh: "名册文件过大（上限 \(maxRosterFileBytes / 1_048_576) MB）。",
        en: "roster file over \(maxRosterFileBytes) bytes.",
        field: "file"
    )

    static func rosterHasErrors(_ preview: RosterPreview) -> DeskError {
        let bad = preview.rowsWithErrors.count
        return DeskError(
            .invalid,
            code: "roster_has_errors",
            zh: bad == 0 ? "名册没有人员，未导入。" : "名册有 \(bad) 行错误，未导入任何人员。",
            en: bad == 0 ? "the roster has no people; nothing imported." : "\(bad) row(s) with errors; nothing imported.",
            field: "file"
        )
    }
}
