import XunchaCore

/// An inspection as an admin submits it, by API or form: no id yet, and everything but the group,
/// the units and the period optional. Validation is `Inspection.validated()`'s job.
struct InspectionDraft: Decodable, Sendable {
    var group: String
    var leader: String?
    var units: [String]
    var periodStart: CivilDate
    var periodEnd: CivilDate
    /// Defaults to the last day of the period, the most common announcement.
    var deadline: CivilDate?
    var deadlineTime: ClockTime?
    var phones: [String]?
    var emails: [String]?
    var postalBoxes: [String]?
    var otherChannels: [String]?
    var phoneHours: [ReceptionHours]?
    var scope: String?
    var repliesEnabled: Bool?

    var inspection: Inspection {
        Inspection(
            id: "",
            group: group,
            leader: leader ?? "",
            units: units,
            periodStart: periodStart,
            periodEnd: periodEnd,
            deadline: deadline ?? periodEnd,
            deadlineTime: deadlineTime,
            phones: phones ?? [],
            emails: emails ?? [],
            postalBoxes: postalBoxes ?? [],
            otherChannels: otherChannels ?? [],
            phoneHours: phoneHours ?? [],
            scope: scope ?? "",
            repliesEnabled: repliesEnabled ?? false
        )
    }
}
