/// One inspection round of one group (巡察组) at its unit(s): what the public is told in the
/// announcement and what screening checks reports against.
public struct Inspection: Codable, Sendable, Equatable {
    public var id: String
    public var group: String
    /// The Party committee that sent the group (中共某市委), named at the top of the public page;
    /// nil for inspections created before it was asked for.
    public var issuer: String?
    /// The announcement as published, shown on the inspection's public page; nil when not kept.
    public var announcement: String?
    public var leader: String
    public var units: [String]
    public var periodStart: CivilDate
    public var periodEnd: CivilDate
    /// The last day reports are taken (受理信访截止时间); a letter counts by its postmark.
    public var deadline: CivilDate
    public var deadlineTime: ClockTime?
    public var phones: [String]
    public var emails: [String]
    public var postalBoxes: [String]
    public var otherChannels: [String]
    public var phoneHours: [ReceptionHours]
    /// The scope as the announcement words it, shown to the public before they write.
    public var scope: String
    /// Whether the group answers reporters at all; many announcements say 不负责答复.
    public var repliesEnabled: Bool
    /// The short form that starts every register number (市四巡); nil: proposed from the group's name.
    public var registerPrefix: String?
    /// The working-day limits the group keeps; nil: the usual ones (`WorkflowLimits.standard`).
    public var limits: WorkflowLimits?

    public init(
        id: String,
        group: String,
        leader: String = "",
        units: [String],
        periodStart: CivilDate,
        periodEnd: CivilDate,
        deadline: CivilDate,
        deadlineTime: ClockTime? = nil,
        phones: [String] = [],
        emails: [String] = [],
        postalBoxes: [String] = [],
        otherChannels: [String] = [],
        phoneHours: [ReceptionHours] = [],
        scope: String = Inspection.standardScope,
        repliesEnabled: Bool = false,
        registerPrefix: String? = nil,
        limits: WorkflowLimits? = nil,
        issuer: String? = nil,
        announcement: String? = nil
    ) {
        self.id = id
        self.group = group
        self.issuer = issuer
        self.announcement = announcement
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
        self.registerPrefix = registerPrefix
        self.limits = limits
    }

    /// The longest announcement kept for the public page.
    public static let maxAnnouncementLength = 20_000

    /// The wording most groups publish (DOMAIN.md §2), offered when an admin leaves scope blank.
    public static let standardScope =
        "巡察组主要受理反映被巡察单位领导班子及其成员、下一级党组织领导班子主要负责人和重要岗位领导干部问题的来信来电来访，"
        + "重点是关于违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律和生活纪律等方面的举报和反映。"
        + "其他不属于巡察受理范围的信访问题，将按规定转被巡察单位和有关部门处理。"

    /// Whether a day falls inside the time the group takes reports at all: between the start of
    /// the period and the intake deadline. Hours and holidays are the reception-window rules' job.
    public func isTakingReports(on day: CivilDate) -> Bool {
        day >= periodStart && day <= deadline
    }

    /// Refuses configurations that cannot be right, in the words an admin filling the form needs.
    public func validated() throws(InputError) -> Inspection {
        var i = self
        i.group = TextLimits.trimmed(group)
        i.leader = TextLimits.trimmed(leader)
        i.issuer = issuer.map(TextLimits.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        i.announcement = announcement.map(TextLimits.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        i.units = units.map(TextLimits.trimmed).filter { !$0.isEmpty }
        i.phones = phones.map(TextLimits.trimmed).filter { !$0.isEmpty }
        i.emails = emails.map(TextLimits.trimmed).filter { !$0.isEmpty }
        i.postalBoxes = postalBoxes.map(TextLimits.trimmed).filter { !$0.isEmpty }
        i.otherChannels = otherChannels.map(TextLimits.trimmed).filter { !$0.isEmpty }
        i.scope = TextLimits.trimmed(scope).isEmpty ? Self.standardScope : TextLimits.trimmed(scope)
        if i.group.isEmpty {
            throw InputError(code: "missing_group", zh: "请填写巡察组名称。", en: "group is required.", field: "group")
        }
        try TextLimits.check(i.group, field: "group", labelZH: "巡察组名称", max: 100)
        try TextLimits.check(i.leader, field: "leader", labelZH: "组长", max: 50)
        if let issuer = i.issuer { try TextLimits.check(issuer, field: "issuer", labelZH: "派出巡察组的党委", max: 100) }
        if let text = i.announcement { try TextLimits.check(text, field: "announcement", labelZH: "巡察公告", max: Self.maxAnnouncementLength) }
        if i.units.isEmpty {
            throw InputError(code: "missing_units", zh: "请至少填写一个被巡察单位。", en: "at least one unit is required.", field: "units")
        }
        for unit in i.units { try TextLimits.check(unit, field: "units", labelZH: "被巡察单位", max: 100) }
        try TextLimits.check(i.scope, field: "scope", labelZH: "受理范围", max: 2000)
        if i.periodEnd < i.periodStart {
            throw InputError(
                code: "period_reversed",
                zh: "巡察结束日期不能早于开始日期。",
                en: "period_end is before period_start.",
                field: "period_end"
            )
        }
        if i.deadline < i.periodStart || i.deadline > i.periodEnd {
            throw InputError(
                code: "deadline_outside_period",
                zh: "受理截止日期应在巡察期间内。",
                en: "deadline must fall within the period.",
                field: "deadline"
            )
        }
        if let prefix = i.registerPrefix.map(TextLimits.trimmed) {
            i.registerPrefix = prefix.isEmpty ? nil : prefix
            try TextLimits.check(prefix, field: "register_prefix", labelZH: "登记编号前缀", max: RegisterNumber.maxPrefixLength)
        }
        if let limits = i.limits { try limits.check() }
        for hours in i.phoneHours {
            if let from = hours.from, let to = hours.to, to <= from {
                throw InputError(
                    code: "hours_reversed",
                    zh: "受理电话时间的结束时间应晚于开始时间。",
                    en: "phone_hours: to must be after from.",
                    field: "phone_hours"
                )
            }
        }
        return i
    }
}
