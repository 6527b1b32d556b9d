import Foundation
import XunchaCore
import XunchaStore

/// The learned layer of this installation, trained from its approved decisions (docs/classifier.md).
///
/// Training never runs on the path that acknowledges a report: it runs in a background task,
/// started the first time a screener asks for the model and again whenever a decision is approved
/// or reopened, and the screener picks the new model up at its next arrival (the version changes).
/// Until the first training ends, and while there are too few decisions, the model is nil and
/// screening is the lexicon's alone.
public actor DecisionLearning {
    private let store: any Store
    private var model: LearnedModel?
    private var version = 0
    private var started = false
    private var running: Task<Void, Never>?
    private var again = false

    public init(store: any Store) {
        self.store = store
    }

    /// The model in force and its version (which changes with every training that ends).
    public func current() -> (model: LearnedModel?, version: Int) {
        if !started { decisionsChanged() }
        return (model, version)
    }

    /// Decisions changed: train again in the background (once more after a training under way).
    public func decisionsChanged() {
        started = true
        guard running == nil else {
            again = true
            return
        }
        running = Task.detached(priority: .utility) { [store] in
            let examples = (try? await store.decidedExamples()) ?? []
            let trained = LearnedModel.train(examples)
            await self.finished(trained)
        }
    }

    private func finished(_ trained: LearnedModel?) {
        model = trained
        version += 1
        running = nil
        if again {
            again = false
            decisionsChanged()
        }
    }

    /// Waits until no training is under way (tests and commands that want the latest model).
    public func settled() async -> LearnedModel? {
        if !started { decisionsChanged() }
        while let task = running { await task.value }
        return model
    }
}
