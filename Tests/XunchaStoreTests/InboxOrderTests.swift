import Foundation
import Testing
import XunchaCore
import XunchaStore

/// The inbox reads the inspection's reports and the unclaimed ones as two parts and a member's
/// own apart from the rest; every page of every sort is still the one order SQL's ORDER BY gives.
@Suite struct InboxOrderTests {
    static let inspection = BulkLoadTests.inspection
    static let march10 = BulkLoadTests.march10

    @Test func everySortPagesThroughTheWholeOrderFromEitherEnd() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        try await store.createInspection(Self.inspection, actor: .system, at: Self.march10)
        let users = [("u1", "乙"), ("u2", "甲")].map {
            StaffUser(id: $0.0, username: $0.0, displayName: $0.1, role: .member, inspectionID: Self.inspection.id, mustChangePassword: false)
        }
        for u in users { try await store.createUser(u, passwordHash: "h", actor: .system, at: Self.march10) }
        let screener = Screener(inspection: Self.inspection)
        var reports: [(report: Report, suggestion: String, assignee: String?)] = []
        for i in 0..<23 {
            // Some arrive at the same moment, so ties are broken by id; some belong to no inspection.
            let at = Self.march10.addingTimeInterval(Double(i / 2) * 60)
            let text = ["收受红包两万元。", "违规公款吃喝。", "反映问题。"][i % 3]
            let report = Report(
                id: String(format: "r%02d", (i * 7) % 23),
                inspectionID: i % 5 == 4 ? nil : Self.inspection.id,
                channel: Channel.allCases[i % Channel.allCases.count],
                receivedAt: at,
                content: text,
                subjects: [],
                status: .received,
                isRealName: i % 2 == 0
            )
            let record = ScreeningRecord(screener.screen(text))
            try await store.saveReport(
                NewReport(report: report, sealedIdentity: nil, queryCodeHash: nil, screening: StoredScreening(record: record, screenedAt: at)),
                actor: .system
            )
            let assignee = i % 3 == 0 ? nil : users[i % 2].id
            if let assignee { try await store.assignReport(id: report.id, to: assignee, actor: .system, at: at) }
            reports.append((try #require(try await store.report(id: report.id)), record.suggestion.rawValue, assignee))
        }
        #expect(reports.contains { $0.report.inspectionID == nil })
        // u2 is kept away from three reports (one of them claimed by no inspection); a fourth was
        // lifted. Keeping u2 away also took from u2 any of them it handled.
        let keptFromU2: Set = ["r03", "r04", "r05"]
        for (id, kind) in [("r03", ReportExclusion.Kind.declared), ("r04", .named), ("r05", .declared), ("r06", .lifted)] {
            try await store.setExclusion(ReportExclusion(reportID: id, userID: "u2", kind: kind, reason: "t"), actor: .system, at: Self.march10)
        }
        #expect(reports.contains { keptFromU2.contains($0.report.id) && $0.report.inspectionID == nil })
        for i in reports.indices { reports[i].assignee = try await store.report(id: reports[i].report.id)?.assigneeID }
        for sort in InboxQuery.Sort.allCases {
            for descending in [true, false] {
                for (me, reader) in [(nil, nil), ("u1", nil), ("u2", "u2"), (nil, "u2")] {
                    func key(_ r: (report: Report, suggestion: String, assignee: String?)) -> String? {
                        switch sort {
                        case .number: r.report.number.map { String(format: "%09d", Int($0.filter(\.isNumber).suffix(3))!) }
                        case .received, .decision: ""
                        case .channel: r.report.channel.rawValue
                        case .named: r.report.isRealName ? "1" : "0"
                        case .suggestion: r.suggestion
                        case .assignee: r.assignee.map { id in users.first { $0.id == id }!.displayName }
                        }
                    }
                    func before(
                        _ a: (report: Report, suggestion: String, assignee: String?),
                        _ b: (report: Report, suggestion: String, assignee: String?)
                    )
                        -> Bool
                    {
                        if let me, (a.assignee == me) != (b.assignee == me) { return a.assignee == me }
                        // NULL sorts first going up, last going down, as in SQLite.
                        let ka = key(a)
                        let kb = key(b)
                        if ka != kb { return descending ? (kb == nil || (ka != nil && ka! > kb!)) : (ka == nil || (kb != nil && ka! < kb!)) }
                        let ta = a.report.receivedAt
                        let tb = b.report.receivedAt
                        if ta != tb { return descending ? ta > tb : ta < tb }
                        return descending ? a.report.id > b.report.id : a.report.id < b.report.id
                    }
                    let expected = reports.sorted(by: before).map(\.report.id).filter { reader == nil || !keptFromU2.contains($0) }
                    var query = InboxQuery(inspectionID: Self.inspection.id)
                    query.sort = sort
                    query.descending = descending
                    query.assignedFirst = me
                    query.reader = reader
                    query.limit = 4
                    var read: [String] = []
                    for page in 0..<6 {
                        query.offset = page * 4
                        let found = try await store.inbox(query)
                        #expect(found.total == expected.count)
                        read += found.reports.map(\.id)
                    }
                    #expect(read == expected, "\(sort) \(descending ? "desc" : "asc") first: \(me ?? "-") reader: \(reader ?? "-")")
                }
            }
        }
        try await store.close()
    }
}

/// Screenings keep their report's inspection for the statistics, also when it is claimed later.
@Suite struct ScreeningCountingTests {
    @Test func aClaimedReportsScreeningCountsInItsInspection() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        let inspection = BulkLoadTests.inspection
        try await store.createInspection(inspection, actor: .system, at: BulkLoadTests.march10)
        let text = "市某局局长王建国收受红包两万元。"
        let record = ScreeningRecord(Screener(roster: [RosterPerson(name: "王建国", unit: "市某局", post: "局长")], inspection: inspection).screen(text))
        let report = Report(
            id: "r1",
            inspectionID: nil,
            channel: .web,
            receivedAt: BulkLoadTests.march10,
            content: text,
            subjects: [],
            status: .received,
            isRealName: false
        )
        try await store.saveReport(
            NewReport(
                report: report,
                sealedIdentity: nil,
                queryCodeHash: nil,
                screening: StoredScreening(record: record, screenedAt: BulkLoadTests.march10)
            ),
            actor: .system
        )
        #expect(try await store.statisticsCounts(inspectionID: inspection.id).scope.isEmpty)
        try await store.claimReport(id: "r1", inspectionID: inspection.id, actor: .system, at: BulkLoadTests.march10)
        let counts = try await store.statisticsCounts(inspectionID: inspection.id)
        #expect(counts.reports == 1)
        #expect(counts.scope[record.scopeClass] == 1)
        #expect(counts.byDiscipline[.integrity] == 1)
        // The record itself is read back whole.
        #expect(try await store.screening(reportID: "r1")?.record == record)
        try await store.close()
    }
}
