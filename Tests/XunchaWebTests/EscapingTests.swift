import Foundation
import Testing

@testable import XunchaWeb

/// Everything a page reflects is escaped by Unicode scalar: a quote with a combining mark after it
/// is still a quote to the browser's HTML parser.
@Suite struct EscapingTests {
    static let hostile = "\"\u{301} autofocus onfocus=alert(1) x=\"\u{301}<script>'\u{301}"

    @Test func theEscapeWorksOnScalarsNotCharacters() {
        let escaped = "&quot;\u{301} autofocus onfocus=alert(1) x=&quot;\u{301}&lt;script&gt;&#39;\u{301}"
        #expect(ScalarHTML.escape(Self.hostile) == escaped)
        #expect(ScalarHTML.escape("巡察组 & 纪委") == "巡察组 &amp; 纪委")
    }

    @Test func aRefusedFormReflectsEveryFieldEscaped() async throws {
        try await TestInstallation.make().test { client async throws in
            let b = Browser(client)
            let csrf = try await b.csrf(from: "/")
            let fields = ["content", "subjects[0][name]", "subjects[0][unit]", "reporter[name]", "reporter[address]"]
            var form = Dictionary(uniqueKeysWithValues: fields.map { ($0, Self.hostile) })
            form["csrf"] = csrf
            form["reporter[email]"] = "not-an-address"
            let page = String(buffer: try await b.post("/report", form: form).body)
            let raw = "\"\u{301} autofocus"
            let safe = "&quot;\u{301} autofocus"
            #expect(!page.contains(raw))
            #expect(page.contains(safe))
            #expect(!page.contains("<script>"))
        }
    }
}
