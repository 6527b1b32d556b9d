/// A horizontal bar chart drawn on the server as SVG: no script, prints as it shows. Every label
/// is escaped here, because the template puts the chart into the page as it is.
struct BarChart {
    var title: String
    var bars: [(label: String, value: Int)]

    static let width = 640
    static let barHeight = 22
    static let labelWidth = 170

    var svg: String {
        let height = bars.count * (Self.barHeight + 8) + 36
        let top = max(1, bars.map(\.value).max() ?? 1)
        let room = Self.width - Self.labelWidth - 60
        var parts = [
            #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(Self.width) \#(height)" width="100%" role="img" aria-label="\#(Self.escape(title))">"#,
            #"<text x="0" y="16" font-size="14" font-weight="bold">\#(Self.escape(title))</text>"#,
        ]
        for (i, bar) in bars.enumerated() {
            let y = 28 + i * (Self.barHeight + 8)
            let w = bar.value == 0 ? 0 : max(2, room * bar.value / top)
            parts.append(#"<text x="0" y="\#(y + 16)" font-size="13">\#(Self.escape(bar.label))</text>"#)
            parts.append(##"<rect x="\##(Self.labelWidth)" y="\##(y)" width="\##(w)" height="\##(Self.barHeight)" fill="#9b1c1c"/>"##)
            parts.append(#"<text x="\#(Self.labelWidth + w + 6)" y="\#(y + 16)" font-size="13">\#(bar.value)</text>"#)
        }
        parts.append("</svg>")
        return parts.joined()
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Characters XML 1.0 cannot hold would break the whole page's SVG.
                if c.value < 0x20 && c != "\t" && c != "\n" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
