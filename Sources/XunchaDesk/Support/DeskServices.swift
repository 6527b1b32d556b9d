import Foundation
import XunchaCore
import XunchaStore

/// What every desk works with: the store, the data folder's keys and sealed files, the screener,
/// the throttle, the settings and the one clock. Built once per process (`xuncha serve`, a CLI
/// command, a test) and shared by every desk, so that all of them see the same cached screener;
/// the counts of failed guesses are in the store, shared by every process on the database.
public struct DeskServices: Sendable {
    public let store: any Store
    public let keys: Keys
    public let sealer: Sealer
    public let codeHasher: QueryCodeHasher
    public let attachments: AttachmentStore
    /// A lead's material and the handover archives, sealed in the data folder.
    public let leadFiles: LeadFiles
    public let screening: ReportScreening
    /// The layer learned from this installation's decisions; nil on the demo's clock, so that
    /// the demo plays the same every time.
    public let learning: DecisionLearning?
    public let throttle: ClientThrottle
    public let passwords: PasswordHasher
    public let settings: DeskSettings
    public let calendar: WorkCalendar
    /// Where the keys, the database and the sealed files live.
    public let dataFolder: DataFolder
    /// The one clock: every moment a desk records comes from here, so tests can set it.
    public let now: @Sendable () -> Date
    /// Where intake's durations and counts go; the server sets its registry's (`/metrics`).
    public var metrics = IntakeMetrics()

    public init(
        store: any Store,
        keys: Keys,
        dataFolder: DataFolder,
        settings: DeskSettings = DeskSettings(),
        calendar: WorkCalendar = .official,
        learns: Bool = true,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.keys = keys
        self.settings = settings
        self.calendar = calendar
        self.dataFolder = dataFolder
        self.now = now
        sealer = Sealer(keys: keys)
        codeHasher = QueryCodeHasher(keys: keys, legacyCost: settings.queryCodeCost)
        attachments = AttachmentStore(store: store, keys: keys, dataFolder: dataFolder, policy: settings.attachmentPolicy)
        leadFiles = LeadFiles(store: store, keys: keys, dataFolder: dataFolder, policy: settings.attachmentPolicy)
        learning = learns ? DecisionLearning(store: store) : nil
        screening = ReportScreening(store: store, calendar: calendar, learning: learning, now: now)
        throttle = ClientThrottle(store: store, policy: .init(maxFailures: settings.maxFailuresPerClient, window: settings.failureWindow))
        passwords = PasswordHasher(cost: settings.passwordCost)
    }

    /// The same installation on another clock: what the desks record then happens at `now`'s
    /// moments (the demo plays an inspection of 2023 this way). Its screener is its own, so use
    /// one such copy at a time; it screens with the lexicon alone.
    public func onClock(_ now: @escaping @Sendable () -> Date) -> DeskServices {
        DeskServices(store: store, keys: keys, dataFolder: dataFolder, settings: settings, calendar: calendar, learns: false, now: now)
    }

    public var intake: ReportIntake { ReportIntake(services: self) }
    public var reporters: ReporterDesk { ReporterDesk(services: self) }
    public var staff: StaffDesk { StaffDesk(services: self) }
    public var admin: AdminDesk { AdminDesk(services: self) }
    public var mail: MailDesk { MailDesk(services: self) }
    /// Query codes between the public form's POST and the page that shows them once.
    public var received: ReceivedSlots { ReceivedSlots(services: self) }
}
