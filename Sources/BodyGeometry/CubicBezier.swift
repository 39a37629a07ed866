/// One cubic Bézier segment: from `start` to `end`, pulled toward `control1` and `control2`.
///
/// Units are whatever the caller's points are in (body millimetres, page millimetres or
/// pixels); an affine map of the four points maps the curve exactly, which is why the SVG and
/// the raster can build the same curve after their own transforms.
public struct CubicBezier: Hashable, Sendable {
    public var start: Point
    public var control1: Point
    public var control2: Point
    public var end: Point

    public init(start: Point, control1: Point, control2: Point, end: Point) {
        self.start = start
        self.control1 = control1
        self.control2 = control2
        self.end = end
    }

    /// The point at parameter `t` in [0, 1].
    public func point(at t: Double) -> Point {
        let u = 1 - t
        let a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t
        return Point(a * start.x + b * control1.x + c * control2.x + d * end.x,
                     a * start.z + b * control1.z + c * control2.z + d * end.z)
    }

    /// How many straight pieces keep the chord within `tolerance` of the curve (same units as
    /// the points). Uses the bound on the second difference of the control polygon.
    public func flatteningSteps(tolerance: Double) -> Int {
        let ddx = Swift.max(abs(start.x - 2 * control1.x + control2.x), abs(control1.x - 2 * control2.x + end.x))
        let ddz = Swift.max(abs(start.z - 2 * control1.z + control2.z), abs(control1.z - 2 * control2.z + end.z))
        let dd = (ddx * ddx + ddz * ddz).squareRoot()
        guard dd.isFinite, tolerance > 0 else { return 1 }
        // Error of n uniform chords ≤ (3/4)·dd / n² (Wang's formula for a cubic).
        let n = (0.75 * dd / tolerance).squareRoot().rounded(.up)
        return Swift.min(256, Swift.max(1, Int(n)))
    }
}

/// Smooth curves through given points: a Catmull–Rom spline written as cubic Béziers.
///
/// The curve passes through every point in order, with the tangent at each inner point parallel
/// to the chord of its neighbours; at the ends of an open curve the missing neighbour is the end
/// point itself, so the curve leaves along its first chord. One function builds the segments so
/// every output (SVG `C` commands, the PNG rasteriser, hit tests) draws the same curve.
public enum SmoothCurve {
    /// The Bézier segments through `points` (closed: back to the first point). Fewer than two
    /// points give no segments; two give a straight segment.
    public static func segments(through points: [Point], closed: Bool) -> [CubicBezier] {
        let n = points.count
        guard n >= 2 else { return [] }
        let count = closed ? n : n - 1
        var out: [CubicBezier] = []
        out.reserveCapacity(count)
        func at(_ i: Int) -> Point {
            if closed { return points[((i % n) + n) % n] }
            return points[Swift.min(Swift.max(i, 0), n - 1)]
        }
        for i in 0..<count {
            let p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2)
            let c1 = Point(p1.x + (p2.x - p0.x) / 6, p1.z + (p2.z - p0.z) / 6)
            let c2 = Point(p2.x - (p3.x - p1.x) / 6, p2.z - (p3.z - p1.z) / 6)
            out.append(CubicBezier(start: p1, control1: c1, control2: c2, end: p2))
        }
        return out
    }

    /// The curve through `points` as a polyline whose chords stay within `tolerance` of it.
    /// The first point, and each original point, are kept exactly.
    public static func flattened(through points: [Point], closed: Bool, tolerance: Double) -> [Point] {
        let segments = segments(through: points, closed: closed)
        guard let first = segments.first else { return points }
        var out: [Point] = [first.start]
        for (k, s) in segments.enumerated() {
            let steps = s.flatteningSteps(tolerance: tolerance)
            for i in 1...steps {
                // A closed curve's last segment ends on the first point: leave it implicit.
                if closed && k == segments.count - 1 && i == steps { break }
                out.append(i == steps ? s.end : s.point(at: Double(i) / Double(steps)))
            }
        }
        return out
    }
}
