import Testing
import XunchaCore

/// Where a lead goes, and the kind proposed from what screening found.
@Suite struct LeadKindTests {
    @Test func eachKindGoesToItsRecipientAndAnImmediateFixToNone() {
        #expect(LeadKind.discipline.recipient == .discipline)
        #expect(LeadKind.organization.recipient == .organization)
        #expect(LeadKind.other.recipient == .department)
        #expect(LeadKind.immediateFix.recipient == nil)
        #expect(HandoverRecipient.discipline.leadKinds == [.discipline])
        #expect(HandoverRecipient.department.leadKinds == [.other])
    }

    @Test func recipientsKeepTheirRawValuesAndChineseNames() {
        #expect(HandoverRecipient.allCases.map(\.rawValue) == ["discipline", "organization", "department"])
        #expect(HandoverRecipient.allCases.map(\.chineseName) == ["纪委监委", "组织部", "有关部门"])
        #expect(LeadKind.allCases.map(\.rawValue) == ["discipline", "organization", "other", "immediate_fix"])
        #expect(Set(LeadKind.allCases.map(\.chineseName)).count == LeadKind.allCases.count)
    }

    @Test func theKindIsProposedFromTheDisciplinesFound() {
        #expect(LeadKind.proposed(from: []) == .other)
        #expect(LeadKind.proposed(from: [.organizational]) == .organization)
        #expect(LeadKind.proposed(from: [.organizational, .organizational]) == .organization)
        #expect(LeadKind.proposed(from: [.integrity]) == .discipline)
        #expect(LeadKind.proposed(from: [.work, .life]) == .discipline)
        // A breach for the discipline commission outweighs organisational discipline, in either order.
        #expect(LeadKind.proposed(from: [.organizational, .integrity]) == .discipline)
        #expect(LeadKind.proposed(from: [.political, .organizational]) == .discipline)
    }
}
