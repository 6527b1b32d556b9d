import Crypto
import Foundation
import XunchaStore

/// The query code between the POST that makes it and the page that shows it (POST, redirect,
/// GET: reloading the page never sends the report again). The code waits under an unguessable
/// token that the reporter's browser holds in a cookie; the page takes it out, so it is shown
/// exactly once and never appears in a URL or a log.
///
/// The slot is kept in the store, so the page finds it whichever server behind a balancer the
/// browser reaches next. The store holds only a keyed hash of the token and the code sealed under
/// a key derived from the token and the key file: neither a copy of the database nor the key file
/// without the browser's cookie opens a slot. A slot nobody collects is removed after `lifetime`.
public struct ReceivedSlots: Sendable {
    public struct Slot: Sendable, Codable, Equatable {
        public var code: String
        public var note: String?
    }

    public static let lifetime: TimeInterval = 10 * 60

    let store: any Store
    let key: SymmetricKey
    let now: @Sendable () -> Date

    init(services: DeskServices) {
        store = services.store
        key = services.keys.receivedSlot
        now = services.now
    }

    /// Keeps `code` and returns the token to set in the cookie.
    public func keep(code: String, note: String?) async throws -> String {
        let token = StaffDesk.randomToken()
        let sealed = try AES.GCM.seal(try JSONEncoder().encode(Slot(code: code, note: note)), using: sealingKey(token))
        guard let combined = sealed.combined else { throw CryptoKitError.incorrectParameterSize }
        let row = ReceivedSlotRow(
            tokenHash: tokenHash(token),
            sealed: combined.base64EncodedString(),
            expires: now().addingTimeInterval(Self.lifetime)
        )
        try await store.keepReceivedSlot(row, now: now())
        return token
    }

    /// The slot under `token`, removed: a second call, through any server, gets nil. A cookie that
    /// is not one of our tokens is not looked up.
    public func take(_ token: String) async throws -> Slot? {
        guard Self.isToken(token), let sealed = try await store.takeReceivedSlot(tokenHash: tokenHash(token), now: now()) else { return nil }
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: sealingKey(token))
        else { return nil }
        return try? JSONDecoder().decode(Slot.self, from: plain)
    }

    /// What `StaffDesk.randomToken` makes: 43 characters of URL-safe base64.
    static func isToken(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private func tokenHash(_ token: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(("slot|" + token).utf8), using: key)).base64EncodedString()
    }

    private func sealingKey(_ token: String) -> SymmetricKey {
        SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(("seal|" + token).utf8), using: key)))
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
