import Foundation

/// Reads an RFC 5322 message with its MIME structure into a `MailMessage`. It never fails: a
/// message that breaks a limit or the rules still yields everything that could be read, and the
/// rest is named in `problems`.
public struct MailReader: Sendable {
    public struct Limits: Sendable {
        /// Bytes read of one message; the rest is named, not read.
        public var messageBytes = 50 * 1024 * 1024
        /// Body parts (at any depth) read of one message.
        public var parts = 500
        /// Bytes of one header field, unfolded.
        public var headerLineBytes = 100 * 1024
        /// Bytes of one header block.
        public var headerBlockBytes = 1024 * 1024
        /// Multiparts and attached messages inside one another.
        public var depth = 20

        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    public func read(_ data: Data) -> MailMessage { read([UInt8](data)) }

    public func read(_ bytes: [UInt8]) -> MailMessage {
        var session = ReadSession(bytes: bytes, limits: limits)
        var end = bytes.count
        if end > limits.messageBytes {
            end = limits.messageBytes
            session.problem(.messageTooLarge, "", "the message has \(bytes.count) bytes; only the first \(end) were read")
        }
        var message = session.readMessage(0..<end, part: "", depth: 0)
        if session.skippedParts > 0 {
            session.problem(.tooManyParts, "", "\(session.skippedParts) parts beyond the limit of \(limits.parts) were not read")
        }
        message.problems = session.problems + message.problems
        return message
    }
}

/// State for reading one message: the bytes, the part budget, the problems found so far.
struct ReadSession {
    let bytes: [UInt8]
    let limits: MailReader.Limits
    var problems: [MailProblem] = []
    var partsRead = 0
    var skippedParts = 0
    /// Bytes of attached messages read so far: each level copies its message, and twenty levels
    /// of a 50 MB message must not cost a gigabyte.
    var nestedBytes = 0

    init(bytes: [UInt8], limits: MailReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    mutating func problem(_ kind: MailProblem.Kind, _ part: String, _ detail: String) {
        problems.append(MailProblem(kind: kind, part: part, detail: detail))
    }

    /// What a subtree contributes: body texts in order and attachments.
    struct Content {
        var texts: [(text: String, fromHTML: Bool)] = []
        var attachments: [MailAttachment] = []

        var hasPlainText: Bool { texts.contains { !$0.fromHTML && !HeaderText.trimmed($0.text).isEmpty } }
        var hasAnyText: Bool { texts.contains { !HeaderText.trimmed($0.text).isEmpty } }

        mutating func add(_ other: Content) {
            texts += other.texts
            attachments += other.attachments
        }
    }

    // MARK: Messages

    mutating func readMessage(_ range: Range<Int>, part: String, depth: Int) -> MailMessage {
        let (headers, body) = readHeaders(range, part: part)
        var decisions: [CharsetDecision] = []
        // Raw eight-bit header text is most likely in the charset the body declares.
        let hint = headers.first("Content-Type").flatMap { field -> String? in
            var ignored: [CharsetDecision] = []
            return MediaValue.parse(HeaderText.plain(field.raw, fallbackCharset: nil, decisions: &ignored), decisions: &ignored).parameters["charset"]
        }
        let subject = headers.text("Subject", fallbackCharset: hint, decodeWords: true, decisions: &decisions).map(HeaderText.trimmed) ?? ""
        let from = headers.text("From", fallbackCharset: hint, decodeWords: false, decisions: &decisions).flatMap {
            MailAddress.parse($0, decisions: &decisions)
        }
        let replyTo = headers.text("Reply-To", fallbackCharset: hint, decodeWords: false, decisions: &decisions).flatMap {
            MailAddress.parse($0, decisions: &decisions)
        }
        var messageID = headers.text("Message-ID", fallbackCharset: nil, decodeWords: false, decisions: &decisions).map(HeaderText.trimmed)
        if let id = messageID {
            var t = id
            if t.hasPrefix("<"), let close = t.firstIndex(of: ">") { t = String(t[t.index(after: t.startIndex)..<close]) }
            messageID = t.isEmpty ? nil : HeaderText.trimmed(t)
        }
        var own: [MailProblem] = []
        for d in decisions { own.append(charsetProblem(d, part: part, what: "header")) }
        if messageID == nil && depth == 0 {
            own.append(
                MailProblem(kind: .missingMessageID, part: part, detail: "no Message-ID header; duplicates are recognised by the message bytes")
            )
        }
        var date: Date?
        if let raw = headers.text("Date", fallbackCharset: nil, decodeWords: false, decisions: &decisions) {
            date = MailDate.parse(raw)
            if date == nil && depth == 0 { own.append(MailProblem(kind: .unreadableDate, part: part, detail: "the Date header could not be read")) }
        } else if depth == 0 {
            own.append(MailProblem(kind: .missingDate, part: part, detail: "no Date header"))
        }
        problems += own

        let content = readEntity(headers: headers, body: body, part: part.isEmpty ? "1" : part, depth: depth, isMessageRoot: true)
        let usePlain = content.hasPlainText
        var pieces: [String] = []
        var html = false
        for t in content.texts {
            if usePlain && t.fromHTML { continue }
            if t.fromHTML { html = true }
            let trimmed = HeaderText.trimmed(t.text)
            if !trimmed.isEmpty { pieces.append(trimmed) }
        }
        return MailMessage(
            messageID: messageID,
            date: date,
            from: from,
            replyTo: replyTo,
            subject: subject,
            text: pieces.joined(separator: "\n\n"),
            htmlFallbackUsed: html,
            attachments: content.attachments,
            problems: [],
            headers: headers
        )
    }

    // MARK: Headers

    /// Splits a header block from its body. A line that cannot be a header ends the block even
    /// without the blank line (parts written without headers start straight with text).
    mutating func readHeaders(_ range: Range<Int>, part: String) -> (MailHeaders, Range<Int>) {
        var fields: [MailHeaderField] = []
        var i = range.lowerBound
        let end = range.upperBound
        var blockBytes = 0
        var truncated = 0
        var blockFull = false
        var first = true
        while i < end {
            let lineEnd = nextLineEnd(from: i, end: end)
            var contentEnd = lineEnd
            if contentEnd > i, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let after = lineEnd < end ? lineEnd + 1 : end
            if contentEnd == i {
                noteTruncation(truncated, part: part)
                return (MailHeaders(fields: fields), after..<end)
            }
            let b0 = bytes[i]
            if b0 == 0x20 || b0 == 0x09 {
                if let last = fields.indices.last {
                    appendLimited(&fields[last].raw, i..<contentEnd, truncated: &truncated)
                }
                i = after
                continue
            }
            // The mbox "From " separator some fetchers leave on the first line.
            if first, contentEnd - i >= 5, bytes[i..<(i + 5)].elementsEqual("From ".utf8) {
                first = false
                i = after
                continue
            }
            first = false
            guard let colon = headerColon(i, contentEnd) else {
                noteTruncation(truncated, part: part)
                return (MailHeaders(fields: fields), i..<end)
            }
            blockBytes += contentEnd - i
            if blockBytes > limits.headerBlockBytes {
                if !blockFull {
                    problem(.headerTooLong, part, "the header block is over \(limits.headerBlockBytes) bytes; later fields were not read")
                    blockFull = true
                }
                i = after
                continue
            }
            let name = String(decoding: bytes[i..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var valueStart = colon + 1
            while valueStart < contentEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            var raw: [UInt8] = []
            appendLimited(&raw, valueStart..<contentEnd, truncated: &truncated)
            fields.append(MailHeaderField(name: name, raw: raw))
            i = after
        }
        noteTruncation(truncated, part: part)
        return (MailHeaders(fields: fields), end..<end)
    }

    private mutating func noteTruncation(_ truncated: Int, part: String) {
        if truncated > 0 {
            problem(.headerTooLong, part, "\(truncated) header bytes beyond the limit of \(limits.headerLineBytes) per field were not read")
        }
    }

    private func appendLimited(_ raw: inout [UInt8], _ r: Range<Int>, truncated: inout Int) {
        let room = max(0, limits.headerLineBytes - raw.count)
        if r.count > room {
            // Cut before a UTF-8 continuation byte, so the kept text stays whole characters.
            var cut = r.lowerBound + room
            while cut > r.lowerBound, cut > r.lowerBound + room - 3, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
            truncated += r.upperBound - cut
            raw += bytes[r.lowerBound..<cut]
        } else {
            raw += bytes[r]
        }
    }

    /// The colon after a well-formed field name (printable ASCII, no space), or nil.
    private func headerColon(_ start: Int, _ end: Int) -> Int? {
        var k = start
        while k < end, k - start <= 200 {
            let c = bytes[k]
            if c == 0x3A { return k > start ? k : nil }
            // Some writers put a space before the colon ("Subject : x"); tolerate spaces only there.
            if c == 0x20 || c == 0x09 {
                var j = k
                while j < end, bytes[j] == 0x20 || bytes[j] == 0x09 { j += 1 }
                return j < end && bytes[j] == 0x3A && k > start ? j : nil
            }
            guard c > 0x20, c < 0x7F else { return nil }
            k += 1
        }
        return nil
    }

    /// Index of the next LF at or after `from`, or `end`.
    func nextLineEnd(from: Int, end: Int) -> Int {
        guard from < end else { return end }
        return bytes.withUnsafeBufferPointer { buf -> Int in
            guard let base = buf.baseAddress, let p = memchr(base + from, 0x0A, end - from) else { return end }
            return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
        }
    }

    // MARK: Entities

    mutating func readEntity(
        headers: MailHeaders,
        body: Range<Int>,
        part: String,
        depth: Int,
        isMessageRoot: Bool,
        defaultType: String = "text/plain"
    )
        -> Content
    {
        var decisions: [CharsetDecision] = []
        let ctText = headers.text("Content-Type", fallbackCharset: nil, decodeWords: false, decisions: &decisions)
        var ct = ctText.map { MediaValue.parse($0, decisions: &decisions) } ?? MediaValue(value: defaultType, parameters: [:])
        if !ct.value.contains("/") { ct = MediaValue(value: defaultType, parameters: ct.parameters) }
        let disposition = headers.text("Content-Disposition", fallbackCharset: ct.parameters["charset"], decodeWords: false, decisions: &decisions)
            .map { MediaValue.parse($0, decisions: &decisions) }
        for d in decisions { problems.append(charsetProblem(d, part: part, what: "parameter")) }
        let cte =
            headers.text("Content-Transfer-Encoding", fallbackCharset: nil, decodeWords: false, decisions: &decisions)
            .map { HeaderText.trimmed($0).lowercased() } ?? ""

        if ct.type == "multipart" {
            if depth >= limits.depth {
                problem(.tooDeep, part, "multipart nested deeper than \(limits.depth); kept whole as an attachment")
                return Content(attachments: [MailAttachment(part: part, filename: nil, mediaType: ct.value, data: Data(bytes[body]))])
            }
            guard let boundary = ct.parameters["boundary"], !boundary.isEmpty else {
                problem(.missingBoundary, part, "\(ct.value) without a boundary; read as plain text")
                return readLeaf(
                    ct: MediaValue(value: "text/plain", parameters: [:]),
                    disposition: nil,
                    cte: cte,
                    headers: headers,
                    body: body,
                    part: part
                )
            }
            return readMultipart(ct: ct, boundary: boundary, body: body, part: part, depth: depth)
        }
        if ct.value == "message/rfc822" || ct.value == "message/global" {
            return readAttachedMessage(ct: ct, disposition: disposition, cte: cte, headers: headers, body: body, part: part, depth: depth)
        }
        return readLeaf(ct: ct, disposition: disposition, cte: cte, headers: headers, body: body, part: part)
    }

    private mutating func readMultipart(ct: MediaValue, boundary: String, body: Range<Int>, part: String, depth: Int) -> Content {
        let (ranges, closed) = splitMultipart(body, boundary: Array(boundary.utf8))
        if ranges.isEmpty {
            problem(.missingBoundary, part, "no part delimiter found in \(ct.value); read as plain text")
            return readLeaf(
                ct: MediaValue(value: "text/plain", parameters: [:]),
                disposition: nil,
                cte: "",
                headers: MailHeaders(),
                body: body,
                part: part
            )
        }
        if !closed { problem(.unterminatedMultipart, part, "\(ct.value) has no closing delimiter; the message may have been cut") }
        var children: [Content] = []
        let childDefault = ct.subtype == "digest" ? "message/rfc822" : "text/plain"
        for (k, r) in ranges.enumerated() {
            if partsRead >= limits.parts {
                skippedParts += ranges.count - k
                break
            }
            partsRead += 1
            let childPart = part.isEmpty || (part == "1" && depth == 0) ? "\(k + 1)" : "\(part).\(k + 1)"
            let (h, b) = readHeaders(r, part: childPart)
            children.append(readEntity(headers: h, body: b, part: childPart, depth: depth + 1, isMessageRoot: false, defaultType: childDefault))
        }
        var result = Content()
        switch ct.subtype {
        case "alternative":
            // The plain version if there is one with words in it, else the richest (HTML) one;
            // attachments of every version are kept (pasted screenshots live in the HTML one).
            let chosen = children.firstIndex { $0.hasPlainText } ?? children.lastIndex { $0.hasAnyText }
            for (k, c) in children.enumerated() {
                if k == chosen { result.texts += c.texts }
                result.attachments += c.attachments
            }
        case "related":
            // The root (first part, or the `start` one) is the body; the rest are its resources.
            for c in children { result.add(c) }
            for k in result.attachments.indices { result.attachments[k].isInline = true }
        default:
            for c in children { result.add(c) }
        }
        return result
    }

    /// Part byte ranges between `--boundary` lines, and whether the closing `--boundary--` came.
    func splitMultipart(_ body: Range<Int>, boundary: [UInt8]) -> ([Range<Int>], Bool) {
        var delimiter: [UInt8] = [0x2D, 0x2D]
        delimiter += boundary
        var ranges: [Range<Int>] = []
        var partStart: Int?
        var i = body.lowerBound
        let end = body.upperBound
        while i < end {
            let lineEnd = nextLineEnd(from: i, end: end)
            if lineEnd - i >= delimiter.count, bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i..<(i + delimiter.count)].elementsEqual(delimiter) {
                var k = i + delimiter.count
                let isClose = k + 1 < lineEnd && bytes[k] == 0x2D && bytes[k + 1] == 0x2D
                if isClose { k += 2 }
                // Only white space may follow the boundary on its line (RFC 2046 5.1.1).
                var rest = k
                while rest < lineEnd, bytes[rest] == 0x20 || bytes[rest] == 0x09 || bytes[rest] == 0x0D { rest += 1 }
                if rest == lineEnd {
                    // The line break before a delimiter belongs to the delimiter.
                    if let s = partStart {
                        var e = i
                        if e > s, bytes[e - 1] == 0x0A { e -= 1 }
                        if e > s, bytes[e - 1] == 0x0D { e -= 1 }
                        ranges.append(s..<max(s, e))
                    }
                    if isClose { return (ranges, true) }
                    partStart = lineEnd < end ? lineEnd + 1 : end
                }
            }
            i = lineEnd < end ? lineEnd + 1 : end
        }
        if let s = partStart { ranges.append(s..<end) }
        return (ranges, false)
    }

    private mutating func readAttachedMessage(
        ct: MediaValue,
        disposition: MediaValue?,
        cte: String,
        headers: MailHeaders,
        body: Range<Int>,
        part: String,
        depth: Int
    ) -> Content {
        let raw = decodeTransfer(cte, body, part: part)
        var content = Content()
        let name = filename(ct: ct, disposition: disposition)
        if depth < limits.depth, nestedBytes + raw.count <= limits.messageBytes {
            // A forwarded complaint is the complaint: its words go into the body, after a marker.
            var inner = ReadSession(bytes: raw, limits: limits)
            inner.partsRead = partsRead
            inner.nestedBytes = nestedBytes + raw.count
            let m = inner.readMessage(0..<raw.count, part: part, depth: depth + 1)
            partsRead = inner.partsRead
            nestedBytes = inner.nestedBytes
            skippedParts += inner.skippedParts
            problems += inner.problems
            var lines = ["---------- 附带的邮件 / attached message ----------"]
            if let f = m.from { lines.append("发件人 From: " + (f.name.isEmpty ? f.address : "\(f.name) <\(f.address)>")) }
            if !m.subject.isEmpty { lines.append("主题 Subject: " + m.subject) }
            if !m.text.isEmpty { lines.append("") }
            content.texts.append((lines.joined(separator: "\n") + "\n" + m.text, m.htmlFallbackUsed))
            content.attachments += m.attachments
            let fallback = m.subject.isEmpty ? "message.eml" : MailFilename.clean(m.subject) + ".eml"
            content.attachments.insert(MailAttachment(part: part, filename: name ?? fallback, mediaType: ct.value, data: Data(raw)), at: 0)
        } else if depth >= limits.depth {
            problem(.tooDeep, part, "attached message nested deeper than \(limits.depth); kept whole as an attachment")
            content.attachments.append(MailAttachment(part: part, filename: name ?? "message.eml", mediaType: ct.value, data: Data(raw)))
        } else {
            problem(
                .messageTooLarge,
                part,
                "attached messages hold more than \(limits.messageBytes) bytes together; this one was kept whole, not read"
            )
            content.attachments.append(MailAttachment(part: part, filename: name ?? "message.eml", mediaType: ct.value, data: Data(raw)))
        }
        return content
    }

    private mutating func readLeaf(
        ct: MediaValue,
        disposition: MediaValue?,
        cte: String,
        headers: MailHeaders,
        body: Range<Int>,
        part: String
    ) -> Content {
        let decoded = decodeTransfer(cte, body, part: part)
        let name = filename(ct: ct, disposition: disposition)
        let isText = ct.value == "text/plain" || ct.value == "text/html" || ct.value == "text/enriched"
        let isAttachment = disposition?.value == "attachment" || (!isText) || (name != nil && disposition?.value != "inline")
        if isAttachment {
            var ignored: [CharsetDecision] = []
            var contentID = headers.text("Content-ID", fallbackCharset: nil, decodeWords: false, decisions: &ignored).map(HeaderText.trimmed)
            if let id = contentID, id.hasPrefix("<"), id.hasSuffix(">") { contentID = String(id.dropFirst().dropLast()) }
            return Content(attachments: [
                MailAttachment(
                    part: part,
                    filename: name,
                    mediaType: ct.value,
                    contentID: contentID,
                    isInline: disposition?.value == "inline",
                    data: Data(decoded)
                )
            ])
        }
        var label = ct.parameters["charset"]
        if ct.value == "text/html", label == nil || label?.isEmpty == true { label = HTMLCharsetSniffer.charset(in: decoded) }
        let (raw, decision) = TextDecoder.decode(decoded[...], label: label)
        if decision.note != nil || decision.replaced > 0 { problems.append(charsetProblem(decision, part: part, what: "text")) }
        var text = raw.replacingOccurrences(of: "\r\n", with: "\n")
        if ct.value == "text/html" {
            text = HTMLText.text(text)
            return Content(texts: [(text, true)])
        }
        if ct.parameters["format"]?.lowercased() == "flowed" {
            text = FlowedText.unflow(text, delSp: ct.parameters["delsp"]?.lowercased() == "yes")
        }
        return Content(texts: [(text, false)])
    }

    private mutating func decodeTransfer(_ cte: String, _ body: Range<Int>, part: String) -> [UInt8] {
        switch cte {
        case "base64":
            let d = TransferEncoding.base64(bytes[body])
            if d.invalid > 0 || d.truncated {
                var why: [String] = []
                if d.invalid > 0 { why.append("\(d.invalid) characters that are not base64 were skipped") }
                if d.truncated { why.append("the data ends in the middle of a character group") }
                problem(.malformedBase64, part, why.joined(separator: "; ") + "; \(d.bytes.count) bytes were recovered")
            }
            return d.bytes
        case "quoted-printable":
            let d = TransferEncoding.quotedPrintable(bytes[body])
            if d.invalid > 0 {
                problem(.malformedQuotedPrintable, part, "\(d.invalid) '=' signs not followed by two hex digits were kept as written")
            }
            return d.bytes
        case "", "7bit", "8bit", "binary":
            return Array(bytes[body])
        default:
            problem(.unknownTransferEncoding, part, "unknown transfer encoding \(cte.prefix(40)); kept as it arrived")
            return Array(bytes[body])
        }
    }

    private func filename(ct: MediaValue, disposition: MediaValue?) -> String? {
        let raw = disposition?.parameters["filename"] ?? ct.parameters["name"]
        guard let raw else { return nil }
        let clean = MailFilename.clean(raw)
        return clean.isEmpty ? nil : clean
    }

    private func charsetProblem(_ d: CharsetDecision, part: String, what: String) -> MailProblem {
        if d.replaced > 0 {
            return MailProblem(
                kind: .unreadableCharacters,
                part: part,
                detail: "\(what): " + (d.note ?? "\(d.replaced) characters could not be read")
            )
        }
        return MailProblem(kind: .charsetGuessed, part: part, detail: "\(what): " + (d.note ?? "read as \(d.used)"))
    }
}

enum MailFilename {
    /// The last path component, without control characters: a name, never a path.
    static func clean(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let scalars = last.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        var s = HeaderText.trimmed(String(String.UnicodeScalarView(scalars)))
        if s == "." || s == ".." { s = "" }
        return String(s.prefix(255))
    }
}

enum HTMLCharsetSniffer {
    /// `<meta charset="gbk">` or `<meta http-equiv=Content-Type content="text/html; charset=gb2312">`
    /// in the first 4 KB.
    static func charset(in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard let r = head.range(of: "charset=") else { return nil }
        let rest = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
        let label = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return label.isEmpty ? nil : String(label)
    }
}

enum FlowedText {
    /// RFC 3676: a line ending in a space continues on the next one.
    static func unflow(_ text: String, delSp: Bool) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var l = Substring(line)
            // Space-stuffing, and the signature separator which must stay intact.
            if l.hasPrefix(" ") { l = l.dropFirst() }
            if l != "-- " && l.hasSuffix(" ") {
                out += delSp ? l.dropLast() : l
            } else {
                out += l + "\n"
            }
        }
        if out.hasSuffix("\n") { out.removeLast() }
        return out
    }
}
