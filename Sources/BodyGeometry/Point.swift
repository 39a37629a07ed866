/// A point in the plane, in millimetres.
///
/// The two coordinates are named for the body frame that uses them, but nothing here
/// knows anatomy: `x` is the horizontal axis and `z` the vertical one (upward positive).
/// Invariant: none; use ``isFinite`` where input reaches.
public struct Point: Hashable, Sendable {
    /// Horizontal coordinate, millimetres.
    public var x: Double
    /// Vertical coordinate, millimetres (up is positive).
    public var z: Double

    public init(x: Double, z: Double) {
        self.x = x
        self.z = z
    }

    public init(_ x: Double, _ z: Double) {
        self.init(x: x, z: z)
    }

    public static let origin = Point(0, 0)

    /// True when both coordinates are finite numbers.
    public var isFinite: Bool { x.isFinite && z.isFinite }

    /// Euclidean distance to `other`, millimetres.
    public func distance(to other: Point) -> Double {
        (other - self).length
    }

    /// The point mirrored across the vertical axis (x → −x).
    public var mirrored: Point { Point(-x, z) }

    /// Linear interpolation: `self` at t = 0, `other` at t = 1.
    public func lerp(_ other: Point, _ t: Double) -> Point {
        Point(x + (other.x - x) * t, z + (other.z - z) * t)
    }

    public func isApproximatelyEqual(to other: Point, tolerance: Double = Tolerance.length) -> Bool {
        distance(to: other) <= tolerance
    }

    public static func + (p: Point, v: Vector) -> Point { Point(p.x + v.dx, p.z + v.dz) }
    public static func - (p: Point, v: Vector) -> Point { Point(p.x - v.dx, p.z - v.dz) }
    public static func - (a: Point, b: Point) -> Vector { Vector(a.x - b.x, a.z - b.z) }
}

extension Point: CustomStringConvertible {
    public var description: String { "(\(x), \(z))" }
}
