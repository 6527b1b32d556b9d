extension Sequence<UInt8> {
    /// Lower-case hexadecimal, the form hashes are stored and compared in.
    public var hexString: String {
        let digits: [Character] = Array("0123456789abcdef")
        var out = ""
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return out
    }
}
