import Foundation
import Testing

@testable import XunchaStore

/// pg_dump and pg_restore as the backup runs them: a missing program is named with what to
/// install, and the database's address reaches them in their environment only.
@Suite struct PostgresToolsTests {
    @Test func aMissingProgramIsNamedWithWhatToInstall() async throws {
        let url = try DatabaseURL("postgres://xuncha@127.0.0.1:1/none")
        do {
            try await PostgresTools.run("pg_no_such_tool", [], database: url)
            Issue.record("ran a program that is not there")
        } catch let failure as PostgresTools.Failure {
            #expect(failure == .missing(tool: "pg_no_such_tool"))
            #expect(failure.code == "postgres_client_missing")
            #expect(failure.description.contains("请安装 postgresql-client"))
            #expect(failure.description.contains("install postgresql-client"))
        }
    }

    @Test func theAddressGoesIntoTheEnvironmentDecodedAndTheOptionsStayOut() throws {
        let url = try DatabaseURL("postgres://office%40gov:p%40ss%3Aword@db.example.cn:5433/xuncha_2026?sslmode=require&schema=group_3")
        #expect(
            url.libpqEnvironment == [
                "PGHOST": "db.example.cn", "PGPORT": "5433", "PGUSER": "office@gov", "PGPASSWORD": "p@ss:word",
                "PGDATABASE": "xuncha_2026", "PGSSLMODE": "require",
            ]
        )
        #expect(url.schemaName == "group_3")
        let plain = try DatabaseURL("postgres://xuncha@localhost/xuncha")
        #expect(plain.libpqEnvironment["PGPASSWORD"] == nil)
        #expect(plain.libpqEnvironment["PGSSLMODE"] == "prefer")
        #expect(plain.schemaName == "public")
    }

    @Test(.enabled(if: (try? PostgresTools.path(of: "pg_dump")) != nil, "needs postgresql-client"))
    func aProgramThatFailsSaysWhatItSaid() async throws {
        // The database is not there: pg_dump's own words come back, the password never does.
        let url = try DatabaseURL("postgres://xuncha:secret-word@127.0.0.1:1/none?sslmode=disable")
        do {
            try await PostgresTools.run("pg_dump", ["--format=custom", "--file=/dev/null"], database: url)
            Issue.record("pg_dump of a server that is not there succeeded")
        } catch let failure as PostgresTools.Failure {
            guard case .failed(let tool, let status, let output) = failure else { throw failure }
            #expect(tool == "pg_dump")
            #expect(status != 0)
            #expect(output.contains("127.0.0.1"), "\(output)")
            #expect(!failure.description.contains("secret-word"))
        }
    }
}
