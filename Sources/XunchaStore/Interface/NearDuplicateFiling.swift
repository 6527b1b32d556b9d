import XunchaText

/// Where the store files a report in the near-duplicate index, so that a screener can tell which
/// of the reports still waiting for their commit share a key with a new one.
public enum NearDuplicateFiling {
    /// The keys a report of `inspectionID` (nil: no inspection claimed it) is filed under, each once.
    public static func keys(_ text: PreparedText, inspectionID: String?) -> [Int64] {
        Array(Set(text.filingKeys(scope: inspectionID ?? ""))).sorted()
    }
}
