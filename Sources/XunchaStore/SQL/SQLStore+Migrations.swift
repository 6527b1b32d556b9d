import Foundation
import SQLKit
import XunchaCore

extension SQLStore {
    /// Schema versions in order; a database is brought forward one version per transaction and
    /// never backward. Append, never edit: installed databases have run the old steps.
    static let migrations: [[MigrationStep]] = [
        [
            """
            CREATE TABLE inspections (
                id TEXT PRIMARY KEY,
                data TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE staff_users (
                id TEXT PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL,
                inspection_id TEXT REFERENCES inspections(id),
                password_hash TEXT NOT NULL,
                must_change_password INTEGER NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE staff_sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES staff_users(id),
                csrf_token TEXT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE reports (
                id TEXT PRIMARY KEY,
                inspection_id TEXT REFERENCES inspections(id),
                channel TEXT NOT NULL,
                received_at BIGINT NOT NULL,
                content TEXT NOT NULL,
                status TEXT NOT NULL,
                is_real_name INTEGER NOT NULL,
                query_code_hash TEXT UNIQUE
            )
            """,
            "CREATE INDEX reports_inbox ON reports (inspection_id, received_at)",
            """
            CREATE TABLE report_subjects (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL,
                post TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """,
            """
            CREATE TABLE reporter_identities (
                report_id TEXT PRIMARY KEY REFERENCES reports(id),
                sealed TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE report_additions (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                added_at BIGINT NOT NULL,
                content TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """,
            """
            CREATE TABLE audit_events (
                seq BIGINT PRIMARY KEY,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject_type TEXT NOT NULL,
                subject_id TEXT NOT NULL,
                detail TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            "CREATE INDEX audit_subject ON audit_events (subject_type, subject_id)",
        ],
        // 2: where a report came from, so the same e-mail (Message-ID or bytes) is never
        // registered twice, and what intake could not read of it.
        [
            """
            CREATE TABLE report_sources (
                source_key TEXT PRIMARY KEY,
                report_id TEXT NOT NULL REFERENCES reports(id),
                recorded_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX report_sources_report ON report_sources (report_id)",
            """
            CREATE TABLE report_intake_notes (
                report_id TEXT PRIMARY KEY REFERENCES reports(id),
                notes TEXT NOT NULL
            )
            """,
        ],
        // Calls, letters and visits as staff register them: each channel's own fields, who
        // received the report, the reception window's judgement, the scans' digests, the caller
        // number and sender as written sealed, and whether the reporter must replace the query code.
        [
            """
            CREATE TABLE report_channel_details (
                report_id TEXT PRIMARY KEY REFERENCES reports(id),
                channel TEXT NOT NULL,
                received_by TEXT NOT NULL,
                received_by_name TEXT NOT NULL,
                call_started_at BIGINT,
                call_duration_seconds INTEGER,
                postmark TEXT,
                visit_at BIGINT,
                reception_status TEXT,
                reception_code TEXT,
                reception_message TEXT,
                scans TEXT NOT NULL,
                sealed_details TEXT,
                query_code_must_change INTEGER NOT NULL
            )
            """
        ],
        // Files kept with a report (attachments, a mail's raw message, scans), sealed on disk
        // under attachments/<report id>/<storage name>; the rows say what each file is.
        [
            """
            CREATE TABLE report_attachments (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                filename TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                storage_name TEXT NOT NULL,
                added_at BIGINT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """
        ],
        // The group's public replies to a reporter (inspections with replies enabled): staff text
        // only, never the reporter's identity; the author is the staff user who wrote it.
        [
            """
            CREATE TABLE report_replies (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                written_at BIGINT NOT NULL,
                author_id TEXT NOT NULL REFERENCES staff_users(id),
                content TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """
        ],
        // The people of an inspection's units (`xuncha roster import`), replaced whole on each
        // import. role/role_rule record the inference at import; role_override is the roster's
        // explicit role column, the only part that is not derived from the post.
        [
            """
            CREATE TABLE roster_people (
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                ordinal INTEGER NOT NULL,
                name TEXT NOT NULL,
                unit TEXT NOT NULL,
                post TEXT NOT NULL,
                aliases TEXT NOT NULL,
                role TEXT NOT NULL,
                role_rule TEXT NOT NULL,
                role_override TEXT,
                PRIMARY KEY (inspection_id, ordinal)
            )
            """
        ],
        // The latest screening of each report (replaced when re-screened; each screening writes an
        // audit event), kept as the JSON the API shows, with the columns the inbox sorts and
        // filters on; and the staff's decisions on it, appended, never edited.
        [
            """
            CREATE TABLE report_screenings (
                report_id TEXT PRIMARY KEY REFERENCES reports(id),
                rules_version TEXT NOT NULL,
                suggestion TEXT NOT NULL,
                top_discipline TEXT,
                screened_at BIGINT NOT NULL,
                record TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE report_dispositions (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                decided_at BIGINT NOT NULL,
                decided_by TEXT NOT NULL,
                outcome TEXT NOT NULL,
                suggestion TEXT,
                rules_version TEXT,
                comment TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """,
        ],
        // The group's work after screening: every report's number in the register and its thread
        // (repeats join the first report's), the member handling it; decisions proposed, approved,
        // returned and reopened (the earlier one-step dispositions become approved decisions);
        // internal notes; problem leads gathering accepted reports by person; referrals.
        [
            "ALTER TABLE reports ADD COLUMN register_seq INTEGER",
            "ALTER TABLE reports ADD COLUMN register_number TEXT",
            "ALTER TABLE reports ADD COLUMN thread_id TEXT",
            "ALTER TABLE reports ADD COLUMN assignee_id TEXT REFERENCES staff_users(id)",
            "CREATE UNIQUE INDEX reports_register ON reports (inspection_id, register_seq)",
            """
            CREATE TABLE report_decisions (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                outcome TEXT NOT NULL,
                reason TEXT NOT NULL,
                recipient TEXT,
                duplicate_of TEXT,
                lead_id TEXT,
                suggestion TEXT,
                rules_version TEXT,
                proposed_by TEXT NOT NULL,
                proposed_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                reviewed_by TEXT,
                reviewed_at BIGINT,
                review_comment TEXT NOT NULL,
                reopened_by TEXT,
                reopened_at BIGINT,
                reopen_reason TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """,
            """
            INSERT INTO report_decisions (report_id, ordinal, outcome, reason, suggestion, rules_version, proposed_by, proposed_at,
                state, reviewed_by, reviewed_at, review_comment, reopen_reason)
            SELECT report_id, ordinal, outcome, comment, suggestion, rules_version, decided_by, decided_at,
                CASE WHEN ordinal = (SELECT MAX(d2.ordinal) FROM report_dispositions d2 WHERE d2.report_id = report_dispositions.report_id)
                     THEN 'approved' ELSE 'reopened' END,
                decided_by, decided_at, '', ''
            FROM report_dispositions
            """,
            """
            CREATE TABLE report_notes (
                report_id TEXT NOT NULL REFERENCES reports(id),
                ordinal INTEGER NOT NULL,
                written_at BIGINT NOT NULL,
                author_id TEXT NOT NULL REFERENCES staff_users(id),
                content TEXT NOT NULL,
                PRIMARY KEY (report_id, ordinal)
            )
            """,
            """
            CREATE TABLE leads (
                id TEXT PRIMARY KEY,
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                seq INTEGER NOT NULL,
                number TEXT NOT NULL,
                subject_name TEXT NOT NULL,
                subject_unit TEXT NOT NULL,
                subject_post TEXT NOT NULL,
                summary TEXT NOT NULL,
                kind TEXT NOT NULL,
                about_principal INTEGER NOT NULL,
                state TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (inspection_id, seq)
            )
            """,
            """
            CREATE TABLE lead_reports (
                lead_id TEXT NOT NULL REFERENCES leads(id),
                report_id TEXT NOT NULL REFERENCES reports(id),
                added_at BIGINT NOT NULL,
                PRIMARY KEY (lead_id, report_id)
            )
            """,
            """
            CREATE TABLE referrals (
                id TEXT PRIMARY KEY,
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                seq INTEGER NOT NULL,
                number TEXT NOT NULL,
                report_id TEXT NOT NULL REFERENCES reports(id),
                recipient TEXT NOT NULL,
                content TEXT NOT NULL,
                state TEXT NOT NULL,
                decided_at BIGINT NOT NULL,
                send_due TEXT,
                sent_at BIGINT,
                sent_by TEXT,
                feedback_due TEXT,
                finding TEXT,
                closure TEXT,
                feedback TEXT NOT NULL,
                feedback_at BIGINT,
                feedback_by TEXT,
                UNIQUE (inspection_id, seq)
            )
            """,
            "CREATE INDEX referrals_report ON referrals (report_id)",
        ],
        // 9: liaison accounts speak for one recipient of referrals.
        ["ALTER TABLE staff_users ADD COLUMN recipient TEXT"],
        // 10: how each screening counts in the statistics (scope and the rank of the person
        // reported), so that the database counts them; filled from the stored records.
        [
            "ALTER TABLE report_screenings ADD COLUMN scope_class TEXT",
            "ALTER TABLE report_screenings ADD COLUMN subject_rank TEXT",
            "CREATE INDEX reports_thread ON reports (thread_id)",
        ],
        // 11: full-text search of reports (content and additions) in SQLite's FTS5: every pair of
        // adjacent Han characters and every word as a term (`SearchKeys`), so a two-character
        // keyword like 红包 is found through the index; contentless (the text is in `reports`).
        // The inbox's filters and sorts get their indexes.
        [
            // On PostgreSQL the same terms in a plain table with a trigram index (`EngineDialect`).
            .engines(
                sqlite: ["CREATE VIRTUAL TABLE reports_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61')"],
                postgres: [
                    // The extension is the database's, shared by every schema in it: made once, in public.
                    "SELECT pg_advisory_xact_lock(hashtext('xuncha pg_trgm'))",
                    "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
                    "CREATE TABLE reports_fts (report_id TEXT PRIMARY KEY REFERENCES reports(id), body TEXT NOT NULL)",
                    "CREATE INDEX reports_fts_terms ON reports_fts USING gin (body gin_trgm_ops)",
                ]
            ),
            "CREATE INDEX reports_inspection_seq ON reports (inspection_id, register_seq)",
            "CREATE INDEX reports_inspection_status ON reports (inspection_id, status, received_at)",
            "CREATE INDEX reports_assignee ON reports (assignee_id)",
            "CREATE INDEX report_decisions_state ON report_decisions (state, report_id)",
        ],
        // 12: work on leads: files kept with a lead (sealed on disk under leads/), the working paper
        // of each lead with its appended steps, and the handover archives (sealed on disk under
        // handovers/) with the leads each handed over.
        [
            """
            CREATE TABLE lead_materials (
                lead_id TEXT NOT NULL REFERENCES leads(id),
                ordinal INTEGER NOT NULL,
                filename TEXT NOT NULL,
                media_type TEXT NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                note TEXT NOT NULL,
                storage_name TEXT NOT NULL,
                added_at BIGINT NOT NULL,
                added_by TEXT NOT NULL,
                PRIMARY KEY (lead_id, ordinal)
            )
            """,
            """
            CREATE TABLE working_papers (
                id TEXT PRIMARY KEY,
                lead_id TEXT NOT NULL UNIQUE REFERENCES leads(id),
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                seq INTEGER NOT NULL,
                number TEXT NOT NULL,
                title TEXT NOT NULL,
                paper_date TEXT NOT NULL,
                unit TEXT NOT NULL,
                source TEXT NOT NULL,
                summary TEXT NOT NULL,
                how_found TEXT NOT NULL,
                materials TEXT NOT NULL,
                UNIQUE (inspection_id, seq)
            )
            """,
            """
            CREATE TABLE paper_steps (
                paper_id TEXT NOT NULL REFERENCES working_papers(id),
                ordinal INTEGER NOT NULL,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                at BIGINT NOT NULL,
                comment TEXT NOT NULL,
                PRIMARY KEY (paper_id, ordinal)
            )
            """,
            """
            CREATE TABLE handovers (
                id TEXT PRIMARY KEY,
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                seq INTEGER NOT NULL,
                number TEXT NOT NULL,
                recipient TEXT NOT NULL,
                about_principal INTEGER NOT NULL,
                file_count INTEGER NOT NULL,
                size BIGINT NOT NULL,
                sha256 TEXT NOT NULL,
                storage_name TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL,
                UNIQUE (inspection_id, seq)
            )
            """,
            """
            CREATE TABLE handover_leads (
                handover_id TEXT NOT NULL REFERENCES handovers(id),
                lead_id TEXT NOT NULL REFERENCES leads(id),
                ordinal INTEGER NOT NULL,
                PRIMARY KEY (handover_id, lead_id)
            )
            """,
        ],
        // 13: a referral keeps the text it was drafted from and the redactor's masks (JSON), for review.
        ["ALTER TABLE referrals ADD COLUMN original TEXT", "ALTER TABLE referrals ADD COLUMN masks TEXT"],
        // 14: the ledgers: where a visitor was received, what a lead's receiver did with it
        // (JSON, LeadOutcome), and the rectification ledger kept by staff and the unit's liaison.
        [
            "ALTER TABLE report_channel_details ADD COLUMN place TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE leads ADD COLUMN outcome TEXT",
            """
            CREATE TABLE rectification_items (
                id TEXT PRIMARY KEY,
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                seq INTEGER NOT NULL,
                problem TEXT NOT NULL,
                measure TEXT NOT NULL,
                responsible TEXT NOT NULL,
                deadline TEXT,
                progress TEXT NOT NULL,
                evidence TEXT NOT NULL,
                state TEXT NOT NULL,
                updated_at BIGINT NOT NULL,
                updated_by TEXT NOT NULL,
                UNIQUE (inspection_id, seq)
            )
            """,
        ],
        // 15: a million reports. A screening's record (kilobytes of JSON) moves to a table of its
        // own, so the columns the inbox filters on and the statistics count are a narrow table
        // (with the report's inspection, kept when a report is claimed) that its indexes cover;
        // the statistics count channels, names and threads from an index of reports, which also
        // answers the inbox's channel, named and overdue conditions without reading the rows.
        [
            "CREATE TABLE report_screening_records (report_id TEXT PRIMARY KEY REFERENCES reports(id), record TEXT NOT NULL)",
            "INSERT INTO report_screening_records (report_id, record) SELECT report_id, record FROM report_screenings",
            """
            CREATE TABLE report_screenings_narrow (
                report_id TEXT PRIMARY KEY REFERENCES reports(id),
                inspection_id TEXT REFERENCES inspections(id),
                rules_version TEXT NOT NULL,
                suggestion TEXT NOT NULL,
                top_discipline TEXT,
                screened_at BIGINT NOT NULL,
                scope_class TEXT,
                subject_rank TEXT
            )
            """,
            """
            INSERT INTO report_screenings_narrow (report_id, inspection_id, rules_version, suggestion, top_discipline, screened_at,
                scope_class, subject_rank)
            SELECT s.report_id, r.inspection_id, s.rules_version, s.suggestion, s.top_discipline, s.screened_at, s.scope_class,
                s.subject_rank
            FROM report_screenings s JOIN reports r ON r.id = s.report_id
            """,
            "DROP TABLE report_screenings",
            "ALTER TABLE report_screenings_narrow RENAME TO report_screenings",
            "CREATE INDEX report_screenings_counting ON report_screenings (inspection_id, scope_class, top_discipline, subject_rank)",
            "CREATE INDEX reports_counting ON reports (inspection_id, channel, is_real_name, received_at, thread_id, id)",
        ],
        // 16: a register's page in its order: one channel's reports of an inspection by number.
        ["CREATE INDEX IF NOT EXISTS reports_register_channel ON reports (inspection_id, channel, register_seq)"],
        // 17: facts about the installation itself, such as the identifier of its key file.
        ["CREATE TABLE installation_facts (name TEXT PRIMARY KEY, value TEXT NOT NULL)"],
        // 18: the digest of the data an audit event wrote, so that the data can be checked against it.
        ["ALTER TABLE audit_events ADD COLUMN digest TEXT NOT NULL DEFAULT ''"],
        // 19: an inspection's next-level units (docs/roster.md), under the inspected unit they belong to.
        [
            """
            CREATE TABLE scope_units (
                inspection_id TEXT NOT NULL REFERENCES inspections(id),
                ordinal INTEGER NOT NULL,
                parent TEXT NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                PRIMARY KEY (inspection_id, ordinal)
            )
            """
        ],
        // 20: the two-person rule (docs/security.md). Accounts made before keep what they could
        // see; their leader's list shows them, to revoke.
        ["ALTER TABLE staff_users ADD COLUMN access TEXT NOT NULL DEFAULT 'confirmed'"],
        // 21: the second factor (docs/security.md). Every session ends, so everyone's next login
        // asks for the second factor (or its enrolment).
        [
            "ALTER TABLE staff_users ADD COLUMN totp_key TEXT",
            "ALTER TABLE staff_users ADD COLUMN totp_pending_key TEXT",
            "ALTER TABLE staff_users ADD COLUMN totp_last_step BIGINT",
            """
            CREATE TABLE staff_recovery_codes (
                user_id TEXT NOT NULL REFERENCES staff_users(id),
                code_hash TEXT NOT NULL,
                used_at BIGINT,
                PRIMARY KEY (user_id, code_hash)
            )
            """,
            "DELETE FROM staff_sessions",
            "ALTER TABLE staff_sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full'",
        ],
        // 22: Message-IDs kept as their digests (`digestExistingMessageIDs`).
        [],
        // 23: 回避 (docs/security.md): who is kept away from which report, and why. The accounts
        // named by reports already stored are found at once (`recordNamedStaff`).
        [
            """
            CREATE TABLE report_exclusions (
                report_id TEXT NOT NULL REFERENCES reports(id),
                user_id TEXT NOT NULL REFERENCES staff_users(id),
                kind TEXT NOT NULL,
                reason TEXT NOT NULL,
                PRIMARY KEY (report_id, user_id)
            )
            """,
            "CREATE INDEX report_exclusions_by_user ON report_exclusions (user_id, kind)",
        ],
        // 24: a member's request to see a reporter, the leader's decision on it, and its one use.
        [
            """
            CREATE TABLE identity_requests (
                id TEXT PRIMARY KEY,
                report_id TEXT NOT NULL REFERENCES reports(id),
                requested_by TEXT NOT NULL REFERENCES staff_users(id),
                reason TEXT NOT NULL,
                requested_at BIGINT NOT NULL,
                state TEXT NOT NULL,
                decided_by TEXT,
                decided_at BIGINT,
                note TEXT NOT NULL DEFAULT ''
            )
            """,
            "CREATE INDEX identity_requests_by_report ON identity_requests (report_id, requested_by)",
        ],
        // 25: every report in arrival order, for `report list` to read page after page from where
        // the last ended (`SQLStore.reports(after:limit:)`) instead of sorting the table per page.
        ["CREATE INDEX reports_arrival ON reports (received_at, id)"],
        // 26: the category staff confirm or correct with a decision (docs/classifier.md): the
        // learned layer learns from approved ones. Earlier decisions have none.
        [
            "ALTER TABLE report_decisions ADD COLUMN category TEXT",
            "ALTER TABLE report_decisions ADD COLUMN also_disciplines TEXT NOT NULL DEFAULT ''",
        ],
        // 27: the throttle's counts of guesses per client (keyed hashes, never an address), shared
        // by every server on the database; a bucket is removed once its window has passed.
        [
            "CREATE TABLE throttle_buckets (bucket TEXT PRIMARY KEY, attempts INTEGER NOT NULL, since BIGINT NOT NULL)",
            "CREATE INDEX throttle_buckets_since ON throttle_buckets (since)",
        ],
        // 28: the one-time slot between a public report's POST and the page that shows its query
        // code, shared by every server on the database: a keyed hash of the browser's token and
        // the code sealed under a key only that token gives; removed when taken or expired.
        [
            "CREATE TABLE received_slots (token_hash TEXT PRIMARY KEY, sealed TEXT NOT NULL, expires BIGINT NOT NULL)",
            "CREATE INDEX received_slots_expires ON received_slots (expires)",
        ],
        // 29: the near-duplicate index in the database (`SQLStore+NearDuplicates.swift`): each
        // report's fingerprints under a number, and the keys it is filed under, so that no process
        // builds the index from every report when it starts (`fileExistingReports` files the
        // reports stored before).
        [
            .engines(
                sqlite: nearDuplicateTables(number: "INTEGER", blob: "BLOB", keysTableOptions: " WITHOUT ROWID"),
                postgres: nearDuplicateTables(number: "BIGINT", blob: "BYTEA", keysTableOptions: "")
            )
        ],
    ]

    /// Applies the versions not yet recorded, each in its own transaction that first checks again
    /// that no one else applied it: the write lock (SQLite's, or PostgreSQL's advisory lock, see
    /// `PostgresEngine`) makes two servers starting at once take turns, and the second finds the
    /// work done.
    func migrate() async throws {
        try await engine.transaction { db in
            try await db.raw("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)").run()
        }
        let applied = try await Self.appliedVersions(engine.reader)
        for (index, steps) in Self.migrations.enumerated() where !applied.contains(index + 1) {
            let version = index + 1
            let now = self.now
            let logger = self.logger
            try await engine.transaction { db in
                guard try await !Self.appliedVersions(db).contains(version) else { return }
                let dialect = EngineDialect(db)
                for statement in steps.flatMap({ $0.statements(dialect) }) { try await db.raw("\(unsafeRaw: statement)").run() }
                try await db.raw("INSERT INTO schema_migrations (version, applied_at) VALUES (\(bind: version), \(bind: Self.millis(now())))").run()
                if version == Self.registerVersion { try await Self.numberExistingReports(db) }
                if version == Self.countingVersion { try await Self.classifyExistingScreenings(db) }
                if version == Self.searchVersion { try await Self.indexExistingReports(db) }
                if version == Self.messageIDDigestVersion { try await Self.digestExistingMessageIDs(db) }
                if version == Self.exclusionVersion { try await Self.recordNamedStaff(db, .everyone) }
                if version == Self.nearDuplicateFilingVersion {
                    try await Self.fileExistingReports(db) { filed, total in
                        logger?.info("near-duplicate index: filed \(filed) of \(total) reports stored before it")
                    }
                }
            }
        }
    }

    static func appliedVersions(_ db: any SQLDatabase) async throws -> Set<Int> {
        Set(try await db.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
    }

    /// The version that brought register numbers and threads.
    static let registerVersion = 8
    /// The version that brought the counting columns of screenings.
    static let countingVersion = 10
    /// The version that brought full-text search.
    static let searchVersion = 11
    /// The version that keeps Message-IDs as digests.
    static let messageIDDigestVersion = 22
    /// The version that brought 回避.
    static let exclusionVersion = 23
    /// The version that keeps the near-duplicate index in the database.
    static let nearDuplicateFilingVersion = 29

    /// Version 29's tables in each engine's words: SQLite numbers rows by an `INTEGER PRIMARY
    /// KEY` and keeps the keys without a rowid beside their primary key.
    static func nearDuplicateTables(number: String, blob: String, keysTableOptions: String) -> [String] {
        [
            """
            CREATE TABLE report_signatures (
                number \(number) PRIMARY KEY, report_id TEXT NOT NULL UNIQUE REFERENCES reports(id), received_at BIGINT NOT NULL,
                distinct_count INTEGER NOT NULL, content_length INTEGER NOT NULL, fingerprints \(blob) NOT NULL
            )
            """,
            """
            CREATE TABLE report_filing_keys (
                filing_key BIGINT NOT NULL, received_at BIGINT NOT NULL, number BIGINT NOT NULL, size INTEGER NOT NULL,
                PRIMARY KEY (filing_key, received_at, number)
            )\(keysTableOptions)
            """,
        ]
    }

    static func digestExistingMessageIDs(_ db: any SQLDatabase) async throws {
        let prefix = "message-id:"
        for row in try await db.raw("SELECT source_key FROM report_sources WHERE source_key LIKE 'message-id:%'").all() {
            let key = try row.decode(column: "source_key", as: String.self)
            try await db.raw(
                "UPDATE report_sources SET source_key = \(bind: ReportSourceKey.messageID(String(key.dropFirst(prefix.count)))) WHERE source_key = \(bind: key)"
            ).run()
        }
    }

    static func indexExistingReports(_ db: any SQLDatabase) async throws {
        for row in try await db.raw("SELECT id FROM reports").all() {
            try await indexForSearch(db, reportID: try row.decode(column: "id", as: String.self))
        }
    }

    static func classifyExistingScreenings(_ db: any SQLDatabase) async throws {
        for row in try await db.raw("SELECT report_id, record FROM report_screenings").all() {
            let id = try row.decode(column: "report_id", as: String.self)
            guard let record = try? JSONDecoder().decode(ScreeningRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
            else { continue }
            try await db.raw(
                """
                UPDATE report_screenings SET scope_class = \(bind: record.scopeClass.rawValue), subject_rank = \(bind: record.rank.rawValue)
                WHERE report_id = \(bind: id)
                """
            ).run()
        }
    }

    /// Reports stored before there was a register get their numbers in arrival order, and are
    /// each the start of their own thread.
    static func numberExistingReports(_ db: any SQLDatabase) async throws {
        try await db.raw("UPDATE reports SET thread_id = id WHERE thread_id IS NULL").run()
        for inspection in try await db.raw("SELECT data FROM inspections").all().map({
            try decodeJSON(Inspection.self, $0.decode(column: "data", as: String.self))
        }) {
            let ids = try await db.raw(
                "SELECT id FROM reports WHERE inspection_id = \(bind: inspection.id) ORDER BY received_at, id"
            ).all().map { try $0.decode(column: "id", as: String.self) }
            for (k, id) in ids.enumerated() {
                try await db.raw(
                    """
                    UPDATE reports SET register_seq = \(bind: k + 1), register_number = \(bind: inspection.registerNumber(k + 1).text)
                    WHERE id = \(bind: id)
                    """
                ).run()
            }
        }
    }
}
