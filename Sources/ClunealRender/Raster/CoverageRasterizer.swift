import BodyGeometry

/// A point in pixel space in Double precision, for the geometry stages (stroking, flattening,
/// rasterising) between ``MapTransform`` and the coverage buffers.
struct Vec2: Hashable, Sendable {
    var x: Double
    var y: Double
    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    init(_ p: PixelPoint) { self.init(Double(p.x), Double(p.y)) }

    static func + (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x + b.x, a.y + b.y) }
    static func - (a: Vec2, b: Vec2) -> Vec2 { Vec2(a.x - b.x, a.y - b.y) }
    static func * (a: Vec2, s: Double) -> Vec2 { Vec2(a.x * s, a.y * s) }
    static prefix func - (a: Vec2) -> Vec2 { Vec2(-a.x, -a.y) }
    func dot(_ o: Vec2) -> Double { x * o.x + y * o.y }
    func cross(_ o: Vec2) -> Double { x * o.y - y * o.x }
    var length: Double { (x * x + y * y).squareRoot() }
    /// A quarter turn (x toward y).
    var perpendicular: Vec2 { Vec2(-y, x) }
    var isFinite: Bool { x.isFinite && y.isFinite }
}

/// An anti-aliased polygon rasteriser with exact area coverage under both fill rules.
///
/// ## Method
/// A sweep over horizontal **bands**. A band ends at the next pixel-row boundary, the next edge
/// end point, or the next crossing of two edges, so inside a band no edge starts, ends or
/// passes another: the edges are strictly ordered left to right. Walking them in that order
/// with a winding counter tells, for each edge, how the fill rule's inside/outside changes
/// across it: `weight = inside(w + dir) − inside(w)`, which is +1, −1 or 0. Each edge then
/// deposits `weight ×` its signed trapezoid area into a one-row accumulation buffer (the
/// font-rs / stb_truetype technique); when a pixel row is complete, a prefix sum along the row
/// gives each pixel's exact covered area.
///
/// Because the fill rule is applied per band *before* accumulation (rather than to the
/// accumulated winding afterwards, as AGG and FreeType do), coverage is exact for both rules
/// even where windings differ by more than one across a pixel: a doubly wound outline under
/// even-odd leaves no ghost edge, and non-zero does not over-darken coincident edges.
///
/// Edges are clipped exactly: left of the canvas they are clamped onto x = 0 (still counting
/// for the winding to their right), right of it onto x = width, above and below they are
/// skipped. Only rows that shapes touch are resolved, and only their dirty spans.
///
/// One `fill` call resolves the whole path, every subpath and every contour of a stroke
/// outline, into coverage before anything is composited, so a shape never blends with itself.
struct CoverageRasterizer {
    let width: Int
    let height: Int

    private var edges: [CoverageSweep.Edge] = []
    private var scratch: CoverageScratch

    /// Coordinates are clamped to ±this many pixels so no arithmetic overflows.
    private static let coordinateLimit = 1.0e7

    init(width: Int, height: Int) {
        self.width = Swift.max(1, width)
        self.height = Swift.max(1, height)
        scratch = CoverageScratch(width: self.width)
    }

    var isEmpty: Bool { edges.isEmpty }

    /// Adds a closed polygon (the last point joins the first).
    mutating func addPolygon(_ points: [PixelPoint]) {
        addContour(points.map(Vec2.init))
    }

    /// Adds a closed contour (the last point joins the first).
    mutating func addContour(_ points: [Vec2]) {
        guard points.count >= 2, var previous = points.last else { return }
        for p in points {
            addLine(previous, p)
            previous = p
        }
    }

    /// Adds one directed edge. Non-finite edges are ignored.
    mutating func addLine(_ a: Vec2, _ b: Vec2) {
        guard a.isFinite, b.isFinite else { return }
        let lim = Self.coordinateLimit
        let ax = Swift.min(lim, Swift.max(-lim, a.x)), ay = Swift.min(lim, Swift.max(-lim, a.y))
        let bx = Swift.min(lim, Swift.max(-lim, b.x)), by = Swift.min(lim, Swift.max(-lim, b.y))
        if ay == by { return }
        if ay < by {
            edges.append(CoverageSweep.Edge(x0: ax, y0: ay, y1: by, dxdy: (bx - ax) / (by - ay), dir: 1))
        } else {
            edges.append(CoverageSweep.Edge(x0: bx, y0: by, y1: ay, dxdy: (ax - bx) / (ay - by), dir: -1))
        }
    }

    /// Forgets every edge added so far.
    mutating func reset() { edges.removeAll(keepingCapacity: true) }

    /// Resolves the coverage of everything added since the last fill and hands it over one
    /// row at a time: `sink(y, x0, coverage)` with `coverage[i]` (0...1) for pixel `x0 + i`.
    /// Clears the edges afterwards.
    mutating func fill(rule: FillRule, _ sink: (Int, Int, UnsafeBufferPointer<Float>) -> Void) {
        var taken: [CoverageSweep.Edge] = []
        swap(&taken, &edges)  // `taken` holds the only reference, so the sweep sorts it in place
        var sweep = CoverageSweep(edges: consume taken, rule: rule, height: height)
        let width = self.width
        withoutActuallyEscaping(sink) { body in
            var adaptor = ClosureCoverageSink(body: body, width: width)
            sweep.run(until: height, scratch: &scratch, into: &adaptor, color: PremultipliedColor(.clear))
        }
        edges = sweep.releaseEdges()
    }

    /// Everything added so far as a sweep that can be resolved a band of rows at a time
    /// (see ``CoverageSweep``); the rasteriser starts afresh.
    mutating func takeSweep(rule: FillRule) -> CoverageSweep {
        var taken: [CoverageSweep.Edge] = []
        swap(&taken, &edges)
        return CoverageSweep(edges: consume taken, rule: rule, height: height)
    }
}

/// The per-row buffers of the sweep: one row of accumulation and one of coverage. Make one
/// per thread and share it among any number of ``CoverageSweep``s: between calls to
/// ``CoverageSweep/run(until:scratch:into:color:)`` it is always clean. Copies share the
/// rows, so a copy must stay on the thread of its original.
struct CoverageScratch {
    let width: Int
    /// The three rows below, allocated once; held by reference, so reaching them costs no
    /// uniqueness check (the accumulation is touched for every edge in every band).
    private let buffers: Buffers
    /// One row of accumulation, with room for spill at x = width and width + 1.
    private var accumulation: UnsafeMutableBufferPointer<Float> { buffers.accumulation }
    private var coverage: UnsafeMutableBufferPointer<Float> { buffers.coverage }
    private var dirtyMin = Int.max
    private var dirtyMax = -1
    /// One flag per block of ``blockSize`` accumulation cells: set when a deposit touched it.
    /// Untouched cells hold zero, so across untouched blocks the coverage does not change and
    /// ``flushRow(_:height:into:color:)`` hands them over as one constant run.
    private var touched: UnsafeMutableBufferPointer<Bool> { buffers.touched }
    static let blockShift = 3
    static let blockSize = 1 << blockShift

    init(width: Int) {
        self.width = Swift.max(1, width)
        buffers = Buffers(width: self.width, blocks: ((self.width + 2) >> Self.blockShift) + 1)
    }

    /// Deposits the trapezoid right of a segment that spans `dy` of the current row, from
    /// x `xa` (top) to `xb` (bottom), clipped to 0...width.
    mutating func deposit(_ xa: Double, _ xb: Double, dy: Double, weight: Float) {
        let w = Double(width)
        if xa >= 0, xa <= w, xb >= 0, xb <= w {
            accumulate(Float(xa), Float(xb), d: Float(dy) * weight)
            return
        }
        // Split where the segment crosses x = 0 and x = width; clamp the pieces outside.
        var cuts: (Double, Double, Double, Double) = (0, 1, 1, 1)
        var count = 1
        for edge in [0, w] where (xa - edge) * (xb - edge) < 0 {
            let t = (edge - xa) / (xb - xa)
            if count == 1 { cuts.1 = t } else { cuts.2 = t }
            count += 1
        }
        var ts = [0.0]
        if count >= 2 { ts.append(cuts.1) }
        if count >= 3 { ts.append(cuts.2) }
        ts.append(1)
        ts.sort()
        for k in 0..<(ts.count - 1) {
            let t0 = ts[k], t1 = ts[k + 1]
            if t1 <= t0 { continue }
            let x0 = Swift.min(w, Swift.max(0, xa + (xb - xa) * t0))
            let x1 = Swift.min(w, Swift.max(0, xa + (xb - xa) * t1))
            accumulate(Float(x0), Float(x1), d: Float(dy * (t1 - t0)) * weight)
        }
    }

    /// font-rs accumulation of one line piece within the current row; `x` and `xNext` are in
    /// 0...width, `d` is the signed height.
    private mutating func accumulate(_ x: Float, _ xNext: Float, d: Float) {
        let x0 = Swift.min(x, xNext), x1 = Swift.max(x, xNext)
        let x0Floor = x0.rounded(.down)
        let x0i = Int(x0Floor)
        let x1Ceil = x1.rounded(.up)
        let x1i = Int(x1Ceil)
        let last = Swift.max(x1i, x0i + 1)
        dirtyMin = Swift.min(dirtyMin, x0i)
        dirtyMax = Swift.max(dirtyMax, last)
        let t = touched
        for b in (x0i >> Self.blockShift)...(last >> Self.blockShift) { t[b] = true }
        let acc = accumulation
        if x1i <= x0i + 1 {
            let xmf = 0.5 * (x + xNext) - x0Floor
            acc[x0i] += d - d * xmf
            acc[x0i + 1] += d * xmf
        } else {
            let s = 1 / (x1 - x0)
            let x0f = x0 - x0Floor
            let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
            let x1f = x1 - x1Ceil + 1
            let am = 0.5 * s * x1f * x1f
            acc[x0i] += d * a0
            if x1i == x0i + 2 {
                acc[x0i + 1] += d * (1 - a0 - am)
            } else {
                let a1 = s * (1.5 - x0f)
                acc[x0i + 1] += d * (a1 - a0)
                var xi = x0i + 2
                while xi < x1i - 1 {
                    acc[xi] += d * s
                    xi += 1
                }
                let a2 = a1 + Float(x1i - x0i - 3) * s
                acc[x1i - 1] += d * (1 - a2 - am)
            }
            acc[x1i] += d * am
        }
    }

    /// Prefix-sums the dirty span of the accumulation row into coverage, hands it to `sink`
    /// left to right (if `row` is on the canvas, `0 ..< height`) and clears the row.
    ///
    /// Pixels in blocks that no deposit touched keep the running sum unchanged, so they go to
    /// the sink as constant runs, with exactly the value a pixel-by-pixel sum would give.
    mutating func flushRow<Sink: CoverageSink>(_ row: Int, height: Int, into sink: inout Sink, color: PremultipliedColor) {
        guard dirtyMin <= dirtyMax else { return }
        let lo = dirtyMin, hi = Swift.min(dirtyMax, width + 1)
        let lastPixel = Swift.min(hi, width - 1)
        let emit = row >= 0 && row < height
        let shift = Self.blockShift
        let acc = accumulation, cov = coverage, t = touched
        var sum: Float = 0
        var x = lo
        let blockLimit = (lastPixel >> shift) + 1
        while x <= lastPixel {
            let start = x
            if t[x >> shift] {
                // Touched blocks: pixel by pixel, merged into one span.
                let end = Swift.min(Self.firstBlock(in: t, from: (x >> shift) + 1, before: blockLimit, touched: false) << shift,
                                    lastPixel + 1)
                for i in start..<end {
                    sum += acc[i]
                    acc[i] = 0
                    cov[i] = Swift.min(1, Swift.max(0, sum))
                }
                if emit { sink.composite(row: row, from: start, coverage: UnsafeBufferPointer(rebasing: cov[start..<end]), color: color) }
                x = end
            } else {
                // Untouched blocks: the sum stays as it is.
                let end = Swift.min(Self.firstBlock(in: t, from: (x >> shift) + 1, before: blockLimit, touched: true) << shift,
                                    lastPixel + 1)
                if emit { sink.composite(row: row, from: start, to: end, constantCoverage: Swift.min(1, Swift.max(0, sum)), color: color) }
                x = end
            }
        }
        if hi >= width {
            for x in Swift.max(lo, width)...hi { acc[x] = 0 }
        }
        for b in (lo >> shift)...(hi >> shift) { t[b] = false }
        dirtyMin = .max
        dirtyMax = -1
    }

    /// The rows of a ``CoverageScratch``, zeroed at allocation and freed with the last copy
    /// of the scratch.
    private final class Buffers {
        let accumulation: UnsafeMutableBufferPointer<Float>
        let coverage: UnsafeMutableBufferPointer<Float>
        let touched: UnsafeMutableBufferPointer<Bool>

        init(width: Int, blocks: Int) {
            accumulation = .allocate(capacity: width + 2)
            accumulation.initialize(repeating: 0)
            coverage = .allocate(capacity: width)
            coverage.initialize(repeating: 0)
            touched = .allocate(capacity: blocks)
            touched.initialize(repeating: false)
        }

        deinit {
            accumulation.deallocate()
            coverage.deallocate()
            touched.deallocate()
        }
    }

    /// The first block at or after `b` (and before `limit`, which must not pass the end of
    /// `flags`) whose flag is `touched`, or `limit`. Eight flags are tested at once while
    /// none of them matches.
    @inline(__always)
    private static func firstBlock(in flags: UnsafeMutableBufferPointer<Bool>, from b: Int, before limit: Int, touched: Bool) -> Int {
        guard let base = flags.baseAddress else { return limit }
        let raw = UnsafeRawPointer(base)
        // Bool is one byte, 0 or 1: eight untouched flags read as 0, eight touched ones as 0x01…01.
        let skip: UInt64 = touched ? 0 : 0x0101_0101_0101_0101
        var b = b
        while b &+ 8 <= limit, raw.loadUnaligned(fromByteOffset: b, as: UInt64.self) == skip { b &+= 8 }
        while b < limit, flags[b] != touched { b &+= 1 }
        return Swift.min(b, limit)
    }
}

/// Receives resolved coverage, row by row, left to right, in pieces: spans of per-pixel
/// coverage and runs of constant coverage (see ``CoverageScratch/flushRow(_:height:into:color:)``).
protocol CoverageSink {
    /// Pixels `x0 ..< x0 + coverage.count` of row `y` have coverage `coverage[i]` (0...1).
    mutating func composite(row y: Int, from x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor)
    /// Pixels `x0 ..< x1` of row `y` all have coverage `constantCoverage` (0...1).
    mutating func composite(row y: Int, from x0: Int, to x1: Int, constantCoverage: Float, color: PremultipliedColor)
}

/// Hands coverage to a closure as arrays (constant runs written out), for callers that want
/// the values themselves.
private struct ClosureCoverageSink: CoverageSink {
    let body: (Int, Int, UnsafeBufferPointer<Float>) -> Void
    var run: [Float]

    init(body: @escaping (Int, Int, UnsafeBufferPointer<Float>) -> Void, width: Int) {
        self.body = body
        run = [Float](repeating: 0, count: width)
    }

    mutating func composite(row y: Int, from x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        body(y, x0, coverage)
    }

    mutating func composite(row y: Int, from x0: Int, to x1: Int, constantCoverage: Float, color: PremultipliedColor) {
        guard x1 > x0 else { return }
        let body = self.body
        run.withUnsafeMutableBufferPointer { buffer in
            let n = Swift.min(x1 - x0, buffer.count)
            for i in 0..<n { buffer[i] = constantCoverage }
            body(y, x0, UnsafeBufferPointer(rebasing: buffer[0..<n]))
        }
    }
}

/// One path's edges, resolved into coverage top to bottom, and able to stop at a row
/// boundary and carry on later (the band renderer resolves every shape a band of rows at a
/// time).
///
/// Stopping changes nothing: the sweep only ever pauses at the top of its loop, where the
/// rows above are flushed and the accumulation row is clean, and it resumes from exactly the
/// state it paused in. So a path gives the same coverage, bit for bit, whether it is resolved
/// in one call or in bands of any height.
struct CoverageSweep: Sendable {
    struct Edge: Sendable {
        var x0: Double, y0: Double, y1: Double
        var dxdy: Double
        var dir: Int
    }

    private struct ActiveEdge: Sendable {
        var x: Double
        var dxdy: Double
        var yEnd: Double
        var dir: Int
    }

    private var edges: [Edge]
    private var active: [ActiveEdge] = []
    private var next = 0
    private var y = 0.0
    private var row = 0
    private let evenOdd: Bool
    private let height: Int
    /// True once every row the path touches has been resolved.
    private(set) var isFinished = false

    /// The shortest band the sweep will take when two edges cross (pixels): bounds the work
    /// in degenerate cases; the coverage error it allows is far below one 8-bit step.
    private static let minimumBand = 1.0 / 4096

    /// Sorts `edges` (which should be uniquely referenced, so no copy is made).
    init(edges: consuming [Edge], rule: FillRule, height: Int) {
        self.edges = consume edges
        self.evenOdd = rule == .evenOdd
        self.height = Swift.max(1, height)
        guard !self.edges.isEmpty else {
            isFinished = true
            return
        }
        self.edges.sort { $0.y0 < $1.y0 }
        // Edges wholly above the canvas do not affect any row on it.
        while next < self.edges.count, self.edges[next].y1 <= 0 { next += 1 }
        guard next < self.edges.count else {
            finish()
            return
        }
        y = Swift.max(0, self.edges[next].y0)
        guard y < Double(self.height) else {
            finish()
            return
        }
        row = Int(y.rounded(.down))
    }

    /// The first row the sweep has yet to resolve (meaningless once finished).
    var nextRow: Int { row }

    /// The number of edges held (for memory statistics).
    var edgeCount: Int { edges.count }

    private mutating func finish() {
        isFinished = true
        edges = []
        active = []
    }

    /// The edge storage, emptied but with its capacity, for reuse.
    mutating func releaseEdges() -> [Edge] {
        var out = edges
        edges = []
        out.removeAll(keepingCapacity: true)
        return out
    }

    /// Resolves every row above `rowLimit` not resolved yet, handing each to `sink` (with
    /// `color`), then pauses (or finishes).
    mutating func run<Sink: CoverageSink>(until rowLimit: Int, scratch: inout CoverageScratch, into sink: inout Sink,
                                          color: PremultipliedColor) {
        guard !isFinished else { return }
        let bottom = Double(height)
        while true {
            // Pause here only: every row above `row` is flushed, and nothing is deposited in `row`.
            if row >= rowLimit { return }

            // Admit edges that have started; retire those that have ended.
            while next < edges.count, edges[next].y0 <= y {
                let e = edges[next]
                if e.y1 > y {
                    active.append(ActiveEdge(x: e.x0 + (y - e.y0) * e.dxdy, dxdy: e.dxdy, yEnd: e.y1, dir: e.dir))
                }
                next += 1
            }
            var kept = 0
            for i in active.indices where active[i].yEnd > y {
                active[kept] = active[i]
                kept += 1
            }
            active.removeLast(active.count - kept)

            if active.isEmpty {
                guard next < edges.count else { break }
                let resume = edges[next].y0
                guard resume < bottom else { break }
                let resumeRow = Int(resume.rounded(.down))
                if resumeRow != row { scratch.flushRow(row, height: height, into: &sink, color: color) }
                row = resumeRow
                y = resume
                continue
            }

            // Order by x at the band top (ties by slope), mostly sorted already: insertion sort.
            for i in 1..<Swift.max(1, active.count) {
                let item = active[i]
                var j = i - 1
                while j >= 0, active[j].x > item.x || (active[j].x == item.x && active[j].dxdy > item.dxdy) {
                    active[j + 1] = active[j]
                    j -= 1
                }
                active[j + 1] = item
            }

            // The band ends at the row boundary, the next start, the first end, or the first crossing.
            var yb = Double(row + 1)
            if next < edges.count { yb = Swift.min(yb, edges[next].y0) }
            for e in active { yb = Swift.min(yb, e.yEnd) }
            if active.count > 1 {
                for i in 0..<(active.count - 1) {
                    let a = active[i], b = active[i + 1]
                    let h = yb - y
                    if a.x + h * a.dxdy > b.x + h * b.dxdy {
                        let t = (b.x - a.x) / (a.dxdy - b.dxdy)
                        let crossing = t.isFinite ? y + t : y
                        yb = Swift.min(yb, Swift.max(crossing, y + Self.minimumBand))
                    }
                }
            }

            // Sweep left to right; deposit each edge whose crossing changes inside/outside.
            let h = yb - y
            var winding = 0
            for i in active.indices {
                let e = active[i]
                let after = winding + e.dir
                let insideBefore = evenOdd ? (winding & 1) : (winding != 0 ? 1 : 0)
                let insideAfter = evenOdd ? (after & 1) : (after != 0 ? 1 : 0)
                let weight = insideAfter - insideBefore
                let xEnd = e.x + h * e.dxdy
                if weight != 0 { scratch.deposit(e.x, xEnd, dy: h, weight: Float(weight)) }
                active[i].x = xEnd
                winding = after
            }

            y = yb
            if y >= Double(row + 1) {
                scratch.flushRow(row, height: height, into: &sink, color: color)
                row += 1
                if row >= height { break }
            }
        }
        scratch.flushRow(row, height: height, into: &sink, color: color)
        finish()
    }
}

extension CoverageRasterizer {
    /// Fills everything added so far into `canvas` with `color` under `rule`.
    mutating func fill(rule: FillRule, color: Color, into canvas: inout RGBABuffer) {
        let paint = PremultipliedColor(color)
        guard !paint.isInvisible else { reset(); return }
        fill(rule: rule) { y, x0, cov in
            canvas.composite(row: y, from: x0, coverage: cov, color: paint)
        }
    }

    /// The coverage of everything added so far as a mask the size of the canvas (tests, text).
    mutating func coverageMask(rule: FillRule) -> CoverageMask {
        var mask = CoverageMask(width: width, height: height)
        let w = width
        fill(rule: rule) { y, x0, cov in
            for i in cov.indices { mask.values[y * w + x0 + i] = cov[i] }
        }
        return mask
    }
}
