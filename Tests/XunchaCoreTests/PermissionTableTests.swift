import Testing

@testable import XunchaCore

/// The whole permission table, cell by cell: every holder × every action × every relation. The
/// expected table is written out here on its own, so a change to `Permissions.table` that is not
/// also made here fails, and the reviewer sees the cell that moved.
@Suite struct PermissionTableTests {
    /// o = own inspection, x = another inspection, u = a report no inspection claimed,
    /// i = the installation as a whole; "-" = nothing.
    static let expected: [PermissionHolder: [StaffAction: String]] = [
        .admin: row(viewStatistics: "oxui", manageInspections: "oxui", manageRoster: "oxui", manageAccounts: "oxui"),
        .leader: row(
            readReports: "ou",
            register: "o",
            decide: "o",
            approve: "o",
            assign: "o",
            reply: "o",
            viewIdentity: "o",
            rescreen: "o",
            export: "o",
            viewStatistics: "o",
            workOnLeads: "o",
            reviewPaper: "o",
            signPaper: "o",
            sendReferral: "o",
            recordFeedback: "o",
            handOver: "o",
            rectify: "o",
            confirmAccess: "o",
            exclude: "o"
        ),
        .deputy: row(
            readReports: "ou",
            register: "o",
            decide: "o",
            reply: "o",
            requestIdentity: "o",
            rescreen: "o",
            export: "o",
            viewStatistics: "o",
            workOnLeads: "o",
            reviewPaper: "o",
            sendReferral: "o",
            recordFeedback: "o",
            rectify: "o"
        ),
        .member: row(
            readReports: "ou",
            register: "o",
            decide: "o",
            reply: "o",
            requestIdentity: "o",
            rescreen: "o",
            export: "o",
            viewStatistics: "o",
            workOnLeads: "o",
            sendReferral: "o",
            recordFeedback: "o",
            rectify: "o"
        ),
        .liaison: row(recordFeedback: "o", rectify: "o"),
        .commandLine: row(
            readReports: "oxui",
            register: "oxui",
            rescreen: "oxui",
            export: "oxui",
            viewStatistics: "oxui",
            handOver: "oxui",
            manageInspections: "oxui",
            manageRoster: "oxui",
            confirmAccess: "oxui"
        ),
        .system: row(register: "oxui", rescreen: "oxui", manageInspections: "oxui", manageAccounts: "oxui"),
    ]

    /// One holder's row: every action named, "-" where nothing is allowed.
    static func row(
        readReports: String = "-",
        register: String = "-",
        decide: String = "-",
        approve: String = "-",
        assign: String = "-",
        reply: String = "-",
        viewIdentity: String = "-",
        requestIdentity: String = "-",
        rescreen: String = "-",
        export: String = "-",
        viewStatistics: String = "-",
        workOnLeads: String = "-",
        reviewPaper: String = "-",
        signPaper: String = "-",
        sendReferral: String = "-",
        recordFeedback: String = "-",
        handOver: String = "-",
        rectify: String = "-",
        manageInspections: String = "-",
        manageRoster: String = "-",
        manageAccounts: String = "-",
        confirmAccess: String = "-",
        exclude: String = "-"
    ) -> [StaffAction: String] {
        [
            .readReports: readReports, .register: register, .decide: decide, .approve: approve, .assign: assign, .reply: reply,
            .viewIdentity: viewIdentity, .rescreen: rescreen, .export: export, .viewStatistics: viewStatistics, .workOnLeads: workOnLeads,
            .reviewPaper: reviewPaper,
            .signPaper: signPaper, .sendReferral: sendReferral, .recordFeedback: recordFeedback, .handOver: handOver,
            .rectify: rectify,
            .manageInspections: manageInspections, .manageRoster: manageRoster, .manageAccounts: manageAccounts,
            .confirmAccess: confirmAccess, .requestIdentity: requestIdentity, .exclude: exclude,
        ]
    }

    static let letters: [AccessRelation: Character] = [.own: "o", .other: "x", .unassigned: "u", .installation: "i"]

    @Test(arguments: PermissionHolder.allCases)
    func everyCellOfTheTableIsAsWrittenHere(_ holder: PermissionHolder) {
        for action in StaffAction.allCases {
            let cell = Self.expected[holder]?[action]
            #expect(cell != nil, "the expected table misses \(holder) × \(action)")
            for relation in AccessRelation.allCases {
                let expected = cell?.contains(Self.letters[relation]!) ?? false
                #expect(
                    Permissions.allows(holder, action, relation) == expected,
                    "\(holder) \(action) on \(relation): expected \(expected ? "allowed" : "refused")"
                )
            }
        }
    }

    static func user(
        _ role: StaffRole,
        inspection: String? = "i-1",
        mustChange: Bool = false,
        access: StaffAccess = .confirmed
    ) -> StaffUser {
        StaffUser(
            id: "u-\(role)",
            username: "\(role)",
            displayName: "\(role)",
            role: role,
            inspectionID: role == .admin ? nil : inspection,
            mustChangePassword: mustChange,
            access: access
        )
    }

    @Test func aStaffAccountIsJudgedByHowTheInspectionRelatesToIt() {
        let member = Self.user(.member)
        #expect(member.relation(toInspection: "i-1") == .own)
        #expect(member.relation(toInspection: "i-2") == .other)
        #expect(member.relation(toInspection: nil) == .unassigned)
        #expect(member.may(.decide, inspectionID: "i-1"))
        #expect(!member.may(.decide, inspectionID: "i-2"))
        #expect(!member.may(.decide, inspectionID: nil))
        #expect(member.may(.readReports, inspectionID: nil))
        #expect(!member.may(.readReports, inspectionID: "i-2"))
        #expect(Self.user(.admin).mayOnInstallation(.manageAccounts))
        #expect(!Self.user(.leader).mayOnInstallation(.manageAccounts))
    }

    @Test func anAccountThatMustChangeItsPasswordMayDoNothingElse() {
        for role in StaffRole.allCases {
            let user = Self.user(role, mustChange: true)
            for action in StaffAction.allCases {
                #expect(!user.may(action, inspectionID: "i-1"))
                #expect(!user.mayOnInstallation(action))
            }
        }
    }

    @Test func anAccountWaitingForItsLeadersConfirmationMayDoNothing() {
        for role in StaffRole.allCases where role != .admin {
            let user = Self.user(role, access: .pending)
            #expect(!user.isReady)
            for action in StaffAction.allCases {
                #expect(!user.may(action, inspectionID: "i-1"), "pending \(role) may \(action)")
                #expect(!user.may(action, inspectionID: nil), "pending \(role) may \(action) on unclaimed reports")
                #expect(!user.mayOnInstallation(action))
                #expect(!Caller.staff(user).mayAnywhere(action))
            }
        }
        // The admin's account is never pending: it reads no report either way.
        #expect(Self.user(.admin, access: .pending).access == .confirmed)
    }

    @Test func callersThatAreNotAccountsUseTheirOwnRows() {
        #expect(Caller.commandLine("ops").may(.register, inspectionID: "i-9"))
        #expect(!Caller.commandLine("ops").may(.decide, inspectionID: "i-9"))
        #expect(Caller.system.may(.rescreen, inspectionID: nil))
        #expect(!Caller.system.may(.readReports, inspectionID: "i-1"))
        for action in StaffAction.allCases {
            #expect(!Caller.reporter(nil).may(action, inspectionID: "i-1"))
        }
        #expect(Caller.staff(Self.user(.leader)).may(.approve, inspectionID: "i-1"))
        #expect(!Caller.staff(Self.user(.member)).may(.approve, inspectionID: "i-1"))
    }

    @Test func everyAuditActionHasAChineseNameAndAStoredCodeThatReadsBack() {
        var names = Set<String>()
        for action in AuditAction.allCases {
            #expect(!action.chineseName.isEmpty)
            #expect(AuditAction(rawValue: action.rawValue) == action)
            names.insert(action.chineseName)
        }
        #expect(names.count == AuditAction.allCases.count, "two actions share a Chinese name")
        for actor in [AuditActor.reporter, .system, .user(id: "abc"), .commandLine(name: "report-add")] {
            #expect(AuditActor(stored: actor.stored) == actor)
        }
        #expect(AuditActor(stored: "somebody") == nil)
    }
}
