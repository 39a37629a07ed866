/// How the inside of a self-intersecting or nested outline is decided.
public enum FillRule: String, Hashable, Sendable, Codable, CaseIterable {
    /// Inside where the winding number is not zero.
    case nonZero
    /// Inside where a ray crosses the outline an odd number of times.
    case evenOdd
}
