/// A colour with premultiplied channels as Float in 0...255, ready for compositing.
struct PremultipliedColor: Hashable, Sendable {
    var r: Float, g: Float, b: Float, a: Float

    init(_ c: Color) {
        let a = Float(c.alpha)
        self.a = a
        r = Float(c.red) * a / 255
        g = Float(c.green) * a / 255
        b = Float(c.blue) * a / 255
    }

    /// The colour rounded to premultiplied bytes.
    var bytes: (UInt8, UInt8, UInt8, UInt8) {
        (UInt8(r.rounded()), UInt8(g.rounded()), UInt8(b.rounded()), UInt8(a.rounded()))
    }

    var isOpaque: Bool { a >= 255 }
    var isInvisible: Bool { a <= 0 }
}

/// Coverage below this is treated as zero (less than half of one 8-bit step at full alpha).
let minimumCoverage: Float = 1.0 / 512

/// Somewhere coverage can be composited: a whole canvas (``RGBABuffer``) or a band of rows
/// of one (``RasterBand``). Rows are canvas rows; rows outside ``rowRange`` are ignored.
///
/// As a ``CoverageSink``: `composite(row:from:coverage:color:)` source-over composites
/// `color`, scaled by `coverage[i]`, onto pixels `x0 ..< x0 + coverage.count` of canvas row
/// `y`, and `composite(row:from:to:constantCoverage:color:)` does the same for a run with
/// one coverage. Coverage outside 0...1 is clamped; rows and columns outside the target are
/// ignored.
protocol CompositingTarget: CoverageSink {
    var width: Int { get }
    /// The canvas rows this target holds.
    var rowRange: Range<Int> { get }
}

extension CompositingTarget {
    /// Source-over composites `color` through a whole coverage mask placed with its top-left
    /// pixel at (`left`, `top`); only the mask rows that fall on the target are touched.
    mutating func composite(mask: CoverageMask, left: Int, top: Int, color: PremultipliedColor) {
        let rows = rowRange
        let first = Swift.max(top, rows.lowerBound), end = Swift.min(top + mask.height, rows.upperBound)
        guard first < end, mask.width > 0 else { return }
        mask.values.withUnsafeBufferPointer { values in
            for y in first..<end {
                let r = y - top
                let slice = UnsafeBufferPointer(rebasing: values[(r * mask.width)..<((r + 1) * mask.width)])
                composite(row: y, from: left, coverage: slice, color: color)
            }
        }
    }
}

/// The source-over kernels, on one row of pixels.
///
/// Every channel is `dst = src × k + dst × (1 − srcA × k / 255)` rounded once, with the
/// coverage `k` clamped to 1; fully covered pixels of an opaque colour are simply stored.
/// A colour channel's result never depends on the destination's alpha, so on an opaque
/// destination the three-channel kernel gives exactly the colour bytes the four-channel one
/// would (and the alpha would stay 255): an opaque map can be drawn straight into RGB.
///
/// The four channels are computed together in one `SIMD4<Float>`, with the same operations
/// in the same order as one channel at a time (IEEE single precision, no fused multiply-add),
/// so the bytes are the same as the scalar formula's.
enum Blend {
    /// Premultiplied RGBA, 4 bytes per pixel; `px` is the row's first byte.
    @inline(__always)
    static func rgba(_ px: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, coverageOrigin x0: Int,
                     coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        pixels(px, channels: 4, from: start, to: end, coverageOrigin: x0, coverage: coverage, color: color)
    }

    /// RGB over an opaque destination, 3 bytes per pixel; `px` is the row's first byte.
    @inline(__always)
    static func rgb(_ px: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, coverageOrigin x0: Int,
                    coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        pixels(px, channels: 3, from: start, to: end, coverageOrigin: x0, coverage: coverage, color: color)
    }

    /// Pixels `start ..< end` of a row of `channels` (3 or 4) bytes per pixel, pixel `x` with
    /// coverage `coverage[x - x0]`.
    @inline(__always)
    private static func pixels(_ px: UnsafeMutablePointer<UInt8>, channels: Int, from start: Int, to end: Int,
                               coverageOrigin x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        let opaque = color.isOpaque
        let solid = color.solidBytes
        let source = color.vector
        for x in start..<end {
            let c = coverage[x &- x0]
            if c < minimumCoverage { continue }
            let p = px + x &* channels
            if c >= 1 && opaque {
                store(solid, to: p, channels: channels)
                continue
            }
            let k = Swift.min(c, 1)
            store(over(source * k, p, channels: channels), to: p, channels: channels)
        }
    }

    /// Source-over of the (coverage-scaled, premultiplied) source `s` onto the pixel at `p`:
    /// `min(255, s + d × (1 − sA / 255) + 0.5)` rounded down, per channel. On an RGB pixel the
    /// fourth lane is meaningless.
    @inline(__always)
    static func over(_ s: SIMD4<Float>, _ p: UnsafePointer<UInt8>, channels: Int) -> SIMD4<UInt8> {
        let inv = 1 - s[3] * (1 / 255)
        let d = SIMD4<Float>(Float(p[0]), Float(p[1]), Float(p[2]), channels == 4 ? Float(p[3]) : 255)
        var y = s + d * inv + 0.5
        y.replace(with: 255, where: y .> 255)
        return SIMD4<UInt8>(truncatingIfNeeded: floorOfNonNegative(y))
    }

    /// `⌊y⌋` for `0 ≤ y < 2²²` without a checked conversion: adding 1.5 × 2²³ leaves y rounded
    /// to the nearest integer (ties to even) in the low bits of the sum; one down where that
    /// rounded up.
    @inline(__always)
    static func floorOfNonNegative(_ y: SIMD4<Float>) -> SIMD4<Int32> {
        let magic: Float = 12_582_912
        let shifted = y + magic
        var n = unsafeBitCast(shifted, to: SIMD4<Int32>.self) &- 0x4B40_0000
        n.replace(with: n &- 1, where: shifted - magic .> y)
        return n
    }

    @inline(__always)
    static func store(_ v: SIMD4<UInt8>, to p: UnsafeMutablePointer<UInt8>, channels: Int) {
        if channels == 4 {
            UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<UInt8>.self)
        } else {
            p[0] = v[0]; p[1] = v[1]; p[2] = v[2]
        }
    }
}

extension Blend {
    /// Source-over of `color` at one coverage `c` onto pixels `start ..< end` of a row of
    /// `channels` (3: RGB over opaque, 4: premultiplied RGBA) bytes per pixel; the same
    /// per-pixel arithmetic as ``rgb(_:from:to:coverageOrigin:coverage:color:)`` and
    /// ``rgba(_:from:to:coverageOrigin:coverage:color:)``, so the same bytes.
    ///
    /// A fully covered run of an opaque colour is a fill. Otherwise the run is taken as runs
    /// of equal pixels (translucent zones mostly lie over flat colour): each is blended once
    /// and filled with the result.
    @inline(__always)
    static func run(_ px: UnsafeMutablePointer<UInt8>, channels: Int, from start: Int, to end: Int, coverage c: Float,
                    color: PremultipliedColor) {
        guard start < end, c >= minimumCoverage else { return }
        if c >= 1 && color.isOpaque {
            let first = px + start * channels
            store(color.solidBytes, to: first, channels: channels)
            fill(first, pixels: end - start, channels: channels)
            return
        }
        let source = color.vector * Swift.min(c, 1)
        var x = start
        while x < end {
            let p = px + x &* channels
            let n = equalPixels(p, upTo: end &- x, channels: channels)
            store(over(source, p, channels: channels), to: p, channels: channels)
            fill(p, pixels: n, channels: channels)
            x &+= n
        }
    }

    /// Copies the pixel at `first` over the next `pixels − 1` pixels: short runs byte by
    /// byte, long ones by doubling the filled part.
    @inline(__always)
    static func fill(_ first: UnsafeMutablePointer<UInt8>, pixels: Int, channels: Int) {
        let total = pixels &* channels
        if pixels <= 16 {
            var i = channels
            while i < total {
                first[i] = first[i &- channels]
                i &+= 1
            }
            return
        }
        var filled = channels
        while filled < total {
            let n = Swift.min(filled, total &- filled)
            (first + filled).update(from: first, count: n)
            filled &+= n
        }
    }

    /// How many pixels from `p` on (at least 1, at most `limit`) equal the pixel at `p`: a run
    /// of equal pixels is a run of bytes each equal to the byte one pixel before it, tested
    /// eight bytes at a time.
    @inline(__always)
    static func equalPixels(_ p: UnsafeMutablePointer<UInt8>, upTo limit: Int, channels: Int) -> Int {
        let raw = UnsafeRawPointer(p)
        let endByte = limit &* channels
        var i = channels
        while i &+ 8 <= endByte,
              raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) == raw.loadUnaligned(fromByteOffset: i &- channels, as: UInt64.self) {
            i &+= 8
        }
        while i < endByte, p[i] == p[i &- channels] { i &+= 1 }
        return i / channels
    }
}

extension PremultipliedColor {
    /// The premultiplied channels as one vector (r, g, b, a), 0...255.
    var vector: SIMD4<Float> { SIMD4(r, g, b, a) }

    /// The bytes a fully covered pixel of this (opaque) colour gets.
    var solidBytes: SIMD4<UInt8> { SIMD4(UInt8(r.rounded()), UInt8(g.rounded()), UInt8(b.rounded()), 255) }
}

extension RGBABuffer: CompositingTarget {
    var rowRange: Range<Int> { 0..<height }

    mutating func composite(row y: Int, from x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        guard y >= 0, y < height, !color.isInvisible else { return }
        let start = Swift.max(x0, 0), end = Swift.min(x0 + coverage.count, width)
        guard start < end else { return }
        let base = y * width * 4
        premultiplied.withUnsafeMutableBufferPointer { px in
            guard let p = px.baseAddress else { return }
            Blend.rgba(p + base, from: start, to: end, coverageOrigin: x0, coverage: coverage, color: color)
        }
    }

    mutating func composite(row y: Int, from x0: Int, to x1: Int, constantCoverage: Float, color: PremultipliedColor) {
        guard y >= 0, y < height, !color.isInvisible else { return }
        let start = Swift.max(x0, 0), end = Swift.min(x1, width)
        guard start < end else { return }
        let base = y * width * 4
        premultiplied.withUnsafeMutableBufferPointer { px in
            guard let p = px.baseAddress else { return }
            Blend.run(p + base, channels: 4, from: start, to: end, coverage: constantCoverage, color: color)
        }
    }
}

/// A rectangular Float coverage mask (0...1), row-major.
struct CoverageMask: Sendable {
    let width: Int
    let height: Int
    var values: [Float]

    init(width: Int, height: Int) {
        self.width = Swift.max(0, width)
        self.height = Swift.max(0, height)
        values = [Float](repeating: 0, count: self.width * self.height)
    }

    subscript(x: Int, y: Int) -> Float {
        get { values[y * width + x] }
        set { values[y * width + x] = newValue }
    }
}
