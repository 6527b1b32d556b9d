import Testing
import XunchaCore

/// A choice reads the same by its code or its Chinese name, and nothing else.
@Suite struct ChineseNamedCodeTests {
    @Test func aChoiceReadsByCodeOrChineseNameTrimmed() {
        #expect(ReferralFinding(reading: "partly_substantiated") == .partlySubstantiated)
        #expect(ReferralFinding(reading: " 部分属实\n") == .partlySubstantiated)
        #expect(ReferralClosure(reading: "阶段性办结") == .interim)
        #expect(RectificationItem.State(reading: "已完成待验收") == .awaitingCheck)
        #expect(LeadOutcome.Disposition(reading: "初步核实") == .preliminaryCheck)
        for bad in ["", "属", "Substantiated", "属实 属实", "<script>"] { #expect(ReferralFinding(reading: bad) == nil) }
    }
}
