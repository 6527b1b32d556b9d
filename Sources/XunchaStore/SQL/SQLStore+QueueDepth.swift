extension SQLStore {
    /// How many arriving reports wait for the group commit right now (`/metrics`).
    public func reportsWaitingToCommit() async -> Int {
        await reportCommits.waitingCount
    }
}
