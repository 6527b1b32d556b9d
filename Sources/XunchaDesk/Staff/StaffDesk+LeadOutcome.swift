import Foundation
import XunchaCore
import XunchaStore

/// After the handover: what the lead's receiver did with it (谈话函询, 初步核实, 暂存待查, 予以了结,
/// 组织处理) and found, as staff record it from the receiver's report; with the result in, the
/// lead is closed out (销号) and takes no more changes.
extension StaffDesk {
    public func recordLeadOutcome(_ caller: Caller, leadID: String, _ input: LeadOutcomeInput) async throws -> Lead {
        let lead = try await visibleLead(caller, id: leadID)
        try authorize(caller, .workOnLeads, inspectionID: lead.inspectionID)
        guard lead.state == .handedOver else {
            if lead.state == .closed { throw Self.leadClosed(lead) }
            throw DeskError(
                .conflict,
                code: "lead_not_handed_over",
                zh: "问题线索\(lead.number)尚未移交，移交后才能登记处置结果。",
                en: "lead \(lead.number) has not been handed over yet."
            )
        }
        let now = services.now()
        let outcome = try checking { () throws(InputError) in
            try input.outcome(today: CivilDate(beijingDayOf: now), at: now, by: caller.auditActor.stored)
        }
        try await leadChecked(lead) {
            try await store.recordLeadOutcome(leadID: lead.id, outcome, closeOut: input.closeOut, actor: caller.auditActor)
        }
        var recorded = lead
        recorded.outcome = outcome
        if input.closeOut { recorded.state = .closed }
        return recorded
    }
}
