/// The tolerances every geometric predicate in this module uses, kept in one place.
///
/// All lengths are millimetres. A body map is drawn at about 0.1 mm per pixel at most,
/// so anything below a micrometre is noise.
public enum Tolerance {
    /// Two points closer than this are the same point (millimetres).
    public static let length: Double = 1e-6
    /// An area smaller than this is degenerate (square millimetres).
    public static let area: Double = 1e-9
    /// Relative tolerance for comparing computed values with analytic ones.
    public static let relative: Double = 1e-9
    /// A determinant (or pivot) below this, relative to the scale of the problem,
    /// makes a linear system singular.
    public static let singular: Double = 1e-10
}
