import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import XunchaWeb

/// `/metrics`: what it counts, by route pattern and never by path, and who may read it.
@Suite struct ServerMetricsTests {
    @Test func aSubmitIsCountedByRouteStatusAndChannelAndNothingOfItIsShown() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let receipt = try json(
                try await b.postJSON("/api/v1/reports", #"{"content":"度量测试：某局长收受购物卡。","reporter":{"name":"张三","phone":"13800138000"}}"#)
            )
            let code = try #require(receipt["query_code"] as? String)
            let id = try #require(receipt["id"] as? String)
            #expect(try await b.postJSON("/api/v1/status", #"{"query_code":"\#(code)"}"#).status == .ok)
            _ = try await b.get("/api/v1/reports/\(id)")
            _ = try await b.get("/inspections/no-such-\(code)")

            let scraped = try await b.get("/metrics")
            #expect(scraped.status == .ok)
            #expect(scraped.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = String(buffer: scraped.body)
            #expect(text.contains(#"xuncha_http_requests_total{route="/api/v1/reports",method="POST",status="201"} 1"#), "\(text)")
            #expect(text.contains(#"xuncha_http_requests_total{route="/api/v1/status",method="POST",status="200"} 1"#))
            #expect(text.contains(#"xuncha_http_requests_total{route="/api/v1/reports/{id}",method="GET",status="401"} 1"#))
            #expect(text.contains(#"route="/inspections/{id}""#))
            #expect(text.contains(#"xuncha_reports_received_total{channel="web"} 1"#))
            #expect(text.contains("xuncha_intake_duration_seconds_count 1"))
            #expect(text.contains("xuncha_screening_duration_seconds_count 1"))
            #expect(text.contains("xuncha_group_commit_queue_depth 0"))
            #expect(text.contains("xuncha_http_request_duration_seconds_bucket"))
            for secret in [code, id, "张三", "13800138000", "购物卡", "127.0.0.1", "no-such"] {
                #expect(!text.contains(secret), "\(secret) in the metrics")
            }
        }
    }

    @Test func throughAProxyOrFromAfarOnlyTheTokenOpensIt() async throws {
        var installation = try await TestInstallation.make(trustedProxies: ["127.0.0.1"])
        installation.configuration.metricsToken = "s3cret-token-for-the-scraper"
        try await installation.test { client async throws in
            let b = Browser(client)
            let forwarded: HTTPFields = [.init("X-Forwarded-For")!: "203.0.113.9"]
            #expect(try await b.send("/metrics", .get, headers: forwarded, body: nil).status == .notFound)
            // A client writing a loopback address of its own is still a proxied client.
            let spoofed: HTTPFields = [.init("X-Forwarded-For")!: "127.0.0.1"]
            #expect(try await b.send("/metrics", .get, headers: spoofed, body: nil).status == .notFound)
            for wrong in [
                "Bearer wrong", "Bearer ", "Basic s3cret-token-for-the-scraper", "Bearer s3cret-token-for-the-scrape",
                String(repeating: "B", count: 10_000),
            ] {
                var headers = forwarded
                headers[.authorization] = wrong
                #expect(try await b.send("/metrics", .get, headers: headers, body: nil).status == .notFound, "\(wrong.prefix(40))")
            }
            var right = forwarded
            right[.authorization] = "Bearer s3cret-token-for-the-scraper"
            #expect(try await b.send("/metrics", .get, headers: right, body: nil).status == .ok)
        }
    }
}
