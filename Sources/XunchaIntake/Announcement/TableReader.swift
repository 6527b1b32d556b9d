/// Reads tables that a web page lost on the way to plain text: `巡察组|被巡察单位|值班电话` and
/// then one line of cells per group, or all of it on one line. The header cells name the
/// columns; each data cell then carries its column's name, so that a bare `0738-8311234` under
/// 值班电话 is known to be a phone and a cell under 被巡察单位 a list of units.
enum TableReader {
    /// Words that make a cell a column header.
    static let headerWords = [
        "巡察组", "巡视组", "组别", "组长", "被巡察单位", "巡察对象", "巡察单位", "被巡视单位", "电话", "邮箱", "信箱", "地址", "时间", "期间",
        "单位", "联系方式", "序号",
    ]

    static func label(_ sentences: inout [Sentence]) {
        var k = 0
        while k < sentences.count {
            guard sentences[k].isCell else {
                k += 1
                continue
            }
            // A run of cells on consecutive lines is one table.
            var end = k
            while end + 1 < sentences.count, sentences[end + 1].isCell, sentences[end + 1].line - sentences[end].line <= 1 { end += 1 }
            labelTable(&sentences, k...end)
            k = end + 1
        }
    }

    private static func labelTable(_ sentences: inout [Sentence], _ cells: ClosedRange<Int>) {
        // The header: the leading cells that read like labels.
        var columns: [String] = []
        // Text before the table may share its first line (联系方式如下：| 巡察组 | …).
        var k = cells.lowerBound
        while k < cells.upperBound, !(isHeader(sentences[k].text) && isHeader(sentences[k + 1].text)) { k += 1 }
        while k <= cells.upperBound, isHeader(sentences[k].text) {
            columns.append(sentences[k].text)
            k += 1
        }
        guard columns.count >= 2 else { return }
        // Rows on lines of their own restart at the first column on each line, so a row with a
        // missing cell does not shift the ones after it; a table flattened onto one line cannot.
        let headerLine = sentences[k - 1].line
        let rowsOnLines = k <= cells.upperBound && sentences[k].line != headerLine
        var column = 0
        while k <= cells.upperBound {
            if rowsOnLines, sentences[k].line != sentences[k - 1].line { column = 0 }
            sentences[k].header = columns[column]
            column = (column + 1) % columns.count
            k += 1
        }
    }

    private static func isHeader(_ cell: String) -> Bool {
        cell.count <= 10 && !cell.contains(where: { $0.isNumber || $0 == "@" }) && headerWords.contains { cell.contains($0) }
            && !cell.hasSuffix("巡察组") && !cell.hasSuffix("巡视组") || ["巡察组", "巡视组", "组别"].contains(cell)
    }
}
