import Foundation
import FuzzDriver
import XunchaCore
import XunchaIntake

/// libFuzzer entry for the announcement parser: any bytes as the file `xuncha inspection parse`
/// reads or the text an admin pastes (HTML pages included), then everything the parse feeds:
/// the JSON the command prints, the summary the form shows and the inspection it pre-fills.
/// The first byte, when there is one, picks the publication date's year (or none).
@_cdecl("FuzzAnnouncement_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzAnnouncement)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnnouncement(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    let published = bytes.first.flatMap { $0 < 128 ? CivilDate(year: 1990 + Int($0) % 60, month: 6, day: 30) : nil }
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    let parsed = AnnouncementParser().parse(page: text, published: published)
    let json = parsed.json()
    if (try? JSONSerialization.jsonObject(with: Data(json.utf8))) == nil {
        fatalError("the announcement's JSON does not parse: \(json)")
    }
    _ = parsed.json(evidence: false)
    for found in parsed.inspections {
        _ = found.summaryZH
        _ = try? found.inspection().validated()
    }
    return 0
}
