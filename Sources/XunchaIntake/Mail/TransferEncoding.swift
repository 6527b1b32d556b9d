/// Content-Transfer-Encoding decoders. Lenient like every mail reader people use: what is not
/// part of the encoding is skipped and counted, never a reason to lose the part.
enum TransferEncoding {
    struct Decoded {
        var bytes: [UInt8]
        /// Characters skipped because they cannot appear in the encoding.
        var invalid: Int
        /// Bits left over at the end (base64 cut short).
        var truncated: Bool
    }

    private static let base64Values: [UInt8] = {
        var t = [UInt8](repeating: 0xFF, count: 256)
        for (i, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { t[Int(c)] = UInt8(i) }
        // The URL-safe alphabet turns up in mail from web tools; it is unambiguous, so accept it.
        t[Int(UInt8(ascii: "-"))] = 62
        t[Int(UInt8(ascii: "_"))] = 63
        t[Int(UInt8(ascii: "="))] = 0xFE
        for c in [0x20, 0x09, 0x0D, 0x0A] { t[c] = 0xFD }
        return t
    }()

    static func base64(_ input: ArraySlice<UInt8>) -> Decoded {
        var out = [UInt8]()
        out.reserveCapacity(input.count / 4 * 3 + 3)
        var invalid = 0
        var acc: UInt32 = 0
        var bits = 0
        var sawPad = false
        let table = base64Values
        input.withUnsafeBufferPointer { buf in
            for c in buf {
                let v = table[Int(c)]
                if v < 64 {
                    if sawPad {
                        // Data after padding: a second base64 stream glued on. Restart cleanly.
                        sawPad = false
                        acc = 0
                        bits = 0
                    }
                    acc = acc << 6 | UInt32(v)
                    bits += 6
                    if bits >= 8 {
                        bits -= 8
                        out.append(UInt8(truncatingIfNeeded: acc >> UInt32(bits)))
                        acc &= (1 << UInt32(bits)) - 1
                    }
                } else if v == 0xFE {
                    sawPad = true
                } else if v == 0xFD {
                    continue
                } else {
                    invalid += 1
                }
            }
        }
        // Six or more leftover bits mean a quantum was cut off (fewer are padding remainder).
        return Decoded(bytes: out, invalid: invalid, truncated: bits >= 6)
    }

    static func quotedPrintable(_ input: ArraySlice<UInt8>) -> Decoded {
        var out = [UInt8]()
        out.reserveCapacity(input.count)
        var invalid = 0
        input.withUnsafeBufferPointer { buf in
            var i = 0
            let n = buf.count
            var pendingSpace = 0
            while i < n {
                let c = buf[i]
                if c == 0x20 || c == 0x09 {
                    // Trailing white space on a line is transport padding (RFC 2045 6.7 rule 3).
                    pendingSpace += 1
                    i += 1
                    continue
                }
                if c == 0x0D || c == 0x0A {
                    pendingSpace = 0
                    out.append(c)
                    i += 1
                    continue
                }
                if pendingSpace > 0 {
                    out.append(contentsOf: buf[(i - pendingSpace)..<i])
                    pendingSpace = 0
                }
                if c == 0x3D {
                    // Soft line break: "=" then optional white space then the line end.
                    var j = i + 1
                    while j < n, buf[j] == 0x20 || buf[j] == 0x09 { j += 1 }
                    if j == n {
                        i = n
                        continue
                    }
                    if buf[j] == 0x0A {
                        i = j + 1
                        continue
                    }
                    if buf[j] == 0x0D {
                        i = j + 1
                        if i < n, buf[i] == 0x0A { i += 1 }
                        continue
                    }
                    if i + 2 < n, let h = hex(buf[i + 1]), let l = hex(buf[i + 2]) {
                        out.append(h << 4 | l)
                        i += 3
                        continue
                    }
                    // A bare "=" is kept as written (RFC 2045 suggests exactly this).
                    invalid += 1
                    out.append(c)
                    i += 1
                    continue
                }
                out.append(c)
                i += 1
            }
        }
        return Decoded(bytes: out, invalid: invalid, truncated: false)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x41...0x46: c - 0x41 + 10
        case 0x61...0x66: c - 0x61 + 10
        default: nil
        }
    }
}
