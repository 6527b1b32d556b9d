import Testing
import XunchaCore

private func day(_ s: String) -> CivilDate { CivilDate(parsing: s)! }

private func inspection(start: String = "2023-03-01", end: String = "2023-05-31", deadline: String = "2023-05-31") -> Inspection {
    Inspection(id: "i", group: " 市委第一巡察组 ", units: ["市某局", " "], periodStart: day(start), periodEnd: day(end), deadline: day(deadline), scope: "")
}

@Suite struct InspectionTests {
    @Test func validationTrimsAndFillsTheStandardScope() throws {
        let i = try inspection().validated()
        #expect(i.group == "市委第一巡察组")
        #expect(i.units == ["市某局"])
        #expect(i.scope == Inspection.standardScope)
    }

    /// The issuing body and the announcement are optional; blank is none, too long or with
    /// control characters is refused by name.
    @Test func theIssuerAndTheAnnouncementAreCheckedWhenGiven() throws {
        var i = inspection()
        i.issuer = "  "
        i.announcement = "\n"
        #expect(try i.validated().issuer == nil)
        #expect(try i.validated().announcement == nil)
        i.issuer = " 中共某市委 "
        #expect(try i.validated().issuer == "中共某市委")
        i.issuer = String(repeating: "委", count: 101)
        #expect(throws: InputError.self) { try i.validated() }
        i.issuer = "中共某市委\u{7}"
        #expect((try? i.validated()) == nil)
        i.issuer = nil
        i.announcement = String(repeating: "告", count: Inspection.maxAnnouncementLength + 1)
        do {
            _ = try i.validated()
            Issue.record("an announcement over the limit")
        } catch {
            #expect(error.field == "announcement")
        }
    }

    @Test func refusesImpossibleConfigurations() {
        #expect(throws: InputError(code: "period_reversed", zh: "巡察结束日期不能早于开始日期。", en: "period_end is before period_start.", field: "period_end")) {
            try inspection(start: "2023-05-31", end: "2023-03-01", deadline: "2023-03-01").validated()
        }
        #expect(throws: InputError.self) { try inspection(deadline: "2023-06-01").validated() }
        var noUnits = inspection()
        noUnits.units = []
        #expect(throws: InputError.self) { try noUnits.validated() }
        var noGroup = inspection()
        noGroup.group = "  "
        #expect(throws: InputError.self) { try noGroup.validated() }
        var reversedHours = inspection()
        reversedHours.phoneHours = [ReceptionHours(days: .daily, from: ClockTime(hour: 12, minute: 0), to: ClockTime(hour: 8, minute: 0))]
        #expect(throws: InputError.self) { try reversedHours.validated() }
    }

    @Test func takesReportsFromTheStartOfThePeriodToTheDeadline() {
        let i = inspection(deadline: "2023-05-28")
        #expect(!i.isTakingReports(on: day("2023-02-28")))
        #expect(i.isTakingReports(on: day("2023-03-01")))
        #expect(i.isTakingReports(on: day("2023-05-28")))
        #expect(!i.isTakingReports(on: day("2023-05-29")))
    }

    @Test func usernamesAndPasswordsAreChecked() throws {
        #expect(throws: InputError.self) { try StaffUser.validatedUsername("a b") }
        #expect(try StaffUser.validatedUsername(" Zhang.San ") == "zhang.san")
        #expect(throws: InputError.self) { try StaffUser.validatedPassword("short") }
        #expect(throws: InputError.self) { try StaffUser.validatedPassword(String(repeating: "长", count: 30)) }
    }
}
