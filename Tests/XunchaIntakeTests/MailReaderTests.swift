import Foundation
import Testing

@testable import XunchaIntake

/// Test messages written by Fixtures/make-mail-fixtures.py with Python's `email` package.
enum MailFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func read(_ name: String) throws -> MailMessage {
        MailReader().read(try Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// A message built in the test, line by line, with CRLF endings.
func mail(_ lines: [String]) -> [UInt8] { Array(lines.joined(separator: "\r\n").utf8) }

@Suite struct MailCharsetTests {
    @Test func gb2312LabelOnGBKBytesIsReadAsGBK() throws {
        let m = try MailFixture.read("gbk-labelled-gb2312.eml")
        #expect(m.subject == "反映问题")
        #expect(m.text == "尊敬的巡察组：\n我是王喆，反映某局副局长朱镕基（化名）和李堃的问题。\n联系电话：13912345678")
        // The label lied, and the record says so.
        #expect(m.problems.contains { $0.kind == .charsetGuessed && $0.detail.contains("GBK") })
        #expect(m.lostContent.isEmpty)
    }

    @Test func big5BodyAndQEncodedSubject() throws {
        let m = try MailFixture.read("big5.eml")
        #expect(m.subject == "檢舉信")
        #expect(m.text == "巡察組您好：\n本單位領導違規收受禮金，請調查。")
        #expect(m.problems.isEmpty)
    }

    @Test func gb18030FourByteCharacters() throws {
        let m = try MailFixture.read("gb18030-four-byte.eml")
        #expect(m.text == "举报人：𠮷祥 © 2025")
        #expect(m.text.unicodeScalars.contains("\u{20BB7}"))
    }

    @Test func hzSevenBitText() throws {
        let m = try MailFixture.read("hz.eml")
        #expect(m.text == "巡察组：~请核查。")
    }

    @Test func gbkSubjectSplitAcrossEncodedWords() throws {
        let m = try MailFixture.read("gbk-subject.eml")
        // The first word ends with half of 镇: the halves are joined before decoding.
        #expect(m.subject == "关于某镇党委书记违规发放补贴的举报")
        #expect(m.from == MailAddress(name: "王喆", address: "wangzhe@example.cn"))
        #expect(m.text == "见主题。")
    }

    @Test func encodedWordWhitespaceRules() {
        var d: [CharsetDecision] = []
        // Space between two words goes; space between a word and text stays.
        #expect(EncodedWords.decode("=?utf-8?Q?a?= =?utf-8?Q?b?=", decisions: &d) == "ab")
        #expect(EncodedWords.decode("=?utf-8?Q?a?=\r\n\t=?utf-8?Q?b?= c", decisions: &d) == "ab c")
        #expect(EncodedWords.decode("x =?utf-8?Q?a_b?= y", decisions: &d) == "x a b y")
        #expect(EncodedWords.decode("=?utf-8?Q?=E4=B8=BE_?==?utf-8?Q?=E6=8A=A5?=", decisions: &d) == "举 报")
        #expect(EncodedWords.decode("=?GB2312?B?1tDOxA==?= =?big5?B?pKQ=?=", decisions: &d) == "中文中")
        // Not a word: left as written.
        #expect(EncodedWords.decode("=?utf-8?X?abc?= and =? nothing", decisions: &d) == "=?utf-8?X?abc?= and =? nothing")
    }

    @Test func rawEightBitHeaderReadInTheBodyCharset() {
        var bytes = Array("Subject: ".utf8) + Array([0xBE, 0xD9, 0xB1, 0xA8])  // 举报 in GBK
        bytes += Array("\r\nContent-Type: text/plain; charset=gbk\r\n\r\nx".utf8)
        let m = MailReader().read(bytes)
        #expect(m.subject == "举报")
    }

    @Test func declaredUTF8ThatIsGBKAndUndeclaredBig5() {
        let gbk: [UInt8] = [0xC4, 0xB3, 0xD5, 0xF2]  // 某镇
        let m = MailReader().read(mail(["Content-Type: text/plain; charset=utf-8", "", ""]) + gbk)
        #expect(m.text == "某镇")
        #expect(m.problems.contains { $0.kind == .charsetGuessed })

        // Big5 without a label: GBK would read it too, as rare characters; Big5 is chosen.
        let big5: [UInt8] = [0xC0, 0xCB, 0xC1, 0x7C, 0xAB, 0x48, 0xA1, 0x47, 0xBB, 0xE2, 0xBE, 0xC9, 0xB9, 0x48, 0xB3, 0x57]  // 檢舉信：領導違規
        let b = MailReader().read(mail(["Subject: x", "", ""]) + big5)
        #expect(b.text == "檢舉信：領導違規")
        #expect(b.problems.contains { $0.kind == .charsetGuessed && $0.detail.contains("big5") })

        // UTF-8 bytes under a GB2312 label.
        let u = MailReader().read(mail(["Content-Type: text/plain; charset=gb2312", "", "反映某镇党委书记问题"]))
        #expect(u.text == "反映某镇党委书记问题")
    }

    @Test func unreadableBytesAreReplacedAndNamed() {
        let m = MailReader().read(mail(["Content-Type: text/plain; charset=gbk", "", "好"]) + [0xFF, 0xFF] + Array("人".utf8))
        #expect(m.text.hasPrefix("好"))
        #expect(m.text.contains("\u{FFFD}"))
        #expect(m.lostContent.contains { $0.kind == .unreadableCharacters && $0.part == "1" })
    }

    @Test func decodersAgreeWithPythonOnSamples() {
        #expect(ChineseDecoders.gb18030([0x81, 0x40, 0xD6, 0xD0, 0x81, 0x30, 0x84, 0x33][...]).text == "丂中¡")
        #expect(ChineseDecoders.big5([0xA4, 0xA4, 0xA1, 0x40][...]).text == "中　")
        #expect(ChineseDecoders.hz(Array("~{VPND~}~~x".utf8)[...]).text == "中文~x")
    }
}

@Suite struct MailStructureTests {
    @Test func rfc2231FilenameWithContinuations() throws {
        let m = try MailFixture.read("rfc2231-filename.eml")
        #expect(m.text == "材料见附件。")
        #expect(m.attachments.map(\.filename) == ["关于违规收受礼金问题的情况说明（第二版）.docx", "照片.jpg"])
        #expect(m.attachments[0].mediaType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(m.attachments[0].data == Data("PK\u{03}\u{04} fake docx".utf8))
        #expect(m.attachments.map(\.part) == ["2", "3"])
    }

    @Test func nestedMultipartPrefersPlainTextAndKeepsEveryAttachment() throws {
        let m = try MailFixture.read("nested.eml")
        #expect(m.subject == "嵌套的邮件")
        #expect(m.text == "纯文本正文：某村会计挪用低保资金。")
        #expect(!m.htmlFallbackUsed)
        // The screenshot of the HTML version is kept although the plain version was chosen.
        #expect(m.attachments.map(\.mediaType) == ["image/png", "application/pdf"])
        #expect(m.attachments[0].contentID == "shot1")
        #expect(m.attachments[0].isInline)
        #expect(m.attachments[0].part == "1.2.2")
        #expect(m.attachments[1].filename == "证据.pdf")
        #expect(m.attachments[1].data == Data("%PDF-1.4 fake".utf8))
    }

    @Test func htmlOnlyBecomesReadableText() throws {
        let m = try MailFixture.read("html-only.eml")
        #expect(m.htmlFallbackUsed)
        #expect(m.text == "巡察组领导：\n\n某单位 存在“吃拿卡要”问题！\n\n金额约¥5000元&更多。\n第二行")
    }

    @Test func formatFlowedLinesAreJoined() {
        let m = MailReader().read(
            mail(["Content-Type: text/plain; charset=utf-8; format=flowed", "", "第一段很长， ", "接着写。", " >引用", "", "-- ", "张三"])
        )
        #expect(m.text == "第一段很长， 接着写。\n>引用\n\n-- \n张三")
    }

    @Test func htmlConversionDetails() {
        let html =
            "<ul><li>一</li><li>二</li></ul><pre>a  b\n c</pre><table><tr><td>x</td><td>y</td></tr></table><STYLE>x{}</STYLE>尾 &copy &#x4E2D;&bogus;"
        #expect(HTMLText.text(html) == "一\n二\n\na  b\n c\n\nx y\n\n尾 &copy 中&bogus;")
    }

    @Test func malformedBase64YieldsWhatCouldBeRead() throws {
        let m = try MailFixture.read("malformed-base64.eml")
        // Stray characters skipped, the cut-off end lost: all but the last characters survive.
        #expect(m.text.hasPrefix("这是一段完整的举报内容，后面被截断"))
        let problem = try #require(m.problems.first { $0.kind == .malformedBase64 })
        #expect(problem.part == "1")
        #expect(problem.detail.contains("5 characters that are not base64"))
        #expect(m.messageID == "broken@example.cn")
    }

    @Test func missingMessageIDIsNoted() throws {
        let m = try MailFixture.read("no-message-id.eml")
        #expect(m.messageID == nil)
        #expect(m.text == "没有Message-ID的邮件。")
        #expect(m.problems.map(\.kind) == [.missingMessageID])
    }

    @Test func emptyBodyWithOnlyAnAttachment() throws {
        let m = try MailFixture.read("attachment-only.eml")
        #expect(m.subject == "只有附件")
        #expect(m.text == "")
        #expect(m.attachments.count == 1)
        #expect(m.attachments[0].filename == "录音.amr")
        #expect(m.attachments[0].data == Data("audio bytes".utf8))
    }

    @Test func datesAreReadWithTheirZones() {
        #expect(MailDate.parse("Tue, 04 Mar 2025 09:15:02 +0800") == Date(timeIntervalSince1970: 1_741_050_902))
        #expect(MailDate.parse("4 Mar 25 01:15 GMT") == Date(timeIntervalSince1970: 1_741_050_900))
        #expect(MailDate.parse("Thu, 01 Jan 1970 00:00:00 +0000 (UTC)") == Date(timeIntervalSince1970: 0))
        #expect(MailDate.parse("32 Mar 2025 10:00:00 +0800") == nil)
        #expect(MailDate.parse("yesterday") == nil)
    }

    /// Found by fuzzing (Fuzz/regressions/mail): a year of fourteen digits overflowed the
    /// seconds and stopped the process, so one message could stop the mail watcher on every run.
    @Test func aDateBeyondYear9999IsNoDate() throws {
        #expect(MailDate.parse("1 Jan 99999999999999 00:00:00 +0000") == nil)
        #expect(MailDate.parse("Fri, 31 Dec 9999 23:59:59 +0000") == Date(timeIntervalSince1970: 253_402_300_799))
        let raw = Array("From: a@example.cn\nDate: 1 Jan 99999999999999 00:00:00 +0000\nSubject: x\n\n正文\n".utf8)
        let message = MailReader().read(raw)
        #expect(message.date == nil && message.text.contains("正文"))
    }

    @Test func addresses() {
        var d: [CharsetDecision] = []
        #expect(
            MailAddress.parse("\"Zhang, San\" <ZS@Example.CN>, other@x.cn", decisions: &d)
                == MailAddress(name: "Zhang, San", address: "ZS@example.cn")
        )
        #expect(MailAddress.parse("zs@example.cn (张三)", decisions: &d) == MailAddress(name: "张三", address: "zs@example.cn"))
        #expect(MailAddress.parse("zs@example.cn", decisions: &d) == MailAddress(name: "", address: "zs@example.cn"))
    }
}

@Suite struct MailLimitTests {
    /// A multipart/mixed message with a text part and `count - 1` small attachments.
    static func manyParts(_ count: Int) -> [UInt8] {
        var lines = [
            "Message-ID: <many@x>", "Content-Type: multipart/mixed; boundary=b", "", "--b", "Content-Type: text/plain; charset=utf-8", "", "正文",
        ]
        for k in 1..<count {
            lines += ["--b", "Content-Type: application/octet-stream", "Content-Disposition: attachment; filename=\"f\(k).bin\"", "", "data \(k)"]
        }
        lines += ["--b--", ""]
        return mail(lines)
    }

    @Test func fiveHundredPartsAreReadAndMoreAreNamed() {
        let m = MailReader().read(Self.manyParts(500))
        #expect(m.text == "正文")
        #expect(m.attachments.count == 499)
        #expect(m.attachments.last?.filename == "f499.bin")
        #expect(m.attachments.last?.data == Data("data 499".utf8))
        #expect(m.lostContent.isEmpty)

        let over = MailReader().read(Self.manyParts(520))
        #expect(over.text == "正文")
        #expect(over.attachments.count == 499)
        #expect(over.lostContent.map(\.kind) == [.tooManyParts])
        #expect(over.lostContent[0].detail.hasPrefix("20 parts"))
    }

    @Test func headerLineOf100KBIsCutAndTheBodyStillRead() {
        let long = String(repeating: "很长的主题", count: 7_000)  // 105 000 bytes of UTF-8
        let m = MailReader().read(mail(["Subject: " + long, "X-Junk: " + String(repeating: "a", count: 200_000), "Message-ID: <h@x>", "", "正文还在。"]))
        #expect(m.text == "正文还在。")
        #expect(m.messageID == "h@x")
        #expect(m.subject.hasPrefix("很长的主题很长的主题"))
        #expect(m.subject.utf8.count <= 100 * 1024)
        #expect(m.lostContent.map(\.kind) == [.headerTooLong])
    }

    @Test func thirtyMegabyteMessageInBoundedTime() {
        var payload = [UInt8](repeating: 0, count: 22 * 1024 * 1024)
        for k in payload.indices where k % 7 == 0 { payload[k] = UInt8(truncatingIfNeeded: k) }
        let encoded = Data(payload).base64EncodedString(options: .lineLength76Characters)
        var bytes = mail([
            "Message-ID: <big@x>", "Subject: =?utf-8?B?5aSn6YKu5Lu2?=", "Content-Type: multipart/mixed; boundary=\"=-big-=\"", "",
            "--=-big-=", "Content-Type: text/plain; charset=gbk", "Content-Transfer-Encoding: 8bit", "", "",
        ])
        bytes.removeLast(2)
        bytes += [0xBC, 0xFB, 0xB8, 0xBD, 0xBC, 0xFE]  // 见附件 in GBK
        bytes += mail([
            "", "--=-big-=", "Content-Type: video/mp4", "Content-Transfer-Encoding: base64", "Content-Disposition: attachment; filename=v.mp4", "",
        ])
        bytes += Array(encoded.utf8)
        bytes += mail(["", "--=-big-=--", ""])
        #expect(bytes.count > 30_000_000)
        let clock = ContinuousClock()
        var m: MailMessage?
        let elapsed = clock.measure { m = MailReader().read(bytes) }
        #expect(m?.subject == "大邮件")
        #expect(m?.text == "见附件")
        #expect(m?.attachments.first?.data.count == payload.count)
        #expect(m?.attachments.first?.data == Data(payload))
        #expect(elapsed < .seconds(20), "read in \(elapsed)")
    }

    @Test func oversizedMessageIsReadUpToTheLimit() {
        var limits = MailReader.Limits()
        limits.messageBytes = 1000
        let body = String(repeating: "x", count: 5000)
        let m = MailReader(limits: limits).read(mail(["Message-ID: <o@x>", "", body]))
        #expect(m.text.count == 1000 - "Message-ID: <o@x>\r\n\r\n".utf8.count)
        #expect(m.lostContent.map(\.kind) == [.messageTooLarge])
    }

    @Test func deepNestingStopsAtTheLimitAndKeepsTheRest() {
        var lines: [String] = ["Message-ID: <d@x>"]
        for k in 0..<30 { lines += ["Content-Type: multipart/mixed; boundary=b\(k)", "", "--b\(k)"] }
        lines += ["Content-Type: text/plain", "", "最深处"]
        let m = MailReader().read(mail(lines))
        #expect(m.lostContent.contains { $0.kind == .tooDeep })
        #expect(m.attachments.count == 1)
        #expect(String(decoding: m.attachments[0].data, as: UTF8.self).contains("最深处"))
    }

    @Test func attachedMessagesShareOneByteBudget() {
        let padding = String(repeating: "x", count: 600)
        // Level 1 holds level 2: together they are nearly twice the message.
        let innermost = ["Subject: level 2", "", "最里层" + padding]
        let inner =
            [
                "Subject: level 1", "Content-Type: multipart/mixed; boundary=i", "", "--i", "", "第一层", "--i",
                "Content-Type: message/rfc822", "",
            ]
            + innermost + ["--i--"]
        let outer =
            ["Message-ID: <n@x>", "Content-Type: multipart/mixed; boundary=o", "", "--o", "", "外层", "--o", "Content-Type: message/rfc822", ""] + inner
            + ["--o--"]
        var limits = MailReader.Limits()
        limits.messageBytes = 1000
        let m = MailReader(limits: limits).read(mail(outer))
        #expect(m.text.contains("第一层"))
        #expect(!m.text.contains("最里层"))
        #expect(m.lostContent.map(\.kind) == [.messageTooLarge])
        #expect(m.lostContent.first?.part == "2.2")
        #expect(m.attachments.map(\.part) == ["2", "2.2"])
        #expect(MailReader().read(mail(outer)).text.contains("最里层"))
    }

    @Test func unterminatedMultipartKeepsItsParts() {
        let m = MailReader().read(
            mail(["Content-Type: multipart/mixed; boundary=z", "", "--z", "", "第一部分", "--z", "Content-Type: text/plain", "", "第二部分被截"])
        )
        #expect(m.text == "第一部分\n\n第二部分被截")
        #expect(m.lostContent.map(\.kind) == [.unterminatedMultipart])
    }

    @Test func forwardedMessageTextIsPartOfTheBody() {
        let m = MailReader().read(
            mail([
                "Message-ID: <f@x>", "Content-Type: multipart/mixed; boundary=o", "", "--o", "Content-Type: text/plain; charset=utf-8", "", "转给你们。",
                "--o",
                "Content-Type: message/rfc822", "", "From: =?utf-8?B?5byg5LiJ?= <zs@x.cn>", "Subject: =?utf-8?B?5Li+5oql?=", "", "原始举报内容。", "--o--",
            ])
        )
        #expect(m.text == "转给你们。\n\n---------- 附带的邮件 / attached message ----------\n发件人 From: 张三 <zs@x.cn>\n主题 Subject: 举报\n\n原始举报内容。")
        #expect(m.attachments.map(\.filename) == ["举报.eml"])
    }
}

@Suite struct MailRobustnessTests {
    /// A seeded generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Fixtures with bytes flipped, cut, duplicated and deleted in the body: the reader always
    /// returns, and damage to the body never costs the subject or the Message-ID.
    @Test func damagedMessagesAreStillRead() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: MailFixture.folder.path).filter { $0.hasSuffix(".eml") }.sorted()
        var rng = SplitMix(state: 2025)
        var read = 0
        for name in names {
            let original = [UInt8](try Data(contentsOf: MailFixture.folder.appendingPathComponent(name)))
            let clean = MailReader().read(original)
            let bodyStart = try #require(original.indices.first { original[$0...].starts(with: [13, 10, 13, 10]) }) + 4
            for _ in 0..<60 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...6, using: &rng) {
                    guard bytes.count > bodyStart else { break }
                    let at = Int.random(in: bodyStart..<bytes.count, using: &rng)
                    switch Int.random(in: 0..<4, using: &rng) {
                    case 0: bytes[at] = UInt8.random(in: 0...255, using: &rng)
                    case 1: bytes = Array(bytes.prefix(at))
                    case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + 40)], at: at)
                    default: bytes.remove(at: at)
                    }
                }
                let m = MailReader().read(bytes)
                #expect(m.subject == clean.subject, "\(name)")
                #expect(m.messageID == clean.messageID, "\(name)")
                read += 1
            }
        }
        #expect(read == names.count * 60)
    }

    /// Inputs built to make a naive scanner quadratic finish quickly and keep their text.
    @Test func adversarialMarkupStaysLinear() {
        let clock = ContinuousClock()
        let html = String(repeating: "<a \"", count: 100_000) + "结尾"
        var text = ""
        let t1 = clock.measure { text = HTMLText.text(html) }
        #expect(text.hasSuffix("结尾"))
        var d: [CharsetDecision] = []
        let header = String(repeating: "=?a?Q?x", count: 14_000)
        var decoded = ""
        let t2 = clock.measure { decoded = EncodedWords.decode(header, decisions: &d) }
        #expect(decoded == header)
        #expect(t1 + t2 < .seconds(10), "\(t1), \(t2)")
    }

    @Test func emptyAndHeaderOnlyInput() {
        #expect(MailReader().read([]).text == "")
        #expect(MailReader().read(Array("Subject: only".utf8)).subject == "only")
        #expect(MailReader().read(Array("\r\n\r\n正文".utf8)).text == "正文")
        #expect(MailReader().read(Array("no header line at all\n第二行".utf8)).text == "no header line at all\n第二行")
    }
}
