import Foundation
import Testing
import XunchaCore
import XunchaStore

private let inspection = Inspection(
    id: "insp-roster",
    group: "县委第一巡察组",
    units: ["县财政局"],
    periodStart: CivilDate(year: 2024, month: 3, day: 1)!,
    periodEnd: CivilDate(year: 2024, month: 5, day: 31)!,
    deadline: CivilDate(year: 2024, month: 5, day: 31)!
)
private let march10 = Date(timeIntervalSince1970: 1_710_043_200)

@Suite struct RosterStoreTests {
    @Test func importReplacesTheWholeRosterAndIsAudited() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: march10)
        #expect(try await store.roster(inspectionID: inspection.id, rules: .standard).isEmpty)

        // Stored rosters are read at each unit's level in the inspection's scope.
        let scope = InspectionScope(units: inspection.units)
        let first = [
            RosterPerson(name: "王建国", unit: "县财政局", post: "党组书记、局长", aliases: ["老王"], scope: scope),
            RosterPerson(name: "李红梅", unit: "县财政局", post: "财务股股长", scope: scope),
            RosterPerson(name: "赵敏", unit: "县财政局", post: "科员", role: .keyPostLeader, scope: scope),
        ]
        try await store.replaceRoster(
            inspectionID: inspection.id,
            people: first,
            source: "a.csv",
            actor: .commandLine(name: "roster-import"),
            at: march10
        )
        #expect(try await store.roster(inspectionID: inspection.id, rules: .standard) == first)
        let stored = try await store.roster(inspectionID: inspection.id, rules: .standard)
        #expect(stored[2].role.rule == ScopeRoleInference.overrideRule)
        #expect(stored[1].role.role == .keyPostLeader && stored[1].role.rule == "keyPost.office")

        let second = [RosterPerson(name: "孙七", unit: "县财政局", post: "副局长", scope: scope)]
        try await store.replaceRoster(
            inspectionID: inspection.id,
            people: second,
            source: "b.csv",
            actor: .commandLine(name: "roster-import"),
            at: march10
        )
        #expect(try await store.roster(inspectionID: inspection.id, rules: .standard) == second)
        #expect(try await store.roster(inspectionID: "other", rules: .standard).isEmpty)

        let events = try await store.auditEvents(subject: .inspection, id: inspection.id).filter { $0.action == "roster.imported" }
        #expect(events.map(\.detail) == ["3 people replaced 0; source: a.csv", "1 people replaced 3; source: b.csv"])
        #expect(events.allSatisfy { $0.actor == "cli:roster-import" })

        // An inspection that does not exist: the transaction fails as a whole, nothing is written.
        await #expect(throws: (any Error).self) {
            try await store.replaceRoster(inspectionID: "missing", people: second, source: "c.csv", actor: .commandLine(name: "test"), at: march10)
        }
        #expect(try await store.roster(inspectionID: "missing", rules: .standard).isEmpty)
        #expect(try await store.auditEvents(subject: .inspection, id: "missing").isEmpty)
        try await store.close()
    }
}
