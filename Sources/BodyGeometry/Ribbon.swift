/// A band of varying width along a centreline: a nerve, a ligament, a fascial edge.
///
/// Invariant: one finite, positive width (millimetres, full width) per centreline point.
/// Between points the width varies linearly with arc length.
public struct Ribbon: Hashable, Sendable {
    public let centreline: Polyline
    /// Full width at each centreline point, millimetres.
    public let widths: [Double]

    public init?(centreline: Polyline, widths: [Double]) {
        guard widths.count == centreline.points.count,
              widths.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        self.centreline = centreline
        self.widths = widths
    }

    /// A ribbon of constant width.
    public init?(centreline: Polyline, width: Double) {
        self.init(centreline: centreline, widths: Array(repeating: width, count: centreline.points.count))
    }

    /// Full width at `arcLength` along the centreline, millimetres.
    public func width(atArcLength arcLength: Double) -> Double {
        var s = 0.0
        let pts = centreline.points
        for i in 0..<(pts.count - 1) {
            let l = pts[i].distance(to: pts[i + 1])
            if arcLength <= s + l, l > 0 {
                let t = Swift.max(0, (arcLength - s) / l)
                return widths[i] + (widths[i + 1] - widths[i]) * t
            }
            s += l
        }
        return widths[widths.count - 1]
    }

    /// Nearest point on the centreline.
    public func closestCentrelinePoint(to p: Point) -> ClosestPoint { centreline.closestPoint(to: p) }

    /// Distance from `p` to the ribbon's edge: 0 inside the band, millimetres.
    ///
    /// Measured from the nearest centreline point: the distance to the centreline minus half
    /// the width there. Exact where the width is constant; where it tapers, the true distance to
    /// the slanted edge is smaller by a factor of about cos(taper angle).
    public func distance(to p: Point) -> Double {
        let c = centreline.closestPoint(to: p)
        return Swift.max(0, c.distance - width(atArcLength: c.arcLength) / 2)
    }

    public func contains(_ p: Point) -> Bool { distance(to: p) == 0 }

    /// The ribbon's outline as a polygon: left edge out, right edge back, with
    /// mitred offsets at interior points (miter length limited to twice the half-width).
    public var outline: Polygon? {
        let pts = centreline.points
        var left: [Point] = [], right: [Point] = []
        for i in pts.indices {
            let before = i > 0 ? (pts[i] - pts[i - 1]).normalized : nil
            let after = i < pts.count - 1 ? (pts[i + 1] - pts[i]).normalized : nil
            guard let dir = ((before ?? .zero) + (after ?? .zero)).normalized ?? before ?? after else { continue }
            var normal = dir.perpendicular
            var half = widths[i] / 2
            if let b = before, let a = after, let n = (b + a).normalized {
                let cosHalf = Swift.max(0.5, n.dot(a))
                half /= cosHalf
                normal = n.perpendicular
            }
            left.append(pts[i] + normal * half)
            right.append(pts[i] - normal * half)
        }
        return Polygon(left + right.reversed())
    }

    public func mapped(_ transform: (Point) -> Point, widthScale: Double = 1) -> Ribbon? {
        guard let line = centreline.mapped(transform) else { return nil }
        return Ribbon(centreline: line, widths: widths.map { $0 * widthScale })
    }
}
