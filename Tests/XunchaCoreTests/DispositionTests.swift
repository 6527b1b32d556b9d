import Testing
import XunchaCore

/// What a staff decision's reason must be: required to overrule, bounded, plain text.
@Suite struct DispositionTests {
    @Test func overrulingNeedsAReasonConfirmingDoesNot() throws {
        #expect(throws: InputError.self) { try Disposition.validatedComment(" \n　", outcome: .file, suggestion: .accept) }
        #expect(try Disposition.validatedComment("", outcome: .accept, suggestion: .accept) == "")
        // Without a screening there is nothing to overrule.
        #expect(try Disposition.validatedComment("", outcome: .refer, suggestion: nil) == "")
        #expect(try Disposition.validatedComment("  已立案  ", outcome: .file, suggestion: .accept) == "已立案")
    }

    @Test func anOverlongOrControlCharacterReasonIsRefusedByName() {
        let long = String(repeating: "理", count: Disposition.maxCommentLength + 1)
        #expect(
            performing: { try Disposition.validatedComment(long, outcome: .file, suggestion: .accept) },
            throws: { ($0 as? InputError)?.code == "too_long" }
        )
        #expect(
            performing: { try Disposition.validatedComment("理由\u{7}", outcome: .file, suggestion: .accept) },
            throws: {
                ($0 as? InputError)?.code == "control_characters"
            }
        )
    }

    @Test func eachOutcomeMovesTheReportToItsStatus() {
        #expect(SuggestionKind.allCases.map(\.reportStatus) == [.accepted, .referred, .filed, .duplicate, .rejected])
    }
}
