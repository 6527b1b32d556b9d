/// Substring tests on Unicode scalars: the standard library's `String.contains(String)` goes
/// through the generic string-processing algorithms and costs microseconds per call, which the
/// roster look-ups (thousands of posts per report) cannot afford.
enum ScalarSearch {
    static func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }

    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    static func hasPrefix(_ s: [Unicode.Scalar], _ prefix: [Unicode.Scalar]) -> Bool {
        s.count >= prefix.count && s[..<prefix.count].elementsEqual(prefix)
    }
}
