import Foundation
import XunchaCore
import XunchaDesk
import XunchaStore

/// The leads list: the inspection's leads the account may see, each with its number, person,
/// reports, kind, state and paper.
struct LeadsPage {
    struct Row {
        var href: String
        var number: String
        var person: String
        var reports: Int
        var kind: String
        var state: String
        var open: Bool
        var principal: Bool
        var paper: String
        var paperSigned: Bool
    }

    var me: StaffFrame.Me?
    var csrf: String
    var rows: [Row]
    var hasRows: Bool

    init(_ rows: [StaffDesk.LeadRow], context: StaffRequestContext) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.rows = rows.map { r in
            Row(
                href: "/staff/leads/\(r.lead.id)",
                number: r.lead.number,
                person: HandoverPerson(name: r.lead.subject.name, unit: r.lead.subject.unit, post: r.lead.subject.post).chinese,
                reports: r.lead.reportIDs.count,
                kind: LeadKind(rawValue: r.lead.kind)?.chineseName ?? r.lead.kind,
                state: r.lead.state.chineseName,
                open: r.lead.state == .open,
                principal: r.lead.aboutPrincipal,
                paper: r.paper.map { "\($0.number) \($0.state.chineseName)" } ?? "未起草",
                paperSigned: r.paper?.isSigned ?? false
            )
        }
        hasRows = !self.rows.isEmpty
    }
}

/// A choice in a select.
struct Choice {
    var code: String
    var name: String
    var selected: Bool
}

/// A working paper's form: what its drafter writes, with a few empty material slots to add to.
struct PaperForm {
    struct Slot {
        var index: Int
        var value: String
    }

    var title: String
    var date: String
    var unit: String
    var source: String
    var summary: String
    var howFound: String
    var materials: [Slot]

    init(title: String, date: String, unit: String, source: String, summary: String, howFound: String, materials: [String]) {
        self.title = title
        self.date = date
        self.unit = unit
        self.source = source
        self.summary = summary
        self.howFound = howFound
        let kept = Array(materials.prefix(WorkingPaper.maxMaterials))
        let slots = min(WorkingPaper.maxMaterials, max(5, kept.count + 3))
        self.materials = (0..<slots).map { Slot(index: $0, value: $0 < kept.count ? kept[$0] : "") }
    }

    init(_ paper: WorkingPaper) {
        self.init(
            title: paper.title,
            date: paper.date.iso,
            unit: paper.unit,
            source: paper.source,
            summary: paper.summary,
            howFound: paper.howFound,
            materials: paper.materials
        )
    }

    /// A new paper's form, filled from the lead: its person, its reports' numbers, its summary.
    init(new file: StaffDesk.LeadFile, today: CivilDate) {
        let lead = file.lead
        let numbers = file.reports.compactMap(\.number)
        self.init(
            title: "关于\(lead.subject.name)有关问题",
            date: today.iso,
            unit: lead.subject.unit.isEmpty ? (file.inspection.units.first ?? "") : lead.subject.unit,
            source: numbers.isEmpty ? "" : "信访举报（\(numbers.joined(separator: "、"))）",
            summary: lead.summary,
            howFound: "受理信访举报",
            materials: numbers.map { "信访举报材料（\($0)）" }
        )
    }

    /// The form as it was sent, when it comes back refused.
    init(_ input: PaperInput) {
        self.init(
            title: input.title,
            date: input.date ?? "",
            unit: input.unit,
            source: input.source,
            summary: input.summary,
            howFound: input.howFound,
            materials: input.materials
        )
    }
}

/// A lead's page: the lead and the form to correct it, the principal mark, its reports, its
/// material with the upload form, its working paper with the step forms the account may use, and
/// the trail.
struct LeadPage {
    struct ReportLine {
        var number: String
        var href: String
        var receivedAt: String
        var status: String
        var snippet: String
    }

    struct MaterialLine {
        var filename: String
        var note: String
        var mediaType: String
        var size: String
        var sha256: String
        var href: String
        var added: String
    }

    struct PaperView {
        var id: String
        var number: String
        var state: String
        var stateCode: String
        var signed: Bool
        var printHref: String
        var sheet: PaperSheet
        var mayEdit: Bool
        var maySubmit: Bool
        var mayReview: Bool
        var mayReturn: Bool
        var maySign: Bool
        var mayStep: Bool
        var editAction: String
        var submitAction: String
        var reviewAction: String
        var returnAction: String
        var signAction: String
        var returnedWhy: String?
    }

    struct TrailLine {
        var at: String
        var actor: String
        var action: String
        var hash: String
    }

    var me: StaffFrame.Me?
    var csrf: String
    var notice: String?
    var id: String
    var number: String
    var state: String
    var open: Bool
    var person: String
    var subject: Subject
    var summary: String
    var kind: String
    var kinds: [Choice]
    var proposedKind: String
    var aboutPrincipal: Bool
    var rosterSaysPrincipal: Bool
    var mayWork: Bool
    var mayMarkPrincipal: Bool
    var editAction: String
    var principalAction: String
    var materialAction: String
    var draftAction: String
    var reports: [ReportLine]
    var reportCount: Int
    var materials: [MaterialLine]
    var hasMaterials: Bool
    var paper: PaperView?
    var mayDraft: Bool
    /// The paper's form: for a new paper, or for editing one with its drafter.
    var paperForm: PaperForm?
    var trail: [TrailLine]
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var leadError: String? { didSet { errors = .beside(leadError, "lead-error") } }
    var principalError: String? { didSet { errors = .beside(principalError, "principal-error") } }
    var materialError: String? { didSet { errors = .beside(materialError, "material-error") } }
    var paperError: String? { didSet { errors = .beside(paperError, "paper-error") } }
    var stepError: String? { didSet { errors = .beside(stepError, "step-error") } }
    var note: String?
    var showOutcome: Bool
    var outcome: OutcomeView?
    var mayRecordOutcome: Bool
    var outcomeAction: String
    var dispositions: [Choice]
    var outcomeForm: OutcomeForm
    var outcomeError: String? { didSet { errors = .beside(outcomeError, "outcome-error") } }

    struct OutcomeView {
        var disposition: String
        var result: String
        var reportedOn: String
        var recorded: String
    }

    struct OutcomeForm {
        var result = ""
        var reportedOn = ""
        var closeOut = false
    }

    init(_ file: StaffDesk.LeadFile, context: StaffRequestContext, today: CivilDate) {
        let lead = file.lead
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        id = lead.id
        number = lead.number
        state = lead.state.chineseName
        open = lead.state == .open
        person = HandoverPerson(name: lead.subject.name, unit: lead.subject.unit, post: lead.subject.post).chinese
        subject = lead.subject
        summary = lead.summary
        kind = LeadKind(rawValue: lead.kind)?.chineseName ?? lead.kind
        kinds = LeadKind.allCases.map {
            Choice(
                code: $0.rawValue,
                name: $0.chineseName + ($0.recipient.map { "（移交\($0.chineseName)）" } ?? "（通知被巡察单位）"),
                selected: $0.rawValue == lead.kind
            )
        }
        proposedKind = file.proposedKind.chineseName
        aboutPrincipal = lead.aboutPrincipal
        rosterSaysPrincipal = file.rosterSaysPrincipal
        mayWork = file.mayWork
        mayMarkPrincipal = file.mayMarkPrincipal
        editAction = "/staff/leads/\(lead.id)"
        principalAction = "/staff/leads/\(lead.id)/principal"
        materialAction = "/staff/leads/\(lead.id)/materials"
        draftAction = "/staff/leads/\(lead.id)/paper"
        reports = file.reports.map {
            ReportLine(
                number: $0.number ?? "（未编号）",
                href: "/staff/reports/\($0.id)",
                receivedAt: View.time($0.receivedAt),
                status: $0.status.displayName,
                snippet: $0.snippet
            )
        }
        reportCount = file.reports.count
        materials = file.materials.map {
            MaterialLine(
                filename: $0.filename,
                note: $0.note,
                mediaType: $0.mediaType,
                size: AttachmentPolicy.megabytesOrKB($0.size),
                sha256: String($0.sha256.prefix(16)),
                href: "/staff/leads/\(lead.id)/materials/\($0.ordinal)",
                added: "\(View.time($0.addedAt)) · \(file.name(of: $0.addedBy))"
            )
        }
        hasMaterials = !materials.isEmpty
        mayDraft = file.moves.draft
        if let p = file.paper {
            let m = file.moves
            paper = PaperView(
                id: p.id,
                number: p.number,
                state: p.state.chineseName,
                stateCode: p.state.rawValue,
                signed: p.isSigned,
                printHref: "/staff/papers/\(p.id)/print",
                sheet: PaperSheet(paper: p, lead: lead, inspection: file.inspection, names: file.staffNames),
                mayEdit: m.edit,
                maySubmit: m.submit,
                mayReview: m.review,
                mayReturn: m.returnForChanges,
                maySign: m.sign,
                mayStep: m.submit || m.review || m.returnForChanges || m.sign,
                editAction: "/staff/papers/\(p.id)",
                submitAction: "/staff/papers/\(p.id)/submit",
                reviewAction: "/staff/papers/\(p.id)/review",
                returnAction: "/staff/papers/\(p.id)/return",
                signAction: "/staff/papers/\(p.id)/sign",
                returnedWhy: p.state == .returned ? p.latestStep(.returned)?.comment : nil
            )
            paperForm = m.edit ? PaperForm(p) : nil
        } else {
            paperForm = file.moves.draft ? PaperForm(new: file, today: today) : nil
        }
        outcome = lead.outcome.map {
            OutcomeView(
                disposition: $0.disposition.chineseName,
                result: $0.result,
                reportedOn: View.day($0.reportedOn),
                recorded: "\(View.time($0.recordedAt)) · \(file.name(of: $0.recordedBy))"
            )
        }
        mayRecordOutcome = file.mayRecordOutcome
        showOutcome = outcome != nil || mayRecordOutcome
        outcomeAction = "/staff/leads/\(lead.id)/outcome"
        dispositions = LeadOutcome.Disposition.allCases.map {
            Choice(code: $0.rawValue, name: $0.chineseName, selected: $0 == lead.outcome?.disposition)
        }
        outcomeForm = OutcomeForm(result: lead.outcome?.result ?? "", reportedOn: (lead.outcome?.reportedOn ?? today).iso)
        trail = file.trail.map {
            TrailLine(
                at: View.time($0.at),
                actor: file.name(of: $0.actor),
                action: $0.knownAction?.chineseName ?? $0.action,
                hash: String($0.hash.prefix(12))
            )
        }
    }
}

/// The print view of a working paper: the sheet alone, on A4.
struct PaperPrintPage {
    var sheet: PaperSheet
    var longFields: [PaperSheet.Field]
    var shortFields: [PaperSheet.Field]
    var hasMaterials: Bool
    var backHref: String

    init(_ sheet: PaperSheet, leadID: String) {
        self.sheet = sheet
        longFields = sheet.fields.filter(\.long)
        shortFields = sheet.fields.filter { !$0.long }
        hasMaterials = !sheet.materials.isEmpty
        backHref = "/staff/leads/\(leadID)#paper"
    }
}

/// The handover page: for each recipient the leads that would go and whether the list can be
/// made (the reason when not), the form to make the archive, and the archives made so far.
struct HandoverPage {
    struct LeadLine {
        var number: String
        var href: String
        var person: String
        var paper: String
        var signed: Bool
    }

    struct Plan {
        var recipient: String
        var recipientCode: String
        var principal: Bool
        var title: String
        var leads: [LeadLine]
        var hasLeads: Bool
        var refusal: String?
        var ready: Bool
        var action: String
    }

    struct Archive {
        var number: String
        var recipient: String
        var principal: Bool
        var leads: String
        var fileCount: Int
        var size: String
        var sha256: String
        var createdAt: String
        var createdBy: String
        var href: String
    }

    var me: StaffFrame.Me?
    var csrf: String
    var notice: String?
    /// The summary at the top of the page of what was refused below.
    var errors = FormErrors()
    var error: String? { didSet { errors = .beside(error, "handover-error") } }
    var plans: [Plan]
    var archives: [Archive]
    var hasArchives: Bool

    init(_ overview: StaffDesk.HandoverOverview, context: StaffRequestContext, notice: String?) {
        me = StaffFrame.Me(context.user)
        csrf = context.session.csrfToken
        self.notice = notice
        func name(_ actor: String) -> String { overview.staffNames[actor] ?? AuditActor(stored: actor)?.chineseName ?? actor }
        plans = overview.plans.map { plan in
            Plan(
                recipient: plan.recipient.chineseName,
                recipientCode: plan.recipient.rawValue,
                principal: plan.aboutPrincipal,
                title: plan.title,
                leads: plan.leads.map { lead in
                    let paper = plan.papers[lead.id]
                    return LeadLine(
                        number: lead.number,
                        href: "/staff/leads/\(lead.id)",
                        person: HandoverPerson(name: lead.subject.name, unit: lead.subject.unit, post: lead.subject.post).chinese,
                        paper: paper.map { "\($0.number) \($0.state.chineseName)" } ?? "未起草底稿",
                        signed: paper?.isSigned ?? false
                    )
                },
                hasLeads: !plan.leads.isEmpty,
                refusal: plan.leads.isEmpty ? nil : plan.refusal?.messageZH,
                ready: plan.refusal == nil,
                action: "/staff/handover/\(plan.recipient.rawValue)"
            )
        }
        archives = overview.archives.reversed().map { h in
            Archive(
                number: h.number,
                recipient: h.recipient.chineseName,
                principal: h.aboutPrincipal,
                leads: h.leadIDs.compactMap { overview.leadNumbers[$0] }.joined(separator: "、"),
                fileCount: h.fileCount,
                size: AttachmentPolicy.megabytesOrKB(h.size),
                sha256: h.sha256,
                createdAt: View.time(h.createdAt),
                createdBy: name(h.createdBy),
                href: "/staff/handover/archives/\(h.id)"
            )
        }
        hasArchives = !archives.isEmpty
    }
}
