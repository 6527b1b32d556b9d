extension String {
    /// The string of `scalars`, encoded into one byte buffer and decoded once: appending to
    /// `unicodeScalars` goes through a generic path that costs several times more, and screening
    /// cuts dozens of words out of every report. (Writing into
    /// `String(unsafeUninitializedCapacity:)` instead corrupted memory in debug test runs.)
    public init(scalars: ArraySlice<Unicode.Scalar>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for c in scalars { UTF8.encode(c) { bytes.append($0) } }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
