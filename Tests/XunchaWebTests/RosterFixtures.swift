import Foundation

/// Roster files for the console tests, made here byte by byte: CSV in the encodings Excel writes
/// and a small XLSX workbook, for the demo inspection (unit 市委老干部局).
enum RosterFixtures {
    static let unit = "市委老干部局"

    /// Excel's "CSV UTF-8": a byte-order mark, CRLF, a 序号 and a 备注 column the roster ignores.
    static let utf8WithBOM =
        Data([0xEF, 0xBB, 0xBF])
        + Data(
            """
            序号,姓名,单位,职务,角色,别名,备注\r
            1,王建国,市委老干部局,党组书记、局长,,老王,\r
            2,李红梅,市委老干部局,财务股股长,,,\r
            3,赵　敏,市委老干部局,科员,领导班子成员,,借调\r

            """.utf8
        )

    /// Excel's "CSV" on Chinese Windows, GBK: 姓名,单位,职务 / 王建国,市委老干部局,党组书记、局长 /
    /// 李红梅,市委老干部局,财务股股长, encoded with Python's gbk codec.
    static let gbk = bytes(
        hex: "d0d5c3fb2cb5a5cebb2cd6b0cef10d0acdf5bda8b9fa2ccad0ceafc0cfb8c9b2bfbed62cb5b3d7e9cae9bcc7a1a2bed6b3a40d0a"
            + "c0eebaecc3b72ccad0ceafc0cfb8c9b2bfbed62cb2c6cef1b9c9b9c9b3a40d0a"
    )

    /// Three kinds of bad row, each on its own line: no name (line 3), a unit outside the
    /// inspection (line 4), the same person twice (line 5 repeats line 2).
    static let badRows = Data(
        """
        姓名,单位,职务
        王建国,市委老干部局,局长
        ,市委老干部局,副局长
        张三,县教育局,局长
        王建国,市委老干部局,局长

        """.utf8
    )

    /// A name with markup, which the pages must show as text.
    static let markupName = Data("姓名,单位,职务\n<script>alert(1)</script>,市委老干部局,科员\n".utf8)

    /// A workbook with the people in its first sheet, inline strings and one shared string.
    static var xlsx: Data {
        let sharedStrings = """
            <?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>市委老干部局</t></si></sst>
            """
        func cell(_ ref: String, _ text: String) -> String { #"<c r="\#(ref)" t="inlineStr"><is><t>\#(text)</t></is></c>"# }
        let sheet = """
            <?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\
            <row r="1">\(cell("A1", "干部名册"))</row>\
            <row r="2">\(cell("A2", "姓名"))\(cell("B2", "工作单位"))\(cell("C2", "现任职务"))</row>\
            <row r="3">\(cell("A3", "周志强"))<c r="B3" t="s"><v>0</v></c>\(cell("C3", "副局长"))</row>\
            <row r="4">\(cell("A4", "孙丽"))<c r="B4" t="s"><v>0</v></c>\(cell("C4", "人事科科长"))</row>\
            </sheetData></worksheet>
            """
        return StoredZip.archive([("xl/sharedStrings.xml", Data(sharedStrings.utf8)), ("xl/worksheets/sheet1.xml", Data(sheet.utf8))])
    }

    /// A zip signature followed by nothing a zip reader can use.
    static let malformedXLSX = Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 60))

    static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 56))

    static func bytes(hex: String) -> Data {
        var out = Data()
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }
}

/// The smallest zip writer an XLSX test needs: entries stored uncompressed, with their CRC-32,
/// a central directory and its end record (PKWARE APPNOTE 4.3).
enum StoredZip {
    static func archive(_ entries: [(name: String, data: Data)]) -> Data {
        var out = Data()
        var central = Data()
        for (name, data) in entries {
            let offset = UInt32(out.count)
            let nameBytes = Data(name.utf8)
            let crc = crc32(data)
            out.append(le32(0x0403_4B50))
            out.append(le16(20) + le16(0) + le16(0) + le16(0) + le16(0))
            out.append(le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)))
            out.append(le16(UInt16(nameBytes.count)) + le16(0))
            out.append(nameBytes + data)
            central.append(le32(0x0201_4B50))
            central.append(le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0))
            central.append(le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)))
            central.append(le16(UInt16(nameBytes.count)) + le16(0) + le16(0) + le16(0) + le16(0))
            central.append(le32(0) + le32(offset))
            central.append(nameBytes)
        }
        let centralOffset = UInt32(out.count)
        out.append(central)
        out.append(le32(0x0605_4B50) + le16(0) + le16(0))
        out.append(le16(UInt16(entries.count)) + le16(UInt16(entries.count)))
        out.append(le32(UInt32(central.count)) + le32(centralOffset) + le16(0))
        return out
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func le16(_ v: UInt16) -> Data { Data([UInt8(v & 0xFF), UInt8(v >> 8)]) }
    static func le32(_ v: UInt32) -> Data { Data((0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) }) }
}
