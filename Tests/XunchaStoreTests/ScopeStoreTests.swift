import Foundation
import Testing
import XunchaCore
import XunchaStore

private let inspection = Inspection(
    id: "insp-scope",
    group: "县委第三巡察组",
    units: ["县教育局", "白沙镇"],
    periodStart: CivilDate(year: 2024, month: 3, day: 1)!,
    periodEnd: CivilDate(year: 2024, month: 5, day: 31)!,
    deadline: CivilDate(year: 2024, month: 5, day: 31)!
)
private let april1 = Date(timeIntervalSince1970: 1_711_929_600)

@Suite struct ScopeStoreTests {
    @Test func nextLevelUnitsAreReplacedWholeAuditedAndReadTheRosterAtTheirLevel() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(inspection, actor: .system, at: april1)
        #expect(try await store.scope(inspectionID: inspection.id) == InspectionScope(units: inspection.units))
        #expect(try await store.scope(inspectionID: "missing") == nil)

        let units = [
            NextLevelUnit(name: "城关第一中学", parent: "县教育局"),
            NextLevelUnit(name: "东岭学区", kind: .school, parent: "县教育局"),
            NextLevelUnit(name: "青石村", parent: "白沙镇"),
        ]
        try await store.replaceNextLevelUnits(inspectionID: inspection.id, units: units, actor: .commandLine(name: "t"), at: april1)
        #expect(try await store.scope(inspectionID: inspection.id)?.nextLevel == units)

        // The roster's roles follow the scope: 校长 of a next-level school is its principal.
        try await store.replaceRoster(
            inspectionID: inspection.id,
            people: [RosterPerson(name: "陈晓东", unit: "城关第一中学", post: "校长"), RosterPerson(name: "林一帆", unit: "城关第一中学", post: "副校长")],
            addingNextLevel: [NextLevelUnit(name: "河湾社区", parent: "白沙镇")],
            source: "r.csv",
            actor: .commandLine(name: "t"),
            at: april1
        )
        let roster = try await store.roster(inspectionID: inspection.id, rules: .standard)
        #expect(roster.map(\.role.role) == [.subordinatePrincipal, .other])
        #expect(roster[0].role.rule == "nextLevel.principal")
        #expect(try await store.scope(inspectionID: inspection.id)?.nextLevel.map(\.name) == ["城关第一中学", "东岭学区", "青石村", "河湾社区"])

        try await store.replaceNextLevelUnits(inspectionID: inspection.id, units: [units[2]], actor: .commandLine(name: "t"), at: april1)
        #expect(try await store.scope(inspectionID: inspection.id)?.nextLevel == [units[2]])
        // Without its school in the scope, 校长 is read by the post table again.
        #expect(try await store.roster(inspectionID: inspection.id, rules: .standard)[0].role.rule == "subordinate.unitHead")

        let events = try await store.auditEvents(subject: .inspection, id: inspection.id)
        #expect(events.filter { $0.action == "scope.updated" }.map(\.detail) == ["3 next-level units replaced 0", "1 next-level units replaced 4"])
        #expect(events.contains { $0.action == "roster.imported" && $0.detail == "2 people replaced 0; 1 next-level units added; source: r.csv" })
        try await store.close()
    }
}
