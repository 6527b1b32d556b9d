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
        subcommands: [Normalize.self, Extract.self]
    )

    struct Normalize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read text on stdin, write its normalized form (simplified, half-width, annotations removed) to stdout."
        )

        @Flag(help: "Keep pinyin annotations such as 據(jù).")
        var keepPinyin = false

        @Flag(help: "Keep runs of spaces as they are.")
        var keepSpaces = false

        func run() throws {
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
            var bytes: [UInt8] = []
            try readStandardInput(chunkSize: 1 << 16) { bytes.append(contentsOf: $0) }
            let input = String(validating: bytes, as: UTF8.self)
            if input == nil { warn("warning: invalid UTF-8 on stdin was replaced with U+FFFD") }
            let text = input ?? String(decoding: bytes, as: UTF8.self)
            let extraction = TextExtractor(referenceYear: year).extract(fromOriginal: text)
            print(extraction.jsonString())
        }
    }
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
