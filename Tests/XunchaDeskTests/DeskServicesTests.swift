import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// The desks' one clock, and the same installation on another one.
@Suite struct DeskServicesTests {
    @Test func onAnotherClockTheSameInstallationRecordsThatClocksMoments() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        do {
            let now = Date(timeIntervalSince1970: 1_795_000_000)
            let then = Date(timeIntervalSince1970: TimeInterval(CivilDate(year: 2023, month: 2, day: 27)!.dayNumber * 86400 + 3600))
            let desks = installation.desks(store, now: { now })
            let earlier = desks.onClock { then }
            #expect(earlier.dataFolder.path == desks.dataFolder.path && earlier.now() == then && desks.now() == now)
            try await earlier.admin.createInspection(.system, keeping: DemoData.inspection)
            let created = try await store.auditEvents(subject: .inspection, id: DemoData.inspection.id)
            #expect(created.map(\.at) == [then])
            // The same store and keys: what one copy sealed, the other opens.
            let sealed = try earlier.sealer.sealValue(ReporterIdentity(name: "赵六"), .identity(reportID: "r"))
            #expect(try desks.sealer.openValue(ReporterIdentity.self, sealed, .identity(reportID: "r")).name == "赵六")
            #expect(try await desks.store.inspection(id: DemoData.inspection.id) != nil)
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
