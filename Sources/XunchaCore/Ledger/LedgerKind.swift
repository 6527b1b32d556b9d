/// The registers and ledgers (登记簿、台账) a group keeps and hands to the inspection office: one
/// register per way reports arrive, and the ledgers of what became of them.
public enum LedgerKind: String, Sendable, Hashable, CaseIterable, Codable {
    case letters
    case calls
    case visits
    /// Reports made online: the web form and e-mail.
    case web
    case leads
    case referrals
    case rectification

    public var chineseName: String {
        switch self {
        case .letters: "来信登记簿"
        case .calls: "来电登记簿"
        case .visits: "来访登记簿"
        case .web: "网上及电子邮件举报登记簿"
        case .leads: "问题线索台账"
        case .referrals: "转办件台账"
        case .rectification: "整改台账"
        }
    }

    /// The channels a register lists; empty for the ledgers that list no reports.
    public var channels: [Channel] {
        switch self {
        case .letters: [.letter]
        case .calls: [.phone]
        case .visits: [.visit]
        case .web: [.web, .email]
        case .leads, .referrals, .rectification: []
        }
    }

    public var isRegister: Bool { !channels.isEmpty }

    /// What the file of a ledger is called, before its extension: `来信登记簿-2026-03-01`.
    public func fileStem(madeOn day: CivilDate) -> String { "\(chineseName)-\(day.iso)" }
}
