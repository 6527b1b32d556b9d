import Foundation
import XunchaCore

/// A report as the public sends it, by the web form or the API (the same keys: `content`,
/// `subjects[0][name]`, `reporter[phone]`, `inspection_id`).
public struct ReportInput: Decodable, Sendable {
    public var channel: String?
    public var content: String
    public var subjects: [Subject]?
    public var reporter: ReporterIdentity?
    public var inspectionId: String?

    public init(content: String, subjects: [Subject]? = nil, reporter: ReporterIdentity? = nil, inspectionId: String? = nil) {
        self.content = content
        self.subjects = subjects
        self.reporter = reporter
        self.inspectionId = inspectionId
    }

    /// The submission received at `now`. The public reports on the web channel only: calls,
    /// letters and visits are registered by staff.
    public func submission(receivedAt now: Date) throws(InputError) -> Submission {
        if let channel, channel != Channel.web.rawValue {
            throw InputError(
                code: "channel_not_allowed",
                zh: "网上提交的渠道只能是 web；来电、来信、来访由工作人员登记。",
                en: "public submissions use channel \"web\"; staff register the other channels.",
                field: "channel"
            )
        }
        return Submission(
            channel: .web,
            content: content,
            subjects: subjects ?? [],
            reporter: reporter ?? ReporterIdentity(),
            inspectionID: inspectionId.flatMap { $0.isEmpty ? nil : $0 },
            receivedAt: now
        )
    }
}
