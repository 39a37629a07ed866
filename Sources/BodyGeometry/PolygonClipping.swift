/// Clipping to an axis-aligned rectangle: a closed outline (Sutherland–Hodgman) or an open
/// polyline (Liang–Barsky, per segment), so a drawing can be kept inside what is shown.
public enum PolygonClipping {
    /// The part of the closed outline `points` inside `box` (empty when none is).
    public static func clip(_ points: [Point], to box: Bounds) -> [Point] {
        var out = points
        out = clipEdge(out) { $0.x >= box.min.x } intersect: { a, b in a.lerp(b, (box.min.x - a.x) / (b.x - a.x)) }
        out = clipEdge(out) { $0.x <= box.max.x } intersect: { a, b in a.lerp(b, (box.max.x - a.x) / (b.x - a.x)) }
        out = clipEdge(out) { $0.z >= box.min.z } intersect: { a, b in a.lerp(b, (box.min.z - a.z) / (b.z - a.z)) }
        out = clipEdge(out) { $0.z <= box.max.z } intersect: { a, b in a.lerp(b, (box.max.z - a.z) / (b.z - a.z)) }
        return out
    }

    private static func clipEdge(_ pts: [Point], inside: (Point) -> Bool, intersect: (Point, Point) -> Point) -> [Point] {
        guard let last = pts.last else { return [] }
        var out: [Point] = []
        var previous = last
        for p in pts {
            let pin = inside(p), qin = inside(previous)
            if pin {
                if !qin { out.append(intersect(previous, p)) }
                out.append(p)
            } else if qin {
                out.append(intersect(previous, p))
            }
            previous = p
        }
        return out
    }

    /// The parts of an open polyline inside `box`, as separate runs.
    public static func clip(polyline points: [Point], to box: Bounds) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for (a, b) in zip(points, points.dropFirst()) {
            if let (p, q) = clipSegment(a, b, box) {
                if let last = current.last, last.isApproximatelyEqual(to: p) {
                    current.append(q)
                } else {
                    if current.count >= 2 { runs.append(current) }
                    current = [p, q]
                }
            }
        }
        if current.count >= 2 { runs.append(current) }
        return runs
    }

    /// Liang–Barsky segment clipping.
    private static func clipSegment(_ a: Point, _ b: Point, _ box: Bounds) -> (Point, Point)? {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dz = b.z - a.z
        for (p, q) in [(-dx, a.x - box.min.x), (dx, box.max.x - a.x), (-dz, a.z - box.min.z), (dz, box.max.z - a.z)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { t0 = Swift.max(t0, r) } else { t1 = Swift.min(t1, r) }
            }
        }
        guard t0 <= t1 else { return nil }
        return (a.lerp(b, t0), a.lerp(b, t1))
    }
}
