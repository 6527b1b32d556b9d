import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What every request meets first and every answer carries last: who the client is (behind a
/// trusted proxy too), the cache and framing headers, and Secure cookies over TLS.
@Suite struct EdgeTests {
    static let wrong = #"{"query_code":"0000000000000001"}"#

    static func submit(_ b: Browser) async throws -> String {
        let receipt = try json(try await b.postJSON("/api/v1/reports", #"{"content":"某某局长收受红包，请巡察组核查。"}"#))
        return try #require(receipt["query_code"] as? String)
    }

    @Test func oneBrowsersWrongCodesDoNotLockOutAnotherAtTheSameAddress() async throws {
        try await TestInstallation.make(maxFailures: 3).test { client async throws in
            let code = try await Self.submit(Browser(client))
            let guesser = Browser(client)
            for expected in [HTTPResponse.Status.notFound, .notFound, .notFound, .tooManyRequests] {
                let csrf = try await guesser.csrf(from: "/status")
                #expect(try await guesser.post("/status", form: ["csrf": csrf, "query_code": "0000000000000001"]).status == expected)
            }
            let colleague = Browser(client)
            let csrf = try await colleague.csrf(from: "/status")
            #expect(try await colleague.post("/status", form: ["csrf": csrf, "query_code": code]).status == .ok)
        }
    }

    @Test func aTrustedProxysForwardedAddressTellsClientsApartAndOnlyItsWordCounts() async throws {
        try await TestInstallation.make(maxFailures: 3, trustedProxies: ["127.0.0.1"]).test { client async throws in
            let b = Browser(client)
            let code = try await Self.submit(b)
            // A client may write its own X-Forwarded-For: the proxy's address, appended last, is the one believed.
            let first: HTTPFields = [.init("X-Forwarded-For")!: "10.0.0.9, 10.0.0.1"]
            for _ in 0..<3 { #expect(try await b.postJSON("/api/v1/status", Self.wrong, headers: first).status == .notFound) }
            #expect(try await b.postJSON("/api/v1/status", Self.wrong, headers: first).status == .tooManyRequests)
            let spoofing: HTTPFields = [.init("X-Forwarded-For")!: "10.0.0.1, 10.0.0.2"]
            #expect(try await b.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#, headers: spoofing).status == .ok)
        }
        try await TestInstallation.make(maxFailures: 3).test { client async throws in
            // Without the setting the header is the client's own word and changes nothing.
            let b = Browser(client)
            for n in 0..<3 {
                let headers: HTTPFields = [.init("X-Forwarded-For")!: "10.0.0.\(n)"]
                #expect(try await b.postJSON("/api/v1/status", Self.wrong, headers: headers).status == .notFound)
            }
            let headers: HTTPFields = [.init("X-Forwarded-For")!: "10.0.0.7"]
            #expect(try await b.postJSON("/api/v1/status", Self.wrong, headers: headers).status == .tooManyRequests)
        }
    }

    @Test func everyAnswerIsKeptOutOfCachesAndFrames() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let answers = [
                try await b.postJSON("/api/v1/reports", #"{"content":"某某局长收受红包，请巡察组核查。"}"#),
                try await b.postJSON("/api/v1/status", Self.wrong),
                try await b.postJSON("/api/v1/status", "{"),
                try await b.get("/api/v1/inbox"),
                try await b.get("/no-such-page"),
                try await b.get("/"),
            ]
            for answer in answers {
                #expect(answer.headers[.cacheControl] == "no-store", "\(answer.status)")
                #expect(answer.headers[.xContentTypeOptions] == "nosniff", "\(answer.status)")
                #expect(answer.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(answer.status)")
                #expect(answer.headers[.strictTransportSecurity] == nil)
            }
            #expect(try await b.get("/static/xuncha.css").headers[.cacheControl] == "public, max-age=3600")
        }
    }

    @Test func cookiesAreSecureWhenATrustedProxySaysTheClientCameOverTLS() async throws {
        try await TestInstallation.make(trustedProxies: ["127.0.0.1"]).test { client async throws in
            let tls: HTTPFields = [.init("X-Forwarded-Proto")!: "https", .init("X-Forwarded-For")!: "10.0.0.5"]
            let overTLS = try await Browser(client).send("/status", .get, headers: tls, body: nil)
            let cookie = try #require(overTLS.headers[.setCookie])
            #expect(cookie.contains("; Secure"))
            #expect(overTLS.headers[.strictTransportSecurity] != nil)
            let plain = try await Browser(client).get("/status")
            #expect(plain.headers[.setCookie]?.contains("Secure") == false)
        }
    }
}
