extension QRCode {
    /// The symbol as SVG with the four-module quiet zone around it, one path of unit squares,
    /// sized by the page (its viewBox is in modules). `label` is what a screen reader says.
    func svg(label: String) -> String {
        let quiet = 4
        let side = size + 2 * quiet
        var path = ""
        for (r, row) in modules.enumerated() {
            for (c, isDark) in row.enumerated() where isDark { path += "M\(c + quiet) \(r + quiet)h1v1h-1z" }
        }
        let escaped = label.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img" aria-label="\(escaped)">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
