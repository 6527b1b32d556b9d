import Foundation
import Testing
import XunchaCore

/// What a proposed decision must carry: a reason to overrule, a recipient to refer, the earlier
/// report of a repeat; reasons bounded and plain text; the decision in force and the one pending.
@Suite struct DecisionTests {
    func check(
        _ outcome: SuggestionKind,
        reason: String = "",
        recipient: String? = nil,
        duplicateOf: String? = nil,
        suggestion: SuggestionKind?
    )
        throws(InputError) -> DecisionProposal
    {
        try DecisionProposal(outcome: outcome, reason: reason, recipient: recipient, duplicateOf: duplicateOf).validated(suggestion: suggestion)
    }

    @Test func overrulingNeedsAReasonConfirmingDoesNot() throws {
        #expect(throws: InputError.self) { try check(.file, reason: " \n　", suggestion: .accept) }
        #expect(try check(.accept, suggestion: .accept).reason == "")
        // Without a screening there is nothing to overrule.
        #expect(try check(.file, suggestion: nil).reason == "")
        #expect(try check(.file, reason: "  已立案  ", suggestion: .accept).reason == "已立案")
    }

    @Test func anOverlongOrControlCharacterReasonIsRefusedByName() {
        let long = String(repeating: "理", count: Decision.maxReasonLength + 1)
        #expect(performing: { try check(.file, reason: long, suggestion: .accept) }, throws: { ($0 as? InputError)?.code == "too_long" })
        #expect(
            performing: { try check(.file, reason: "理由\u{7}", suggestion: .accept) },
            throws: { ($0 as? InputError)?.code == "control_characters" }
        )
    }

    @Test func aReferralNeedsARecipientAndARepeatItsEarlierReport() throws {
        #expect(performing: { try check(.refer, recipient: "  ", suggestion: .refer) }, throws: { ($0 as? InputError)?.field == "recipient" })
        #expect(try check(.refer, recipient: " 市财政局 ", suggestion: .refer).recipient == "市财政局")
        #expect(
            performing: { try check(.refer, recipient: String(repeating: "部", count: 101), suggestion: .refer) },
            throws: { ($0 as? InputError)?.code == "too_long" }
        )
        #expect(performing: { try check(.duplicate, suggestion: .duplicate) }, throws: { ($0 as? InputError)?.code == "duplicate_of_required" })
        // What another outcome does not need is dropped, not kept by mistake.
        let accepted = try check(.accept, recipient: "市财政局", duplicateOf: "001", suggestion: .accept)
        #expect(accepted.recipient == nil && accepted.duplicateOf == nil)
    }

    @Test func returningAndReopeningAlwaysNeedAReason() throws {
        #expect(throws: InputError.self) { try DecisionProposal.requiredReason("  ") }
        #expect(try DecisionProposal.requiredReason(" 需核实 ") == "需核实")
        #expect(try DecisionProposal.optionalReason("") == "")
    }

    @Test func theDecisionInForceAndThePendingOneAreTheLatestOfTheirState() {
        func d(_ ordinal: Int, _ state: Decision.State) -> Decision {
            Decision(
                ordinal: ordinal,
                outcome: .file,
                reason: "",
                suggestion: nil,
                rulesVersion: nil,
                proposedBy: "user:x",
                proposedAt: Date(),
                state: state
            )
        }
        #expect([d(0, .returned), d(1, .proposed)].pending?.ordinal == 1)
        #expect([d(0, .returned), d(1, .proposed)].inForce == nil)
        #expect([d(0, .reopened), d(1, .approved)].inForce?.ordinal == 1)
        #expect([d(0, .withdrawn)].pending == nil)
    }

    @Test func eachOutcomeMovesTheReportToItsStatus() {
        #expect(SuggestionKind.allCases.map(\.reportStatus) == [.accepted, .referred, .filed, .duplicate, .rejected])
    }

    @Test func registerNumbersAndTheirProposedPrefix() {
        #expect(RegisterNumber.proposedPrefix(group: "市委第四巡察组") == "市四巡")
        #expect(RegisterNumber.proposedPrefix(group: "中共某某县委第二巡察组") == "县二巡")
        #expect(RegisterNumber.proposedPrefix(group: "省委第十二巡视组") == "省十二巡")
        #expect(RegisterNumber.proposedPrefix(group: "巡察组") == nil)
        #expect(RegisterNumber(prefix: "市四巡", year: 2023, sequence: 7).text == "市四巡〔2023〕第007号")
        #expect(RegisterNumber(prefix: "市四巡", year: 2023, sequence: 1234).text == "市四巡〔2023〕第1234号")
        #expect(RegisterNumber(prefix: "市四巡", series: "线", year: 2023, sequence: 3, width: 2).text == "市四巡线〔2023〕第03号")
    }
}
