import ArgumentParser
import XunchaCore
import XunchaStore

extension SQLStore {
    /// The inspection named by `--inspection`, or the only one there is; several without a
    /// choice is an error that lists them.
    func pickInspection(_ id: String?) async throws -> Inspection {
        let all = try await inspections()
        if let id {
            guard let found = all.first(where: { $0.id == id }) else {
                throw ValidationError("没有 ID 为 \(id) 的巡察 / no inspection \(id)")
            }
            return found
        }
        guard all.count == 1 else {
            let list = all.map { "  \($0.id) \($0.group)" }.joined(separator: "\n")
            throw ValidationError(
                all.isEmpty
                    ? "数据目录中还没有巡察 / the data folder holds no inspection"
                    : "数据目录中有 \(all.count) 个巡察，请用 --inspection 指定 / several inspections, choose one with --inspection:\n\(list)"
            )
        }
        return all[0]
    }
}
