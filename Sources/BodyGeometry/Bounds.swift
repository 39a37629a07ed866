/// An axis-aligned rectangle, millimetres. Invariant: `min.x <= max.x`, `min.z <= max.z`.
public struct Bounds: Hashable, Sendable {
    public let min: Point
    public let max: Point

    /// The smallest bounds holding every point; `nil` for no points or a non-finite one.
    public init?<S: Sequence>(_ points: S) where S.Element == Point {
        var lo = Point(.infinity, .infinity), hi = Point(-.infinity, -.infinity)
        var any = false
        for p in points {
            guard p.isFinite else { return nil }
            any = true
            lo = Point(Swift.min(lo.x, p.x), Swift.min(lo.z, p.z))
            hi = Point(Swift.max(hi.x, p.x), Swift.max(hi.z, p.z))
        }
        guard any else { return nil }
        self.min = lo
        self.max = hi
    }

    public init(min: Point, max: Point) {
        self.min = Point(Swift.min(min.x, max.x), Swift.min(min.z, max.z))
        self.max = Point(Swift.max(min.x, max.x), Swift.max(min.z, max.z))
    }

    public var width: Double { max.x - min.x }
    public var height: Double { max.z - min.z }
    public var centre: Point { min.lerp(max, 0.5) }

    public func contains(_ p: Point) -> Bool {
        p.x >= min.x && p.x <= max.x && p.z >= min.z && p.z <= max.z
    }

    public func union(_ other: Bounds) -> Bounds {
        Bounds(min: Point(Swift.min(min.x, other.min.x), Swift.min(min.z, other.min.z)),
               max: Point(Swift.max(max.x, other.max.x), Swift.max(max.z, other.max.z)))
    }

    /// True when the two rectangles share interior area (touching edges do not count).
    public func overlaps(_ other: Bounds) -> Bool {
        min.x < other.max.x && other.min.x < max.x && min.z < other.max.z && other.min.z < max.z
    }

    /// The bounds shrunk by `margin` millimetres on every side (grown for a negative margin).
    /// Shrinking stops at the centre line, so the result is never inverted.
    public func inset(by margin: Double) -> Bounds {
        let dx = Swift.min(margin, width / 2), dz = Swift.min(margin, height / 2)
        return Bounds(min: Point(min.x + dx, min.z + dz), max: Point(max.x - dx, max.z - dz))
    }

    /// The bounds grown by `margin` millimetres on every side (shrunk for a negative margin,
    /// never inverted).
    public func expanded(by margin: Double) -> Bounds { inset(by: -margin) }
}
