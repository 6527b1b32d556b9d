import ArgumentParser
import XunchaText

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `xuncha text …`: the Chinese text toolkit on stdin and stdout, for scripts and checks.
struct TextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "text",
        abstract: "Normalize Chinese text or extract contacts, dates, times, money and ID numbers from it.",
        subcommands: [Normalize.self, Extract.self, Match.self]
    )

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read text on stdin, write its normalized form (simplified, half-width, annotations removed) to stdout."
        )

        @Flag(help: "Keep pinyin annotations such as 據(jù).")
        var keepPinyin = false

        @Flag(help: "Keep runs of spaces as they are.")
        var keepSpaces = false

        @Flag(help: "Print how long loading the conversion tables took to stderr.")
        var timing = false

        func run() throws {
            if timing {
                let load = TextNormalizer.preloadTables()
                warn("tables loaded in \(load.components.attoseconds / 1_000_000_000_000) µs")
            }
            let options = NormalizationOptions(stripPinyinAnnotations: !keepPinyin, collapseSpaces: !keepSpaces)
            var normalizer = StreamingNormalizer(options: options)
            // Stream in fixed-size chunks so memory stays flat for inputs of any size.
            try readStandardInput(chunkSize: 1 << 20) { normalizer.feed($0, writeStdout) }
            normalizer.finish(writeStdout)
            if normalizer.invalidSequences > 0 {
                warn("warning: replaced \(normalizer.invalidSequences) invalid UTF-8 sequence(s) with U+FFFD")
            }
        }
    }

    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read text on stdin and print phones, e-mails, dates, ranges, money, ID numbers and postal boxes."
        )

        @Flag(help: "Print JSON (the only format for now).")
        var json = false

        @Option(help: "Year for dates written without one (default: the nearest year written before them).")
        var year: Int?

        func run() throws {
            // Read in pieces cut at line ends so that memory stays bounded for large inputs;
            // no rule matches across a line end, and the year carries from piece to piece.
            var extraction = Extraction()
            var pending: [UInt8] = []
            var offset = 0
            var year = year
            var replaced = false
            func flush(_ piece: ArraySlice<UInt8>) {
                let valid = String(validating: piece, as: UTF8.self)
                if valid == nil { replaced = true }
                let text = valid ?? String(decoding: piece, as: UTF8.self)
                let found = TextExtractor(referenceYear: year).extract(fromOriginal: text)
                extraction.append(found, offset: offset)
                offset += text.unicodeScalars.count
                year = found.lastWrittenYear ?? year
            }
            try readStandardInput(chunkSize: 1 << 16) { chunk in
                pending.append(contentsOf: chunk)
                guard pending.count >= 1 << 20, let cut = pieceEnd(pending) else { return }
                flush(pending[...cut])
                pending.removeFirst(cut + 1)
            }
            flush(pending[...])
            if replaced { warn("warning: invalid UTF-8 on stdin was replaced with U+FFFD") }
            print(extraction.jsonString())
        }
    }
}

extension TextCommand {
    struct Match: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find the patterns of a word list (one per line) in the text on stdin; both are normalized first."
        )

        @Option(help: "File with one pattern per line.")
        var patterns: String

        @Flag(help: "Report non-overlapping leftmost-longest matches instead of all matches.")
        var longest = false

        @Flag(help: "Print only the number of matches.")
        var count = false

        @Flag(help: "Print how long building the automaton and matching took to stderr.")
        var timing = false

        func run() throws {
            guard let file = fopen(patterns, "rb") else { throw ValidationError("cannot open \(patterns)") }
            var patternBytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = fread(&chunk, 1, chunk.count, file)
                if n == 0 { break }
                patternBytes.append(contentsOf: chunk[0..<n])
            }
            fclose(file)
            let normalizer = TextNormalizer()
            let words = String(decoding: patternBytes, as: UTF8.self).split(whereSeparator: \.isNewline).map {
                normalizer.normalize(String($0))
            }
            let buildStart = monotonicSeconds()
            let automaton = KeywordAutomaton(patterns: words)
            let buildTime = monotonicSeconds() - buildStart
            var bytes: [UInt8] = []
            try readStandardInput(chunkSize: 1 << 16) { bytes.append(contentsOf: $0) }
            let text = normalizer.normalizeWithOffsets(String(decoding: bytes, as: UTF8.self))
            let matchStart = monotonicSeconds()
            // Counting all matches needs no list of them; that is what --timing measures then.
            var total = 0
            let found: [KeywordMatch]
            if count && !longest {
                automaton.forEachMatch(in: text.text) { _, _ in total += 1 }
                found = []
            } else {
                found = automaton.matches(in: text.text, mode: longest ? .leftmostLongest : .all)
                total = found.count
            }
            let matchTime = monotonicSeconds() - matchStart
            if timing {
                let megabytes = Double(text.text.utf8.count) / 1e6
                warn(
                    "automaton: \(words.count) patterns, \(automaton.nodeCount) nodes, built in \(Int(buildTime * 1000)) ms; "
                        + "matched \(Int(megabytes)) MB in \(Int(matchTime * 1000)) ms = \(Int(megabytes / matchTime)) MB/s, \(total) matches"
                )
            }
            if count {
                print(total)
                return
            }
            for m in found {
                let r = text.originalRange(of: m.range)
                print("{\"pattern\": \(m.pattern), \"value\": \(jsonQuoted(words[m.pattern])), \"start\": \(r.lowerBound), \"end\": \(r.upperBound)}")
            }
        }
    }
}

/// Where to end a piece of input for extraction: the last line end; in a line longer than
/// 4 MB, the last 。 (no rule matches across a sentence end), else the last space. Nil means
/// read on.
private func pieceEnd(_ bytes: [UInt8]) -> Int? {
    if let newline = bytes.lastIndex(of: 0x0A) { return newline }
    guard bytes.count >= 1 << 22 else { return nil }
    var k = bytes.count - 3
    while k >= 0 {
        if bytes[k] == 0xE3, bytes[k + 1] == 0x80, bytes[k + 2] == 0x82 { return k + 2 }  // 。
        k -= 1
    }
    return bytes.lastIndex(of: 0x20)
}

/// Calls `body` with each chunk read from stdin until its end.
private func readStandardInput(chunkSize: Int, _ body: (UnsafeRawBufferPointer) -> Void) throws {
    let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
    defer { buffer.deallocate() }
    while true {
        let n = read(0, buffer.baseAddress, chunkSize)
        if n < 0 {
            if errno == EINTR { continue }
            throw ValidationError("cannot read stdin (errno \(errno))")
        }
        if n == 0 { return }
        body(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
    }
}

private func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func writeStdout(_ bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < bytes.count {
        let n = write(1, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += n
    }
}

private func warn(_ message: String) {
    var line = message + "\n"
    line.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
