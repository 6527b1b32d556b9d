import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import Synchronization
import Testing
import XunchaCore
import XunchaStore

/// Reports saved at the same moment are written together, each acknowledged only once written,
/// one refusal failing that report alone, and the chain and its head file whole afterwards.
@Suite struct GroupCommitTests {
    static let screener = Screener(roster: [], inspection: BulkLoadTests.inspection)

    static func report(_ i: Int, sourceKey: String? = nil, names: String = "") -> NewReport {
        NewReport(
            report: Report(
                id: "g\(i)",
                inspectionID: BulkLoadTests.inspection.id,
                channel: .email,
                receivedAt: BulkLoadTests.march10.addingTimeInterval(Double(i)),
                content: "第\(i)件：反映市某局\(names)违规发放津贴补贴。",
                subjects: [],
                status: .received,
                isRealName: false
            ),
            sealedIdentity: nil,
            queryCodeHash: nil,
            sourceKeys: sourceKey.map { [$0] } ?? [],
            intakeNotes: i % 3 == 0 ? "{\"note\":\(i)}" : nil,
            channelDetails: nil,
            screening: i % 2 == 0 ? StoredScreening(record: ScreeningRecord(screener.screen("第\(i)件")), screenedAt: BulkLoadTests.march10) : nil
        )
    }

    @Test func concurrentReportsAreAllWrittenAndARefusedOneAlone() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let headFile = installation.folder.auditHead
        let store = try await SQLStore(
            engine: try await installation.engine(),
            auditKey: installation.keys.auditChain,
            auditHead: headFile
        )
        try await store.createInspection(BulkLoadTests.inspection, actor: .system, at: BulkLoadTests.march10)
        let named = StaffUser(id: "u1", username: "wang", displayName: "王建国", role: .member, inspectionID: nil, mustChangePassword: false)
        try await store.createUser(named, passwordHash: "h", actor: .system, at: BulkLoadTests.march10)
        // Report 0 takes a mail's key first; report 20, with the same key, must fail alone; of
        // reports 30 and 31, which share a key no report took before, exactly one.
        try await store.saveReport(Self.report(0, sourceKey: "message-id:same", names: "王建国"), actor: .system)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 1...40 {
                group.addTask {
                    let key = i == 20 ? "message-id:same" : i == 30 || i == 31 ? "message-id:pair" : "message-id:\(i)"
                    do {
                        try await store.saveReport(Self.report(i, sourceKey: key, names: i % 5 == 0 ? "王建国" : ""), actor: .system)
                        return (i, true)
                    } catch {
                        return (i, false)
                    }
                }
            }
            var all: [Int: Bool] = [:]
            for await (i, saved) in group { all[i] = saved }
            return all
        }
        let refused = outcomes.filter { !$0.value }.map(\.key).sorted()
        #expect(refused == [20, 30] || refused == [20, 31])
        #expect(try await store.report(id: "g20") == nil)
        #expect(try await store.reportCount(inspectionID: BulkLoadTests.inspection.id, includeUnassigned: false) == 39)
        // Numbers follow one another in arrival order, none skipped for a refused report.
        let stored = try await store.reports(inspectionID: BulkLoadTests.inspection.id, includeUnassigned: false, limit: 100, offset: 0)
        #expect(Set(stored.compactMap(\.number)) == Set((1...39).map { BulkLoadTests.inspection.registerNumber($0).text }))
        // Everything each report brings is there: its source key, notes, screening and exclusions.
        for i in [0] + (1...40).filter({ !refused.contains($0) }) {
            let key = i == 0 ? "message-id:same" : i == 30 || i == 31 ? "message-id:pair" : "message-id:\(i)"
            #expect(try await store.reportID(sourceKeys: [key]) == "g\(i)")
            #expect(try await store.intakeNotes(reportID: "g\(i)") == (i % 3 == 0 ? "{\"note\":\(i)}" : nil))
            #expect((try await store.screening(reportID: "g\(i)") != nil) == (i % 2 == 0), "g\(i)")
            #expect(try await store.exclusions(reportID: "g\(i)").map(\.userID) == (i % 5 == 0 ? ["u1"] : []), "g\(i)")
        }
        // Each report's two events, or one without a screening, and none of a refused report's.
        let events = try await store.auditEvents(afterSeq: 0, limit: 1000).filter { $0.action.hasPrefix("report.") }
        #expect(events.count == stored.count + stored.filter { Int($0.id.dropFirst())! % 2 == 0 }.count)
        #expect(!events.contains { refused.map { "g\($0)" }.contains($0.subjectID) })
        let verified = try await store.verifyAudit(headFile: headFile)
        #expect(verified.problem == nil)
        let head = try await store.auditHead()
        #expect(verified.head?.seq == head)
        try await store.close()
    }

    @Test func aFullQueueRefusesAtOnceAndWritesNothing() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await SQLStore(
            engine: try await installation.engine(),
            auditKey: installation.keys.auditChain,
            writerQueue: 0
        )
        await #expect(throws: StoreError.writerBusy) { try await store.saveReport(Self.report(1), actor: .system) }
        #expect(try await store.reportCount(inspectionID: nil, includeUnassigned: true) == 0)
        #expect(try await store.auditHead() == 0)
        try await store.close()
    }

    /// The SQLite writer has a thread of its own: a report is written while every thread the
    /// readers' statements run on is taken, where it used to wait behind them. On SQLite whatever
    /// engine the suite runs on, as PostgreSQL's connections use no such threads.
    @Test func aReportIsWrittenWhileTheReadersThreadsAreAllBusy() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let engine = try await SQLiteEngine(path: installation.folder.databasePath, logger: Logger(label: "test"))
        let store = try await SQLStore(engine: engine, auditKey: installation.keys.auditChain)
        try await store.createInspection(BulkLoadTests.inspection, actor: .system, at: BulkLoadTests.march10)
        let threads = NIOSingletons.blockingPoolThreadCountSuggestion
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holders = (0..<threads).map { _ in
            NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any()) {
                started.signal()
                _ = release.wait(timeout: .now() + 30)
            }
        }
        for _ in 0..<threads {
            await withCheckedContinuation { c in
                DispatchQueue.global().async {
                    started.wait()
                    c.resume()
                }
            }
        }
        let done = Mutex(false)
        let saved = Task {
            try await store.saveReport(Self.report(1), actor: .system)
            done.withLock { $0 = true }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while !done.withLock({ $0 }) && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        let written = done.withLock { $0 }
        for _ in 0..<threads { release.signal() }
        for holder in holders { try await holder.get() }
        try await saved.value
        #expect(written, "the report waited for the readers' threads")
        try await store.close()
    }

    /// The writer keeps a batch in memory until its commit: a 64 MB page cache, and statement
    /// journals in memory rather than in temporary files (docs/performance.md).
    @Test func theWriterKeepsABatchInMemory() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let engine = try await SQLiteEngine(path: installation.folder.databasePath, logger: Logger(label: "test"))
        let settings = try await engine.transaction { db in
            var read: [String: Int] = [:]
            for name in ["cache_size", "temp_store", "synchronous"] {
                read[name] = try await db.raw("PRAGMA \(unsafeRaw: name)").first().map { try $0.decode(column: name, as: Int.self) }
            }
            return read
        }
        #expect(settings == ["cache_size": -65536, "temp_store": 2, "synchronous": 2])
        try await engine.close()
    }
}
