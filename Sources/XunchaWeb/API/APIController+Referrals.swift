import Foundation
import HTTPTypes
import Hummingbird
import XunchaCore
import XunchaDesk
import XunchaStore

/// Referrals through the API (docs/api.md): the list, one referral (for staff with the text it
/// was drafted from and its masks), correcting and sending a draft, and the feedback. A liaison
/// gets its own sent referrals, without the report they came from or who acted.
extension APIController {
    /// A referral as a client reads it; staff see which report it refers and who acted.
    struct ReferralBody: Encodable {
        struct ClockBody: Encodable {
            var kind: Deadline.Kind
            var due: CivilDate?
            var workdaysLeft: Int?
            var overdue: Bool
            var standingZh: String
        }

        var id: String
        var number: String
        var sequence: Int
        var inspectionId: String
        var reportId: String?
        var reportNumber: String?
        var recipient: String
        var content: String
        var state: Referral.State
        var stateZh: String
        var decidedAt: Date?
        var sendDue: CivilDate?
        var sentAt: Date?
        var sentBy: String?
        var feedbackDue: CivilDate?
        var finding: String?
        var closure: String?
        var feedback: String?
        var feedbackAt: Date?
        var feedbackBy: String?
        var clock: ClockBody?

        init(_ r: Referral, reportNumber: String?, clock: StaffDesk.Clock?, forLiaison: Bool) {
            id = r.id
            number = r.number
            sequence = r.sequence
            inspectionId = r.inspectionID
            reportId = forLiaison ? nil : r.reportID
            self.reportNumber = forLiaison ? nil : reportNumber
            recipient = r.recipient
            content = r.content
            state = r.state
            stateZh = r.state.chineseName
            decidedAt = forLiaison ? nil : r.decidedAt
            sendDue = forLiaison ? nil : r.sendDue
            sentAt = r.sentAt
            sentBy = forLiaison ? nil : r.sentBy
            feedbackDue = r.feedbackDue
            finding = r.finding
            closure = r.closure
            feedback = r.state == .answered ? r.feedback : nil
            feedbackAt = r.feedbackAt
            feedbackBy = forLiaison ? nil : r.feedbackBy
            self.clock = clock.map { c in
                var left: Int?
                switch c.standing {
                case .open(let n), .dueSoon(let n): left = n
                case .overdue(let n): left = -n
                case .calendarUnknown: left = nil
                }
                return ClockBody(
                    kind: c.deadline.kind,
                    due: c.deadline.due,
                    workdaysLeft: left,
                    overdue: c.standing.isOverdue,
                    standingZh: Deadline.chinese(c.standing)
                )
            }
        }
    }

    struct ReferralList: ResponseEncodable {
        var referrals: [ReferralBody]
    }

    @Sendable func referrals(_ request: Request, context: StaffRequestContext) async throws -> ReferralList {
        let list = try await staff.referralList(context.caller)
        return ReferralList(
            referrals: list.rows.map { ReferralBody($0.referral, reportNumber: $0.reportNumber, clock: $0.clock, forLiaison: list.forLiaison) }
        )
    }

    struct ReferralResponse: ResponseEncodable {
        struct MaskBody: Encodable {
            var kind: ReferralRedaction.Mask.Kind
            var kindZh: String
            /// Unicode-scalar offsets in `original`.
            var start: Int
            var end: Int
            var removed: String
            var replacement: String
            var reasonZh: String
        }

        struct DraftBody: Encodable {
            var original: String
            var drafted: String
            var masks: [MaskBody]
        }

        var referral: ReferralBody
        var draft: DraftBody?
        var edited: Bool?
        var auditTrail: [AuditEvent]?
    }

    @Sendable func referral(_ request: Request, context: StaffRequestContext) async throws -> ReferralResponse {
        let file = try await staff.referral(context.caller, id: try context.parameters.require("id"))
        let body = ReferralBody(file.referral, reportNumber: file.report?.number, clock: file.clock, forLiaison: file.forLiaison)
        guard !file.forLiaison else { return ReferralResponse(referral: body) }
        let draft = file.draft.map { d in
            let scalars = Array(d.original.unicodeScalars)
            return ReferralResponse.DraftBody(
                original: d.original,
                drafted: d.drafted,
                masks: d.masks.map { m in
                    let lower = min(m.original.lowerBound, scalars.count)
                    let upper = min(m.original.upperBound, scalars.count)
                    return .init(
                        kind: m.kind,
                        kindZh: m.kind.chineseName,
                        start: lower,
                        end: upper,
                        removed: String(String.UnicodeScalarView(scalars[lower..<upper])),
                        replacement: m.replacement,
                        reasonZh: m.reasonZH
                    )
                }
            )
        }
        return ReferralResponse(referral: body, draft: draft, edited: file.edited, auditTrail: file.trail)
    }

    @Sendable func editReferral(_ request: Request, context: StaffRequestContext) async throws -> ReferralResponse {
        let id = try context.parameters.require("id")
        _ = try await staff.editReferral(context.caller, id: id, try await RequestBody.json(ReferralEditInput.self, request))
        return try await referral(request, context: context)
    }

    @Sendable func sendReferral(_ request: Request, context: StaffRequestContext) async throws -> ReferralResponse {
        let id = try context.parameters.require("id")
        let input = request.headers[.contentType] == nil ? ReferralSendInput() : try await RequestBody.json(ReferralSendInput.self, request)
        _ = try await staff.sendReferral(context.caller, id: id, input)
        return try await referral(request, context: context)
    }

    @Sendable func recordFeedback(_ request: Request, context: StaffRequestContext) async throws -> ReferralResponse {
        let id = try context.parameters.require("id")
        _ = try await staff.recordFeedback(context.caller, id: id, try await RequestBody.json(ReferralFeedbackInput.self, request))
        return try await referral(request, context: context)
    }
}
