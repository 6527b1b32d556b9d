import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// What staff do through the API: the inbox, a report, decisions, re-screening, registering a
/// call, letter or visit, and a report's files.
extension APIController {
    struct InboxResponse: ResponseEncodable {
        struct Item: Encodable {
            var id: String
            var number: String?
            var channel: String
            var receivedAt: Date
            var status: String
            var snippet: String
            var isRealName: Bool
            var subjects: [Subject]
            var suggestion: SuggestionKind?
            var topDiscipline: Discipline?
            var decision: SuggestionKind?
            var decisionState: Decision.State?
            var assigneeId: String?
        }
        var reports: [Item]
        var total: Int
        var page: Int
        var pageCount: Int
    }

    @Sendable func inbox(_ request: Request, context: StaffRequestContext) async throws -> InboxResponse {
        let inbox = try await staff.inbox(context.caller, try StaffPages.queryInput(InboxInput.self, request))
        return InboxResponse(
            reports: inbox.reports.map {
                .init(
                    id: $0.id,
                    number: $0.number,
                    channel: $0.channel.rawValue,
                    receivedAt: $0.receivedAt,
                    status: $0.status.rawValue,
                    snippet: $0.snippet,
                    isRealName: $0.isRealName,
                    subjects: $0.subjects,
                    suggestion: inbox.summaries[$0.id]?.suggestion,
                    topDiscipline: inbox.summaries[$0.id]?.topDiscipline,
                    decision: inbox.decisions[$0.id]?.outcome,
                    decisionState: inbox.decisions[$0.id]?.state,
                    assigneeId: $0.assigneeID
                )
            },
            total: inbox.total,
            page: inbox.page,
            pageCount: inbox.pageCount
        )
    }

    struct ReportResponse: ResponseEncodable {
        struct ClockInfo: Encodable {
            var kind: Deadline.Kind
            var due: CivilDate?
            var workdaysLeft: Int?
            var overdue: Bool
            var referralNumber: String?
        }
        var report: Report
        var screening: ScreeningRecord?
        var screenedAt: Date?
        var decisions: [Decision]
        var lead: Lead?
        var referrals: [Referral]
        var clocks: [ClockInfo]
        /// Who is kept away from the report (回避) and why.
        var exclusions: [ReportExclusion]
        /// Requests to see the reporter (all for the leader, a member's own for a member).
        var identityRequests: [IdentityRequest]
        var auditTrail: [AuditEvent]
    }

    @Sendable func report(_ request: Request, context: StaffRequestContext) async throws -> ReportResponse {
        let file = try await staff.report(context.caller, id: try context.parameters.require("id"))
        return ReportResponse(
            report: file.report,
            screening: file.screening?.record,
            screenedAt: file.screening?.screenedAt,
            decisions: file.decisions,
            lead: file.lead,
            referrals: file.referrals,
            clocks: file.clocks.map { c in
                var left: Int?
                switch c.standing {
                case .open(let n), .dueSoon(let n): left = n
                case .overdue(let n): left = -n
                case .calendarUnknown: left = nil
                }
                return .init(
                    kind: c.deadline.kind,
                    due: c.deadline.due,
                    workdaysLeft: left,
                    overdue: c.standing.isOverdue,
                    referralNumber: c.referral?.number
                )
            },
            exclusions: file.exclusions,
            identityRequests: file.identityRequests,
            auditTrail: file.trail
        )
    }

    /// A member's request to see the reporter once, and the leader's answer to it.
    @Sendable func requestIdentity(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<IdentityRequest> {
        let input = try await RequestBody.json(IdentityRequestInput.self, request)
        let made = try await staff.requestIdentity(context.caller, reportID: try context.parameters.require("id"), input)
        return EditedResponse(status: .created, response: made)
    }

    @Sendable func decideIdentityRequest(_ request: Request, context: StaffRequestContext) async throws -> IdentityRequest {
        let input = try await RequestBody.json(IdentityDecisionInput.self, request)
        return try await staff.decideIdentityRequest(
            context.caller,
            reportID: try context.parameters.require("id"),
            requestID: try context.parameters.require("request"),
            input
        )
    }

    struct ExclusionsResponse: ResponseEncodable {
        var exclusions: [ReportExclusion]
    }

    /// The leader's 回避 decision on one member (`lift` lets a namesake see the report again).
    @Sendable func decideExclusion(_ request: Request, context: StaffRequestContext) async throws -> ExclusionsResponse {
        let input = try await RequestBody.json(ExclusionInput.self, request)
        return ExclusionsResponse(exclusions: try await staff.decideExclusion(context.caller, reportID: try context.parameters.require("id"), input))
    }

    /// The reporter's sealed identity, for the leader of the report's inspection; audited.
    @Sendable func revealIdentity(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<StaffDesk.RevealedIdentity> {
        let revealed = try await staff.revealIdentity(context.caller, reportID: try context.parameters.require("id"))
        return EditedResponse(headers: [.cacheControl: "no-store"], response: revealed)
    }

    struct RescreenResponse: ResponseEncodable {
        var screened: Int
        var suggestions: [String: Int]
    }

    @Sendable func rescreen(_ request: Request, context: StaffRequestContext) async throws -> RescreenResponse {
        let tally = try await staff.rescreen(context.caller)
        return RescreenResponse(
            screened: tally.values.reduce(0, +),
            suggestions: Dictionary(uniqueKeysWithValues: tally.map { ($0.key.rawValue, $0.value) })
        )
    }

    struct RegistrationResponse: ResponseEncodable {
        var id: String
        var inspectionId: String?
        var queryCode: String?
        var channelDetails: ChannelRecord?
    }

    @Sendable func register(_ request: Request, context: StaffRequestContext) async throws -> EditedResponse<RegistrationResponse> {
        let registered = try await staff.register(context.caller, try await RequestBody.json(RegistrationInput.self, request))
        return EditedResponse(
            status: .created,
            headers: [.cacheControl: "no-store"],
            response: RegistrationResponse(
                id: registered.receipt.reportID,
                inspectionId: registered.receipt.inspectionID,
                queryCode: registered.receipt.queryCode?.digits,
                channelDetails: registered.record
            )
        )
    }

    struct AttachmentList: ResponseEncodable {
        struct Item: Encodable {
            var ordinal: Int
            var filename: String
            var mediaType: String
            var size: Int
            var sha256: String
            var addedAt: Date
        }
        var attachments: [Item]
    }

    @Sendable func attachments(_ request: Request, context: StaffRequestContext) async throws -> AttachmentList {
        let files = try await staff.attachments(context.caller, reportID: try context.parameters.require("id"))
        return AttachmentList(
            attachments: files.map {
                .init(ordinal: $0.ordinal, filename: $0.filename, mediaType: $0.mediaType, size: $0.size, sha256: $0.sha256, addedAt: $0.addedAt)
            }
        )
    }

    @Sendable func attachment(_ request: Request, context: StaffRequestContext) async throws -> Response {
        guard let ordinal = Int(try context.parameters.require("ordinal")) else { throw DeskError.notFound }
        let found = try await staff.openAttachment(context.caller, reportID: try context.parameters.require("id"), ordinal: ordinal)
        return Download.response(found.info, found.data)
    }
}

extension StaffDesk.RevealedIdentity: ResponseEncodable {}
extension IdentityRequest: ResponseEncodable {}
