import Foundation
import XunchaCore
import XunchaIntake
import XunchaStore

/// The handover (移交): the leader hands the open leads over to the body that deals with their
/// kind, each recipient one archive made with `ArchiveWriter` (the list as XLSX and CSV, each
/// lead's signed paper, its reports with the reporter masked out, the manifest), kept sealed so a
/// later download gives the same bytes. Leads about the unit's principal go in an archive of their
/// own. See docs/workflow.md, "Handover archives".
extension StaffDesk {
    /// What would be handed over to one recipient now: the leads, their papers, and the list, or
    /// why there is none (`HandoverList`'s refusal, naming the lead whose paper is not signed).
    public struct HandoverPlan: Sendable {
        public var inspection: Inspection
        public var recipient: HandoverRecipient
        public var aboutPrincipal: Bool
        public var leads: [Lead]
        /// Each lead's paper, by lead id.
        public var papers: [String: WorkingPaper]
        public var title: String
        /// The list's header and rows (the header alone when there are no leads).
        public var table: [[String]]
        /// Why the list cannot be made now; nil when it can.
        public var refusal: DeskError?
    }

    /// The inspection a handover is of: the account's own, or the one the command line names.
    private func handoverInspection(_ caller: Caller, _ inspectionID: String?) async throws -> Inspection {
        let id: String?
        if case .staff(let user) = caller { id = user.inspectionID } else { id = inspectionID }
        guard let id else { throw DeskError.forbidden }
        try authorize(caller, .handOver, inspectionID: id)
        guard let inspection = try await store.inspection(id: id) else { throw DeskError.notFound }
        return inspection
    }

    public func handoverPlan(
        _ caller: Caller,
        recipient: HandoverRecipient,
        aboutPrincipal: Bool,
        inspectionID: String? = nil
    ) async throws -> HandoverPlan {
        let inspection = try await handoverInspection(caller, inspectionID)
        if aboutPrincipal, !seesPrincipalLeads(caller, inspectionID: inspection.id) { throw DeskError.forbidden }
        let papers = Dictionary(try await store.papers(inspectionID: inspection.id).map { ($0.leadID, $0) }) { a, _ in a }
        let leads = try await store.leads(inspectionID: inspection.id).filter {
            $0.state == .open && $0.aboutPrincipal == aboutPrincipal && (LeadKind(rawValue: $0.kind) ?? .other).recipient == recipient
        }
        var entries: [HandoverEntry] = []
        for lead in leads {
            var sources: [RegisterNumber] = []
            for id in lead.reportIDs {
                if let number = try await store.report(id: id)?.number.flatMap(RegisterNumber.init(parsing:)) { sources.append(number) }
            }
            let paper = papers[lead.id]
            entries.append(
                HandoverEntry(
                    leadNumber: lead.number,
                    persons: [HandoverPerson(name: lead.subject.name, unit: lead.subject.unit, post: lead.subject.post)],
                    summary: paper?.summary ?? "",
                    kind: LeadKind(rawValue: lead.kind) ?? .other,
                    sources: sources,
                    paperNumber: paper?.number ?? "",
                    paperSigned: paper?.isSigned ?? false
                )
            )
        }
        var plan = HandoverPlan(
            inspection: inspection,
            recipient: recipient,
            aboutPrincipal: aboutPrincipal,
            leads: leads,
            papers: papers.filter { id, _ in leads.contains { $0.id == id } },
            title: HandoverList.title(group: inspection.group, recipient: recipient),
            table: [HandoverList.columnsZH],
            refusal: nil
        )
        do {
            let list = try HandoverList(group: inspection.group, recipient: recipient, entries: entries)
            plan.title = list.title
            plan.table = list.table
            // The leads in the list's order.
            let order = Dictionary(list.entries.enumerated().map { ($1.leadNumber, $0) }) { a, _ in a }
            plan.leads.sort { (order[$0.number] ?? 0) < (order[$1.number] ?? 0) }
        } catch {
            plan.refusal = DeskError(.conflict, code: error.code, zh: error.messageZH, en: error.messageEN)
        }
        return plan
    }

    /// Every recipient's plan, the principal's leads apart (for the leader only), and the archives
    /// made so far: the handover page.
    public struct HandoverOverview: Sendable {
        public var plans: [HandoverPlan]
        public var archives: [StoredHandover]
        public var leadNumbers: [String: String]
        public var staffNames: [String: String]
    }

    public func handoverOverview(_ caller: Caller) async throws -> HandoverOverview {
        let inspection = try await handoverInspection(caller, nil)
        var plans: [HandoverPlan] = []
        for principal in [false, true] where !principal || seesPrincipalLeads(caller, inspectionID: inspection.id) {
            for recipient in HandoverRecipient.allCases {
                let plan = try await handoverPlan(caller, recipient: recipient, aboutPrincipal: principal)
                if !principal || !plan.leads.isEmpty { plans.append(plan) }
            }
        }
        let leads = try await store.leads(inspectionID: inspection.id)
        return HandoverOverview(
            plans: plans,
            archives: try await handovers(caller),
            leadNumbers: Dictionary(leads.map { ($0.id, $0.number) }) { a, _ in a },
            staffNames: try await staffNames()
        )
    }

    /// Makes the archive for one recipient, keeps it sealed, and marks its leads handed over, all
    /// audited. The console refuses an empty list; the command line (`allowEmpty`) writes an
    /// archive with the header alone.
    public func createHandover(
        _ caller: Caller,
        recipient: HandoverRecipient,
        aboutPrincipal: Bool,
        inspectionID: String? = nil,
        allowEmpty: Bool = false
    ) async throws -> (handover: StoredHandover, bytes: [UInt8]) {
        let plan = try await handoverPlan(caller, recipient: recipient, aboutPrincipal: aboutPrincipal, inspectionID: inspectionID)
        if let refusal = plan.refusal, !(allowEmpty && plan.leads.isEmpty) { throw refusal }
        let files = try await archiveFiles(plan)
        let bytes: [UInt8]
        do {
            bytes = try ArchiveWriter().bytes(files)
        } catch let error as ArchivePathError {
            throw DeskError(.invalid, code: "archive_path", zh: error.messageZH, en: error.messageEN)
        }
        let handover = StoredHandover(
            id: UUID().uuidString.lowercased(),
            inspectionID: plan.inspection.id,
            recipient: recipient,
            aboutPrincipal: aboutPrincipal,
            leadIDs: plan.leads.map(\.id),
            fileCount: files.count,
            size: bytes.count,
            sha256: "",
            createdAt: services.now(),
            createdBy: caller.auditActor.stored
        )
        do {
            let stored = try await services.leadFiles.saveHandover(handover, bytes: bytes, actor: caller.auditActor)
            return (stored, bytes)
        } catch StoreError.stateChanged {
            throw DeskError(
                .conflict,
                code: "changed_meanwhile",
                zh: "有问题线索刚刚已移交或有变化，请刷新后再看。",
                en: "a lead was handed over or changed meanwhile; reload."
            )
        }
    }

    /// The archives made for the caller's inspection (those of the principal's leads only for
    /// whoever may see them), oldest first.
    public func handovers(_ caller: Caller, inspectionID: String? = nil) async throws -> [StoredHandover] {
        let inspection = try await handoverInspection(caller, inspectionID)
        let principal = seesPrincipalLeads(caller, inspectionID: inspection.id)
        return try await store.handovers(inspectionID: inspection.id).filter { !$0.aboutPrincipal || principal }
    }

    /// An archive's bytes as they were made; the download is audited first.
    public func openHandover(_ caller: Caller, id: String) async throws -> (handover: StoredHandover, bytes: Data) {
        try DeskError.unlessReady(caller)
        guard caller.mayAnywhere(.handOver) else { throw DeskError.forbidden }
        guard let handover = try await store.handover(id: id), caller.may(.handOver, inspectionID: handover.inspectionID),
            !handover.aboutPrincipal || seesPrincipalLeads(caller, inspectionID: handover.inspectionID)
        else { throw DeskError.notFound }
        do {
            return (handover, try await services.leadFiles.openHandover(handover, actor: caller.auditActor, at: services.now()))
        } catch LeadFiles.Failure.unreadable {
            throw DeskError(
                .damaged,
                code: "archive_unreadable",
                zh: "移交档案文件缺失或已损坏，请联系系统管理员从备份恢复。",
                en: "the archive's file is missing or damaged; restore it from backup."
            )
        }
    }

    // MARK: The archive's files

    /// The files of the archive: the list (XLSX, CSV), a note on what it holds, and for each lead
    /// its signed paper and its reports with the reporter masked out. Never an identity, never a
    /// report's attachments (a scan or a mail can name the reporter).
    func archiveFiles(_ plan: HandoverPlan) async throws -> [ArchiveFile] {
        let sheet = XLSXWorksheet(
            name: plan.title,
            header: plan.table[0],
            rows: plan.table.dropFirst().map { $0.map(XLSXCell.text) },
            orientation: .landscape,
            fitsColumnsToPageWidth: true
        )
        let xlsx: [UInt8]
        do {
            xlsx = try XLSXWriter().bytes([sheet])
        } catch {
            throw DeskError(.tooLarge, code: "list_too_large", zh: error.messageZH, en: error.messageEN)
        }
        var files = [
            ArchiveFile(path: "移交清单.xlsx", bytes: xlsx),
            ArchiveFile(path: "移交清单.csv", bytes: CSVWriter.bytes(plan.table)),
            ArchiveFile(path: "说明.txt", bytes: Self.textFile(Self.readme(plan))),
        ]
        let names = try await staffNames()
        for (index, lead) in plan.leads.enumerated() {
            let folder = "线索/\(Self.twoDigits(index + 1))_\(Self.pathSafe(lead.number))"
            if let paper = plan.papers[lead.id] {
                let sheet = PaperSheet(paper: paper, lead: lead, inspection: plan.inspection, names: names)
                files.append(ArchiveFile(path: "\(folder)/问题底稿_\(Self.pathSafe(paper.number)).html", bytes: Array(sheet.html.utf8)))
            }
            for (k, reportID) in lead.reportIDs.enumerated() {
                guard let report = try await store.report(id: reportID) else { continue }
                let name = report.number.map(Self.pathSafe) ?? "反映\(k + 1)"
                files.append(ArchiveFile(path: "\(folder)/反映材料/\(name).txt", bytes: Self.textFile(try await maskedReport(report))))
            }
        }
        return files
    }

    /// A report as the recipient reads it: its number, day, channel and the persons it names,
    /// and its text with its additions, the reporter masked out as a referral's is
    /// (`ReferralRedactor`, with the sealed identity opened as `.system`, audited).
    func maskedReport(_ report: Report) async throws -> String {
        let texts = try await maskedTexts(report)
        let persons = report.subjects.map { HandoverPerson(name: $0.name, unit: $0.unit, post: $0.post).chinese }.filter { !$0.isEmpty }
        return [
            "登记编号：\(report.number ?? "（未编号）")",
            "收到日期：\(PaperSheet.day(CivilDate(beijingDayOf: report.receivedAt)))",
            "渠道：\(report.channel.displayName)",
            "被反映人：\(persons.isEmpty ? "未填写" : persons.joined(separator: "；"))",
            "",
            "反映内容（反映人身份信息已隐去）：",
            texts.joined(separator: Report.additionSeparator),
        ].joined(separator: "\n")
    }

    static func readme(_ plan: HandoverPlan) -> String {
        [
            plan.title + (plan.aboutPrincipal ? "（涉及被巡察单位主要负责人）" : ""),
            "",
            "移交清单.xlsx、移交清单.csv：移交清单，共\(plan.leads.count)条问题线索。",
            "线索/：每条问题线索一个文件夹，内有经组长签发的问题底稿（可用浏览器打开并打印）和反映材料。",
            "反映材料中反映人的姓名、电话、身份证号码、住址、电子邮箱等身份信息已隐去；反映人身份不随移交。",
            "manifest.json、manifest.sha256：每个文件的大小和SHA-256校验值，可用 xuncha handover verify 或 sha256sum 核对。",
        ].joined(separator: "\n")
    }

    /// UTF-8 with a byte order mark and CRLF: Notepad on Chinese Windows reads it as written.
    static func textFile(_ text: String) -> [UInt8] {
        [0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }

    /// A number or name as a file name: characters no file system takes become full-width or go.
    static func pathSafe(_ text: String) -> String {
        let replaced = text.map { c -> String in
            switch c {
            case "/": "／"
            case "\\": "＼"
            case ":": "："
            case "*": "＊"
            case "?": "？"
            case "\"": "＂"
            case "<": "＜"
            case ">": "＞"
            case "|": "｜"
            default: c.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "" : String(c)
            }
        }.joined()
        let trimmed = TextLimits.trimmed(replaced)
        return trimmed.isEmpty || trimmed == "." || trimmed == ".." ? "_" : trimmed
    }
}
