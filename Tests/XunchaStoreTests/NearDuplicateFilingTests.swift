import Foundation
import SQLKit
import Testing
import XunchaCore
import XunchaText

@testable import XunchaStore

/// The near-duplicate index in the database: what the writer files with each report, what a
/// screening reads back, and what claims, upgrades and damaged rows do to it. On SQLite, and on
/// PostgreSQL where `XUNCHA_TEST_POSTGRES` names a server.
@Suite struct NearDuplicateFilingTests {
    static let text = """
        反映市某局局长王建国的问题。他分管物资采购，去年把办公设备的采购交给他妻弟开的公司，\
        价格比市场贵了三成。职工多次向局里反映质量问题，他都推说不归他管。请巡察组查一查。
        """
    let index = NearDuplicateIndex()
    let normalizer = TextNormalizer()

    func prepared(_ text: String) -> PreparedText { index.signature(of: normalizer.normalize(text)) }

    func new(_ id: String, _ content: String, inspectionID: String? = BulkLoadTests.inspection.id, minutes: Double) -> NewReport {
        NewReport(
            report: Report(
                id: id,
                inspectionID: inspectionID,
                channel: .web,
                receivedAt: BulkLoadTests.march10.addingTimeInterval(minutes * 60),
                content: content,
                subjects: [],
                status: .received,
                isRealName: false
            ),
            sealedIdentity: nil,
            queryCodeHash: nil
        )
    }

    func opened(_ installation: TemporaryInstallation) async throws -> SQLStore {
        let store = try await installation.open()
        try await store.createInspection(BulkLoadTests.inspection, actor: .system, at: BulkLoadTests.march10)
        return store
    }

    @Test func aSavedReportIsFoundByARetypedOneInItsOwnInspectionOnly() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("r1", Self.text, minutes: 0), actor: .system)
        try await store.saveReport(new("r2", "财政局某股长上班时间炒股，群众意见很大，希望巡察组认真查一查这件事。", minutes: 1), actor: .system)
        try await store.saveReport(new("r3", Self.text, inspectionID: nil, minutes: 2), actor: .system)
        let retyped = prepared(Self.text.replacingOccurrences(of: "三成", with: "30%") + "希望尽快处理。")
        let found = try await store.filedReports(like: retyped, inspectionID: BulkLoadTests.inspection.id)
        #expect(found.map(\.id) == ["r1"])
        #expect(found.first?.receivedAt == BulkLoadTests.march10)
        #expect(found.first?.text.fingerprintBytes == prepared(Self.text).fingerprintBytes, "read back as it was filed")
        #expect(try await store.filedReports(like: retyped, inspectionID: nil).map(\.id) == ["r3"])
        #expect(try await store.filedReports(like: retyped, inspectionID: "another").isEmpty)
        try await store.close()
    }

    /// Short texts are filed under their content alone, and a text of no content characters nowhere.
    @Test func shortTextsAreFiledByTheirContent() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("s1", "请查处王建国！", minutes: 0), actor: .system)
        try await store.saveReport(new("s2", "？？？", minutes: 1), actor: .system)
        let found = try await store.filedReports(like: prepared("请查处 王建国"), inspectionID: BulkLoadTests.inspection.id)
        #expect(found.map(\.id) == ["s1"])
        #expect(found.first?.text.fingerprintBytes.isEmpty == false)
        #expect(try await store.filedReports(like: prepared("？？？"), inspectionID: BulkLoadTests.inspection.id).isEmpty)
        try await store.close()
    }

    /// Screening a stored report again sees only the reports that came in before it.
    @Test func beforeLeavesOutTheReportItselfAndLaterOnes() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        for (id, minutes) in [("b", 0.0), ("a", 0), ("c", 5), ("d", 10)] {
            try await store.saveReport(new(id, Self.text, minutes: minutes), actor: .system)
        }
        let query = prepared(Self.text)
        let scope = BulkLoadTests.inspection.id
        #expect(try await store.filedReports(like: query, inspectionID: scope).map(\.id) == ["b", "a", "c", "d"], "oldest first, then as filed")
        let atC = (receivedAt: BulkLoadTests.march10.addingTimeInterval(300), reportID: "c")
        #expect(try await store.filedReports(like: query, inspectionID: scope, before: atC).map(\.id) == ["b", "a"])
        let atB = (receivedAt: BulkLoadTests.march10, reportID: "b")
        #expect(try await store.filedReports(like: query, inspectionID: scope, before: atB).map(\.id) == ["a"], "the same moment: by id")
        try await store.close()
    }

    /// A templated text piles up under its keys; a look-up reads only the newest of them, so it
    /// costs the same however many came before.
    @Test func aLookUpReadsTheNewestReportsOnly() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        let configuration = SQLStore.nearDuplicates.configuration
        let stored = configuration.maximumBucketScan + 6
        try await store.bulkLoadReports((0..<stored).map { new("t\($0)", "请查处王建国！", minutes: Double($0)) }, actor: .system)
        let found = try await store.filedReports(like: prepared("请查处王建国！"), inspectionID: BulkLoadTests.inspection.id)
        #expect(found.map(\.id) == ((stored - configuration.maximumFiledComparisons)..<stored).map { "t\($0)" })
        try await store.close()
    }

    /// Each key's bucket is read from its newest report back to its `maximumBucketScan`th and no
    /// further: an old copy of the text, buried in every bucket under newer reports that each
    /// repeat it with a figure changed, is no longer read, though it would be the likeliest repeat
    /// of all; under a few of them it is.
    @Test func aBucketIsReadNoFurtherThanItsNewestReports() async throws {
        for (newer, found) in [(8, true), (240, false)] {
            let installation = try TemporaryInstallation()
            defer { installation.remove() }
            let store = try await opened(installation)
            try await store.saveReport(new("old", Self.text, minutes: 0), actor: .system)
            let others = (1...newer).map { i in new("n\(i)", Self.text.replacingOccurrences(of: "三成", with: "\(i)成"), minutes: Double(i)) }
            try await store.bulkLoadReports(others, actor: .system)
            let read = try await store.filedReports(like: prepared(Self.text), inspectionID: BulkLoadTests.inspection.id)
            #expect(read.map(\.id).contains("old") == found, "under \(newer) newer reports")
            try await store.close()
        }
    }

    /// Screening a stored report again reads each bucket back from that report, not from the
    /// newest: under 240 later reports, the eight before it and the copy before them are read, and
    /// none of the later ones.
    @Test func aBucketIsReadBackFromTheReportScreenedAgain() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("old", Self.text, minutes: 0), actor: .system)
        let others = (1...240).map { i in new("n\(i)", Self.text.replacingOccurrences(of: "三成", with: "\(i)成"), minutes: Double(i)) }
        try await store.bulkLoadReports(others, actor: .system)
        let atN9 = (receivedAt: BulkLoadTests.march10.addingTimeInterval(9 * 60), reportID: "n9")
        let read = try await store.filedReports(like: prepared(Self.text), inspectionID: BulkLoadTests.inspection.id, before: atN9)
        #expect(read.map(\.id) == ["old"] + (1...8).map { "n\($0)" })
        try await store.close()
    }

    /// Of many reports filed under a text's keys, those likeliest to be repeats are read: an old
    /// report that the new one contains with a stock paragraph added (few shared keys, but a small
    /// text) is read although eighty newer reports share that paragraph.
    @Test func theReportsLikeliestToBeRepeatsAreRead() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("copy", Self.text, minutes: 0), actor: .system)
        let stock = """
            我们强烈要求巡察组认真调查处理，给群众一个明白的交代，维护党的形象和群众利益。\
            希望上级领导重视此事，尽快派人下来核实情况，依法依规严肃处理，还我们一个公道。
            """
        let others = (1...80).map { i in
            new("o\(i)", "街道第\(i)网格的居民反映小区物业收费不公开，账目不清楚，业主意见很大。" + stock, minutes: Double(i))
        }
        try await store.bulkLoadReports(others, actor: .system)
        let query = prepared(Self.text.replacingOccurrences(of: "三成", with: "30%") + stock)
        let found = try await store.filedReports(like: query, inspectionID: BulkLoadTests.inspection.id)
        #expect(found.count == SQLStore.nearDuplicates.configuration.maximumFiledComparisons, "more were filed under its keys than are read")
        #expect(found.first?.id == "copy")
        try await store.close()
    }

    @Test func aClaimedReportMovesIntoItsInspection() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("u1", Self.text, inspectionID: nil, minutes: 0), actor: .system)
        try await store.claimReport(id: "u1", inspectionID: BulkLoadTests.inspection.id, actor: .system, at: BulkLoadTests.march10)
        let query = prepared(Self.text)
        #expect(try await store.filedReports(like: query, inspectionID: BulkLoadTests.inspection.id).map(\.id) == ["u1"])
        #expect(try await store.filedReports(like: query, inspectionID: nil).isEmpty)
        try await store.close()
    }

    /// Reports stored before the index was in the database are filed when the newer Xuncha opens
    /// the folder, oldest first.
    @Test func anOlderDatabaseHasItsReportsFiledOnOpening() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        var store = try await opened(installation)
        try await store.saveReport(new("old2", Self.text, minutes: 1), actor: .system)
        try await store.saveReport(new("old1", Self.text, inspectionID: nil, minutes: 0), actor: .system)
        try await store.engine.transaction { db in
            try await db.raw("DROP TABLE report_filing_keys").run()
            try await db.raw("DROP TABLE report_signatures").run()
            try await db.raw("DELETE FROM schema_migrations WHERE version = \(bind: SQLStore.nearDuplicateFilingVersion)").run()
        }
        try await store.close()
        store = try await installation.open()
        let query = prepared(Self.text)
        #expect(try await store.filedReports(like: query, inspectionID: BulkLoadTests.inspection.id).map(\.id) == ["old2"])
        #expect(try await store.filedReports(like: query, inspectionID: nil).map(\.id) == ["old1"])
        let numbers = try await store.engine.reader.raw("SELECT report_id FROM report_signatures ORDER BY number").all()
            .map { try $0.decode(column: "report_id", as: String.self) }
        #expect(numbers == ["old1", "old2"])
        try await store.close()
    }

    /// Filing a large folder's reports takes long (half an hour at a million): it tells how far it
    /// got at the start, every twentieth and at the end, never twice the same.
    @Test func filingTheReportsStoredBeforeTellsHowFarItGot() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        for i in 0..<5 { try await store.saveReport(new("r\(i)", Self.text + String(i), minutes: Double(i)), actor: .system) }
        let steps = try await store.engine.transaction { db in
            try await db.raw("DELETE FROM report_filing_keys").run()
            try await db.raw("DELETE FROM report_signatures WHERE report_id <> 'r4'").run()
            var steps: [[Int]] = []
            try await SQLStore.fileExistingReports(db, batchSize: 2) { steps.append([$0, $1]) }
            try await SQLStore.fileExistingReports(db, batchSize: 2) { steps.append([$0, $1]) }
            return steps
        }
        #expect(steps == [[0, 4], [2, 4], [4, 4]], "nothing is left to file the second time")
        #expect(try await store.filedReports(like: prepared(Self.text + "3"), inspectionID: BulkLoadTests.inspection.id).contains { $0.id == "r3" })
        try await store.close()
    }

    /// A damaged row is an error that names it, never a text compared as if it were whole.
    @Test func aDamagedRowIsRefused() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await opened(installation)
        try await store.saveReport(new("r1", Self.text, minutes: 0), actor: .system)
        try await store.engine.transaction { db in
            try await db.raw("UPDATE report_signatures SET fingerprints = \(bind: Data([1, 2, 3])) WHERE report_id = 'r1'").run()
        }
        await #expect(throws: StoreError.unreadableRow(table: "report_signatures", key: "r1")) {
            try await store.filedReports(like: prepared(Self.text), inspectionID: BulkLoadTests.inspection.id)
        }
        try await store.close()
    }
}
