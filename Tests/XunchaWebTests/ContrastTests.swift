import Foundation
import Testing

/// The public pages' colours, read from the stylesheet, against WCAG 2 AA: 4.5:1 for text.
@Suite struct ContrastTests {
    static let css: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Sources/XunchaWeb/Static/xuncha.css")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    /// `--ink: #1f2328;` → #1f2328; `#fff` → #ffffff.
    static func variable(_ name: String) throws -> String {
        let start = try #require(css.range(of: "--\(name):")).upperBound
        var value = String(css[start...].prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        if value.count == 4 { value = "#" + value.dropFirst().map { "\($0)\($0)" }.joined() }
        #expect(value.count == 7 && value.hasPrefix("#") && Int(value.dropFirst(), radix: 16) != nil, "--\(name) is \(value)")
        return value
    }

    static func luminance(_ hex: String) -> Double {
        let v = Int(hex.dropFirst(), radix: 16)!
        let channels = [(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF].map { c -> Double in
            let s = Double(c) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test func textIsReadableOnEveryBackgroundThePublicPagesUse() throws {
        #expect(!Self.css.isEmpty)
        let ink = try Self.variable("ink")
        let muted = try Self.variable("muted")
        let accent = try Self.variable("accent")
        let bg = try Self.variable("bg")
        let card = try Self.variable("card")
        // The intake boxes' backgrounds and the green of "answering now", as the stylesheet sets them.
        for colour in ["#eef8f0", "#fff8e5", "#1a7f37", "#fff8c5"] { #expect(Self.css.contains(colour), "\(colour) is still used") }
        let pairs: [(String, String, String)] = [
            ("text on the page", ink, bg), ("text on a card", ink, card), ("hints on a card", muted, card), ("hints on the page", muted, bg),
            ("errors on a card", accent, card), ("the header", "#ffffff", accent), ("buttons", "#ffffff", accent),
            ("an open intake box", ink, "#eef8f0"), ("a closed intake box", ink, "#fff8e5"), ("hints in a closed box", muted, "#fff8e5"),
            ("phone answering now", "#1a7f37", "#eef8f0"), ("the query code", ink, "#fff8c5"),
        ]
        for (what, text, background) in pairs {
            #expect(Self.contrast(text, background) >= 4.5, "\(what): \(text) on \(background) is \(Self.contrast(text, background)):1")
        }
    }
}
