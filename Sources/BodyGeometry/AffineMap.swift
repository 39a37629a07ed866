/// An affine map `p ↦ A·p + t` of the plane, millimetres.
///
/// ```
/// x' = a·x + b·z + tx
/// z' = c·x + d·z + tz
/// ```
///
/// `a`, `b`, `c`, `d` are dimensionless; `tx`, `tz` are millimetres.
public struct AffineMap: Hashable, Sendable, PlanarWarp {
    public var a: Double, b: Double, c: Double, d: Double
    public var tx: Double, tz: Double

    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, tz: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d
        self.tx = tx; self.tz = tz
    }

    public static let identity = AffineMap(a: 1, b: 0, c: 0, d: 1, tx: 0, tz: 0)

    /// Uniform scaling about the origin.
    public static func scaling(_ s: Double) -> AffineMap {
        AffineMap(a: s, b: 0, c: 0, d: s, tx: 0, tz: 0)
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
    public func concatenating(_ other: AffineMap) -> AffineMap {
        AffineMap(
            a: a * other.a + b * other.c, b: a * other.b + b * other.d,
            c: c * other.a + d * other.c, d: c * other.b + d * other.d,
            tx: a * other.tx + b * other.tz + tx, tz: c * other.tx + d * other.tz + tz)
    }

    /// The inverse map, or `nil` when the transform (nearly) collapses the plane or has a
    /// non-finite coefficient.
    ///
    /// "Nearly" is relative: the determinant is compared with the square of the largest linear
    /// coefficient, so a uniform scaling by 10⁻⁶ inverts while a map that squashes one direction
    /// 10¹⁰ times more than another does not.
    public var inverted: AffineMap? {
        let m = Swift.max(abs(a), abs(b), abs(c), abs(d))
        guard m > 0, m.isFinite, tx.isFinite, tz.isFinite else { return nil }
        // Determinant of the linear part divided by m², computed without overflow.
        let an = a / m, bn = b / m, cn = c / m, dn = d / m
        let detn = an * dn - bn * cn
        guard abs(detn) > Tolerance.singular else { return nil }
        let k = 1 / (detn * m)
        let ia = dn * k, ib = -bn * k, ic = -cn * k, id = an * k
        let inverse = AffineMap(a: ia, b: ib, c: ic, d: id,
                                      tx: -(ia * tx + ib * tz), tz: -(ic * tx + id * tz))
        let coefficients = [inverse.a, inverse.b, inverse.c, inverse.d, inverse.tx, inverse.tz]
        return coefficients.allSatisfy(\.isFinite) ? inverse : nil
    }
}
