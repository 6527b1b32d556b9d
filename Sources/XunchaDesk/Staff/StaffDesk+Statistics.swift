import Foundation
import XunchaCore
import XunchaStore

/// The numbers of an inspection report, for one inspection or for the office across all of them.
extension StaffDesk {
    /// One inspection's statistics (`inspectionID`, or the caller's own); with no inspection, the
    /// office's across every inspection (the admin and the command line only).
    public func statistics(_ caller: Caller, inspectionID: String? = nil) async throws -> InspectionStatistics {
        var target = inspectionID
        if target == nil, case .staff(let user) = caller, user.role != .admin { target = user.inspectionID }
        let today = CivilDate(beijingDayOf: services.now())
        guard let target else {
            try DeskError.unlessReady(caller)
            guard caller.may(.viewStatistics, inspectionID: nil) else { throw DeskError.forbidden }
            var counts = StatisticsCounts()
            var periods: [ClosedRange<CivilDate>] = []
            for inspection in try await store.inspections() {
                counts.add(try await store.statisticsCounts(inspectionID: inspection.id))
                periods.append(inspection.periodStart...inspection.periodEnd)
            }
            let span = periods.isEmpty ? nil : periods.map(\.lowerBound).min()!...periods.map(\.upperBound).max()!
            return InspectionStatistics(inspection: "", counts: counts, period: span, today: today)
        }
        try authorize(caller, .viewStatistics, inspectionID: target)
        guard let inspection = try await store.inspection(id: target) else { throw DeskError.notFound }
        let counts = try await store.statisticsCounts(inspectionID: target)
        return InspectionStatistics(
            inspection: inspection.id,
            counts: counts,
            period: inspection.periodStart...inspection.periodEnd,
            today: today
        )
    }
}
