import Foundation
import FuzzDriver
import XunchaIntake

/// libFuzzer entry for the MIME reader: any bytes as a message file in a Maildir, read and made
/// into a submission the way `MaildirIngest` does. A message never fails to read: whatever
/// cannot be decoded becomes a problem noted on the report, so nothing here may trap.
@_cdecl("FuzzMail_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzMail)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    let message = MailReader().read(bytes)
    let arrival = Date(timeIntervalSince1970: 1_680_000_000)
    let mail = MailSubmissionBuilder().submission(from: message, arrivedAt: arrival, inspectionID: "fuzz")
    _ = try? mail.submission.validated()
    // The problems are stored with the report as JSON.
    _ = try? JSONEncoder().encode(mail.problems)
    for attachment in message.attachments { _ = (attachment.filename, attachment.mediaType, attachment.data.count) }
    return 0
}
