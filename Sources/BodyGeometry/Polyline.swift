/// An open chain of at least two points, millimetres.
///
/// Invariant: every point is finite and at least one pair of consecutive points is more
/// than ``Tolerance/length`` apart, so ``segments`` is never empty. Consecutive (near-)duplicate
/// points are kept (they make degenerate segments, which queries skip).
public struct Polyline: Hashable, Sendable {
    public let points: [Point]

    /// Each segment of ``densified(maxSpacing:)`` is cut into at most this many pieces.
    private static let maximumPiecesPerSegment = 1 << 20

    /// Fails for fewer than two points, a non-finite point, or when no two consecutive
    /// points are more than ``Tolerance/length`` apart (zero length).
    public init?(_ points: [Point]) {
        guard points.count >= 2, points.allSatisfy(\.isFinite),
              zip(points, points.dropFirst()).contains(where: { Segment($0, $1) != nil })
        else { return nil }
        self.points = points
    }

    public var start: Point { points[0] }
    public var end: Point { points[points.count - 1] }

    /// The non-degenerate segments in order, with the arc length (millimetres) at which each
    /// starts. Arc length counts every step between points, degenerate ones included, so it
    /// agrees with ``length``.
    public var segments: [(segment: Segment, startArcLength: Double)] {
        var result: [(segment: Segment, startArcLength: Double)] = []
        var s = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            if let seg = Segment(a, b) { result.append((seg, s)) }
            s += a.distance(to: b)
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
        // The walk of ``segments`` without building it (a locator asks this once per row).
        var arcLength = 0.0, index = 0
        for i in 0..<(points.count - 1) {
            let a = points[i], b = points[i + 1]
            if let segment = Segment(a, b) {
                let c = segment.closestPoint(to: p)
                if c.distance < best.distance {
                    best = ClosestPoint(point: c.point, distance: c.distance, arcLength: arcLength + c.arcLength, segmentIndex: index)
                }
                index += 1
            }
            arcLength += a.distance(to: b)
        }
        return best
    }

    public func distance(to p: Point) -> Double { closestPoint(to: p).distance }

    /// The point at `arcLength` millimetres from the start, clamped to the ends.
    public func point(atArcLength arcLength: Double) -> Point {
        if arcLength <= 0 { return start }
        for item in segments where arcLength <= item.startArcLength + item.segment.length {
            let t = (arcLength - item.startArcLength) / item.segment.length
            return item.segment.point(at: Swift.max(0, t))
        }
        return end
    }

    /// Unit tangent at `arcLength` (direction of travel), clamped to the ends. `nil` cannot
    /// happen for a valid polyline (it always has a non-degenerate segment), but the type
    /// keeps the contract honest.
    public func tangent(atArcLength arcLength: Double) -> Vector? {
        let segs = segments
        let item = segs.first { arcLength <= $0.startArcLength + $0.segment.length } ?? segs.last
        return item?.segment.vector.normalized
    }

    /// Every place where the polyline meets the horizontal line at height `z`, in order along it.
    ///
    /// A vertex lying on the line is reported once (whether the chain crosses there or only
    /// touches), and a run of segments lying along the line contributes just its two ends.
    /// Reported points have exactly the requested `z`.
    public func crossings(atZ z: Double) -> [Point] { crossings(ofLevel: z, along: .z) }

    /// Every place where the polyline meets the vertical line at `x`, in order along it.
    ///
    /// Same conventions as ``crossings(atZ:)``; reported points have exactly the requested `x`.
    public func crossings(atX x: Double) -> [Point] { crossings(ofLevel: x, along: .x) }

    /// Where `coordinate` equals `level`: one pass over every step between consecutive points
    /// (degenerate ones too, so a crossing inside a near-zero step is not lost), remembering
    /// the last vertex reported so that a vertex on the line is not reported by both of its steps.
    /// The coordinate ``crossings(ofLevel:along:)`` follows (an enum rather than a key path:
    /// a key path is looked up at run time on every point, and batches ask this per row).
    private enum Axis {
        case x, z

        @inline(__always) func value(_ p: Point) -> Double {
            switch self {
            case .x: p.x
            case .z: p.z
            }
        }

        @inline(__always) func set(_ p: inout Point, _ v: Double) {
            switch self {
            case .x: p.x = v
            case .z: p.z = v
            }
        }
    }

    private func crossings(ofLevel level: Double, along coordinate: Axis) -> [Point] {
        var result: [Point] = []
        var lastReportedVertex = -1
        for i in 0..<(points.count - 1) {
            let a = points[i], b = points[i + 1]
            let ca = coordinate.value(a), cb = coordinate.value(b)
            // Compare rather than multiply, so tiny differences cannot underflow to "zero".
            guard ca != cb, Swift.min(ca, cb) <= level, level <= Swift.max(ca, cb) else { continue }
            if ca == level {
                if lastReportedVertex != i { result.append(a) }
                lastReportedVertex = i
            } else if cb == level {
                result.append(b)
                lastReportedVertex = i + 1
            } else {
                var q = a.lerp(b, (level - ca) / (cb - ca))
                coordinate.set(&q, level)
                result.append(q)
            }
        }
        return result
    }

    /// The polyline with every point passed through `transform`; `nil` if the result degenerates.
    public func mapped(_ transform: (Point) -> Point) -> Polyline? {
        Polyline(points.map(transform))
    }

    /// Points spaced at most `spacing` millimetres apart along the chain, keeping every vertex
    /// (a vertex within ``Tolerance/length`` of the one before it is represented by that one).
    /// A non-positive or non-finite `spacing` returns ``points`` unchanged. Each segment is cut
    /// into at most 2²⁰ pieces, so an absurdly small spacing gives a coarser result rather than
    /// trapping or exhausting memory.
    public func densified(maxSpacing spacing: Double) -> [Point] {
        guard spacing > 0, spacing.isFinite else { return points }
        var result = [start]
        for item in segments {
            let ratio = (item.segment.length / spacing).rounded(.up)
            let n = ratio < Double(Self.maximumPiecesPerSegment)
                ? Swift.max(1, Int(ratio)) : Self.maximumPiecesPerSegment
            for i in 1...n { result.append(item.segment.point(at: Double(i) / Double(n))) }
        }
        return result
    }
}
