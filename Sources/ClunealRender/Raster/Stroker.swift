#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stroke parameters in pixels.
struct StrokeGeometry: Hashable, Sendable {
    var width: Double
    var join: LineJoin
    var cap: LineCap
    var miterLimit: Double
    /// On/off lengths in pixels (even count), or empty for a solid stroke.
    var dashes: [Double]
    var dashOffset: Double
    /// Largest distance between a flattened arc and the true arc, pixels.
    var tolerance: Double

    init(width: Double, join: LineJoin = .round, cap: LineCap = .round, miterLimit: Double = 4,
         dashes: [Double] = [], dashOffset: Double = 0, tolerance: Double = 0.05) {
        self.width = width
        self.join = join
        self.cap = cap
        self.miterLimit = miterLimit
        self.dashes = dashes
        self.dashOffset = dashOffset
        self.tolerance = tolerance
    }
}

/// Turns polylines into stroke **outlines**: closed contours that, filled together under the
/// non-zero rule, cover exactly the stroke.
///
/// An open polyline becomes one contour: the left offset side forward, the end cap, the left
/// offset side of the reversed polyline (that is, the right side backward), the start cap. A
/// closed polyline becomes two contours, the left side loop and the reversed right side loop.
/// On the outer side of each corner the join (miter within the limit, else bevel; round;
/// bevel) is inserted; on the inner side the outline passes through the corner point itself.
/// The outline is then the sum of consistently oriented pieces (one quadrilateral per segment,
/// one wedge per outer join, one cap per end), so its winding number is non-zero exactly on
/// the union of those pieces: overlaps at sharp inner corners, short segments and crossing
/// dashes are covered once, never twice.
enum Stroker {
    /// Emits the outline contours of `subpaths` (each with a closed flag) to `emit`.
    static func outline(_ subpaths: [(points: [Vec2], closed: Bool)], style: StrokeGeometry,
                        emit: (_ contour: [Vec2]) -> Void) {
        guard style.width.isFinite, style.width > 0 else { return }
        for subpath in subpaths {
            let pieces: [Piece]
            if let dashed = Dasher(pattern: style.dashes, offset: style.dashOffset), !style.dashes.isEmpty {
                pieces = dashed.split(subpath.points, closed: subpath.closed)
            } else {
                pieces = [Piece(points: subpath.points, closed: subpath.closed, tangent: nil)]
            }
            for piece in pieces {
                strokePiece(piece, style: style, emit: emit)
            }
        }
    }

    /// A run of points to stroke; `tangent` gives a direction for zero-length runs.
    struct Piece {
        var points: [Vec2]
        var closed: Bool
        var tangent: Vec2?
    }

    private static func strokePiece(_ piece: Piece, style: StrokeGeometry, emit: ([Vec2]) -> Void) {
        let r = style.width / 2
        var pts = deduplicated(piece.points)
        if piece.closed, pts.count > 1, let first = pts.first, let last = pts.last, (last - first).length <= epsilon {
            pts.removeLast()
        }
        guard let first = pts.first else { return }
        if pts.count == 1 {
            if let contour = dot(at: first, radius: r, tangent: piece.tangent, style: style) { emit(contour) }
            return
        }
        if piece.closed {
            var left: [Vec2] = []
            var right: [Vec2] = []
            side(pts, closed: true, radius: r, style: style, into: &left)
            side(pts.reversed(), closed: true, radius: r, style: style, into: &right)
            emit(left)
            emit(right)
        } else {
            var contour: [Vec2] = []
            side(pts, closed: false, radius: r, style: style, into: &contour)
            let n = pts.count
            cap(at: pts[n - 1], direction: direction(pts[n - 2], pts[n - 1]), radius: r, style: style, into: &contour)
            side(pts.reversed(), closed: false, radius: r, style: style, into: &contour)
            cap(at: pts[0], direction: direction(pts[1], pts[0]), radius: r, style: style, into: &contour)
            emit(contour)
        }
    }

    private static let epsilon = 1e-9

    private static func deduplicated(_ points: [Vec2]) -> [Vec2] {
        var out: [Vec2] = []
        out.reserveCapacity(points.count)
        for p in points where p.isFinite {
            if let last = out.last, (p - last).length <= epsilon { continue }
            out.append(p)
        }
        return out
    }

    private static func direction(_ a: Vec2, _ b: Vec2) -> Vec2 {
        let d = b - a
        let l = d.length
        return l > 0 ? d * (1 / l) : Vec2(1, 0)
    }

    /// The offset side to the left (the `perpendicular` side) of the run, with joins.
    private static func side(_ pts: [Vec2], closed: Bool, radius r: Double, style: StrokeGeometry, into out: inout [Vec2]) {
        let n = pts.count
        if closed {
            for i in 0..<n {
                let prev = pts[(i + n - 1) % n], p = pts[i], next = pts[(i + 1) % n]
                join(at: p, incoming: direction(prev, p), outgoing: direction(p, next), radius: r, style: style, into: &out)
            }
        } else {
            let d0 = direction(pts[0], pts[1])
            out.append(pts[0] + d0.perpendicular * r)
            if n > 2 {
                for i in 1..<(n - 1) {
                    join(at: pts[i], incoming: direction(pts[i - 1], pts[i]), outgoing: direction(pts[i], pts[i + 1]),
                         radius: r, style: style, into: &out)
                }
            }
            out.append(pts[n - 1] + direction(pts[n - 2], pts[n - 1]).perpendicular * r)
        }
    }

    private static func join(at p: Vec2, incoming d0: Vec2, outgoing d1: Vec2, radius r: Double,
                             style: StrokeGeometry, into out: inout [Vec2]) {
        let n0 = d0.perpendicular, n1 = d1.perpendicular
        let cross = d0.cross(d1), dot = d0.dot(d1)
        let a = p + n0 * r, b = p + n1 * r
        if abs(cross) < 1e-12, dot > 0 {
            out.append(a)
            return
        }
        if cross > 0 {
            // Turning toward this side: it is the inner side. Pass through the corner point.
            out.append(a)
            out.append(p)
            out.append(b)
            return
        }
        // Outer side.
        out.append(a)
        switch style.join {
        case .bevel:
            break
        case .miter:
            // Miter length / stroke width = 1 / cos(turn / 2) = 1 / sin(interior / 2).
            let cosHalf = ((1 + dot) / 2).squareRoot()
            if cosHalf > 1e-9, 1 / cosHalf <= style.miterLimit {
                out.append(p + (n0 + n1) * (r / (1 + dot)))
            }
        case .round:
            let sweep = -acos(Swift.min(1, Swift.max(-1, dot)))
            arc(centre: p, radius: r, from: n0, sweep: sweep, tolerance: style.tolerance, into: &out)
        }
        out.append(b)
    }

    /// The cap at an end point `p` where the path travels in `d`; the contour is at p + n·r
    /// and continues from p − n·r.
    private static func cap(at p: Vec2, direction d: Vec2, radius r: Double, style: StrokeGeometry, into out: inout [Vec2]) {
        let n = d.perpendicular
        switch style.cap {
        case .butt:
            break
        case .square:
            out.append(p + n * r + d * r)
            out.append(p - n * r + d * r)
        case .round:
            arc(centre: p, radius: r, from: n, sweep: -Double.pi, tolerance: style.tolerance, into: &out)
        }
    }

    /// Interior points of an arc of `sweep` radians starting at direction `from` (unit).
    private static func arc(centre c: Vec2, radius r: Double, from start: Vec2, sweep: Double, tolerance: Double,
                            into out: inout [Vec2]) {
        let steps = arcSteps(radius: r, sweep: sweep, tolerance: tolerance)
        guard steps > 1 else { return }
        let a0 = atan2(start.y, start.x)
        for k in 1..<steps {
            let t = a0 + sweep * Double(k) / Double(steps)
            out.append(Vec2(c.x + r * cos(t), c.y + r * sin(t)))
        }
    }

    /// Segments for an arc so the chord deviates from it by at most `tolerance`.
    static func arcSteps(radius r: Double, sweep: Double, tolerance: Double) -> Int {
        guard sweep.isFinite, tolerance.isFinite, tolerance > 0 else { return 1 }
        guard r > tolerance, r.isFinite else { return Swift.max(1, Int((abs(sweep) / (Double.pi / 2)).rounded(.up))) }
        let step = 2 * acos(1 - tolerance / r)
        let n = (abs(sweep) / step).rounded(.up)
        // A huge radius makes `step` round to zero and `n` infinite: cap it.
        guard n.isFinite else { return 1024 }
        return Int(Swift.min(1024, Swift.max(1, n)))
    }

    /// A zero-length stroke: a disc for round caps, a square for square caps, nothing for butt.
    private static func dot(at p: Vec2, radius r: Double, tangent: Vec2?, style: StrokeGeometry) -> [Vec2]? {
        switch style.cap {
        case .butt:
            return nil
        case .round:
            return Flattening.ellipse(centre: p, radiusX: r, radiusY: r, rotation: 0, tolerance: style.tolerance)
        case .square:
            let d = tangent.map { t -> Vec2 in
                let l = t.length
                return l > 0 ? t * (1 / l) : Vec2(1, 0)
            } ?? Vec2(1, 0)
            let n = d.perpendicular
            return [p + (d + n) * r, p + (n - d) * r, p - (d + n) * r, p + (d - n) * r]
        }
    }
}

/// Splits polylines into dashes (SVG `stroke-dasharray` semantics).
struct Dasher {
    let pattern: [Double]
    let period: Double
    let offset: Double

    /// At most this many dashes per subpath; denser patterns are drawn solid (as a fine
    /// pattern would look anyway) so that no input can make the work explode.
    static let maximumDashes = 100_000

    /// Fails for an unusable pattern (empty, negative, non-finite or all zero).
    init?(pattern: [Double], offset: Double) {
        guard !pattern.isEmpty, pattern.allSatisfy({ $0.isFinite && $0 >= 0 }), offset.isFinite else { return nil }
        let even = pattern.count % 2 == 1 ? pattern + pattern : pattern
        let period = even.reduce(0, +)
        guard period > 0 else { return nil }
        self.pattern = even
        self.period = period
        self.offset = offset
    }

    func split(_ points: [Vec2], closed: Bool) -> [Stroker.Piece] {
        var pts = points
        if closed, let first = points.first { pts.append(first) }
        guard pts.count >= 2 else { return [Stroker.Piece(points: points, closed: false, tangent: nil)] }
        var length = 0.0
        for i in 1..<pts.count { length += (pts[i] - pts[i - 1]).length }
        if length / period * Double(pattern.count) > Double(Self.maximumDashes) {
            return [Stroker.Piece(points: points, closed: closed, tangent: nil)]
        }

        // Where in the pattern the path starts.
        var phase = offset.truncatingRemainder(dividingBy: period)
        if phase < 0 { phase += period }
        var index = 0
        while phase > 0, phase >= pattern[index] {
            phase -= pattern[index]
            index = (index + 1) % pattern.count
        }
        var remaining = pattern[index] - phase
        var on = index % 2 == 0

        var pieces: [Stroker.Piece] = []
        var current: [Vec2] = on ? [pts[0]] : []
        for i in 1..<pts.count {
            let a = pts[i - 1], b = pts[i]
            let seg = b - a
            let len = seg.length
            if len <= 0 { continue }
            let dir = seg * (1 / len)
            var used = 0.0
            while len - used > remaining {
                used += remaining
                let q = a + dir * used
                if on {
                    current.append(q)
                    pieces.append(Stroker.Piece(points: current, closed: false, tangent: dir))
                    current = []
                } else {
                    current = [q]
                }
                on.toggle()
                index = (index + 1) % pattern.count
                remaining = pattern[index]
            }
            remaining -= len - used
            if on { current.append(b) }
        }
        if on, current.count >= 2, let lastDir = lastDirection(pts) {
            pieces.append(Stroker.Piece(points: current, closed: false, tangent: lastDir))
        }
        return pieces
    }

    private func lastDirection(_ pts: [Vec2]) -> Vec2? {
        for i in stride(from: pts.count - 1, to: 0, by: -1) {
            let d = pts[i] - pts[i - 1]
            let l = d.length
            if l > 0 { return d * (1 / l) }
        }
        return nil
    }
}

/// Curves to polygons.
enum Flattening {
    /// A closed polygon approximating an ellipse (pixels, y down), with `rotation` in radians
    /// counter-clockwise **as seen** (toward −y). The vertices sit slightly outside the curve
    /// so that the polygon has the ellipse's exact area.
    static func ellipse(centre c: Vec2, radiusX rx: Double, radiusY ry: Double, rotation: Double,
                        tolerance: Double = 0.05) -> [Vec2] {
        guard rx > 0, ry > 0, rx.isFinite, ry.isFinite else { return [] }
        let rmax = Swift.max(rx, ry)
        let n = Swift.max(8, Stroker.arcSteps(radius: rmax, sweep: 2 * Double.pi, tolerance: tolerance))
        let theta = 2 * Double.pi / Double(n)
        // Inscribed n-gon area = n/2 · sin(2π/n) · rx·ry; scale radii so it equals π·rx·ry.
        let k = (theta / sin(theta)).squareRoot()
        let cr = cos(rotation), sr = sin(rotation)
        var out: [Vec2] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let t = Double(i) * theta
            let ex = rx * k * cos(t), ey = ry * k * sin(t)
            // Rotate counter-clockwise in a y-up frame, then flip y for the raster.
            let ux = ex * cr - ey * sr, uy = ex * sr + ey * cr
            out.append(Vec2(c.x + ux, c.y - uy))
        }
        return out
    }
}
