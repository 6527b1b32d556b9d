import Foundation

/// What every channel produces: the web form, the API, a call record, a letter, a visit and an
/// e-mail all become a `Submission`, and from here on the channels share one path.
public struct Submission: Sendable, Equatable {
    public static let maxContentLength = 20_000
    public static let maxSubjects = 20

    public var channel: Channel
    public var content: String
    public var subjects: [Subject]
    public var reporter: ReporterIdentity
    /// The inspection the reporter chose; nil lets the store pick the only open one.
    public var inspectionID: String?
    public var receivedAt: Date

    public init(
        channel: Channel,
        content: String,
        subjects: [Subject] = [],
        reporter: ReporterIdentity = ReporterIdentity(),
        inspectionID: String? = nil,
        receivedAt: Date
    ) {
        self.channel = channel
        self.content = content
        self.subjects = subjects
        self.reporter = reporter
        self.inspectionID = inspectionID
        self.receivedAt = receivedAt
    }

    /// Returns the submission with surrounding spaces trimmed and empty subjects dropped, or the
    /// first problem a person must fix. The content itself is kept verbatim (DESIGN.md invariant 6).
    public func validated() throws(InputError) -> Submission {
        let (result, problems) = checked()
        if let first = problems.first { throw first }
        return result
    }

    /// Every problem a person must fix, in the order the form asks for the fields, so a page can
    /// show them all at once; empty when `validated()` succeeds.
    public var problems: [InputError] { checked().problems }

    private func checked() -> (Submission, problems: [InputError]) {
        var result = self
        var problems: [InputError] = []
        if TextLimits.trimmed(content).isEmpty {
            problems.append(InputError(code: "empty_content", zh: "请填写反映的内容。", en: "content must not be empty.", field: "content"))
        }
        TextLimits.collect(&problems) { () throws(InputError) in
            try TextLimits.check(content, field: "content", labelZH: "反映内容", max: Self.maxContentLength)
        }
        result.subjects = subjects.map { s in
            var s = s
            s.name = TextLimits.trimmed(s.name)
            s.unit = TextLimits.trimmed(s.unit)
            s.post = TextLimits.trimmed(s.post)
            TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(s.name, field: "subjects.name", labelZH: "被反映人姓名", max: 50)
            }
            TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(s.unit, field: "subjects.unit", labelZH: "被反映人单位", max: 100)
            }
            TextLimits.collect(&problems) { () throws(InputError) in try TextLimits.check(s.post, field: "subjects.post", labelZH: "被反映人职务", max: 100)
            }
            return s
        }.filter { !$0.isEmpty }
        if result.subjects.count > Self.maxSubjects {
            problems.append(
                InputError(
                    code: "too_many_subjects",
                    zh: "被反映人最多填写\(Self.maxSubjects)位。",
                    en: "at most \(Self.maxSubjects) subjects.",
                    field: "subjects"
                )
            )
        }
        result.reporter = reporter.checked(&problems)
        return (result, problems)
    }
}
