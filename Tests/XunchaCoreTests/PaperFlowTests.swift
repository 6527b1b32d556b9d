import Foundation
import Testing
import XunchaCore

/// How a working paper moves: every action by every role in every state, allowed or refused.
@Suite struct PaperFlowTests {
    enum Action: String, CaseIterable { case edit, submit, returnForChanges, review, sign }

    static func paper(in state: PaperState) throws -> WorkingPaper {
        switch state {
        case .draft: try PaperFixture.drafted()
        case .returned: try PaperFixture.returned()
        case .submitted: try PaperFixture.submitted()
        case .reviewed: try PaperFixture.reviewed()
        case .signed: try PaperFixture.signed()
        }
    }

    static func perform(_ action: Action, on paper: WorkingPaper, as role: PaperRole) throws -> WorkingPaper {
        let at = PaperFixture.at(10)
        switch action {
        case .edit:
            var content = paper.content
            content.title = "违规发放津补贴问题"
            return try PaperFlow.edit(paper, content: content, role: role)
        case .submit: return try PaperFlow.submit(paper, role: role, by: "someone", at: at)
        case .returnForChanges: return try PaperFlow.returnForChanges(paper, role: role, by: "someone", at: at, reason: "请补充证据")
        case .review: return try PaperFlow.review(paper, role: role, by: "someone", at: at)
        case .sign: return try PaperFlow.sign(paper, role: role, by: "someone", at: at)
        }
    }

    /// The allowed moves, written out: (from, action, role) → the state after.
    static let allowed: [String: PaperState] = [
        "draft/edit/drafter": .draft,
        "returned/edit/drafter": .returned,
        "draft/submit/drafter": .submitted,
        "returned/submit/drafter": .submitted,
        "submitted/returnForChanges/reviewer": .returned,
        "submitted/returnForChanges/signer": .returned,
        "reviewed/returnForChanges/signer": .returned,
        "submitted/review/reviewer": .reviewed,
        "reviewed/sign/signer": .signed,
    ]

    static let rolesFor: [Action: Set<PaperRole>] = [
        .edit: [.drafter], .submit: [.drafter], .returnForChanges: [.reviewer, .signer], .review: [.reviewer], .sign: [.signer],
    ]

    @Test("every action by every role from every state", arguments: PaperState.allCases, Action.allCases)
    func table(state: PaperState, action: Action) throws {
        for role in PaperRole.allCases {
            let before = try Self.paper(in: state)
            #expect(before.state == state)
            let key = "\(state.rawValue)/\(action.rawValue)/\(role.rawValue)"
            if let after = Self.allowed[key] {
                let paper = try Self.perform(action, on: before, as: role)
                #expect(paper.state == after, "\(key)")
                // An edit appends nothing; every other move appends one step, by whom and when.
                if action == .edit {
                    #expect(paper.steps == before.steps, "\(key)")
                    #expect(paper.title == "违规发放津补贴问题")
                } else {
                    #expect(paper.steps.count == before.steps.count + 1, "\(key)")
                    #expect(paper.steps.last?.by == "someone")
                    #expect(paper.steps.last?.at == PaperFixture.at(10))
                }
            } else {
                let code =
                    state == .signed ? "paper_signed" : Self.rolesFor[action]!.contains(role) ? "paper_out_of_order" : "paper_wrong_role"
                let error = #expect(throws: InputError.self, "\(key)") { try Self.perform(action, on: before, as: role) }
                #expect(error?.code == code, "\(key)")
            }
        }
    }

    @Test func signingOutOfOrderIsRefusedWithAClearMessage() throws {
        let submitted = try PaperFixture.submitted()
        let error = try #require(throws: InputError.self) { try PaperFlow.sign(submitted, role: .signer, by: "leader1", at: PaperFixture.at(5)) }
        #expect(error.code == "paper_out_of_order")
        #expect(error.messageZH == "底稿尚未经副组长审核，不能签发。")
        let draft = try PaperFixture.drafted()
        let early = try #require(throws: InputError.self) { try PaperFlow.sign(draft, role: .signer, by: "leader1", at: PaperFixture.at(5)) }
        #expect(early.messageZH == "底稿尚未提交审核，不能签发。")
    }

    @Test func aDraftCannotBeReviewed() throws {
        let draft = try PaperFixture.drafted()
        let error = try #require(throws: InputError.self) { try PaperFlow.review(draft, role: .reviewer, by: "deputy1", at: PaperFixture.at(5)) }
        #expect(error.code == "paper_out_of_order")
        #expect(error.messageZH == "底稿尚未提交审核，不能审核。")
    }

    @Test func aSignedPaperIsFinal() throws {
        let signed = try PaperFixture.signed()
        let error = try #require(throws: InputError.self) {
            try PaperFlow.edit(signed, content: PaperFixture.content, role: .drafter)
        }
        #expect(error.code == "paper_signed")
        #expect(error.messageZH == "底稿市四巡底〔2023〕第01号已经组长签发，不能再修改。")
        #expect(signed.isSigned)
        #expect(signed.latestStep(.signed)?.by == "leader1")
    }

    @Test func aSubmittedPaperCannotBeEditedUntilReturned() throws {
        let submitted = try PaperFixture.submitted()
        let error = try #require(throws: InputError.self) { try PaperFlow.edit(submitted, content: PaperFixture.content, role: .drafter) }
        #expect(error.messageZH == "底稿已提交审核，不能修改；需要修改的，请副组长或组长退回。")
    }

    @Test func returningNeedsAReason() throws {
        let submitted = try PaperFixture.submitted()
        for reason in ["", "  \n　"] {
            let error = try #require(throws: InputError.self) {
                try PaperFlow.returnForChanges(submitted, role: .reviewer, by: "deputy1", at: PaperFixture.at(5), reason: reason)
            }
            #expect(error.code == "comment_required")
            #expect(error.field == "comment")
        }
        let returned = try PaperFlow.returnForChanges(submitted, role: .reviewer, by: "deputy1", at: PaperFixture.at(5), reason: " 金额需核实 ")
        #expect(returned.latestStep(.returned)?.comment == "金额需核实")
        #expect(returned.state == .returned)
    }

    @Test func commentsHaveTheirLimits() throws {
        let submitted = try PaperFixture.submitted()
        let long = String(repeating: "意", count: WorkingPaper.maxCommentLength + 1)
        #expect(
            performing: { try PaperFlow.returnForChanges(submitted, role: .signer, by: "leader1", at: PaperFixture.at(5), reason: long) },
            throws: { isInputError($0, "too_long", field: "comment") }
        )
        #expect(
            performing: { try PaperFlow.review(submitted, role: .reviewer, by: "deputy1", at: PaperFixture.at(5), comment: "同意\u{0}") },
            throws: { isInputError($0, "control_characters", field: "comment") }
        )
        #expect(
            performing: { try PaperFlow.review(submitted, role: .reviewer, by: "", at: PaperFixture.at(5)) },
            throws: { isInputError($0, "missing_actor", field: "actor") }
        )
    }

    @Test func aPaperWithoutMaterialCannotBeSubmitted() throws {
        var content = PaperFixture.content
        content.materials = []
        let draft = try PaperFlow.draft(id: "p", leadID: "l", number: "1", content: content, by: "member1", at: PaperFixture.at(0))
        #expect(
            performing: { try PaperFlow.submit(draft, role: .drafter, by: "member1", at: PaperFixture.at(1)) },
            throws: { isInputError($0, "missing_materials", field: "materials") }
        )
    }

    @Test func anEditIsValidatedAndRefusedWholeWhenWrong() throws {
        let draft = try PaperFixture.drafted()
        var content = draft.content
        content.summary = ""
        #expect(performing: { try PaperFlow.edit(draft, content: content, role: .drafter) }, throws: { isInputError($0, "missing_summary") })
    }

    @Test func aReturnedPaperIsRevisedResubmittedReviewedAndSigned() throws {
        var paper = try PaperFixture.returned()
        var content = paper.content
        content.summary += "经核实，涉及人员23人。"
        paper = try PaperFlow.edit(paper, content: content, role: .drafter)
        paper = try PaperFlow.submit(paper, role: .drafter, by: "member1", at: PaperFixture.at(4), comment: "已补充核实情况")
        paper = try PaperFlow.returnForChanges(paper, role: .signer, by: "leader1", at: PaperFixture.at(5), reason: "定性依据不足")
        paper = try PaperFlow.submit(paper, role: .drafter, by: "member1", at: PaperFixture.at(6))
        paper = try PaperFlow.review(paper, role: .reviewer, by: "deputy1", at: PaperFixture.at(7), comment: "同意")
        paper = try PaperFlow.sign(paper, role: .signer, by: "leader1", at: PaperFixture.at(8))
        #expect(paper.steps.map(\.kind) == [.drafted, .submitted, .returned, .submitted, .returned, .submitted, .reviewed, .signed])
        #expect(paper.steps.map(\.at) == [0, 1, 2, 4, 5, 6, 7, 8].map(PaperFixture.at))
        #expect(paper.latestStep(.returned)?.comment == "定性依据不足")
        #expect(paper.summary.hasSuffix("涉及人员23人。"))
        #expect(paper.state == .signed)
    }

    @Test func theLeaderAloneMayPlayEveryPart() throws {
        // A lead about the unit's principal: the caller gives the leader each role in turn.
        var paper = try PaperFlow.draft(id: "p2", leadID: "l2", number: "2", content: PaperFixture.content, by: "leader1", at: PaperFixture.at(0))
        paper = try PaperFlow.submit(paper, role: .drafter, by: "leader1", at: PaperFixture.at(1))
        paper = try PaperFlow.review(paper, role: .reviewer, by: "leader1", at: PaperFixture.at(2))
        paper = try PaperFlow.sign(paper, role: .signer, by: "leader1", at: PaperFixture.at(3))
        #expect(paper.isSigned)
        #expect(Set(paper.steps.map(\.by)) == ["leader1"])
    }

    @Test func rolesAndStatesReadInChinese() {
        #expect(PaperRole.allCases.map(\.chineseName) == ["承办人", "副组长", "组长"])
        #expect(PaperState.submitted.chineseName == "待副组长审核")
        #expect(PaperStep.Kind.allCases.map(\.rawValue) == ["drafted", "submitted", "returned", "reviewed", "signed"])
    }

    @Test func aWrongRoleIsNamedInTheMessage() throws {
        let reviewed = try PaperFixture.reviewed()
        let error = try #require(throws: InputError.self) { try PaperFlow.sign(reviewed, role: .reviewer, by: "deputy1", at: PaperFixture.at(5)) }
        #expect(error.code == "paper_wrong_role")
        #expect(error.messageZH == "签发底稿应由组长进行，副组长不能签发底稿。")
    }
}
