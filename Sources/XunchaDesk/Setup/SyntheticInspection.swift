import Foundation
import XunchaCore
import XunchaStore

/// A data set for measuring the console at scale (`xuncha bench generate`): one inspection of
/// invented units, people and reports, filled the way real ones are. Every report is screened by
/// the real screener against the inspection's roster, a named reporter's identity is sealed as
/// intake seals it, and the reports are written by the store's bulk load with their register
/// numbers, search terms and audit events; a sample of them then gets decisions through the
/// staff desk, one at a time as the console makes them. Nothing in it is real.
public struct SyntheticInspection: Sendable {
    public static let inspectionID = "bench-synthetic"
    public static let leaderUsername = "bench-zuzhang"
    public static let memberUsername = "bench-zuyuan"

    /// The inspection: six of the synthetic units inspected (the others out of scope), replies on,
    /// so that overdue acknowledgements and the agenda have work.
    public static let inspection = Inspection(
        id: inspectionID,
        group: "县委第二巡察组（合成数据）",
        leader: "合成组长",
        units: Array(SyntheticScreeningData.units.prefix(6)),
        periodStart: CivilDate(year: 2025, month: 3, day: 3)!,
        periodEnd: CivilDate(year: 2025, month: 5, day: 30)!,
        deadline: CivilDate(year: 2025, month: 5, day: 30)!,
        phones: ["0738-0000000"],
        emails: ["xuncha-synthetic@example.invalid"],
        postalBoxes: ["某县A001邮政信箱"],
        repliesEnabled: true
    )

    /// The moment the data set is looked at: 18:00 Beijing time on the period's last day. The
    /// generator decides at this moment and the benchmark reads at it, so runs compare.
    public static let moment = Date(timeIntervalSince1970: TimeInterval(inspection.periodEnd.dayNumber * 86400 + 10 * 3600))

    public struct Plan: Sendable {
        public var reports: Int
        public var seed: UInt64 = 2026
        /// Reports that get a decision through the desk (the leader's own, approved as made);
        /// one in ten of them stays a member's proposal waiting for the leader.
        public var decisions: Int = 2_000
        public var rosterSize: Int = 2_000
        /// Reports per bulk-load transaction.
        public var chunk: Int = 10_000

        public init(reports: Int, seed: UInt64 = 2026, decisions: Int = 2_000) {
            self.reports = reports
            self.seed = seed
            self.decisions = decisions
        }
    }

    public struct Summary: Sendable {
        public var inspectionID: String
        public var reportsBefore: Int
        public var reportsAdded: Int
        public var decisions: Int
        /// Accounts made by this run, with their passwords (shown once); none when reused.
        public var newAccounts: [(username: String, password: String)]
    }

    let store: SQLStore
    let services: DeskServices

    /// `services` should run on `moment` (its clock), as the command line builds them.
    public init(store: SQLStore, services: DeskServices) {
        self.store = store
        self.services = services
    }

    /// Creates the inspection, its roster and staff unless they are there, and adds
    /// `plan.reports` reports to it; `progress` hears how many are stored.
    public func generate(_ plan: Plan, progress: @escaping @Sendable (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> Summary {
        var rng = SplitMix64(seed: plan.seed)
        let accounts = try await prepareInspection(plan, using: &rng)
        let inspection = Self.inspection
        let before = try await store.reportCount(inspectionID: inspection.id, includeUnassigned: false)
        let roster = try await store.roster(inspectionID: inspection.id, rules: .standard)
        // Arrivals over the period, after any reports already there, so numbers follow them.
        let periodStart = Date(timeIntervalSince1970: TimeInterval(inspection.periodStart.dayNumber * 86400 - CivilDate.beijingOffsetSeconds))
        let latest = try await store.reports(inspectionID: inspection.id, includeUnassigned: false, limit: 1, offset: 0).first?.receivedAt
        let from = max(periodStart, latest?.addingTimeInterval(1) ?? periodStart)
        let maker = ChunkMaker(
            screener: Screener(roster: roster, inspection: inspection, calendar: services.calendar),
            sealer: services.sealer,
            roster: roster,
            total: plan.reports,
            arrivals: from..<max(Self.moment, from.addingTimeInterval(60)),
            seed: plan.seed &+ UInt64(before)
        )
        let chunks = stride(from: 0, to: plan.reports, by: plan.chunk).map { $0..<min($0 + plan.chunk, plan.reports) }
        var stored = 0
        progress(0, plan.reports)
        // The next chunk is made (texts, screenings, sealing) on another core while this one is written.
        var next = chunks.first.map { range in Task.detached { try maker.make(range) } }
        var ids: [String] = []
        ids.reserveCapacity(plan.reports)
        for k in chunks.indices {
            guard let making = next else { break }
            let (reports, chunkIDs) = try await making.value
            next = k + 1 < chunks.count ? Task.detached { [range = chunks[k + 1]] in try maker.make(range) } : nil
            try await store.bulkLoadReports(reports)
            ids += chunkIDs
            stored += reports.count
            progress(stored, plan.reports)
        }
        let decided = try await decide(plan.decisions, among: ids, using: &rng)
        return Summary(inspectionID: inspection.id, reportsBefore: before, reportsAdded: stored, decisions: decided, newAccounts: accounts)
    }

    static let actor = AuditActor.commandLine(name: "bench-generate")

    /// The inspection, its roster and its leader and member, when not there yet.
    private func prepareInspection(_ plan: Plan, using rng: inout SplitMix64) async throws -> [(username: String, password: String)] {
        let inspection = Self.inspection
        let people = SyntheticScreeningData.roster(count: plan.rosterSize, using: &rng)
        guard try await store.inspection(id: inspection.id) == nil else { return [] }
        try await services.admin.createInspection(.commandLine("bench-generate"), keeping: inspection)
        try await store.replaceRoster(inspectionID: inspection.id, people: people, source: "synthetic", actor: Self.actor, at: services.now())
        var accounts: [(String, String)] = []
        var made: [StaffUser] = []
        for (username, name, role) in [(Self.leaderUsername, "合成组长", StaffRole.leader), (Self.memberUsername, "合成组员", .member)] {
            let created = try await services.admin.createStaff(
                .system,
                StaffAccountInput(username: username, displayName: name, role: role.rawValue, inspectionId: inspection.id)
            )
            // As if the one-time password had been changed at first login, so the account can work.
            let password = PasswordHasher.oneTimePassword()
            try await store.setPassword(
                userID: created.user.id,
                passwordHash: try await services.passwords.hash(password),
                mustChange: false,
                actor: .system,
                at: services.now()
            )
            accounts.append((username, password))
            made.append(created.user)
        }
        _ = try await FirstRun.confirmTeam(services, by: .commandLine("bench-generate"), leader: made[0], others: Array(made.dropFirst()))
        return accounts
    }

    /// Decisions on `count` reports picked at random: the leader's own (approved as made, with
    /// what they bring: leads, referrals, threads), and every tenth a member's proposal left
    /// waiting. Each is one transaction, as in the console.
    private func decide(_ count: Int, among ids: [String], using rng: inout SplitMix64) async throws -> Int {
        guard count > 0, !ids.isEmpty else { return 0 }
        let users = try await store.users()
        guard let leader = users.first(where: { $0.username == Self.leaderUsername }),
            let member = users.first(where: { $0.username == Self.memberUsername })
        else { return 0 }
        let desk = services.staff
        var picked = Set<Int>()
        while picked.count < min(count, ids.count) { picked.insert(Int.random(in: 0..<ids.count, using: &rng)) }
        var made = 0
        for (n, index) in picked.sorted().enumerated() {
            let id = ids[index]
            let caller = n % 10 == 9 ? Caller.staff(member) : Caller.staff(leader)
            let input: DecisionInput
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3: input = DecisionInput(outcome: "accept", reason: "合成数据：线索较具体")
            case 3..<5: input = DecisionInput(outcome: "refer", reason: "合成数据：不属于巡察受理范围", recipient: "县纪委监委")
            case 5..<7: input = DecisionInput(outcome: "file", reason: "合成数据：反映笼统，存档备查")
            case 7 where index > 0: input = DecisionInput(outcome: "duplicate", reason: "合成数据：重复反映", duplicateOf: ids[index - 1])
            default: input = DecisionInput(outcome: "reject", reason: "合成数据：不属于受理范围")
            }
            _ = try await desk.propose(caller, reportID: id, input)
            made += 1
        }
        return made
    }
}

/// Makes one chunk of reports: pure apart from sealing, so chunks can be made on any thread; a
/// chunk's texts depend only on the seed and its place.
private struct ChunkMaker: Sendable {
    let screener: Screener
    let sealer: Sealer
    let roster: [RosterPerson]
    let total: Int
    let arrivals: Range<Date>
    let seed: UInt64

    static let channels: [(Channel, Int, Double)] = [
        // channel, share in percent, share of named reporters
        (.web, 40, 0.45), (.phone, 20, 0.3), (.letter, 15, 0.2), (.email, 15, 0.4), (.visit, 10, 0.7),
    ]

    /// The chunk's reports, prepared for the bulk load (their records encoded, search terms made).
    func make(_ range: Range<Int>) throws -> (prepared: SQLStore.PreparedReports, ids: [String]) {
        let reports = try reports(range)
        return (SQLStore.PreparedReports(reports, actor: SyntheticInspection.actor), reports.map(\.report.id))
    }

    func reports(_ range: Range<Int>) throws -> [NewReport] {
        // A stream of its own: the seed's generator steps by a constant, so seeds an offset apart
        // would share their numbers; a mixed output of it does not.
        var mixer = SplitMix64(seed: seed ^ UInt64(range.lowerBound))
        var rng = SplitMix64(seed: mixer.next())
        let inspection = SyntheticInspection.inspection
        let start = arrivals.lowerBound.timeIntervalSince1970
        let span = arrivals.upperBound.timeIntervalSince1970 - start
        return try range.map { i in
            // Arrivals in order over the period, so register numbers follow them.
            let receivedAt = Date(timeIntervalSince1970: start + span * (Double(i) + Double.random(in: 0..<1, using: &rng)) / Double(total))
            var roll = Int.random(in: 0..<100, using: &rng)
            var pick = Self.channels[0]
            for c in Self.channels {
                pick = c
                if roll < c.1 { break }
                roll -= c.1
            }
            let channel = pick.0
            let id = Self.uuid(using: &rng)
            let content = SyntheticScreeningData.report(roster: roster, using: &rng)
            let named = Double.random(in: 0..<1, using: &rng) < pick.2
            var subjects: [Subject] = []
            if channel == .web, !roster.isEmpty, Int.random(in: 0..<10, using: &rng) < 6 {
                let p = roster.randomElement(using: &rng)!
                subjects = [Subject(name: p.name, unit: p.unit, post: p.post)]
            }
            var sealed: String?
            if named {
                let identity = ReporterIdentity(
                    name: String(SyntheticScreeningData.surnames.randomElement(using: &rng)!)
                        + String(SyntheticScreeningData.given.randomElement(using: &rng)!),
                    phone: "139" + String(format: "%08d", Int.random(in: 0..<100_000_000, using: &rng))
                )
                sealed = try sealer.sealValue(identity, .identity(reportID: id))
            }
            let screening = screener.screen(content, arrival: ScreeningArrival(channel: channel, receivedAt: receivedAt))
            let report = Report(
                id: id,
                inspectionID: inspection.id,
                channel: channel,
                receivedAt: receivedAt,
                content: content,
                subjects: subjects,
                status: .received,
                isRealName: named
            )
            return NewReport(
                report: report,
                sealedIdentity: sealed,
                queryCodeHash: nil,
                screening: StoredScreening(record: ScreeningRecord(screening), screenedAt: receivedAt)
            )
        }
    }

    /// A version-4 UUID from the seeded generator, lowercased as intake writes ids.
    static func uuid(using rng: inout SplitMix64) -> String {
        let a = rng.next()
        let b = rng.next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let u = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
        return u.uuidString.lowercased()
    }
}
