import NIOCore
import NIOPosix

/// A thread of its own for the SQLite writer: its statements run on a thread pool of one that no
/// reader shares, and the code between them on one event loop that nothing else uses, as the task
/// executor of the group commit's writer (`ReportCommits`). Under load the writer otherwise waited
/// about a millisecond for each of a batch's twenty statements (a `SELECT 1` in a batch took
/// 1.1 ms at 64 clients, 0.09 ms with this), behind every arrival's look-ups and screening, and
/// that wait, not SQLite, bounded intake (docs/performance.md). One for the process, started once
/// and never stopped, like NIO's own singletons: every store in it shares the thread.
final class WriterThread: TaskExecutor {
    static let shared = WriterThread()

    let pool: NIOThreadPool
    private let group: MultiThreadedEventLoopGroup
    let loop: any EventLoop

    private init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        loop = group.next()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
