import XunchaCore

/// An inspection as an admin submits it, by API or form (the form's text boxes are read into it
/// by `InspectionForm` in the web layer): no id yet, and everything but the group,
/// the units and the period optional. Validation is `Inspection.validated()`'s job.
public struct InspectionInput: Decodable, Sendable {
    public var group: String
    public var leader: String?
    public var units: [String]
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    /// Defaults to the last day of the period, the most common announcement.
    public var deadline: CivilDate?
    public var deadlineTime: ClockTime?
    public var phones: [String]?
    public var emails: [String]?
    public var postalBoxes: [String]?
    public var otherChannels: [String]?
    public var phoneHours: [ReceptionHours]?
    public var scope: String?
    public var repliesEnabled: Bool?
    /// The Party committee that sent the group (中共某市委).
    public var issuer: String?
    /// The announcement as published, for the inspection's public page.
    public var announcement: String?

    public init(
        group: String,
        leader: String? = nil,
        units: [String],
        periodStart: CivilDate,
        periodEnd: CivilDate,
        deadline: CivilDate? = nil,
        deadlineTime: ClockTime? = nil,
        phones: [String]? = nil,
        emails: [String]? = nil,
        postalBoxes: [String]? = nil,
        otherChannels: [String]? = nil,
        phoneHours: [ReceptionHours]? = nil,
        scope: String? = nil,
        repliesEnabled: Bool? = nil,
        issuer: String? = nil,
        announcement: String? = nil
    ) {
        self.group = group
        self.leader = leader
        self.units = units
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.deadline = deadline
        self.deadlineTime = deadlineTime
        self.phones = phones
        self.emails = emails
        self.postalBoxes = postalBoxes
        self.otherChannels = otherChannels
        self.phoneHours = phoneHours
        self.scope = scope
        self.repliesEnabled = repliesEnabled
        self.issuer = issuer
        self.announcement = announcement
    }

    public var inspection: Inspection {
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
            repliesEnabled: repliesEnabled ?? false,
            issuer: issuer,
            announcement: announcement
        )
    }
}
