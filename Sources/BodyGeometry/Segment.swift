/// A straight segment between two distinct points, millimetres.
///
/// Invariant: the end points are finite and more than ``Tolerance/length`` apart.
public struct Segment: Hashable, Sendable {
    public let start: Point
    public let end: Point

    /// Fails for non-finite or coincident end points.
    public init?(_ start: Point, _ end: Point) {
        guard start.isFinite, end.isFinite, start.distance(to: end) > Tolerance.length else { return nil }
        self.start = start
        self.end = end
    }

    public var vector: Vector { end - start }
    public var length: Double { vector.length }

    /// The point at parameter `t` (0 = start, 1 = end).
    public func point(at t: Double) -> Point { start.lerp(end, t) }

    /// Parameter (clamped to 0...1) of the point nearest to `p`.
    public func parameter(nearestTo p: Point) -> Double {
        let v = vector
        let t = (p - start).dot(v) / v.lengthSquared
        return Swift.min(1, Swift.max(0, t))
    }

    public func closestPoint(to p: Point) -> ClosestPoint {
        let t = parameter(nearestTo: p)
        let q = point(at: t)
        return ClosestPoint(point: q, distance: q.distance(to: p), arcLength: t * length, segmentIndex: 0)
    }

    public func distance(to p: Point) -> Double { closestPoint(to: p).distance }

    /// The crossing point with `other`, if the two segments intersect. Touching counts, with a
    /// slack of ``Tolerance/length`` at the ends. Parallel segments (the sine of the angle
    /// between them at most ``Tolerance/relative``) give `nil`, even when collinear and overlapping,
    /// because they have no single crossing point.
    public func intersection(with other: Segment) -> Point? {
        let r = vector, s = other.vector
        let lr = r.length, ls = s.length
        let denominator = r.cross(s)
        // Relative test: the cross product is |r|·|s|·sin(angle), so this is scale-free.
        guard abs(denominator) > Tolerance.relative * lr * ls else { return nil }
        let qp = other.start - start
        let t = qp.cross(s) / denominator
        let u = qp.cross(r) / denominator
        let slackT = Tolerance.length / lr, slackU = Tolerance.length / ls
        guard t >= -slackT, t <= 1 + slackT, u >= -slackU, u <= 1 + slackU else { return nil }
        return point(at: Swift.min(1, Swift.max(0, t)))
    }
}
