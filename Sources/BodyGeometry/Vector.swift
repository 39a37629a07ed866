/// A displacement in the plane, in millimetres.
public struct Vector: Hashable, Sendable {
    public var dx: Double
    public var dz: Double

    public init(_ dx: Double, _ dz: Double) {
        self.dx = dx
        self.dz = dz
    }

    public static let zero = Vector(0, 0)

    /// Length, millimetres.
    public var length: Double { (dx * dx + dz * dz).squareRoot() }
    public var lengthSquared: Double { dx * dx + dz * dz }

    /// The unit vector in the same direction, or `nil` for a (near) zero vector.
    public var normalized: Vector? {
        let l = length
        guard l > Tolerance.length, l.isFinite else { return nil }
        return Vector(dx / l, dz / l)
    }

    /// The vector turned a quarter turn counter-clockwise (x toward z).
    public var perpendicular: Vector { Vector(-dz, dx) }

    public func dot(_ other: Vector) -> Double { dx * other.dx + dz * other.dz }
    /// The z component of the 3-D cross product: positive when `other` is counter-clockwise of `self`.
    public func cross(_ other: Vector) -> Double { dx * other.dz - dz * other.dx }

    public static func + (a: Vector, b: Vector) -> Vector { Vector(a.dx + b.dx, a.dz + b.dz) }
    public static func - (a: Vector, b: Vector) -> Vector { Vector(a.dx - b.dx, a.dz - b.dz) }
    public static func * (v: Vector, s: Double) -> Vector { Vector(v.dx * s, v.dz * s) }
    public static func * (s: Double, v: Vector) -> Vector { Vector(v.dx * s, v.dz * s) }
    public static prefix func - (v: Vector) -> Vector { Vector(-v.dx, -v.dz) }
}
