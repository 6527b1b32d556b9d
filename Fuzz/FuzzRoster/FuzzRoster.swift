import Foundation
import FuzzDriver

@testable import XunchaIntake

/// libFuzzer entry for the roster reader. The first byte picks the shape of the rest:
/// - even: the file as uploaded (CSV in any encoding, or a zip taken for XLSX);
/// - odd: a workbook made here from the rest cut at NUL bytes into the worksheet, the shared
///   strings, the workbook and its relationships, so that the fuzzer mutates the XML and not
///   the zip's checksums.
/// Both go through `RosterReader.read(bytes:)`; every refusal must be a `RosterFileError`.
@_cdecl("FuzzRoster_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzRoster)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRoster(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    guard let mode = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    let file: [UInt8]
    if mode % 2 == 0 {
        file = rest
    } else {
        let parts = rest.split(separator: 0, maxSplits: 3, omittingEmptySubsequences: false).map(Array.init)
        let names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"]
        let entries = zip(names, parts).map { (path: $0, bytes: $1) }
        guard let workbook = try? ExportZip.bytes(entries, modificationDate: ExportZip.defaultModificationDate) else { return 0 }
        file = workbook
    }
    // Half the runs check units against the inspection's, as the import into one inspection does.
    let reader = mode & 2 == 0 ? RosterReader() : RosterReader(units: ["县财政局", "县教育局"])
    guard let preview = try? reader.read(bytes: file) else { return 0 }
    _ = (preview.formatZH, preview.sampleRows.count, preview.errorLines.count, preview.recognisedColumns.count)
    _ = RosterPreview.roleCounts(preview.people)
    return 0
}
