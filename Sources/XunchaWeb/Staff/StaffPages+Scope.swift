import Foundation
import Hummingbird
import XunchaCore
import XunchaDesk

/// 巡察范围: the admin writes each inspected unit's next-level units (one a line, the kind after a
/// comma when the name does not say it) and saves them all at once; the roster's roles and the
/// reports' screening follow at once.
extension StaffPages {
    struct Scope: Sendable {
        let services: AppServices
        var desk: AdminDesk { services.desks.admin }

        @Sendable func page(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let inspection = try await desk.rosterInspection(context.caller, id: try context.parameters.require("id"))
            let scope = try await desk.scope(context.caller, inspection: inspection)
            let texts = scope.units.map { NextLevelLines.text(scope.nextLevel(of: $0)) }
            return render(context, inspection, scope, texts: texts)
        }

        @Sendable func save(_ request: Request, context: StaffRequestContext) async throws -> Response {
            let inspection = try await desk.rosterInspection(context.caller, id: try context.parameters.require("id"))
            let texts = inspection.units.indices.map { context.form[ScopePage.field($0)] ?? "" }
            do {
                if let refusal = context.form.refusal { throw refusal }
                var units: [NextLevelUnit] = []
                for (unit, text) in zip(inspection.units, texts) {
                    do { units += try NextLevelLines.parse(text, parent: unit) } catch { throw DeskError.invalid(error) }
                }
                let scope = try await desk.replaceNextLevelUnits(context.caller, inspection: inspection, units: units)
                let saved = scope.units.map { NextLevelLines.text(scope.nextLevel(of: $0)) }
                let notice = "已保存巡察范围：\(scope.units.count) 个被巡察单位，\(scope.nextLevel.count) 个下一级单位；名册角色和反映初筛已按新范围更新。"
                return render(context, inspection, scope, texts: saved, notice: notice)
            } catch {
                guard let answer = APIError.answering(error), answer.status == .unprocessableContent || answer.status == .badRequest
                else { throw error }
                let scope = try await desk.scope(context.caller, inspection: inspection)
                return render(context, inspection, scope, texts: texts, error: answer.messageZH, status: answer.status)
            }
        }

        private func render(
            _ context: StaffRequestContext,
            _ inspection: Inspection,
            _ scope: InspectionScope,
            texts: [String],
            notice: String? = nil,
            error: String? = nil,
            status: HTTPResponse.Status = .ok
        ) -> Response {
            let model = ScopePage(
                me: StaffFrame.Me(context.user),
                csrf: context.session.csrfToken,
                inspection: InspectionView(inspection),
                inspectionID: inspection.id,
                units: inspection.units.enumerated().map { i, unit in
                    ScopePage.Unit(
                        field: ScopePage.field(i),
                        name: unit,
                        text: i < texts.count ? texts[i] : "",
                        count: scope.nextLevel(of: unit).count
                    )
                },
                kinds: UnitKind.allCases.map(\.chineseName).joined(separator: "、"),
                notice: notice,
                errors: .beside(error, "scope-error"),
                error: error
            )
            return services.pages.render("staff/scope", model, status: status)
        }
    }
}

struct ScopePage {
    struct Unit {
        var field: String
        var name: String
        var text: String
        var count: Int
    }

    var me: StaffFrame.Me?
    var csrf: String
    var inspection: InspectionView
    var inspectionID: String
    var units: [Unit]
    var kinds: String
    var notice: String?
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "scope-error") } }

    static func field(_ index: Int) -> String { "next_level_\(index)" }
}
