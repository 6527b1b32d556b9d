/// For each position of a text (and its end), the index of the one item that starts or ends
/// there, if any: a subject scan looks these up for every post, and an array as long as the
/// text costs less than a dictionary that hashes on every insert and look-up.
struct PositionIndex {
    private var items: [Int]

    init(textLength: Int) {
        items = Array(repeating: -1, count: textLength + 1)
    }

    subscript(position: Int) -> Int? {
        get { items[position] < 0 ? nil : items[position] }
        set { items[position] = newValue ?? -1 }
    }
}
