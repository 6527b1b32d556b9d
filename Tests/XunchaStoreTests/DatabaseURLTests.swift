import Foundation
import Logging
import Testing
import XunchaTestSupport

@testable import XunchaStore

/// `--database` is typed by an operator: every way to get it wrong is answered with what is wrong
/// (a code, Chinese and English), and the password is never shown back.
struct DatabaseURLTests {
    static func refusal(_ text: String) -> DatabaseURL.Refusal? {
        do {
            _ = try DatabaseURL(text)
            return nil
        } catch { return error as? DatabaseURL.Refusal }
    }

    @Test func aPlainAddressIsTaken() throws {
        let url = try DatabaseURL("postgres://xuncha@db.example.cn:5433/xuncha")
        #expect(url.schema == nil)
        #expect(url.configuration.username == "xuncha")
        #expect(url.configuration.database == "xuncha")
        #expect(url.configuration.port == 5433)
        #expect(try DatabaseURL("postgresql://u:p@127.0.0.1/d?sslmode=disable&schema=group_7").schema == "group_7")
    }

    @Test func thePasswordIsNeverShownBack() throws {
        let url = try DatabaseURL("postgres://xuncha:s3cret@127.0.0.1:5432/xuncha")
        #expect(url.description == "postgres://xuncha:***@127.0.0.1:5432/xuncha")
        guard case .malformed(let shown, _)? = Self.refusal("postgres://xuncha:s3cret@127.0.0.1:5432/") else {
            Issue.record("no refusal")
            return
        }
        #expect(!shown.contains("s3cret"))
    }

    @Test(arguments: [
        "", "xuncha", "mysql://u@h/d", "postgres://", "postgres://h/d", "postgres://u@/d", "postgres://u@h", "postgres://u@h/",
        "postgres://u@h/a/b", "postgres://u@h:0/d", "postgres://u@h:99999/d", "postgres://u@h/d?sslmode=sometimes",
        "postgres://u@h/d?schema=Public", "postgres://u@h/d?schema=a;DROP%20TABLE%20reports", "postgres://u@h/d?schema=a&schema=b",
        "postgres://u@h/d?schema=", "postgres://用户@主机/库", "postgres://u@h/d\u{0}", "postgres://u@h/d x",
        "postgres://u@h/" + String(repeating: "d", count: 5000),
    ])
    func aBadAddressIsRefusedWithWhatIsWrong(_ text: String) throws {
        let refusal = try #require(Self.refusal(text), "\(text.prefix(60)) was taken")
        #expect(refusal.code == "database_url_invalid")
        #expect(refusal.description.contains("数据库地址") && refusal.description.contains("database URL"))
        #expect(refusal.description.count < 500, "an oversized address is not echoed whole")
    }

    @Test func anUnreachableServerIsNamedWithoutItsPassword() async throws {
        // Port 1 on loopback: nothing listens there.
        let url = try DatabaseURL("postgres://xuncha:s3cret@127.0.0.1:1/xuncha?sslmode=disable")
        do {
            _ = try await PostgresEngine(url: url, logger: Logger(label: "test"))
            Issue.record("connected to nothing")
        } catch let refusal as DatabaseURL.Refusal {
            #expect(refusal.code == "database_unreachable")
            #expect(refusal.description.contains("无法连接数据库") && refusal.description.contains("cannot connect"))
            #expect(!refusal.description.contains("s3cret"))
        }
    }

    @Test(.enabled(if: TestDatabase.server != nil, "needs XUNCHA_TEST_POSTGRES"))
    func aMissingDatabaseIsNamedInTheServersWords() async throws {
        let server = try #require(TestDatabase.server)
        var components = try #require(URLComponents(string: server))
        components.path = "/xuncha_no_such_database"
        let url = try DatabaseURL(try #require(components.string))
        do {
            _ = try await PostgresEngine(url: url, logger: Logger(label: "test"))
            Issue.record("connected to a database that is not there")
        } catch let refusal as DatabaseURL.Refusal {
            #expect(refusal.code == "database_unreachable")
            #expect(refusal.description.contains("xuncha_no_such_database\" does not exist"))
        }
    }
}
