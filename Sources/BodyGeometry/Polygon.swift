/// A closed outline of at least three points, millimetres (the last point joins the first).
///
/// Invariant: every point is finite and the enclosed area is not zero.
public struct Polygon: Hashable, Sendable {
    public let points: [Point]

    /// Fails for fewer than three points, a non-finite point, or (near) zero area.
    public init?(_ points: [Point]) {
        var pts = points
        if pts.count > 1, let first = pts.first, let last = pts.last, first == last { pts.removeLast() }
        guard pts.count >= 3, pts.allSatisfy(\.isFinite) else { return nil }
        self.points = pts
        guard abs(signedArea) > Tolerance.area else { return nil }
    }

    /// Signed area (positive when the points run counter-clockwise with z up), mm².
    ///
    /// Summed relative to the first point, so a small outline far from the origin keeps its
    /// precision. A doubly wound outline counts twice; lobes of opposite winding cancel.
    public var signedArea: Double {
        let o = points[0]
        var sum = 0.0
        for (a, b) in edgesPoints { sum += (a - o).cross(b - o) }
        return sum / 2
    }

    public var area: Double { abs(signedArea) }

    private var edgesPoints: [(Point, Point)] {
        Array(zip(points, points.dropFirst() + [points[0]]))
    }

    /// The edges in order, skipping zero-length ones.
    public var edges: [Segment] { edgesPoints.compactMap { Segment($0.0, $0.1) } }

    /// The closed boundary as a polyline (first point repeated at the end).
    public var boundary: Polyline? { Polyline(points + [points[0]]) }

    public var bounds: Bounds { Bounds(points) ?? Bounds(min: points[0], max: points[0]) }

    /// Area centroid, millimetres (weighted by signed area, so the same for either winding).
    public var centroid: Point {
        let o = points[0]
        var cx = 0.0, cz = 0.0, twiceArea = 0.0
        for (a, b) in edgesPoints {
            let u = a - o, v = b - o
            let f = u.cross(v)
            twiceArea += f
            cx += (u.dx + v.dx) * f
            cz += (u.dz + v.dz) * f
        }
        let k = 1 / (3 * twiceArea)
        return Point(o.x + cx * k, o.z + cz * k)
    }

    /// Winding number of the outline around `p` (0 outside for a simple polygon).
    public func windingNumber(around p: Point) -> Int {
        var winding = 0
        for (a, b) in edgesPoints {
            if a.z <= p.z {
                if b.z > p.z, (b - a).cross(p - a) > 0 { winding += 1 }
            } else if b.z <= p.z, (b - a).cross(p - a) < 0 {
                winding -= 1
            }
        }
        return winding
    }

    /// Point-in-polygon under `rule`. Points on the boundary may fall either way.
    public func contains(_ p: Point, rule: FillRule = .nonZero) -> Bool {
        switch rule {
        case .nonZero:
            return windingNumber(around: p) != 0
        case .evenOdd:
            var inside = false
            for (a, b) in edgesPoints where (a.z > p.z) != (b.z > p.z) {
                let x = a.x + (p.z - a.z) / (b.z - a.z) * (b.x - a.x)
                if p.x < x { inside.toggle() }
            }
            return inside
        }
    }

    /// Nearest point on the boundary (whether `p` is inside or not).
    public func closestBoundaryPoint(to p: Point) -> ClosestPoint {
        var best = ClosestPoint(point: points[0], distance: points[0].distance(to: p), arcLength: 0, segmentIndex: 0)
        var s = 0.0
        for (index, edge) in edges.enumerated() {
            let c = edge.closestPoint(to: p)
            if c.distance < best.distance {
                best = ClosestPoint(point: c.point, distance: c.distance, arcLength: s + c.arcLength, segmentIndex: index)
            }
            s += edge.length
        }
        return best
    }

    /// Distance from `p` to the region: 0 inside, else the distance to the boundary (mm).
    public func distance(to p: Point, rule: FillRule = .nonZero) -> Double {
        contains(p, rule: rule) ? 0 : closestBoundaryPoint(to: p).distance
    }

    /// Signed distance: negative inside, positive outside (mm).
    public func signedDistance(to p: Point, rule: FillRule = .nonZero) -> Double {
        let d = closestBoundaryPoint(to: p).distance
        return contains(p, rule: rule) ? -d : d
    }

    public func mapped(_ transform: (Point) -> Point) -> Polygon? { Polygon(points.map(transform)) }
}
