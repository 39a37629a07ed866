/// A value from the input repeated in an error message, cut so that one hostile value (a
/// 50 MB field, the rest of a file after a stray quote) cannot make the message huge.
public enum Echo {
    /// Characters of a value an error message repeats.
    public static let limit = 200

    /// `value`, or its first ``limit`` characters and how many more there were.
    public static func cut(_ value: String) -> String {
        guard value.utf8.count > limit, value.count > limit else { return value }
        return String(value.prefix(limit)) + "… (\(value.count - limit) more characters)"
    }
}
