import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XunchaCore
import XunchaDesk
import XunchaStore
import XunchaWeb

private func text(_ r: TestResponse) -> String { String(buffer: r.body) }

/// The inbox as a page: filters and search in the address, links that keep them, refusals named.
@Suite struct InboxPageTests {
    @Test func theFilterIsInTheAddressAndEveryLinkKeepsIt() async throws {
        let installation = try await TestInstallation.make()
        let password = try #require(installation.passwords["zuyuan"])
        try await installation.test { client async throws in
            let member = Browser(client)
            try await member.logIn("zuyuan", password)
            let all = text(try await member.get("/staff"))
            #expect(all.contains(#"id="inbox-filters""#))
            // The demo has one report about shopping cards (购物卡); the search finds it alone.
            let found = text(try await member.get("/staff?q=%E8%B4%AD%E7%89%A9%E5%8D%A1"))
            #expect(found.contains("购物卡") && !found.contains("退休待遇"))
            #expect(found.contains(#"value="购物卡""#), "the box keeps the keyword")
            #expect(found.contains("sort=number&amp;dir=desc") && found.contains("q=%E8%B4%AD%E7%89%A9%E5%8D%A1&amp;sort=number"))
            let none = text(try await member.get("/staff?channel=visit"))
            #expect(none.contains("没有符合筛选条件的反映"))
            let refused = try await member.get("/staff?decision=maybe")
            #expect(refused.status == .unprocessableContent && text(refused).contains("处理决定"))
            let api = try json(try await member.get("/api/v1/reports?channel=letter"))
            #expect((api["reports"] as? [[String: Any]])?.count == 1)
        }
    }
}
