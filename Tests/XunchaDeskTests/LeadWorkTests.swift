import Foundation
import Testing
import XunchaCore
import XunchaIntake
import XunchaStore
import ZIPFoundation

@testable import XunchaDesk

/// Work on leads at the desk, on real SQLite: the leader's alone when about the unit's principal,
/// working papers through their steps (a member drafts, a deputy reviews, the leader signs) and
/// the handover archives, which never hold the reporter.
@Suite struct LeadWorkTests {
    typealias W = WorkflowTests
    static let deputy = StaffUser(
        id: "d1",
        username: "fuzuzhang",
        displayName: "副组长丙",
        role: .deputy,
        inspectionID: "insp-w",
        mustChangePassword: false
    )
    static let liaison = StaffUser(
        id: "c1",
        username: "lianluo",
        displayName: "联络员",
        role: .liaison,
        inspectionID: "insp-w",
        mustChangePassword: false,
        recipient: "市财政局"
    )
    static var leader: Caller { .staff(W.leader) }
    static var member: Caller { .staff(W.member) }
    static var deputyCaller: Caller { .staff(deputy) }
    static var outsider: Caller { .staff(W.outsider) }

    /// The workflow's world with a deputy leader and a liaison account besides.
    static func withWorld(_ body: (W.World) async throws -> Void) async throws {
        try await W.withWorld { w in
            for user in [deputy, liaison] {
                try await w.store.createUser(user, passwordHash: "-", actor: .system, at: W.monday)
            }
            try await body(w)
        }
    }

    /// A report accepted by the leader, and the lead it went into, set to `kind`.
    static func lead(
        _ w: W.World,
        _ content: String,
        kind: LeadKind = .discipline,
        reporter: ReporterIdentity = ReporterIdentity(),
        at: Date = W.monday
    ) async throws -> Lead {
        let report = try await w.submit(content, reporter: reporter, at: at)
        let decision = try await w.desks.staff.propose(leader, reportID: report.id, DecisionInput(outcome: "accept", reason: "予以受理"))
        let leadID = try #require(decision.leadID)
        return try await w.desks.staff.updateLead(leader, id: leadID, LeadInput(kind: kind.rawValue))
    }

    static let content = PaperInput(
        title: "违规使用公款吃喝",
        date: "2024-03-11",
        unit: "市财政局",
        source: "信访举报",
        summary: "2023年以来，该同志多次以接待名义使用公款宴请，涉及金额约2万元。",
        howFound: "受理信访举报，调阅财务凭证",
        materials: ["2023年接待费报销凭证", "", "有关人员谈话记录"]
    )

    /// A paper on the lead taken through every step: drafted and submitted by the member (the
    /// leader on a principal's lead), reviewed by the deputy, signed by the leader.
    static func signedPaper(_ w: W.World, _ lead: Lead) async throws -> WorkingPaper {
        let staff = w.desks.staff
        let drafter = lead.aboutPrincipal ? leader : member
        let paper = try await staff.draftPaper(drafter, leadID: lead.id, content)
        _ = try await staff.submitPaper(drafter, paperID: paper.id, PaperStepInput())
        _ = try await staff.reviewPaper(lead.aboutPrincipal ? leader : deputyCaller, paperID: paper.id, PaperStepInput(comment: "事实清楚"))
        return try await staff.signPaper(leader, paperID: paper.id, PaperStepInput(comment: "同意移交"))
    }

    // MARK: Working papers

    @Test func aPaperGoesFromTheMemberThroughTheDeputyToTheLeaderAndOutOfOrderStepsAreRefused() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let lead = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝，多次用公款宴请。")
            let paper = try await staff.draftPaper(Self.member, leadID: lead.id, Self.content)
            #expect(paper.number == "市四巡底〔2024〕第01号" && paper.state == .draft)
            #expect(paper.materials == ["2023年接待费报销凭证", "有关人员谈话记录"])
            // One paper per lead.
            let second = await #expect(throws: DeskError.self) { _ = try await staff.draftPaper(Self.member, leadID: lead.id, Self.content) }
            #expect(second?.code == "paper_exists" && second?.kind == .conflict)

            // Reviewing a draft is refused, in Core's words.
            let earlyReview = await #expect(throws: DeskError.self) {
                _ = try await staff.reviewPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput())
            }
            #expect(earlyReview?.code == "paper_out_of_order" && earlyReview?.kind == .conflict)
            #expect(earlyReview?.messageZH == "底稿尚未提交审核，不能审核。")

            _ = try await staff.submitPaper(Self.member, paperID: paper.id, PaperStepInput())
            // Signed before the deputy's review: refused.
            let early = await #expect(throws: DeskError.self) { _ = try await staff.signPaper(Self.leader, paperID: paper.id, PaperStepInput()) }
            #expect(early?.code == "paper_out_of_order" && early?.messageZH == "底稿尚未经副组长审核，不能签发。")
            // The deputy returns it; the member edits and submits again; the deputy reviews.
            let noReason = await #expect(throws: DeskError.self) {
                _ = try await staff.returnPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput(comment: "  "))
            }
            #expect(noReason?.code == "comment_required" && noReason?.kind == .invalid)
            _ = try await staff.returnPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput(comment: "金额需核实"))
            var edited = Self.content
            edited.summary = "2023年以来多次以接待名义使用公款宴请，经核实金额21,600元。"
            _ = try await staff.editPaper(Self.member, paperID: paper.id, edited)
            _ = try await staff.submitPaper(Self.member, paperID: paper.id, PaperStepInput())
            let reviewed = try await staff.reviewPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput(comment: "事实清楚"))
            #expect(reviewed.state == .reviewed)
            // A member cannot sign: Core names who may.
            let memberSigns = await #expect(throws: DeskError.self) {
                _ = try await staff.signPaper(Self.member, paperID: paper.id, PaperStepInput())
            }
            #expect(memberSigns?.code == "paper_wrong_role" && memberSigns?.kind == .forbidden)
            #expect(memberSigns?.messageZH == "签发底稿应由组长进行，承办人不能签发底稿。")
            // The deputy cannot either.
            let deputySigns = await #expect(throws: DeskError.self) {
                _ = try await staff.signPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput())
            }
            #expect(deputySigns?.code == "paper_wrong_role")
            let signed = try await staff.signPaper(Self.leader, paperID: paper.id, PaperStepInput(comment: "同意"))
            #expect(signed.isSigned)

            // Every step is stored with who and when, and audited in order.
            let stored = try #require(try await w.store.paper(id: paper.id))
            #expect(stored.steps.map(\.kind) == [.drafted, .submitted, .returned, .submitted, .reviewed, .signed])
            #expect(stored.steps.map(\.by) == ["user:m1", "user:m1", "user:d1", "user:m1", "user:d1", "user:l1"])
            #expect(stored.steps[2].comment == "金额需核实" && stored.summary == edited.summary)
            let trail = try await w.store.auditEvents(subject: .paper, id: paper.id).map(\.action)
            #expect(
                trail
                    == [
                        AuditAction.paperDrafted, .paperSubmitted, .paperReturned, .paperEdited, .paperSubmitted, .paperReviewed, .paperSigned,
                    ].map(\.rawValue)
            )
            // A signed paper is final.
            let after = await #expect(throws: DeskError.self) { _ = try await staff.editPaper(Self.member, paperID: paper.id, Self.content) }
            #expect(after?.code == "paper_signed" && after?.kind == .conflict)
            // The sheet names each signer.
            let sheet = try await staff.paperSheet(Self.member, id: paper.id)
            #expect(sheet.signatures.map(\.name) == ["组员乙", "副组长丙", "组长甲"])
            #expect(sheet.html.contains("问题底稿") && sheet.html.contains("21,600元") && !sheet.html.contains("<script"))
        }
    }

    @Test func aDeputyDoesNotReviewTheirOwnPaper() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let lead = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            let paper = try await staff.draftPaper(Self.deputyCaller, leadID: lead.id, Self.content)
            _ = try await staff.submitPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput())
            let own = await #expect(throws: DeskError.self) {
                _ = try await staff.reviewPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput())
            }
            #expect(own?.code == "paper_own_review" && own?.kind == .forbidden)
            #expect(try await staff.lead(Self.deputyCaller, id: lead.id).moves.review == false)
            #expect(try await staff.lead(Self.leader, id: lead.id).moves.review == true)
        }
    }

    // MARK: The principal's leads

    @Test func aLeadAboutThePrincipalIsTheLeadersAlone() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let lead = try await Self.lead(w, "市财政局局长王建国2024年春节收受下属单位购物卡三万元，有转账记录。")
            #expect(lead.aboutPrincipal)
            for caller in [Self.member, Self.deputyCaller] {
                #expect(try await staff.leads(caller).isEmpty)
                let hidden = await #expect(throws: DeskError.self) { _ = try await staff.lead(caller, id: lead.id) }
                #expect(hidden?.kind == .notFound)
                let edit = await #expect(throws: DeskError.self) { _ = try await staff.updateLead(caller, id: lead.id, LeadInput(summary: "改")) }
                #expect(edit?.kind == .notFound)
                let draft = await #expect(throws: DeskError.self) { _ = try await staff.draftPaper(caller, leadID: lead.id, Self.content) }
                #expect(draft?.kind == .notFound)
                let files = await #expect(throws: DeskError.self) {
                    try await staff.addMaterials(caller, leadID: lead.id, files: [Self.pdf], MaterialNoteInput())
                }
                #expect(files?.kind == .notFound)
            }
            // The leader handles it alone: drafts, reviews and signs.
            let paper = try await Self.signedPaper(w, lead)
            #expect(paper.steps.map(\.by) == ["user:l1", "user:l1", "user:l1", "user:l1"])
            let hiddenPaper = await #expect(throws: DeskError.self) { _ = try await staff.paperSheet(Self.member, id: paper.id) }
            #expect(hiddenPaper?.kind == .notFound)

            // The mark is the leader's to take off or put on, audited.
            let other = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            let memberMarks = await #expect(throws: DeskError.self) {
                try await staff.markAboutPrincipal(Self.member, id: other.id, PrincipalInput(aboutPrincipal: true))
            }
            #expect(memberMarks?.kind == .forbidden)
            try await staff.markAboutPrincipal(Self.leader, id: other.id, PrincipalInput(aboutPrincipal: true))
            #expect(try await staff.leads(Self.member).isEmpty)
            try await staff.markAboutPrincipal(Self.leader, id: other.id, PrincipalInput(aboutPrincipal: false))
            #expect(try await staff.leads(Self.member).map(\.id) == [other.id])
            let marks = try await w.store.auditEvents(subject: .lead, id: other.id).filter { $0.action == AuditAction.leadPrincipalMarked.rawValue }
            #expect(marks.map(\.detail) == ["marked", "unmarked"])
        }
    }

    // MARK: Handover

    @Test func aHandoverWithAnUnsignedPaperIsRefusedNamingTheLead() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let signed = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            _ = try await Self.signedPaper(w, signed)
            let unsigned = try await Self.lead(w, "反映市财政局办公室主任赵刚虚报差旅费。", at: W.monday.addingTimeInterval(60))
            let paper = try await staff.draftPaper(Self.member, leadID: unsigned.id, Self.content)
            let plan = try await staff.handoverPlan(Self.leader, recipient: .discipline, aboutPrincipal: false)
            #expect(plan.refusal?.code == "unsigned_paper")
            let refused = await #expect(throws: DeskError.self) {
                _ = try await staff.createHandover(Self.leader, recipient: .discipline, aboutPrincipal: false)
            }
            #expect(refused?.code == "unsigned_paper" && refused?.kind == .conflict)
            #expect(refused?.messageZH.contains(unsigned.number) == true && refused?.messageZH.contains(paper.number) == true)
            // Nothing was handed over.
            #expect(try await w.store.leads(inspectionID: W.inspection.id).allSatisfy { $0.state == .open })
            #expect(try await w.store.handovers(inspectionID: W.inspection.id).isEmpty)
            // Only the leader hands over.
            for caller in [Self.member, Self.deputyCaller] {
                let forbidden = await #expect(throws: DeskError.self) {
                    _ = try await staff.createHandover(caller, recipient: .discipline, aboutPrincipal: false)
                }
                #expect(forbidden?.kind == .forbidden)
            }
            // Another recipient with nothing to hand over: the console refuses an empty list.
            let empty = await #expect(throws: DeskError.self) {
                _ = try await staff.createHandover(Self.leader, recipient: .organization, aboutPrincipal: false)
            }
            #expect(empty?.code == "empty_handover")
        }
    }

    /// A 18-digit ID number the reporter gives (only its shape is checked).
    static let idNumber = "110101199003071233"

    @Test func anArchiveHoldsNoneOfTheReportersIdentityInAnyFile() async throws {
        try await Self.withWorld { w in
            let reporter = ReporterIdentity(
                name: "赵秀英",
                phone: "13912345678",
                idNumber: Self.idNumber,
                address: "幸福小区3栋2单元501室",
                email: "zhaoxy@example.com"
            )
            let text = """
                我叫赵秀英，是市财政局退休职工，电话139 1234 5678，也可打139-1234-5678或一三九一二三四五六七八。\
                身份证号110101199003071233，家住幸福小区3栋2单元501室，邮箱ZhaoXY@example.com。\
                反映市财政局副局长李明违规公款吃喝，2023年以来多次用公款宴请。联系人：赵秀英。
                """
            let lead = try await Self.lead(w, text, reporter: reporter)
            let reportID = try #require(lead.reportIDs.first)
            let report = try #require(try await w.store.report(id: reportID))
            _ = try await w.desks.staff.addMaterials(Self.member, leadID: lead.id, files: [Self.pdf], MaterialNoteInput(note: "赵秀英来访笔录"))
            _ = try await Self.signedPaper(w, lead)
            let made = try await w.desks.staff.createHandover(Self.leader, recipient: .discipline, aboutPrincipal: false)
            #expect(ArchiveVerifier.verify(bytes: made.bytes) == .ok(fileCount: made.handover.fileCount))

            let files = try Self.unzipAll(made.bytes)
            #expect(files.keys.contains { $0.hasSuffix("\(report.number!).txt") }, "the report is in the archive")
            #expect(files.keys.contains { $0.contains("问题底稿_市四巡底〔2024〕第01号.html") })
            #expect(!files.keys.contains { $0.hasSuffix(".pdf") }, "the lead's material stays with the group")
            let reportText = try #require(files.first { $0.key.hasSuffix(".txt") && $0.key.contains("反映材料") }?.value)
            #expect(String(decoding: reportText, as: UTF8.self).contains("李明违规公款吃喝"), "the matter itself goes")
            let secrets = [
                "赵秀英", "13912345678", "139 1234 5678", "139-1234-5678", "一三九一二三四五六七八", "12345678", Self.idNumber, "幸福小区",
                "3栋2单元", "zhaoxy@example.com", "ZhaoXY@example.com", "zhaoxy", "ZhaoXY",
            ]
            for (path, bytes) in files {
                let text = String(decoding: bytes, as: UTF8.self)
                for secret in secrets {
                    #expect(!text.contains(secret), "\(path) holds \(secret)")
                    // CSV and text files are UTF-8; UTF-16 would hide a name from a UTF-8 search.
                    #expect(!bytes.contains(Array(secret.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })), "\(path) holds \(secret) in UTF-16")
                }
            }
            // The lead is handed over and takes no more changes.
            let handedOver = try #require(try await w.store.lead(id: lead.id))
            #expect(handedOver.state == .handedOver)
            let closed = await #expect(throws: DeskError.self) {
                _ = try await w.desks.staff.updateLead(Self.leader, id: lead.id, LeadInput(summary: "新"))
            }
            #expect(closed?.code == "lead_closed")
            // Kept sealed: the download is the same bytes, audited.
            let again = try await w.desks.staff.openHandover(Self.leader, id: made.handover.id)
            #expect(Array(again.bytes) == made.bytes)
            let events = try await w.store.auditEvents(subject: .handover, id: made.handover.id).map(\.action)
            #expect(events == [AuditAction.handoverCreated.rawValue, AuditAction.handoverDownloaded.rawValue])
            #expect(try await w.store.auditEvents(subject: .lead, id: lead.id).last?.action == AuditAction.leadHandedOver.rawValue)
            // The sealed file on disk holds none of it either, nor the archive in the clear.
            let folder = w.installation.folder.path + "/handovers/" + W.inspection.id
            let stored = try FileManager.default.contentsOfDirectory(atPath: folder)
            #expect(stored.count == 1)
            let sealed = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + stored[0]))
            #expect(!sealed.starts(with: [0x50, 0x4B]), "the archive is sealed at rest")
        }
    }

    @Test func aByteChangedInAFileOfTheArchiveIsNamedByTheVerifier() async throws {
        try await Self.withWorld { w in
            let lead = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            _ = try await Self.signedPaper(w, lead)
            let made = try await w.desks.staff.createHandover(Self.leader, recipient: .discipline, aboutPrincipal: false)
            let target = try #require(try Self.unzipAll(made.bytes).keys.first { $0.hasSuffix(".html") })
            let tampered = try Self.rewrite(made.bytes, path: target) { bytes in
                var bytes = bytes
                bytes[bytes.count / 2] ^= 0x01
                return bytes
            }
            #expect(ArchiveVerifier.verify(bytes: tampered) == .failed(.fileMismatch(target)))
        }
    }

    @Test func thePrincipalsLeadsGoOnlyInTheirOwnArchive() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let principal = try await Self.lead(w, "市财政局局长王建国收受下属单位购物卡三万元。")
            let ordinary = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。", at: W.monday.addingTimeInterval(60))
            #expect(principal.aboutPrincipal && !ordinary.aboutPrincipal)
            _ = try await Self.signedPaper(w, principal)
            _ = try await Self.signedPaper(w, ordinary)
            let plain = try await staff.createHandover(Self.leader, recipient: .discipline, aboutPrincipal: false)
            #expect(plain.handover.leadIDs == [ordinary.id] && !plain.handover.aboutPrincipal)
            let plainText = try Self.unzipAll(plain.bytes).values.map { String(decoding: $0, as: UTF8.self) }.joined()
            #expect(plainText.contains(ordinary.number) && !plainText.contains(principal.number) && !plainText.contains("王建国"))
            // The principal's archive is apart, the leader's to make and fetch.
            let refused = await #expect(throws: DeskError.self) {
                _ = try await staff.handoverPlan(Self.member, recipient: .discipline, aboutPrincipal: true)
            }
            #expect(refused?.kind == .forbidden)
            let apart = try await staff.createHandover(Self.leader, recipient: .discipline, aboutPrincipal: true)
            #expect(apart.handover.leadIDs == [principal.id] && apart.handover.aboutPrincipal)
            #expect(apart.handover.number == "市四巡移〔2024〕第02号" && plain.handover.number == "市四巡移〔2024〕第01号")
            let apartText = try Self.unzipAll(apart.bytes).values.map { String(decoding: $0, as: UTF8.self) }.joined()
            #expect(apartText.contains(principal.number) && !apartText.contains(ordinary.number))
            #expect(try await staff.handovers(Self.leader).count == 2)
        }
    }

    @Test func theCommandLineWritesAnArchiveEvenWithNoLeads() async throws {
        try await Self.withWorld { w in
            let made = try await w.desks.staff.createHandover(
                .commandLine("ops"),
                recipient: .organization,
                aboutPrincipal: false,
                inspectionID: W.inspection.id,
                allowEmpty: true
            )
            #expect(made.handover.leadIDs.isEmpty && made.handover.createdBy == "cli:ops")
            let files = try Self.unzipAll(made.bytes)
            let csv = String(decoding: try #require(files["移交清单.csv"]).dropFirst(3), as: UTF8.self)
            #expect(csv == HandoverList.columnsZH.joined(separator: ",") + "\r\n")
            #expect(ArchiveVerifier.verify(bytes: made.bytes) == .ok(fileCount: 3))
        }
    }

    // MARK: Bad input, form by form

    static let pdf = NewAttachment(filename: "谈话记录.pdf", declaredType: "application/pdf", data: Data("%PDF-1.4\n谈话记录\n%%EOF".utf8))

    @Test func everyFormRefusesBadInputAndChangesNothing() async throws {
        try await Self.withWorld { w in
            let staff = w.desks.staff
            let lead = try await Self.lead(w, "反映市财政局副局长李明违规公款吃喝。")
            let long = String(repeating: "长", count: 2001)
            func code(_ body: () async throws -> Void) async -> String? {
                do {
                    try await body()
                    return nil
                } catch let e as DeskError {
                    return e.code
                } catch {
                    return "\(error)"
                }
            }
            // The lead's form.
            let editCases: [(LeadInput, String)] = [
                (LeadInput(subject: Subject(name: "  ")), "missing_subject_name"),
                (LeadInput(subject: Subject(name: String(repeating: "李", count: 51))), "too_long"),
                (LeadInput(subject: Subject(name: "李明", unit: "市财政局\n办公室")), "line_break"),
                (LeadInput(summary: ""), "missing_summary"),
                (LeadInput(summary: long), "too_long"),
                (LeadInput(summary: "公款\u{0007}吃喝"), "control_characters"),
                (LeadInput(kind: "secret"), "invalid_kind"),
            ]
            for (input, expected) in editCases {
                #expect(await code { _ = try await staff.updateLead(Self.member, id: lead.id, input) } == expected)
            }
            #expect(await code { _ = try await staff.updateLead(Self.outsider, id: lead.id, LeadInput(summary: "x")) } == "not_found")
            #expect(await code { _ = try await staff.updateLead(.staff(Self.liaison), id: lead.id, LeadInput(summary: "x")) } == "forbidden")
            #expect(await code { _ = try await staff.updateLead(Self.member, id: "no-such-lead", LeadInput(summary: "x")) } == "not_found")
            #expect(try await w.store.lead(id: lead.id) == lead, "nothing changed")

            // The principal mark.
            #expect(
                await code { try await staff.markAboutPrincipal(Self.leader, id: lead.id, PrincipalInput(aboutPrincipal: nil)) } == "invalid_field"
            )
            #expect(
                await code { try await staff.markAboutPrincipal(Self.deputyCaller, id: lead.id, PrincipalInput(aboutPrincipal: true)) } == "forbidden"
            )
            #expect(
                await code { try await staff.markAboutPrincipal(Self.outsider, id: lead.id, PrincipalInput(aboutPrincipal: true)) } == "not_found"
            )

            // Material.
            let exe = NewAttachment(filename: "a.exe", declaredType: "application/octet-stream", data: Data([0x4D, 0x5A, 0, 0]))
            #expect(await code { try await staff.addMaterials(Self.member, leadID: lead.id, files: [], MaterialNoteInput()) } == "missing_file")
            #expect(
                await code { try await staff.addMaterials(Self.member, leadID: lead.id, files: [exe], MaterialNoteInput()) }
                    == "attachment_executable"
            )
            #expect(
                await code {
                    try await staff.addMaterials(
                        Self.member,
                        leadID: lead.id,
                        files: [Self.pdf],
                        MaterialNoteInput(note: String(repeating: "记", count: 201))
                    )
                } == "too_long"
            )
            #expect(
                await code { try await staff.addMaterials(Self.member, leadID: lead.id, files: [Self.pdf], MaterialNoteInput(note: "笔录\u{0001}")) }
                    == "control_characters"
            )
            #expect(
                await code { try await staff.addMaterials(Self.outsider, leadID: lead.id, files: [Self.pdf], MaterialNoteInput()) } == "not_found"
            )
            #expect(try await w.store.leadMaterials(leadID: lead.id).isEmpty)
            let leadFolder = w.installation.folder.path + "/leads/\(lead.id)"
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: leadFolder)) ?? []).isEmpty, "refused files leave nothing on disk")
            // A good file is kept sealed and its download audited.
            let saved = try await staff.addMaterials(Self.member, leadID: lead.id, files: [Self.pdf], MaterialNoteInput(note: "谈话记录"))
            let opened = try await staff.openMaterial(Self.deputyCaller, leadID: lead.id, ordinal: saved[0].ordinal)
            #expect(opened.data == Self.pdf.data && opened.info.note == "谈话记录")
            #expect(try await w.store.auditEvents(subject: .lead, id: lead.id).last?.action == AuditAction.leadMaterialViewed.rawValue)
            #expect(await code { _ = try await staff.openMaterial(Self.outsider, leadID: lead.id, ordinal: 0) } == "not_found")

            // The paper's form.
            func with(_ change: (inout PaperInput) -> Void) -> PaperInput {
                var input = Self.content
                change(&input)
                return input
            }
            let paperCases: [(PaperInput, String)] = [
                (with { $0.title = " " }, "missing_title"),
                (with { $0.summary = "" }, "missing_summary"),
                (with { $0.title = String(repeating: "题", count: 101) }, "too_long"),
                (with { $0.summary = String(repeating: "事", count: 5001) }, "too_long"),
                (with { $0.howFound = "谈话\u{0000}" }, "control_characters"),
                (with { $0.title = "标题\n第二行" }, "line_break"),
                (with { $0.date = "2024年3月" }, "invalid_date"),
                (with { $0.materials = Array(repeating: "凭证", count: 101) }, "too_many_materials"),
            ]
            for (input, expected) in paperCases {
                #expect(await code { _ = try await staff.draftPaper(Self.member, leadID: lead.id, input) } == expected)
            }
            #expect(await code { _ = try await staff.draftPaper(Self.outsider, leadID: lead.id, Self.content) } == "not_found")
            #expect(await code { _ = try await staff.draftPaper(.staff(Self.liaison), leadID: lead.id, Self.content) } == "forbidden")
            #expect(try await w.store.papers(inspectionID: W.inspection.id).isEmpty)

            // A step's comment.
            let paper = try await staff.draftPaper(Self.member, leadID: lead.id, Self.content)
            _ = try await staff.submitPaper(Self.member, paperID: paper.id, PaperStepInput())
            #expect(await code { _ = try await staff.returnPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput()) } == "comment_required")
            #expect(
                await code {
                    _ = try await staff.returnPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput(comment: String(repeating: "意", count: 501)))
                }
                    == "too_long"
            )
            #expect(
                await code { _ = try await staff.reviewPaper(Self.deputyCaller, paperID: paper.id, PaperStepInput(comment: "同意\u{001B}")) }
                    == "control_characters"
            )
            #expect(
                await code { _ = try await staff.returnPaper(Self.member, paperID: paper.id, PaperStepInput(comment: "自己退回")) } == "paper_wrong_role"
            )
            #expect(await code { _ = try await staff.reviewPaper(Self.outsider, paperID: paper.id, PaperStepInput()) } == "not_found")
            #expect(await code { _ = try await staff.signPaper(Self.member, paperID: "no-such-paper", PaperStepInput()) } == "not_found")
            #expect(try await w.store.paper(id: paper.id)?.state == .submitted, "nothing moved")
        }
    }

    // MARK: Archives, read back

    /// Every file of an archive, and of the zips inside it (the XLSX), by path.
    static func unzipAll(_ bytes: [UInt8], prefix: String = "") throws -> [String: [UInt8]] {
        let archive = try Archive(data: Data(bytes), accessMode: .read, pathEncoding: nil)
        var files: [String: [UInt8]] = [:]
        for entry in archive where entry.type == .file {
            var data: [UInt8] = []
            _ = try archive.extract(entry) { data.append(contentsOf: $0) }
            files[prefix + entry.path] = data
            if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                files.merge(try unzipAll(data, prefix: prefix + entry.path + "!/")) { a, _ in a }
            }
        }
        return files
    }

    /// The archive with one file's bytes replaced, written back as a proper zip entry (its CRC
    /// right), so only the manifest can tell.
    static func rewrite(_ bytes: [UInt8], path: String, _ change: ([UInt8]) -> [UInt8]) throws -> [UInt8] {
        let archive = try Archive(data: Data(bytes), accessMode: .update, pathEncoding: nil)
        guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
        var old: [UInt8] = []
        _ = try archive.extract(entry) { old.append(contentsOf: $0) }
        let new = Data(change(old))
        try archive.remove(entry)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(new.count), compressionMethod: .deflate) { position, size in
            new.subdata(in: Int(position)..<Int(position) + size)
        }
        return Array(try #require(archive.data))
    }
}
