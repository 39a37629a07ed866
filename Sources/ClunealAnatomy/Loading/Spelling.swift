/// How near a mistyped word is to a known one: the one rule behind every "did you mean"
/// suggestion (unknown keys in data files, unknown symptom names).
public enum Spelling {
    /// How many edits a word of `length` characters may be from a suggestion: a third of its
    /// length, and at least 2.
    public static func editLimit(forLength length: Int) -> Int { Swift.max(2, length / 3) }

    /// Edits between `a` and `b`, compared character by character (case as given): insertions,
    /// deletions, substitutions and swaps of two neighbouring characters each count one
    /// (the optimal-string-alignment distance). Three rows of `b.count + 1` integers.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d = Swift.min(d, beforePrevious[j - 2] + 1) }
                current[j] = d
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
