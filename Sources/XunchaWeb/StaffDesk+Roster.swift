import Foundation
import XunchaCore
import XunchaIntake
import XunchaStore

/// An inspection's roster in the console and the API: reading a file into a preview writes
/// nothing; `importRoster` is the one place an import is committed. The roster is setup data
/// like the inspection itself, so it is the admin's, who reads no report.
extension StaffDesk {
    /// The largest roster file taken: a few thousand people in XLSX or CSV are well under 1 MB.
    static let maxRosterFileBytes = 5 * 1_048_576

    /// The inspection whose roster `user` may see and replace.
    func rosterInspection(_ user: StaffUser, id: String) async throws -> Inspection {
        guard user.role.canManageInspections else { throw APIError.forbidden }
        guard let inspection = try await services.store.inspection(id: id) else { throw APIError.notFound }
        return inspection
    }

    func roster(_ user: StaffUser, inspection: Inspection) async throws -> [RosterPerson] {
        guard user.role.canManageInspections else { throw APIError.forbidden }
        return try await services.store.roster(inspectionID: inspection.id, rules: .standard)
    }

    /// Reads a roster file against the inspection's units; a file that is no roster at all is a 422.
    func previewRoster(_ user: StaffUser, inspection: Inspection, bytes: [UInt8]) throws -> RosterPreview {
        guard user.role.canManageInspections else { throw APIError.forbidden }
        guard bytes.count <= Self.maxRosterFileBytes else { throw Self.rosterTooLarge }
        do throws(RosterFileError) {
            return try RosterReader(units: inspection.units).read(bytes: bytes)
        } catch {
            throw APIError(.unprocessableContent, code: "roster_unreadable", zh: error.messageZH, en: error.messageEN, field: "file")
        }
    }

    /// Replaces the inspection's roster with the preview's people, with its audit event, when
    /// every row is good. The one call site that commits a roster import, from the console and
    /// the API alike: whatever must follow an import (re-screening the inspection's reports) goes here.
    /// Replaces the roster, then screens the inspection's reports again against it (as the
    /// system: the admin who imports reads no report). Returns how many were screened.
    @discardableResult
    func importRoster(_ user: StaffUser, inspection: Inspection, preview: RosterPreview, source: String) async throws -> Int {
        guard user.role.canManageInspections else { throw APIError.forbidden }
        guard preview.isImportable else { throw Self.rosterHasErrors(preview) }
        try await services.store.replaceRoster(
            inspectionID: inspection.id,
            people: preview.people,
            source: source,
            actor: "user:\(user.id)",
            at: services.now()
        )
        return try await services.intake.screening.rescreen(inspectionID: inspection.id, actor: "system").values.reduce(0, +)
    }

    static let rosterTooLarge = APIError(
        .contentTooLarge,
        code: "roster_too_large",
        zh: "名册文件过大（上限 \(maxRosterFileBytes / 1_048_576) MB）。",
        en: "roster file over \(maxRosterFileBytes) bytes.",
        field: "file"
    )

    static func rosterHasErrors(_ preview: RosterPreview) -> APIError {
        let bad = preview.rowsWithErrors.count
        return APIError(
            .unprocessableContent,
            code: "roster_has_errors",
            zh: bad == 0 ? "名册没有人员，未导入。" : "名册有 \(bad) 行错误，未导入任何人员。",
            en: bad == 0 ? "the roster has no people; nothing imported." : "\(bad) row(s) with errors; nothing imported.",
            field: "file"
        )
    }
}
