import Foundation
import Hummingbird
import XunchaCore
import XunchaStore

/// What the public can do, shared by the HTML pages and the JSON API so both answer alike.
struct ReporterDesk: Sendable {
    let services: AppServices

    func submit(_ submission: Submission) async throws -> ReportIntake.Receipt {
        do {
            return try await services.intake.submit(submission, actor: "public", issueQueryCode: true)
        } catch let error as InputError {
            throw APIError(.unprocessableContent, error)
        }
    }

    /// The report a code opens. Wrong codes are slowed and counted per client; the answer never
    /// says more than "not found".
    /// A code staff issued must be replaced by the reporter's own before it shows anything
    /// (`allowingIssuedCode` is for that replacement only).
    func open(code text: String, _ context: AppRequestContext, allowingIssuedCode: Bool = false) async throws -> Report {
        let code: QueryCode
        do {
            code = try QueryCode(parsing: text)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        let tag = try await services.checkThrottle("query-code", context)
        guard let id = try await services.intake.reportID(for: code), let report = try await services.store.report(id: id) else {
            try await services.penalise(tag)
            throw APIError(
                .notFound,
                code: "not_found",
                zh: "未找到与该查询码对应的反映，请核对后重试。",
                en: "no report for that query code."
            )
        }
        await services.throttle.recordSuccess(tag)
        if !allowingIssuedCode, try await services.store.channelRecord(reportID: id)?.queryCodeMustChange == true {
            throw APIError.queryCodeChangeRequired
        }
        return report
    }

    func add(code text: String, content: String, _ context: AppRequestContext) async throws -> Report {
        let report = try await open(code: text, context)
        let checked: String
        do {
            checked = try ReportAddition.validated(content)
        } catch {
            throw APIError(.unprocessableContent, error)
        }
        try await services.intake.add(to: report.id, content: checked, at: services.now(), actor: "public")
        return try await services.store.report(id: report.id) ?? report
    }

    /// Inspections the public page shows: those still taking reports, or all when none is, so the
    /// page always tells people where they are.
    func visibleInspections() async throws -> [Inspection] {
        let all = try await services.store.inspections()
        let today = CivilDate(beijingDayOf: services.now())
        let open = all.filter { $0.isTakingReports(on: today) }
        return open.isEmpty ? all : open
    }
}
