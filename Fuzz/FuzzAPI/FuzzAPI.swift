import Foundation
import NIOCore
import FuzzDriver
import XunchaCore

@testable import XunchaDesk
@testable import XunchaWeb

/// libFuzzer entry for request decoding: the first byte picks one of the inputs the API and
/// the pages decode (its low five bits) and how the rest arrives (its top bit): as a JSON body
/// through `RequestBody.decode`, or as a form body through `RequestBody.formFields` and
/// `FormDecoding`, as a page's POST or a query string is read. What decodes is then checked the
/// way its desk checks it, with a fixed clock. Bad input must end in an answer: an `APIError`
/// from decoding (400 or 422) or an `InputError` from the checks, never a trap or another error.
@_cdecl("FuzzAPI_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzAPI)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAPI(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = fuzzBytes(start, count)
    guard let selector = bytes.first else { return 0 }
    let body = Body(bytes: Array(bytes.dropFirst()), isForm: selector & 0x80 != 0)
    let check = checks[Int(selector & 0x1F) % checks.count]
    do {
        try check(body)
    } catch is APIError {
    } catch is InputError {
    } catch {
        fatalError("a request body ended in \(type(of: error)), which has no answer: \(error)")
    }
    return 0
}

/// A request body and the way it is read.
struct Body {
    var bytes: [UInt8]
    var isForm: Bool

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard isForm else { return try RequestBody.decode(T.self, Data(bytes)) }
        return try FormDecoding.decode(T.self, from: try RequestBody.formFields(ByteBuffer(bytes: bytes)))
    }
}

let now = Date(timeIntervalSince1970: 1_680_000_000)
let today = CivilDate(beijingDayOf: now)
let lead = Lead(
    id: "l1",
    inspectionID: "i1",
    sequence: 1,
    number: "XS-001",
    subject: Subject(name: "王建国", unit: "县财政局", post: "局长"),
    summary: "摘要",
    kind: "discipline",
    aboutPrincipal: false,
    state: .open,
    createdAt: now,
    createdBy: "zuyuan"
)
let item = RectificationItem(
    id: "r1",
    inspectionID: "i1",
    sequence: 1,
    problem: "问题",
    measure: "措施",
    responsible: "办公室",
    deadline: nil,
    progress: "",
    evidence: "",
    state: .notStarted,
    updatedAt: now,
    updatedBy: "lianluo"
)

/// One check per input type, as its desk runs it after decoding.
let checks: [@Sendable (Body) throws -> Void] = [
    { _ = try $0.decode(ReportInput.self).submission(receivedAt: now).validated() },
    {
        let input = try $0.decode(AdditionInput.self)
        _ = try? QueryCode(parsing: input.queryCode)
        _ = try ReportAddition.validated(input.content)
    },
    {
        let input = try $0.decode(QueryCodeChangeInput.self)
        _ = try? QueryCode(parsing: input.queryCode)
    },
    {
        let input = try $0.decode(DecisionInput.self)
        _ = try? input.proposal(suggestion: nil)
        _ = try input.proposal(suggestion: .accept)
    },
    { _ = try $0.decode(ReplyInput.self).checked() },
    { _ = try $0.decode(InboxInput.self).query(inspectionID: "i1", me: "zuyuan", pageSize: 50) },
    { _ = try $0.decode(InspectionInput.self).inspection.validated() },
    { _ = try $0.decode(LeadInput.self).applied(to: lead) },
    { _ = try $0.decode(PrincipalInput.self).checked() },
    { _ = try $0.decode(MaterialNoteInput.self).checked() },
    { _ = try $0.decode(PaperInput.self).content(today: today).validated() },
    { _ = try $0.decode(PaperStepInput.self) },
    { _ = try $0.decode(HandoverInput.self) },
    { _ = try $0.decode(LedgerInput.self).days() },
    {
        let input = try $0.decode(RectificationInput.self)
        _ = try? input.seenMoment()
        _ = try input.applied(to: item)
    },
    { _ = try $0.decode(LeadOutcomeInput.self).outcome(today: today, at: now, by: "zuzhang") },
    {
        let input = try $0.decode(ReferralEditInput.self)
        _ = try input.content.map(Referral.checkedContent)
        _ = try input.recipient.map(Referral.checkedRecipient)
    },
    {
        let input = try $0.decode(ReferralSendInput.self)
        _ = try input.content.map(Referral.checkedContent)
        _ = try input.recipient.map(Referral.checkedRecipient)
        _ = try Referral.feedbackDue(given: try Referral.parsedDue(input.feedbackDue), sentOn: today, workdays: 15, calendar: .official)
    },
    {
        let input = try $0.decode(ReferralFeedbackInput.self)
        _ = try ReferralFeedback.validated(finding: input.finding, closure: input.closure, text: input.content)
    },
    { _ = try $0.decode(RegistrationInput.self).registration().validated(now: now) },
    { _ = try $0.decode(AssignmentInput.self) },
    { _ = try $0.decode(NoteInput.self).checked() },
    { _ = try $0.decode(ReviewInput.self) },
    { _ = try StaffUser.validatedUsername(try $0.decode(LoginInput.self).username) },
    { _ = try StaffUser.validatedPassword(try $0.decode(PasswordChangeInput.self).new) },
    {
        let input = try $0.decode(StaffAccountInput.self)
        _ = StaffRole(rawValue: TextLimits.trimmed(input.role))
        _ = try StaffUser.validatedUsername(input.username)
    },
]
