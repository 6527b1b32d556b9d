/// Who made a report (反映人). It is sealed before it is stored and never leaves the group:
/// not in logs, referrals, exports or handovers (DESIGN.md invariant 2).
public struct ReporterIdentity: Codable, Sendable, Equatable {
    public var name: String
    public var phone: String
    public var idNumber: String
    public var address: String
    public var email: String

    public init(name: String = "", phone: String = "", idNumber: String = "", address: String = "", email: String = "") {
        self.name = name
        self.phone = phone
        self.idNumber = idNumber
        self.address = address
        self.email = email
    }

    public var isEmpty: Bool { [name, phone, idNumber, address, email].allSatisfy(\.isEmpty) }

    /// Real name means a name plus a way to reach the person (DOMAIN.md §5).
    public var isRealName: Bool { !name.isEmpty && !(phone.isEmpty && email.isEmpty && address.isEmpty) }
}

extension ReporterIdentity {
    /// Every field is optional: a reporter leaves what they choose to leave.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try c.decodeIfPresent(String.self, forKey: .name) ?? "",
            phone: try c.decodeIfPresent(String.self, forKey: .phone) ?? "",
            idNumber: try c.decodeIfPresent(String.self, forKey: .idNumber) ?? "",
            address: try c.decodeIfPresent(String.self, forKey: .address) ?? "",
            email: try c.decodeIfPresent(String.self, forKey: .email) ?? ""
        )
    }
}
