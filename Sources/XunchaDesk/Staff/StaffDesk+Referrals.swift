import Foundation
import XunchaCore
import XunchaStore

/// Referrals (转办) after the decision: the member reviews the drafted text with every mask the
/// redactor made, may correct the text and the recipient, and sends it with a due date for the
/// feedback; the feedback is recorded by staff or by the recipient's liaison account. A liaison
/// sees only the sent referrals of its own inspection whose recipient is exactly its own, and
/// nothing else: every other referral is "not found" to it (docs/workflow.md, Referrals).
extension StaffDesk {
    /// One line of the referral list: the referral, its report's register number (staff only)
    /// and the clock running on it.
    public struct ReferralRow: Sendable {
        public var referral: Referral
        public var reportNumber: String?
        public var clock: Clock?
    }

    public struct ReferralList: Sendable {
        public var inspection: Inspection?
        public var rows: [ReferralRow]
        /// Listed for a recipient's liaison: its own sent referrals only.
        public var forLiaison: Bool
    }

    /// Everything a referral's page and the API show of one referral, read once.
    public struct ReferralFile: Sendable {
        public var referral: Referral
        public var inspection: Inspection?
        /// Staff only: the report it refers and what the redactor masked.
        public var report: Report?
        public var draft: ReferralDraft?
        /// Whether staff changed the drafted text.
        public var edited: Bool
        public var clock: Clock?
        /// Staff only: the referral's audit trail.
        public var trail: [AuditEvent]
        public var staffNames: [String: String]
        public var forLiaison: Bool
        public var mayEdit: Bool
        public var mayRecordFeedback: Bool

        public func name(of actor: String) -> String {
            staffNames[actor] ?? AuditActor(stored: actor)?.chineseName ?? actor
        }
    }

    /// The referrals the caller may see: their inspection's, or for a liaison its own sent ones.
    public func referrals(_ caller: Caller) async throws -> [Referral] {
        try await referralList(caller).rows.map(\.referral)
    }

    public func referralList(_ caller: Caller) async throws -> ReferralList {
        guard case .staff(let user) = caller, let inspectionID = user.inspectionID else { throw DeskError.forbidden }
        let liaison = user.role == .liaison
        try authorize(caller, liaison ? .recordFeedback : .readReports, inspectionID: inspectionID)
        let inspection = try await store.inspection(id: inspectionID)
        var rows: [ReferralRow] = []
        let hidden = try await keptAway(caller)
        for referral in try await store.referrals(inspectionID: inspectionID)
        where liaison ? Self.liaison(user, sees: referral) : !hidden.contains(referral.reportID) {
            rows.append(
                ReferralRow(
                    referral: referral,
                    reportNumber: liaison ? nil : try await store.report(id: referral.reportID)?.number,
                    clock: inspection.flatMap { clock(of: referral, inspection: $0) }
                )
            )
        }
        return ReferralList(inspection: inspection, rows: rows, forLiaison: liaison)
    }

    public func referral(_ caller: Caller, id: String) async throws -> ReferralFile {
        let (referral, liaison) = try await visibleReferral(caller, id: id)
        let inspection = try await store.inspection(id: referral.inspectionID)
        let draft = liaison ? nil : try await store.referralDraft(id: id)
        return ReferralFile(
            referral: referral,
            inspection: inspection,
            report: liaison ? nil : try await store.report(id: referral.reportID),
            draft: draft,
            edited: draft.map { $0.drafted != referral.content } ?? false,
            clock: inspection.flatMap { clock(of: referral, inspection: $0) },
            trail: liaison ? [] : try await store.auditEvents(subject: .referral, id: id),
            staffNames: liaison ? [:] : try await staffNames(),
            forLiaison: liaison,
            mayEdit: !liaison && referral.state == .draft && caller.may(.sendReferral, inspectionID: referral.inspectionID),
            mayRecordFeedback: referral.state == .sent && caller.may(.recordFeedback, inspectionID: referral.inspectionID)
        )
    }

    /// Staff correct a draft's text and recipient. The text is checked again: a value of the
    /// reporter's identity, or any phone number, ID number or e-mail address, is refused.
    public func editReferral(_ caller: Caller, id: String, _ input: ReferralEditInput) async throws -> Referral {
        let (referral, text, recipient) = try await checkedDraft(caller, id: id, content: input.content, recipient: input.recipient)
        try await referralStateChecked {
            try await store.editReferral(id: id, content: text, recipient: recipient, actor: caller.auditActor, at: services.now())
        }
        return try await store.referral(id: referral.id) ?? referral
    }

    /// Staff send a draft, with its text and recipient as given (or as they stand), and the due
    /// date of the feedback: the one given, or the inspection's working days from today.
    public func sendReferral(_ caller: Caller, id: String, _ input: ReferralSendInput) async throws -> Referral {
        let (referral, text, recipient) = try await checkedDraft(caller, id: id, content: input.content, recipient: input.recipient)
        guard let inspection = try await store.inspection(id: referral.inspectionID) else { throw DeskError.notFound }
        let now = services.now()
        let due = try checking { () throws(InputError) in
            try Referral.feedbackDue(
                given: try Referral.parsedDue(input.feedbackDue),
                sentOn: CivilDate(beijingDayOf: now),
                workdays: inspection.effectiveLimits.referralFeedbackWorkdays,
                calendar: services.calendar
            )
        }
        try await referralStateChecked {
            try await store.sendReferral(id: id, content: text, recipient: recipient, feedbackDue: due, actor: caller.auditActor, at: now)
        }
        return try await store.referral(id: referral.id) ?? referral
    }

    /// The recipient's feedback, entered by staff or by the recipient's own liaison.
    public func recordFeedback(_ caller: Caller, id: String, _ input: ReferralFeedbackInput) async throws -> Referral {
        let (referral, liaison) = try await visibleReferral(caller, id: id)
        if !liaison { try authorize(caller, .recordFeedback, inspectionID: referral.inspectionID) }
        switch referral.state {
        case .sent: break
        case .draft:
            throw DeskError(.conflict, code: "referral_not_sent", zh: "转办件尚未发出，不能登记反馈。", en: "the referral has not been sent.")
        case .answered:
            throw DeskError(.conflict, code: "feedback_recorded", zh: "该转办件已登记反馈。", en: "the referral's feedback is already recorded.")
        case .cancelled:
            throw Self.referralCancelled
        }
        let feedback = try checking { () throws(InputError) in
            try ReferralFeedback.validated(finding: input.finding, closure: input.closure, text: input.content)
        }
        try await referralStateChecked {
            try await store.recordReferralFeedback(id: id, feedback, actor: caller.auditActor, at: services.now())
        }
        return try await store.referral(id: referral.id) ?? referral
    }

    // MARK: - Access and checks

    /// The referral, when the caller may see it, and whether the caller sees it as a liaison.
    /// A referral they may not see is "not found", so nobody learns what exists elsewhere.
    func visibleReferral(_ caller: Caller, id: String) async throws -> (Referral, liaison: Bool) {
        if case .staff(let user) = caller {
            try DeskError.unlessReady(caller)
            if user.role == .liaison {
                guard caller.mayAnywhere(.recordFeedback) else { throw DeskError.forbidden }
                guard let referral = try await store.referral(id: id), Self.liaison(user, sees: referral) else { throw DeskError.notFound }
                return (referral, true)
            }
        }
        guard caller.mayAnywhere(.readReports) else { throw DeskError.forbidden }
        guard let referral = try await store.referral(id: id), caller.may(.readReports, inspectionID: referral.inspectionID),
            try await !keptAway(caller).contains(referral.reportID)
        else { throw DeskError.notFound }
        return (referral, false)
    }

    /// A liaison sees the referrals of its own inspection sent to exactly its own recipient.
    static func liaison(_ user: StaffUser, sees referral: Referral) -> Bool {
        guard user.role == .liaison, let recipient = user.recipient, !recipient.isEmpty,
            user.may(.recordFeedback, inspectionID: referral.inspectionID)
        else { return false }
        return referral.recipient == recipient && (referral.state == .sent || referral.state == .answered)
    }

    /// A draft the caller may change, with the text and recipient to store: as given (checked),
    /// else as they stand; the text refused while it holds what identifies the reporter.
    private func checkedDraft(_ caller: Caller, id: String, content: String?, recipient: String?) async throws -> (Referral, String, String) {
        let (referral, _) = try await visibleReferral(caller, id: id)
        try authorize(caller, .sendReferral, inspectionID: referral.inspectionID)
        switch referral.state {
        case .draft: break
        case .sent, .answered:
            throw DeskError(.conflict, code: "referral_sent", zh: "转办件已发出，不能再修改或发出。", en: "the referral was sent already.")
        case .cancelled:
            throw Self.referralCancelled
        }
        // The text sent back as it was (a form turns its line breaks into CR LF) is no change.
        let given = content.flatMap { Referral.lines($0) == Referral.lines(referral.content) ? nil : $0 }
        let text = try checking { () throws(InputError) in try given.map(Referral.checkedContent) ?? referral.content }
        let to = try checking { () throws(InputError) in try recipient.map(Referral.checkedRecipient) ?? referral.recipient }
        let leaks = try await leaks(in: text, of: referral)
        if !leaks.isEmpty {
            throw DeskError(
                .invalid,
                code: "identity_in_referral",
                zh: ReferralLeak.messageZH(leaks),
                en: "the text still holds " + Set(leaks.map(\.kind.rawValue)).sorted().joined(separator: ", ") + "; remove it first.",
                field: "content"
            )
        }
        return (referral, text, to)
    }

    /// What of the reporter `text` still holds. The sealed identity (and a caller's number) is
    /// opened by the system for the check, audited on the report, and never shown to the caller.
    func leaks(in text: String, of referral: Referral) async throws -> [ReferralLeak] {
        let reportID = referral.reportID
        let sealed = try await store.sealedIdentity(reportID: reportID, viewedBy: .system, at: services.now())
        let sealer = services.sealer
        let identity = try sealed.identity.map { try sealer.openValue(ReporterIdentity.self, $0, .identity(reportID: reportID)) }
        let fields = try sealed.channelFields.map { try sealer.openValue(SealedChannelFields.self, $0, .channelFields(reportID: reportID)) }
        let report = try await store.report(id: reportID)
        let screening = try await store.screening(reportID: reportID)?.record
        let subjects = (report?.subjects.map(\.name) ?? []) + (screening?.subjects.compactMap(\.name) ?? [])
        return ReferralRedactor().leaks(
            in: text,
            identity: identity ?? ReporterIdentity(),
            subjects: subjects,
            extraPhones: [fields?.callerNumber ?? ""].filter { !$0.isEmpty }
        )
    }

    /// The draft of a referral: the texts (a report's content and additions) masked together, their
    /// masks moved to offsets in the texts joined as `Report.screeningText`.
    static func referralDraft(_ texts: [String], identity: ReporterIdentity, subjects: [String]) -> ReferralDraft {
        let redactions = ReferralRedactor().redact(texts, identity: identity, subjects: subjects)
        var masks: [ReferralRedaction.Mask] = []
        var offset = 0
        for (text, redaction) in zip(texts, redactions) {
            for var mask in redaction.masks {
                mask.original = (mask.original.lowerBound + offset)..<(mask.original.upperBound + offset)
                masks.append(mask)
            }
            offset += text.unicodeScalars.count + Report.additionSeparator.unicodeScalars.count
        }
        return ReferralDraft(original: texts.joined(separator: Report.additionSeparator), masks: masks)
    }

    static let referralCancelled = DeskError(
        .conflict,
        code: "referral_cancelled",
        zh: "转办件已随处理决定的重新打开而撤销。",
        en: "the referral was cancelled when its decision was reopened."
    )

    /// A change the store refused because someone acted first, as a conflict the caller reads.
    private func referralStateChecked(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch StoreError.stateChanged {
            throw DeskError(.conflict, code: "changed_meanwhile", zh: "该转办件刚刚有了变化，请刷新后再看。", en: "the referral changed meanwhile; reload it.")
        }
    }
}
