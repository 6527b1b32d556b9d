import Foundation
import Logging
import Testing
import XunchaCore
import XunchaStore

/// Reports saved at the same moment are written together, each acknowledged only once written,
/// one refusal failing that report alone, and the chain and its head file whole afterwards.
@Suite struct GroupCommitTests {
    static func report(_ i: Int, sourceKey: String? = nil) -> NewReport {
        NewReport(
            report: Report(
                id: "g\(i)",
                inspectionID: BulkLoadTests.inspection.id,
                channel: .email,
                receivedAt: BulkLoadTests.march10.addingTimeInterval(Double(i)),
                content: "第\(i)件：反映市某局违规发放津贴补贴。",
                subjects: [],
                status: .received,
                isRealName: false
            ),
            sealedIdentity: nil,
            queryCodeHash: nil,
            sourceKeys: sourceKey.map { [$0] } ?? [],
            intakeNotes: nil,
            channelDetails: nil,
            screening: nil
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
        // Report 0 takes a mail's key first; report 20, with the same key, must fail alone.
        try await store.saveReport(Self.report(0, sourceKey: "message-id:same"), actor: .system)
        let outcomes = await withTaskGroup(of: (Int, Bool).self) { group in
            for i in 1...40 {
                group.addTask {
                    do {
                        try await store.saveReport(Self.report(i, sourceKey: i == 20 ? "message-id:same" : "message-id:\(i)"), actor: .system)
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
        #expect(outcomes.filter { !$0.value }.map(\.key) == [20])
        #expect(try await store.report(id: "g20") == nil)
        #expect(try await store.reportCount(inspectionID: BulkLoadTests.inspection.id, includeUnassigned: false) == 40)
        // Every saved report has its own register number, none skipped for the refused one.
        let numbers = try await store.reports(inspectionID: BulkLoadTests.inspection.id, includeUnassigned: false, limit: 100, offset: 0)
            .compactMap(\.number)
        #expect(Set(numbers).count == 40)
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
}
