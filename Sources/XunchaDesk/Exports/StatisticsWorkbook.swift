import Foundation
import XunchaCore
import XunchaIntake

/// The statistics as an Excel workbook: the summary sentences, then one sheet per breakdown.
public enum StatisticsWorkbook {
    public static func sheets(_ s: InspectionStatistics, title: String) -> [XLSXWorksheet] {
        func sheet(_ name: String, _ header: [String], _ rows: [(String, Int)]) -> XLSXWorksheet {
            XLSXWorksheet(name: name, header: header, rows: rows.map { [.text($0.0), .integer($0.1)] })
        }
        return [
            XLSXWorksheet(name: "概况", header: [title], rows: s.summaryZH.map { [.text($0)] }),
            sheet(
                "总数",
                ["项目", "数量"],
                [
                    ("件次", s.reports), ("件", s.threads), ("实名", s.named), ("匿名", s.anonymous), ("首次反映", s.first), ("重复反映", s.repeat),
                    (ScopeClass.inScope.chineseName, s.inScope), (ScopeClass.outOfScope.chineseName, s.outOfScope),
                    (ScopeClass.noSubstance.chineseName, s.noSubstance),
                ]
            ),
            sheet("渠道", ["渠道", "件次"], Channel.allCases.map { ($0.displayName, s.byChannel[$0.rawValue, default: 0]) }),
            sheet("问题类别", ["问题类别", "件次"], Discipline.allCases.map { ($0.chineseName, s.byDiscipline[$0.rawValue, default: 0]) }),
            sheet("被反映人层级", ["层级", "件次"], ScopeRole.ranked.map { ($0.chineseName, s.byRank[$0.rawValue, default: 0]) }),
            sheet(
                "处理决定",
                ["处理决定", "件次"],
                SuggestionKind.allCases.map { ($0.chineseName, s.byDisposition[$0.rawValue, default: 0]) }
                    + [("尚待处理", s.byDisposition["undecided", default: 0])]
            ),
            sheet(
                "转办",
                ["项目", "件"],
                [
                    ("转办", s.referrals.count), ("已办结", s.referrals.closed), ("阶段性办结", s.referrals.closedForNow), ("逾期", s.referrals.overdue),
                    ("属实", s.referrals.outcomes.true),
                    ("部分属实", s.referrals.outcomes.partlyTrue), ("不属实", s.referrals.outcomes.untrue),
                ] + s.referrals.byRecipient.sorted { $0.key < $1.key }.map { ("转" + $0.key, $0.value) }
            ),
            sheet(
                "问题线索",
                ["项目", "数量"],
                [("线索（件）", s.leads.count), ("涉及人数", s.leads.persons), ("已移交（件）", s.leads.handedOver)]
                    + s.leads.handedOverInOrder.flatMap { receiver, handed in
                        [("移交\(receiver)（件）", handed.leads), ("移交\(receiver)（人）", handed.persons)]
                    }
            ),
            XLSXWorksheet(
                name: "按周",
                header: ["周起始日（周一）", "件次"],
                rows: s.byWeek.map { w in [CivilDate(parsing: w.weekStart).map(XLSXCell.date) ?? .text(w.weekStart), .integer(w.reports)] }
            ),
        ]
    }

    public static func bytes(_ s: InspectionStatistics, title: String) throws -> [UInt8] {
        try XLSXWriter().bytes(sheets(s, title: title))
    }
}
