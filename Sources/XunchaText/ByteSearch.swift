extension String {
    /// Whether `word` occurs in the string, byte for byte. For normalized text this is what
    /// `contains` means, at a fraction of its cost: Foundation's compares by canonical
    /// equivalence through CFString, the standard library's generic search instantiates
    /// metadata on every call, and the announcement parser asks thousands of times a page.
    public func containsBytes(of word: String) -> Bool {
        var text = self
        var word = word
        return text.withUTF8 { t in word.withUTF8 { w in Self.find(w, in: t) } }
    }

    private static func find(_ w: UnsafeBufferPointer<UInt8>, in t: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = w.first else { return true }
        guard w.count <= t.count else { return false }
        var i = 0
        let last = t.count - w.count
        while i <= last {
            if t[i] == first {
                var k = 1
                while k < w.count, t[i + k] == w[k] { k += 1 }
                if k == w.count { return true }
            }
            i += 1
        }
        return false
    }
}
