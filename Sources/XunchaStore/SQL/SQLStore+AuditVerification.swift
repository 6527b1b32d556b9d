import Crypto
import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Where keyed links began in this database: 1 for a chain begun keyed, otherwise the first
    /// event written after the upgrade. Sealed, so that moving it to call keyed links plain is seen.
    func recordWhereKeyingBegan() async throws {
        guard try await keyingStartText() == nil else { return }
        try await engine.transaction { [auditKey] db in
            // Again under the write lock: another server opening the same database may have just recorded it.
            guard try await db.raw("SELECT value FROM installation_facts WHERE name = 'audit_keyed_from'").first() == nil else { return }
            let last = try await db.raw("SELECT MAX(seq) AS seq FROM audit_events").first()?.decode(column: "seq", as: Int64?.self) ?? 0
            let start = Int(last) + 1
            let value = "\(start) \(AuditChain.seal("xuncha audit keyed from \(start)", key: auditKey))"
            try await db.raw("INSERT INTO installation_facts (name, value) VALUES ('audit_keyed_from', \(bind: value))").run()
        }
    }

    private func keyingStartText() async throws -> String? {
        try await engine.reader.raw("SELECT value FROM installation_facts WHERE name = 'audit_keyed_from'").first()?
            .decode(column: "value", as: String.self)
    }

    /// Where keyed links began, or nil when the record of it was changed.
    public func auditKeyedFrom() async throws -> Int? {
        guard let text = try await keyingStartText() else { return nil }
        let parts = text.split(separator: " ")
        guard parts.count == 2, let start = Int(parts[0]), AuditChain.seal("xuncha audit keyed from \(start)", key: auditKey) == parts[1]
        else { return nil }
        return start
    }

    /// What `audit verify` found.
    public struct AuditVerification: Sendable {
        public var events = 0
        public var head: AuditHeadFile.Head?
        /// The first thing wrong, in words for the operator; nil when all holds.
        public var problem: String?
    }

    /// Checks the whole chain under the store's key, that it reaches the head kept outside (the
    /// head file, and a head the operator kept elsewhere), and that every report's text and
    /// additions are what their events wrote.
    public func verifyAudit(headFile: AuditHeadFile?, keptHead: String? = nil) async throws -> AuditVerification {
        var result = AuditVerification()
        guard let keyedFrom = try await auditKeyedFrom() else {
            result.problem = "记录“从第几条起加密钥”的事实被改动 / the record of where keyed links began was changed"
            return result
        }
        var verifier = AuditChain.Verifier(key: auditKey, keyedFrom: keyedFrom)
        var keptHeadFound = false
        var received: [String: String] = [:]
        var added: [String: [String]] = [:]
        var lastSeq = 0
        while true {
            let page = try await auditEvents(afterSeq: lastSeq, limit: 1000)
            for event in page {
                if let broken = verifier.check(event) {
                    result.problem = "操作记录在第 \(event.seq) 条处断开 / audit chain broken at event \(event.seq): \(broken)"
                    return result
                }
                if event.hash == keptHead { keptHeadFound = true }
                if !event.digest.isEmpty, event.action == AuditAction.reportReceived.rawValue { received[event.subjectID] = event.digest }
                if event.action == AuditAction.reportAddedTo.rawValue { added[event.subjectID, default: []].append(event.digest) }
            }
            guard let last = page.last else { break }
            lastSeq = last.seq
        }
        result.events = verifier.count
        let end = verifier.head
        if let headFile {
            switch headFile.read(key: auditKey) {
            case .none: break
            case .forged:
                result.problem = "链头文件 \(headFile.path) 不是本密钥签发的 / the head file \(headFile.path) was not sealed with this key"
                return result
            case .head(let head):
                result.head = head
                guard let end, end.seq >= head.seq else {
                    result.problem =
                        "操作记录被截短：链头文件记有第 \(head.seq) 条，数据库只到第 \(end?.seq ?? 0) 条 / the chain was cut: the head file names event \(head.seq), the database ends at \(end?.seq ?? 0)"
                    return result
                }
                if try await auditEvents(afterSeq: head.seq - 1, limit: 1).first?.hash != head.hash {
                    result.problem = "第 \(head.seq) 条与链头文件不符 / event \(head.seq) differs from the head file"
                    return result
                }
            }
        }
        if let keptHead, !keptHeadFound {
            result.problem = "操作记录中没有另行保存的链头 \(keptHead) / the chain does not contain the head kept elsewhere"
            return result
        }
        if let report = try await firstReportUnlikeItsEvents(received: received, added: added) {
            result.problem = "反映 \(report) 的内容与其操作记录不符（记录后被改动）/ report \(report) differs from what its events wrote"
        }
        return result
    }

    private func firstReportUnlikeItsEvents(received: [String: String], added: [String: [String]]) async throws -> String? {
        var after = ""
        while true {
            let rows = try await engine.reader.raw(
                "SELECT id, content FROM reports WHERE id > \(bind: after) ORDER BY id LIMIT 1000"
            ).all()
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                if let digest = received[id], AuditScope.digest(try row.decode(column: "content", as: String.self)) != digest { return id }
            }
            guard let last = rows.last else { break }
            after = try last.decode(column: "id", as: String.self)
        }
        for (id, digests) in added {
            let stored = try await engine.reader.raw(
                "SELECT content FROM report_additions WHERE report_id = \(bind: id) ORDER BY ordinal"
            ).all().map { AuditScope.digest(try $0.decode(column: "content", as: String.self)) }
            for (digest, content) in zip(digests, stored) where !digest.isEmpty && digest != content { return id }
            if stored.count != digests.count { return id }
        }
        return nil
    }
}

extension SQLStore {
    /// The chain's head as a sealed line an operator keeps elsewhere; `audit verify --head` takes its hash.
    public func auditCheckpoint(key: SymmetricKey) async throws -> String {
        let last = try await engine.reader.raw("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1").first()
        let head = AuditHeadFile.Head(
            seq: Int(try last?.decode(column: "seq", as: Int64.self) ?? 0),
            hash: try last?.decode(column: "hash", as: String.self) ?? AuditChain.genesisHash
        )
        return AuditHeadFile.line(head, key: key)
    }
}
