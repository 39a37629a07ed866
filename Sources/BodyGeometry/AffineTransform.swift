/// An affine map `p ↦ A·p + t` of the plane, millimetres.
///
/// ```
/// x' = a·x + b·z + tx
/// z' = c·x + d·z + tz
/// ```
public struct AffineTransform: Hashable, Sendable, PlanarWarp {
    public var a: Double, b: Double, c: Double, d: Double
    public var tx: Double, tz: Double

    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, tz: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
        self.tx = tx; self.tz = tz
    }

    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, tz: 0)

    /// Uniform scaling about the origin.
    public static func scaling(_ s: Double) -> AffineTransform {
        AffineTransform(a: s, b: 0, c: 0, d: s, tx: 0, tz: 0)
    }

    public var determinant: Double { a * d - b * c }

    public func apply(_ p: Point) -> Point {
        Point(a * p.x + b * p.z + tx, c * p.x + d * p.z + tz)
    }

    public func apply(_ v: Vector) -> Vector {
        Vector(a * v.dx + b * v.dz, c * v.dx + d * v.dz)
    }

    public func localScale(at p: Point) -> Double { abs(determinant).squareRoot() }

    /// `self` after `other`: `(self ∘ other)(p) = self(other(p))`.
    public func concatenating(_ other: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * other.a + b * other.c, b: a * other.b + b * other.d,
            c: c * other.a + d * other.c, d: c * other.b + d * other.d,
            tx: a * other.tx + b * other.tz + tx, tz: c * other.tx + d * other.tz + tz)
    }

    /// The inverse map, or `nil` when the transform collapses the plane.
    public var inverted: AffineTransform? {
        let det = determinant
        guard abs(det) > Tolerance.singular, det.isFinite else { return nil }
        let ia = d / det, ib = -b / det, ic = -c / det, id = a / det
        return AffineTransform(a: ia, b: ib, c: ic, d: id,
                               tx: -(ia * tx + ib * tz), tz: -(ic * tx + id * tz))
    }
}
