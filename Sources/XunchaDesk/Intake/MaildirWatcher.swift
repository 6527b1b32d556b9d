import Foundation
import Logging
import ServiceLifecycle
import XunchaIntake
import XunchaStore

/// Where `xuncha serve --maildir` looks for mail, and how often.
public struct MaildirWatch: Sendable {
    public var path: String
    /// Nil lets `ReportIntake` pick the inspection, as `mail ingest` does.
    public var inspectionID: String?
    public var interval: Duration

    public init(path: String, inspectionID: String? = nil, interval: Duration = .seconds(5)) {
        self.path = path
        self.inspectionID = inspectionID
        self.interval = interval
    }
}

/// Scans a Maildir every few seconds, beside the web server, and registers new mail through the
/// same `StoreMailSink` as `xuncha mail ingest` (so the two may run at once: the source keys keep
/// each message to one report). It never stops the server: a scan that fails is logged and tried
/// again, and only a graceful shutdown ends it, after the scan in progress has finished.
public struct MaildirWatcher: Service {
    public let watch: MaildirWatch
    let sink: MailDesk
    let logger: Logger

    public init(watch: MaildirWatch, sink: MailDesk, logger: Logger) {
        self.watch = watch
        self.sink = sink
        self.logger = logger
    }

    public func run() async throws {
        logger.info("watching Maildir \(watch.path) every \(watch.interval)")
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            _ = await scanOnce()
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: watch.interval) }
            } catch {
                break
            }
        }
        logger.info("stopped watching Maildir \(watch.path)")
    }

    /// One pass over the Maildir; nil when the folder could not be read.
    public func scanOnce() async -> MaildirIngest.Summary? {
        do {
            let summary = try await MaildirIngest(maildir: Maildir(path: watch.path), inspectionID: watch.inspectionID).run(into: sink)
            if !summary.registered.isEmpty || !summary.failed.isEmpty {
                // Counts only: file names and report contents stay out of the log.
                logger.info(
                    "Maildir scan: registered \(summary.registered.count), duplicates \(summary.duplicates), failed \(summary.failed.count), partly unreadable \(summary.partlyRead)"
                )
            }
            return summary
        } catch {
            logger.error("Maildir \(watch.path) could not be read: \(error)")
            return nil
        }
    }
}
