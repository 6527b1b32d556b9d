extension String {
    /// The string of `scalars`, encoded straight into the new string's storage. Appending to
    /// `unicodeScalars` goes through a generic path that costs several times more, and
    /// screening cuts dozens of words out of every report.
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        var count = 0
        for c in scalars { count += UTF8.width(c) }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var i = 0
            for c in scalars {
                UTF8.encode(c) { unit in
                    buffer[i] = unit
                    i += 1
                }
            }
            return i
        }
    }
}
