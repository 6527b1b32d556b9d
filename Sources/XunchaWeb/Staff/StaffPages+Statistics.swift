import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk

/// 统计: the numbers of the inspection report with charts drawn on the server, and the workbook.
extension StaffPages {
    @Sendable func statistics(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let inspectionID = request.uri.queryParameters.get("inspection").flatMap { $0.isEmpty ? nil : $0 }
        let stats = try await desk.statistics(context.caller, inspectionID: inspectionID)
        let inspections = context.user.role == .admin ? try await services.desks.admin.inspections(context.caller) : []
        let title = try await statisticsTitle(stats)
        return pages.render("staff/statistics", StatisticsPage(stats, title: title, inspections: inspections, context: context))
    }

    @Sendable func statisticsWorkbook(_ request: Request, context: StaffRequestContext) async throws -> Response {
        let inspectionID = request.uri.queryParameters.get("inspection").flatMap { $0.isEmpty ? nil : $0 }
        let stats = try await desk.statistics(context.caller, inspectionID: inspectionID)
        let bytes = try StatisticsWorkbook.bytes(stats, title: try await statisticsTitle(stats))
        return Download.file(bytes, filename: "巡察信访统计.xlsx", mediaType: Download.xlsx)
    }

    private func statisticsTitle(_ stats: InspectionStatistics) async throws -> String {
        guard !stats.inspection.isEmpty, let inspection = try await services.desks.store.inspection(id: stats.inspection) else { return "全部巡察信访统计" }
        return "\(inspection.group)信访统计"
    }
}

/// The statistics page: the summary sentences, a chart per breakdown, and the figures beside them.
struct StatisticsPage {
    struct Chart {
        var svg: String
    }

    struct Choice {
        var id: String
        var name: String
        var current: Bool
    }

    var me: StaffFrame.Me?
    var csrf: String
    var title: String
    var summary: [String]
    var charts: [Chart]
    var workbookHref: String
    var inspections: [Choice]
    var hasInspections: Bool
    var office: Bool

    init(_ s: InspectionStatistics, title: String, inspections: [Inspection], context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.title = title
        summary = s.summaryZH
        charts = [
            BarChart(title: "按渠道（件次）", bars: Channel.allCases.map { ($0.displayName, s.byChannel[$0.rawValue, default: 0]) }),
            BarChart(
                title: "按受理范围（件次）",
                bars: [
                    (ScopeClass.inScope.chineseName, s.inScope), (ScopeClass.outOfScope.chineseName, s.outOfScope),
                    (ScopeClass.noSubstance.chineseName, s.noSubstance),
                ]
            ),
            BarChart(title: "按问题类别（件次）", bars: Discipline.allCases.map { ($0.chineseName, s.byDiscipline[$0.rawValue, default: 0]) }),
            BarChart(title: "按被反映人层级（件次）", bars: ScopeRole.ranked.map { ($0.chineseName, s.byRank[$0.rawValue, default: 0]) }),
            BarChart(
                title: "按处理决定（件次）",
                bars: SuggestionKind.allCases.map { ($0.chineseName, s.byDisposition[$0.rawValue, default: 0]) }
                    + [("尚待处理", s.byDisposition["undecided", default: 0])]
            ),
            BarChart(
                title: "移交问题线索（件）",
                // Every receiver, none handed over yet included, so the chart says so.
                bars: LeadKind.allCases.map(\.receiverChineseName).map { name in (name, s.leads.handedOverByRecipient[name]?.leads ?? 0) }
            ),
            BarChart(title: "按周（件次）", bars: s.byWeek.map { ($0.weekStart, $0.reports) }),
        ].map { Chart(svg: $0.svg) }
        let query = s.inspection.isEmpty ? "" : "?inspection=\(s.inspection)"
        workbookHref = "/staff/statistics.xlsx" + query
        self.inspections = inspections.map { Choice(id: $0.id, name: $0.group, current: $0.id == s.inspection) }
        hasInspections = !inspections.isEmpty
        office = s.inspection.isEmpty
    }
}
