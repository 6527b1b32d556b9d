import XunchaCore

/// Why a use case did not do what was asked, in the words every caller needs: a kind that the web
/// layer turns into an HTTP status and the command line into an exit code, a stable code for
/// programs, a Chinese message for people and an English one for engineers.
public struct DeskError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// No such thing, or not one the caller may know exists.
        case notFound
        /// The caller is known and may not do this.
        case forbidden
        /// No logged-in account.
        case unauthenticated
        /// An account with an issued password may do nothing before changing it.
        case passwordChangeRequired
        /// The input is wrong; `field` names where.
        case invalid
        /// The input is larger than allowed.
        case tooLarge
        /// The input is right but the state changed or clashes (a name taken, a roster replaced meanwhile).
        case conflict
        /// Too many failed attempts; try again after this many seconds.
        case throttled(retryAfter: Int)
        /// Something Xuncha keeps is missing or damaged (a sealed file); an administrator must act.
        case damaged
        /// Too much is arriving at once; nothing was done, and the same request may be sent again
        /// after this many seconds.
        case busy(retryAfter: Int)
    }

    public var kind: Kind
    public var code: String
    public var messageZH: String
    public var messageEN: String
    public var field: String?

    public init(_ kind: Kind, code: String, zh: String, en: String, field: String? = nil) {
        self.kind = kind
        self.code = code
        self.messageZH = zh
        self.messageEN = en
        self.field = field
    }

    /// Refused input, as Core states it.
    public static func invalid(_ input: InputError) -> DeskError {
        DeskError(.invalid, code: input.code, zh: input.messageZH, en: input.messageEN, field: input.field)
    }

    public var description: String { "\(messageZH) / \(messageEN)" }

    /// A report refused because too many wait to be written (`StoreError.writerBusy`).
    public static let busy = DeskError(
        .busy(retryAfter: 2),
        code: "busy",
        zh: "当前提交的反映较多，您的反映尚未保存。请稍等片刻后再次提交，填写的内容仍在下方。",
        en: "too many reports are arriving at once; this one was not saved. Send it again in a few seconds."
    )

    public static let notFound = DeskError(.notFound, code: "not_found", zh: "未找到。", en: "not found.")
    public static let forbidden = DeskError(.forbidden, code: "forbidden", zh: "您没有执行此操作的权限。", en: "your role may not do this.")
    public static let unauthenticated = DeskError(.unauthenticated, code: "unauthorized", zh: "请先登录。", en: "log in first.")
    public static let passwordChangeRequired = DeskError(
        .passwordChangeRequired,
        code: "password_change_required",
        zh: "请先修改初始密码。",
        en: "change your one-time password first."
    )

    /// An inspection's account that no leader of the inspection has confirmed (the two-person rule).
    public static let accessPending = DeskError(
        .forbidden,
        code: "access_pending",
        zh: "您的账号尚待本巡察组长确认。确认之前，不能查看本巡察的任何反映、线索和台账。",
        en: "a leader of your inspection has not confirmed your account yet."
    )

    /// Refuses an account that may do nothing yet, saying why: its one-time password is still to
    /// change, or a leader has still to confirm it.
    public static func unlessReady(_ caller: Caller) throws(DeskError) {
        guard case .staff(let user) = caller else { return }
        if user.mustChangePassword { throw passwordChangeRequired }
        if user.access != .confirmed { throw accessPending }
    }

    public static func throttled(retryAfter seconds: Int) -> DeskError {
        DeskError(
            .throttled(retryAfter: seconds),
            code: "too_many_attempts",
            zh: "尝试次数过多，请\(max(1, seconds / 60))分钟后再试。",
            en: "too many attempts; retry after \(seconds) seconds."
        )
    }
}

/// Runs `body`, turning Core's refusal of input into the desk's.
func checking<T>(_ body: () throws(InputError) -> T) throws(DeskError) -> T {
    do {
        return try body()
    } catch {
        throw DeskError.invalid(error)
    }
}
