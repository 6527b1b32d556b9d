import Foundation
import Synchronization
import XunchaCore
import XunchaIntake
import XunchaStore

/// The whole demo (`serve --demo`): the seed inspection of 市委老干部局 played from the day the
/// installation was set up (27 February 2023) to the day after reception closed, through the
/// desks, as the accounts that would have done each thing, on a clock that moves from one step to
/// the next. Every report, decision, paper, referral and ledger entry so carries its moment of
/// 2023 and its audit event, in order, and nothing is written around the desks' checks: the
/// reporter is masked out of each referral by the desk that drafts it. The people and events are
/// invented. What arrives is `DemoStory.reports`, what the group did with it `DemoStory.work`.
enum DemoStory {
    /// Who does something in the story: the demo's accounts, by username.
    enum Actor: String, Sendable, CaseIterable {
        case admin
        case leader = "zuzhang"
        case deputy = "fuzuzhang"
        case member = "zuyuan"
        case liaison = "lianluo"
    }

    /// The accounts of the inspection, in the order they are made (and printed).
    static let staff: [(actor: Actor, name: String, role: StaffRole, recipient: String?)] = [
        (.leader, "示例组长", .leader, nil),
        (.deputy, "示例副组长", .deputy, nil),
        (.member, "示例组员", .member, nil),
        (.liaison, "示例联络员", .liaison, "市委老干部局"),
    ]

    /// The unit's leadership and the principals of its subordinate units, as the admin imports them
    /// before the inspection starts, so that screening finds the people reports name.
    static let roster = """
        序号,姓名,单位,职务,角色
        1,欧阳明辉,市委老干部局,党组书记、局长,
        2,谭志刚,市委老干部局,党组成员、副局长,
        3,曾丽君,市委老干部局,党组成员、副局长,
        4,罗小平,市委老干部局,办公室主任,
        5,肖红英,市委老干部局,财务科科长,
        6,邓国华,市委老干部局,老干部活动中心主任,下一级党组织主要负责人
        7,孙美玲,市委老干部局,市老年大学校长,
        8,黄德胜,市委老干部局,老干部休养所所长,

        """

    /// Plays the story into an installation without inspections; returns the accounts it made,
    /// with their one-time passwords (the admin's too, when there was none).
    static func play(_ services: DeskServices) async throws -> [FirstRun.Account] {
        let clock = StoryClock(DemoData.at(2, 27, 9, 0))
        return try await Stage(desks: services.onClock { clock.now }, clock: clock).play()
    }

    /// Everything after the setup, in the order it happened: each report when it was taken down,
    /// and the work on it.
    static func events() -> [Event] {
        (reports.map { Event(at: $0.registeredAt, act: .arrive($0)) } + work).enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
    }

    /// A moment of 2023 in Beijing.
    static func at(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Date { DemoData.at(month, day, hour, minute) }
}

/// The story's clock: set forward before each step, read by every desk.
final class StoryClock: Sendable {
    private let moment: Mutex<Date>

    init(_ start: Date) { moment = Mutex(start) }

    var now: Date { moment.withLock { $0 } }

    func set(_ date: Date) { moment.withLock { $0 = max($0, date) } }
}

extension DemoStory {
    /// One report as it reaches the group, by the way it came.
    struct Report: Sendable {
        enum Way: Sendable {
            case web
            /// An e-mail from `from`, with its subject line; the body is the content.
            case mail(from: String, subject: String)
            case phone(number: String, seconds: Int)
            case letter(postmark: CivilDate, sender: String)
            case visit
        }

        var key: String
        /// When it was received: the web form's moment, a mail's Date, the call's start, the day's
        /// post opened, the visitor's arrival.
        var at: Date
        var way: Way
        var content: String
        var subjects: [Subject] = []
        var reporter = ReporterIdentity()
        /// Who took a call, letter or visit down.
        var takenBy: Actor = .member

        /// When it was in Xuncha: a call, letter or visit is taken down once it is over or read.
        var registeredAt: Date {
            switch way {
            case .web: at
            case .mail: at.addingTimeInterval(120)
            case .phone(_, let seconds): at.addingTimeInterval(TimeInterval(seconds + 300))
            case .letter: at.addingTimeInterval(1_200)
            case .visit: at.addingTimeInterval(2_400)
            }
        }
    }

    /// A decision as its maker writes it; a repeat names the earlier report by its key.
    struct Decide: Sendable {
        var outcome: SuggestionKind
        var reason: String
        var recipient: String?
        var duplicateOf: String?
        var person: Subject?
        /// An acceptance joining the lead an earlier report (by its key) is in.
        var joining: String?

        static func accept(_ person: Subject, _ reason: String) -> Decide { Decide(outcome: .accept, reason: reason, person: person) }
        static func join(leadOf key: String, _ reason: String) -> Decide { Decide(outcome: .accept, reason: reason, joining: key) }
        static func refer(_ recipient: String, _ reason: String) -> Decide { Decide(outcome: .refer, reason: reason, recipient: recipient) }
        static func file(_ reason: String) -> Decide { Decide(outcome: .file, reason: reason) }
        static func duplicate(of key: String, _ reason: String) -> Decide { Decide(outcome: .duplicate, reason: reason, duplicateOf: key) }
        static func reject(_ reason: String) -> Decide { Decide(outcome: .reject, reason: reason) }
    }

    /// A working paper as its drafter writes it; its source names the lead's reports by number.
    struct Paper: Sendable {
        var title: String
        var summary: String
        var howFound: String
        var materials: [String]
    }

    enum Act: Sendable {
        case arrive(Report)
        case assign(String, to: Actor)
        case note(String, by: Actor, String)
        case decide(String, by: Actor, Decide)
        case approve(String, remark: String)
        case returnProposal(String, reason: String)
        /// The lead the report is in: its kind as staff decide it.
        case leadKind(String, by: Actor, LeadKind)
        case draftPaper(String, by: Actor, Paper)
        case editPaper(String, by: Actor, Paper)
        case submitPaper(String, by: Actor)
        case reviewPaper(String, by: Actor, comment: String)
        case returnPaper(String, by: Actor, reason: String)
        case signPaper(String, by: Actor, comment: String)
        case sendReferral(String, by: Actor)
        case feedback(String, by: Actor, ReferralFinding, ReferralClosure, String)
        /// A rectification item, known to the story by its own key.
        case rectify(String, by: Actor, RectificationInput)
        case updateRectification(String, by: Actor, RectificationInput)
    }

    struct Event: Sendable {
        var at: Date
        var act: Act
    }

    /// Plays the story on one copy of the desks whose clock it moves.
    final class Stage {
        let desks: DeskServices
        let clock: StoryClock
        let inspection = DemoData.inspection
        private var users: [Actor: StaffUser] = [:]
        private var reportIDs: [String: String] = [:]
        private var rectificationIDs: [String: String] = [:]

        init(desks: DeskServices, clock: StoryClock) {
            self.desks = desks
            self.clock = clock
        }

        func play() async throws -> [FirstRun.Account] {
            var accounts: [FirstRun.Account] = []
            if let existing = try await desks.store.users().first(where: { $0.role == .admin }) {
                users[.admin] = existing
            } else {
                let made = try await FirstRun.createAccount(desks, by: .system, username: "admin", name: "系统管理员", role: .admin, inspectionID: nil)
                users[.admin] = made.user
                accounts.append(made.account)
            }
            clock.set(at(2, 27, 9, 10))
            try await desks.admin.createInspection(try caller(.admin), keeping: inspection)
            for (k, account) in staff.enumerated() {
                clock.set(at(2, 27, 9, 20 + 2 * k))
                let made = try await FirstRun.createAccount(
                    desks,
                    by: try caller(.admin),
                    username: account.actor.rawValue,
                    name: account.name,
                    role: account.role,
                    inspectionID: inspection.id,
                    recipient: account.recipient
                )
                users[account.actor] = made.user
                accounts.append(made.account)
            }
            // The operator who starts the demo confirms its leader; the leader, the rest of the group.
            clock.set(at(2, 27, 9, 40))
            if let leader = users[.leader] {
                let team = staff.compactMap { users[$0.actor] }.filter { $0.id != leader.id }
                let confirmed = try await FirstRun.confirmTeam(desks, leader: leader, others: team)
                for user in [confirmed.leader] + confirmed.others {
                    if let actor = users.first(where: { $0.value.id == user.id })?.key { users[actor] = user }
                }
            }
            clock.set(at(2, 28, 15, 0))
            let admin = try caller(.admin)
            let preview = try await desks.admin.previewRoster(admin, inspection: inspection, bytes: Array(roster.utf8))
            try await desks.admin.importRoster(admin, inspection: inspection, preview: preview, source: "示例名册.csv")
            for event in events() {
                clock.set(event.at)
                try await perform(event.act)
            }
            return accounts
        }

        /// The account acting in the story. Its first-login password change is left to whoever
        /// logs in with the one-time password; the story acts as the account would after it.
        private func caller(_ actor: Actor) throws -> Caller {
            guard var user = users[actor] else { throw StoryError("no account \(actor.rawValue)") }
            user.mustChangePassword = false
            return .staff(user)
        }

        private func id(_ key: String) throws -> String {
            guard let id = reportIDs[key] else { throw StoryError("report \(key) has not arrived yet") }
            return id
        }

        private func leadID(_ key: String) async throws -> String {
            guard let id = try await desks.store.decisions(reportID: try id(key)).inForce?.leadID else {
                throw StoryError("report \(key) is in no lead")
            }
            return id
        }

        private func paperID(_ key: String) async throws -> String {
            let lead = try await leadID(key)
            guard let paper = try await desks.store.papers(inspectionID: inspection.id).first(where: { $0.leadID == lead }) else {
                throw StoryError("the lead of report \(key) has no paper")
            }
            return paper.id
        }

        private func referralID(_ key: String) async throws -> String {
            guard let referral = try await desks.store.referrals(reportID: try id(key)).first(where: { $0.state != .cancelled }) else {
                throw StoryError("report \(key) has no referral")
            }
            return referral.id
        }

        private func perform(_ act: Act) async throws {
            let staff = desks.staff
            switch act {
            case .arrive(let report):
                reportIDs[report.key] = try await arrive(report)
            case .assign(let key, let actor):
                guard let assignee = users[actor] else { throw StoryError("no account \(actor.rawValue)") }
                try await staff.assign(try caller(.leader), reportID: try id(key), AssignmentInput(assigneeId: assignee.id))
            case .note(let key, let actor, let text):
                try await staff.note(try caller(actor), reportID: try id(key), NoteInput(content: text))
            case .decide(let key, let actor, let d):
                _ = try await staff.propose(
                    try caller(actor),
                    reportID: try id(key),
                    DecisionInput(
                        outcome: d.outcome.rawValue,
                        reason: d.reason,
                        recipient: d.recipient,
                        duplicateOf: try d.duplicateOf.map(id),
                        lead: try await d.joining.asyncMap(leadID),
                        leadSubject: d.person
                    )
                )
            case .approve(let key, let remark):
                _ = try await staff.approve(try caller(.leader), reportID: try id(key), ReviewInput(reason: remark))
            case .returnProposal(let key, let reason):
                _ = try await staff.returnProposal(try caller(.leader), reportID: try id(key), ReviewInput(reason: reason))
            case .leadKind(let key, let actor, let kind):
                // Staff correct the kind screening proposed, where it is not what the lead is.
                let lead = try await leadID(key)
                if try await desks.store.lead(id: lead)?.kind != kind.rawValue {
                    try await staff.updateLead(try caller(actor), id: lead, LeadInput(kind: kind.rawValue))
                }
            case .draftPaper(let key, let actor, let paper):
                let lead = try await leadID(key)
                _ = try await staff.draftPaper(try caller(actor), leadID: lead, try await paperInput(paper, lead: lead))
            case .editPaper(let key, let actor, let paper):
                _ = try await staff.editPaper(
                    try caller(actor),
                    paperID: try await paperID(key),
                    try await paperInput(paper, lead: try await leadID(key))
                )
            case .submitPaper(let key, let actor):
                _ = try await staff.submitPaper(try caller(actor), paperID: try await paperID(key), PaperStepInput())
            case .reviewPaper(let key, let actor, let comment):
                _ = try await staff.reviewPaper(try caller(actor), paperID: try await paperID(key), PaperStepInput(comment: comment))
            case .returnPaper(let key, let actor, let reason):
                _ = try await staff.returnPaper(try caller(actor), paperID: try await paperID(key), PaperStepInput(comment: reason))
            case .signPaper(let key, let actor, let comment):
                _ = try await staff.signPaper(try caller(actor), paperID: try await paperID(key), PaperStepInput(comment: comment))
            case .sendReferral(let key, let actor):
                _ = try await staff.sendReferral(try caller(actor), id: try await referralID(key), ReferralSendInput())
            case .feedback(let key, let actor, let finding, let closure, let text):
                _ = try await staff.recordFeedback(
                    try caller(actor),
                    id: try await referralID(key),
                    ReferralFeedbackInput(finding: finding.rawValue, closure: closure.rawValue, content: text)
                )
            case .rectify(let key, let actor, let input):
                rectificationIDs[key] = try await staff.addRectification(try caller(actor), input).id
            case .updateRectification(let key, let actor, var input):
                guard let id = rectificationIDs[key] else { throw StoryError("no rectification item \(key)") }
                let by = try caller(actor)
                input.seenAt = try await staff.rectificationItem(by, id: id).version
                _ = try await staff.updateRectification(by, id: id, input)
            }
        }

        /// The paper's fields, its source naming the lead's reports by their register numbers.
        private func paperInput(_ paper: Paper, lead: String) async throws -> PaperInput {
            let reports = try await desks.store.lead(id: lead)?.reportIDs ?? []
            let numbers = try await desks.store.registerNumbers(reportIDs: reports)
            let source = "信访举报（" + reports.compactMap { numbers[$0] }.joined(separator: "、") + "）"
            return PaperInput(
                title: paper.title,
                unit: inspection.units[0],
                source: source,
                summary: paper.summary,
                howFound: paper.howFound,
                materials: paper.materials
            )
        }

        /// Takes a report in by its own way: the public form, the mailbox, or staff taking down a
        /// call, letter or visit.
        private func arrive(_ report: Report) async throws -> String {
            switch report.way {
            case .web:
                // The public form's input and checks, and the one intake path as the reporter; but
                // no query code: nobody would hold it, and sixty hashed at the production cost
                // would hold the server's start up by seconds.
                let input = ReportInput(content: report.content, subjects: report.subjects, reporter: report.reporter, inspectionId: inspection.id)
                let submission = try checking { () throws(InputError) in try input.submission(receivedAt: desks.now()) }
                return try await desks.intake.take(submission, caller: .reporter(nil), ReportIntake.Extras()).reportID
            case .mail(let from, let subject):
                let raw = DemoStory.mail(from: from, subject: subject, body: report.content, date: report.at, key: report.key)
                let message = MailReader().read(raw)
                let mail = MailSubmissionBuilder().submission(from: message, arrivedAt: clock.now, inspectionID: inspection.id)
                switch try await desks.mail.register(mail, raw: raw, messageID: message.messageID) {
                case .registered(let id), .duplicate(let id): return id
                }
            case .phone, .letter, .visit:
                var registration = Registration(
                    submission: Submission(
                        channel: report.channel,
                        content: report.content,
                        subjects: report.subjects,
                        reporter: report.reporter,
                        inspectionID: inspection.id,
                        receivedAt: report.at
                    ),
                    receivedBy: "",
                    receivedByName: ""
                )
                switch report.way {
                case .phone(let number, let seconds):
                    registration.callerNumber = number
                    registration.callDurationSeconds = seconds
                case .letter(let postmark, let sender):
                    registration.postmark = postmark
                    registration.senderAsWritten = sender
                case .visit:
                    registration.visitAt = report.at
                    registration.place = "巡察组接待室"
                case .web, .mail:
                    break
                }
                return try await desks.intake.register(registration, by: try caller(report.takenBy)).reportID
            }
        }
    }

    /// A mail as a reporter's program sends it: UTF-8, the subject and the body in base64.
    static func mail(from: String, subject: String, body: String, date: Date, key: String) -> [UInt8] {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: CivilDate.beijingOffsetSeconds)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        let encoded = Data(body.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString(options: [
            .lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed,
        ])
        let lines = [
            "From: \(from)",
            "To: \(DemoData.inspection.emails[0])",
            "Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=",
            "Date: \(formatter.string(from: date))",
            "Message-ID: <demo-\(key.lowercased())@example.com>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
            encoded,
            "",
        ]
        return Array(lines.joined(separator: "\r\n").utf8)
    }
}

extension DemoStory.Report {
    var channel: Channel {
        switch way {
        case .web: .web
        case .mail: .email
        case .phone: .phone
        case .letter: .letter
        case .visit: .visit
        }
    }
}

/// The story does not fit the desks: a mistake in the story's script, never in what it plays.
struct StoryError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "demo story: " + description }
}
