import Foundation
import Testing
import XunchaCore
import XunchaStore

@testable import XunchaDesk

/// Guessing query codes and passwords: every try counts when it starts, a right code gives back
/// only its own try, and one browser's wrong guesses do not lock out others at its address.
@Suite struct ThrottleTests {
    static let settings = DeskSettings(passwordCost: 4, queryCodeCost: 1 << 4, failureDelay: .milliseconds(50), maxFailuresPerClient: 5)

    static func withDesks(_ body: (DeskServices, QueryCode) async throws -> Void) async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        do {
            let desks = DeskServices(store: store, keys: installation.keys, dataFolder: installation.folder, settings: settings)
            _ = try await FirstRun.prepare(desks, demo: .seed)
            let receipt = try await desks.reporters.submit(ReportInput(content: "某某局长收受红包，请巡察组核查。"), client: nil)
            try await body(desks, try #require(receipt.queryCode))
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }

    static let wrong = "0000 0000 0000 0001"

    /// What each of `codes`, tried at once by one client, came to: "found", "not found" or "throttled".
    static func tryAtOnce(_ desks: DeskServices, _ codes: [String], _ client: ClientTag) async -> [String] {
        await withTaskGroup(of: String.self) { group in
            for code in codes {
                group.addTask {
                    do {
                        _ = try await desks.reporters.status(code: code, client: client)
                        return "found"
                    } catch let error as DeskError {
                        if case .throttled = error.kind { return "throttled" }
                        return "not found"
                    } catch { return "\(error)" }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func concurrentWrongCodesAreCountedBeforeTheyAreChecked() async throws {
        try await Self.withDesks { desks, _ in
            let client = ClientTag(address: "a", browser: nil)
            let answers = await Self.tryAtOnce(desks, Array(repeating: Self.wrong, count: 60), client)
            #expect(answers.filter { $0 == "not found" }.count == 5)
            #expect(answers.filter { $0 == "throttled" }.count == 55)
        }
    }

    @Test func aRightCodeMixedInDoesNotWipeTheWrongOnes() async throws {
        try await Self.withDesks { desks, code in
            let client = ClientTag(address: "a", browser: nil)
            var answers: [String] = []
            for _ in 0..<6 {
                answers += await Self.tryAtOnce(desks, [code.digits], client)
                answers += await Self.tryAtOnce(desks, [Self.wrong], client)
            }
            #expect(answers.filter { $0 == "not found" }.count == 5)
            #expect(answers.suffix(2) == ["throttled", "throttled"])
            // A right code alone, all the while, is never refused.
            let other = ClientTag(address: "b", browser: nil)
            for _ in 0..<12 { #expect(await Self.tryAtOnce(desks, [code.digits], other) == ["found"]) }
        }
    }

    @Test func oneBrowsersGuessesDoNotLockOutOthersAtItsAddress() async throws {
        try await Self.withDesks { desks, code in
            let guesser = ClientTag(address: "office", browser: "g")
            #expect(await Self.tryAtOnce(desks, Array(repeating: Self.wrong, count: 8), guesser).filter { $0 == "throttled" }.count == 3)
            #expect(await Self.tryAtOnce(desks, [code.digits], ClientTag(address: "office", browser: "colleague")) == ["found"])
            // Throwing the cookie away for fresh ones meets the address's own limit (ten times the client's).
            var refused = 0
            for browser in 0..<12 {
                let answers = await Self.tryAtOnce(
                    desks,
                    Array(repeating: Self.wrong, count: 5),
                    ClientTag(address: "office", browser: "fresh\(browser)")
                )
                refused += answers.filter { $0 == "throttled" }.count
            }
            // The address has 50: the guesser used 5, nine fresh browsers 45, the last three are refused.
            #expect(refused == 15)
        }
    }

    @Test func concurrentWrongPasswordsAreCountedBeforeTheyAreChecked() async throws {
        try await Self.withDesks { desks, _ in
            let client = ClientTag(address: "a", browser: "b")
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<30 {
                    group.addTask {
                        do {
                            _ = try await desks.staff.login(LoginInput(username: "admin", password: "wrong-password"), client: client)
                            return false
                        } catch let error as DeskError {
                            if case .throttled = error.kind { return true }
                            return false
                        } catch { return false }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 25)
        }
    }
}

/// A login's time does not tell whether its user name exists.
@Suite struct LoginTimingTests {
    @Test func anUnknownNameTakesAsLongAsAWrongPassword() async throws {
        let installation = try TemporaryInstallation()
        defer { installation.remove() }
        let store = try await installation.open()
        do {
            // A real bcrypt cost, so that the hash dominates; no added delay, so that only the hash is measured.
            let settings = DeskSettings(passwordCost: 9, queryCodeCost: 1 << 4, failureDelay: .zero, maxFailuresPerClient: 1000)
            let desks = DeskServices(store: store, keys: installation.keys, dataFolder: installation.folder, settings: settings)
            _ = try await FirstRun.prepare(desks, demo: .seed)
            // Interleaved, and the fastest of each kept: another process's load then slows both alike. The
            // thread pool is shared with the other suites running beside this one, so a round whose waits
            // were unlucky is measured again; a decoy that skipped the hash would fail every round.
            func time(_ username: String) async -> Duration {
                let start = ContinuousClock.now
                _ = try? await desks.staff.login(LoginInput(username: username, password: "wrong-password-x"), client: nil)
                return ContinuousClock.now - start
            }
            var rounds: [(known: Duration, unknown: Duration)] = []
            for _ in 0..<8 {
                var known: [Duration] = []
                var unknown: [Duration] = []
                for _ in 0..<7 {
                    known.append(await time("zuzhang"))
                    unknown.append(await time("nobody-here"))
                }
                let (k, u) = (known.min()!, unknown.min()!)
                rounds.append((k, u))
                if u > k / 2 && u < k * 2 { break }
            }
            let (k, u) = rounds.last!
            #expect(u > k / 2, "rounds (known, unknown): \(rounds)")
            #expect(u < k * 2, "rounds (known, unknown): \(rounds)")
            try await store.close()
        } catch {
            try? await store.close()
            throw error
        }
    }
}
