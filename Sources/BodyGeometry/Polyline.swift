/// An open chain of at least two points, millimetres.
///
/// Invariant: every point is finite and the chain has positive length. Consecutive
/// duplicate points are kept (they make zero-length segments, which queries skip).
public struct Polyline: Hashable, Sendable {
    public let points: [Point]

    /// Fails for fewer than two points, a non-finite point, or zero total length.
    public init?(_ points: [Point]) {
        guard points.count >= 2, points.allSatisfy(\.isFinite) else { return nil }
        var total = 0.0
        for (a, b) in zip(points, points.dropFirst()) { total += a.distance(to: b) }
        guard total > Tolerance.length else { return nil }
        self.points = points
    }

    public var start: Point { points[0] }
    public var end: Point { points[points.count - 1] }

    /// The non-degenerate segments in order, with the arc length at which each starts.
    public var segments: [(segment: Segment, startArcLength: Double)] {
        var result: [(Segment, Double)] = []
        var s = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            if let seg = Segment(a, b) {
                result.append((seg, s))
                s += seg.length
            }
        }
        return result
    }

    /// Total length, millimetres.
    public var length: Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + $1.0.distance(to: $1.1) }
    }

    public var bounds: Bounds {
        // A polyline always has finite points, so Bounds cannot fail here.
        Bounds(points) ?? Bounds(min: start, max: start)
    }

    public func closestPoint(to p: Point) -> ClosestPoint {
        var best = ClosestPoint(point: start, distance: start.distance(to: p), arcLength: 0, segmentIndex: 0)
        for (index, item) in segments.enumerated() {
            let c = item.segment.closestPoint(to: p)
            if c.distance < best.distance {
                best = ClosestPoint(point: c.point, distance: c.distance,
                                    arcLength: item.startArcLength + c.arcLength, segmentIndex: index)
            }
        }
        return best
    }

    public func distance(to p: Point) -> Double { closestPoint(to: p).distance }

    /// The point at `arcLength` millimetres from the start, clamped to the ends.
    public func point(atArcLength arcLength: Double) -> Point {
        if arcLength <= 0 { return start }
        for item in segments where arcLength <= item.startArcLength + item.segment.length {
            return item.segment.point(at: (arcLength - item.startArcLength) / item.segment.length)
        }
        return end
    }

    /// Unit tangent at `arcLength` (direction of travel); `nil` never happens for a valid polyline,
    /// but the type keeps the contract honest.
    public func tangent(atArcLength arcLength: Double) -> Vector? {
        let segs = segments
        let item = segs.first { arcLength <= $0.startArcLength + $0.segment.length } ?? segs.last
        return item?.segment.vector.normalized
    }

    /// Every place where the polyline crosses the horizontal line at height `z`, in order along it.
    public func crossings(atZ z: Double) -> [Point] {
        var result: [Point] = []
        for item in segments {
            let a = item.segment.start, b = item.segment.end
            if (a.z - z) * (b.z - z) <= 0, a.z != b.z {
                let t = (z - a.z) / (b.z - a.z)
                result.append(a.lerp(b, t))
            }
        }
        return result
    }

    /// Every place where the polyline crosses the vertical line at `x`, in order along it.
    public func crossings(atX x: Double) -> [Point] {
        var result: [Point] = []
        for item in segments {
            let a = item.segment.start, b = item.segment.end
            if (a.x - x) * (b.x - x) <= 0, a.x != b.x {
                let t = (x - a.x) / (b.x - a.x)
                result.append(a.lerp(b, t))
            }
        }
        return result
    }

    /// The polyline with every point passed through `transform`; `nil` if the result degenerates.
    public func mapped(_ transform: (Point) -> Point) -> Polyline? {
        Polyline(points.map(transform))
    }

    /// Points spaced at most `spacing` millimetres apart along the chain, keeping every vertex.
    public func densified(maxSpacing spacing: Double) -> [Point] {
        guard spacing > 0, spacing.isFinite else { return points }
        var result = [start]
        for item in segments {
            let n = Swift.max(1, Int((item.segment.length / spacing).rounded(.up)))
            for i in 1...n { result.append(item.segment.point(at: Double(i) / Double(n))) }
        }
        return result
    }
}
