import Foundation
import Testing
import XunchaCore

private let now = Date(timeIntervalSince1970: 1_680_000_000)

private func submission(_ content: String, reporter: ReporterIdentity = ReporterIdentity(), subjects: [Subject] = []) -> Submission {
    Submission(channel: .web, content: content, subjects: subjects, reporter: reporter, receivedAt: now)
}

private func expectRefused(_ code: String, field: String? = nil, _ s: Submission, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try s.validated()
        Issue.record("expected \(code)", sourceLocation: sourceLocation)
    } catch {
        #expect(error.code == code, sourceLocation: sourceLocation)
        if let field { #expect(error.field == field, sourceLocation: sourceLocation) }
        #expect(!error.messageZH.isEmpty && !error.messageEN.isEmpty, sourceLocation: sourceLocation)
    }
}

@Suite struct SubmissionValidationTests {
    @Test func keepsTheContentVerbatim() throws {
        let text = "  反映张某某收受购物卡。\n第二段\t有缩进。  "
        #expect(try submission(text).validated().content == text)
    }

    @Test(arguments: ["", "   ", "\n\t\n", "\u{3000}\u{3000}"])
    func refusesEmptyContent(_ text: String) {
        expectRefused("empty_content", field: "content", submission(text))
    }

    @Test func refusesContentOverTheLimitCountingCharactersNotBytes() throws {
        let atLimit = String(repeating: "腐", count: Submission.maxContentLength)
        #expect(try submission(atLimit).validated().content.count == Submission.maxContentLength)
        expectRefused("too_long", field: "content", submission(atLimit + "败"))
    }

    @Test func refusesControlCharactersButKeepsLineBreaks() throws {
        expectRefused("control_characters", submission("内容\u{0}隐藏"))
        expectRefused("control_characters", submission("内容\u{1B}[31m"))
        #expect(throws: Never.self) { try submission("第一行\r\n第二行\t").validated() }
    }

    @Test func trimsSubjectsAndDropsEmptyOnes() throws {
        let s = try submission("内容", subjects: [Subject(name: " 王某 ", unit: "", post: "局长 "), Subject()]).validated()
        #expect(s.subjects == [Subject(name: "王某", unit: "", post: "局长")])
    }

    @Test func refusesTooManySubjects() {
        let many = (0...Submission.maxSubjects).map { Subject(name: "人\($0)") }
        expectRefused("too_many_subjects", submission("内容", subjects: many))
    }

    @Test func acceptsAReachableRealNameReporter() throws {
        let s = try submission("内容", reporter: ReporterIdentity(name: "李四", phone: "138 0000-1111")).validated()
        #expect(s.reporter.phone == "13800001111")
        #expect(s.reporter.isRealName)
        #expect(!ReporterIdentity(name: "李四").isRealName)
        #expect(ReporterIdentity().isEmpty)
    }

    @Test func refusesMalformedIdentityFields() {
        expectRefused("invalid_phone", field: "reporter.phone", submission("x", reporter: ReporterIdentity(phone: "一三八")))
        expectRefused("invalid_id_number", field: "reporter.id_number", submission("x", reporter: ReporterIdentity(idNumber: "1234")))
        expectRefused("invalid_email", field: "reporter.email", submission("x", reporter: ReporterIdentity(email: "no-at-sign")))
        expectRefused("too_long", field: "reporter.name", submission("x", reporter: ReporterIdentity(name: String(repeating: "名", count: 51))))
    }

    /// GB 11643: the last character checks the other seventeen; one digit changed is caught.
    @Test func refusesAnIDNumberWhoseCheckCharacterDoesNotMatch() throws {
        expectRefused(
            "id_number_check_digit",
            field: "reporter.id_number",
            submission("x", reporter: ReporterIdentity(idNumber: "110105194912310021"))
        )
        expectRefused(
            "id_number_check_digit",
            field: "reporter.id_number",
            submission("x", reporter: ReporterIdentity(idNumber: "11010519491231003X"))
        )
        for valid in ["430102199003074515", "430521197209080410", "11010519491231002X"] {
            #expect(try submission("x", reporter: ReporterIdentity(idNumber: valid)).validated().reporter.idNumber == valid)
        }
    }

    /// A page names every wrong field at once, in the form's order; the API's first error is the first of them.
    @Test func everyProblemIsListedInTheFormsOrder() {
        let s = submission("", reporter: ReporterIdentity(phone: "abc", idNumber: "123", email: "a@b"))
        #expect(s.problems.map(\.field) == ["content", "reporter.phone", "reporter.id_number", "reporter.email"])
        expectRefused("empty_content", field: "content", s)
        #expect(submission("内容", reporter: ReporterIdentity(name: "李四")).problems.isEmpty)
    }

    @Test func acceptsAnIDNumberWithFinalX() throws {
        let s = try submission("x", reporter: ReporterIdentity(idNumber: "11010519491231002x")).validated()
        #expect(s.reporter.idNumber == "11010519491231002X")
    }
}

@Suite struct ReportTests {
    @Test func snippetIsOneLineAndShort() {
        #expect(Report.snippet(of: "第一行\n\n  第二行", length: 60) == "第一行 第二行")
        #expect(Report.snippet(of: String(repeating: "字", count: 100), length: 10) == String(repeating: "字", count: 10) + "…")
    }

    @Test func additionsFollowTheReportLimits() throws {
        #expect(throws: InputError.self) { try ReportAddition.validated(" ") }
        #expect(throws: InputError.self) { try ReportAddition.validated(String(repeating: "a", count: Submission.maxContentLength + 1)) }
        #expect(try ReportAddition.validated("补充：时间是3月1日") == "补充：时间是3月1日")
    }
}
