import Foundation
import XunchaCore

/// Group commit for arriving reports: whoever calls `SQLStore.saveReport` while the writer is busy
/// waits here, and when the writer is free it writes everything waiting in one transaction (one
/// statement per table for the batch; one refusal fails that report alone) and answers each
/// caller only after that transaction has committed. One fsync then acknowledges many reports;
/// with nobody waiting a report is written at once, so a quiet server adds no delay.
///
/// The queue is bounded: past `capacity` a report is refused at once (`StoreError.writerBusy`)
/// rather than letting every wait grow.
actor ReportCommits {
    struct Waiting {
        var write: ReportWrite
        var answer: CheckedContinuation<Void, any Error>
    }

    typealias Writer = @Sendable ([ReportWrite]) async -> [Result<Void, any Error>]

    let capacity: Int
    let maxBatch: Int
    /// Where the writer runs (`SQLEngine.writerExecutor`).
    let executor: (any TaskExecutor)?
    private var waiting: [Waiting] = []
    private var writing = false

    var waitingCount: Int { waiting.count }

    init(capacity: Int, maxBatch: Int, executor: (any TaskExecutor)? = nil) {
        self.capacity = capacity
        self.maxBatch = maxBatch
        self.executor = executor
    }

    /// Returns once `write` is committed, or throws why it was not; `writer` writes one batch in
    /// one transaction and gives one result per report, in order.
    func save(_ write: ReportWrite, writer: @escaping Writer) async throws {
        guard waiting.count < capacity else { throw StoreError.writerBusy }
        try await withCheckedThrowingContinuation { (answer: CheckedContinuation<Void, any Error>) in
            waiting.append(Waiting(write: write, answer: answer))
            if !writing {
                writing = true
                Task(executorPreference: executor) { await self.drain(writer) }
            }
        }
    }

    /// Writes batches until nobody waits; what arrives during a commit goes into the next one.
    private func drain(_ writer: Writer) async {
        while !waiting.isEmpty {
            let batch = Array(waiting.prefix(maxBatch))
            waiting.removeFirst(batch.count)
            let results = await writer(batch.map(\.write))
            for (item, result) in zip(batch, results) { item.answer.resume(with: result) }
        }
        writing = false
    }
}
