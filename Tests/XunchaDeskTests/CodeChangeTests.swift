import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// A staff-issued code is replaced in two steps: the system proposes a code, and it replaces the
/// old one only when the reporter types it back. Until then the old code keeps working.
@Suite struct CodeChangeTests {
    final class Moment: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ value: Date) { self.value = value }
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value += seconds } }
    }

    /// A letter whose reporter follows up: its code must be changed before it shows anything.
    func issued(_ desks: DeskServices, _ content: String = "来信反映财务问题。") async throws -> (id: String, code: QueryCode) {
        let r = Registration(
            submission: Submission(channel: .letter, content: content, receivedAt: RegistrationIntakeTests.moment("2023-06-02T09:00")),
            receivedBy: "user:u1",
            receivedByName: "组员甲",
            postmark: CivilDate(parsing: "2023-05-31"),
            reporterFollowsUp: true
        )
        let receipt = try await desks.intake.register(r, by: .staff(RegistrationIntakeTests.member))
        return (receipt.reportID, try #require(receipt.queryCode))
    }

    /// The installation's store with the inspection, a clock to move on, and desks on that clock.
    func opened(_ installation: TemporaryInstallation) async throws -> (SQLStore, Moment, DeskServices) {
        let store = try await installation.open()
        try await store.createInspection(RegistrationIntakeTests.inspection, actor: .system, at: RegistrationIntakeTests.moment("2023-02-28T09:00"))
        let moment = Moment(RegistrationIntakeTests.moment("2023-06-02T10:00"))
        return (store, moment, installation.desks(store, now: { moment.now }))
    }

    /// The first step, which must give a proposal.
    func propose(_ reporters: ReporterDesk, _ code: QueryCode) async throws -> (QueryCode, String) {
        guard
            case .proposed(let proposed, let confirmation) = try await reporters.changeIssuedCode(
                QueryCodeChangeInput(queryCode: code.digits),
                client: nil
            )
        else { throw CancellationError() }
        return (proposed, confirmation)
    }

    @Test func theOldCodeWorksUntilTheNewOneIsTypedBack() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let (store, moment, desks) = try await opened(installation)
        let (id, old) = try await issued(desks)
        let reporters = desks.reporters

        let (proposed, confirmation) = try await propose(reporters, old)
        #expect(proposed != old)
        #expect(try await desks.intake.reportID(for: old) == id, "nothing changed yet")
        #expect(try await desks.intake.reportID(for: proposed) == nil)

        // Typed back wrong, the proposal still stands; typed back as people copy codes, it replaces the old one.
        let wrong = String(proposed.digits.reversed())
        await #expect(throws: DeskError.self) {
            _ = try await reporters.changeIssuedCode(
                QueryCodeChangeInput(queryCode: old.digits, newQueryCode: wrong, confirmation: confirmation),
                client: nil
            )
        }
        #expect(try await desks.intake.reportID(for: old) == id)
        let typed = proposed.grouped.replacingOccurrences(of: " ", with: "-")
        guard
            case .replaced(let code, let status) = try await reporters.changeIssuedCode(
                QueryCodeChangeInput(queryCode: old.digits, newQueryCode: typed, confirmation: confirmation),
                client: nil
            )
        else {
            Issue.record("the code typed back replaces the old one")
            return
        }
        #expect(code == proposed && status.status == .received)
        #expect(try await desks.intake.reportID(for: old) == nil)
        #expect(try await desks.intake.reportID(for: proposed) == id)
        let actions = try await store.auditEvents(subject: .report, id: id).map(\.action)
        #expect(actions.filter { $0 == "report.query_code_changed" }.count == 1)
        try await store.close()
    }

    /// A proposal is the reporter's for half an hour, for their report only, and cannot be made up.
    @Test func aProposalExpiresAndOpensOnlyItsOwnReport() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let (store, moment, desks) = try await opened(installation)
        let (_, first) = try await issued(desks)
        let (_, second) = try await issued(desks, "来信反映另一件事。")
        let reporters = desks.reporters
        let (proposed, confirmation) = try await propose(reporters, first)
        func confirm(_ code: QueryCode, _ confirmation: String) async throws {
            _ = try await reporters.changeIssuedCode(
                QueryCodeChangeInput(queryCode: code.digits, newQueryCode: proposed.digits, confirmation: confirmation),
                client: nil
            )
        }
        await #expect(throws: ReporterDesk.confirmationExpired) { try await confirm(second, confirmation) }
        for forged in ["x", String(confirmation.dropLast(2)) + "AA", String(repeating: "A", count: 200)] {
            await #expect(throws: ReporterDesk.confirmationExpired) { try await confirm(first, forged) }
        }
        moment.advance(ReporterDesk.codeConfirmationLifetime + 1)
        await #expect(throws: ReporterDesk.confirmationExpired) { try await confirm(first, confirmation) }
        #expect(try await desks.intake.reportID(for: proposed) == nil)
        try await store.close()
    }
}
