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
enum Blend {
    /// Premultiplied RGBA, 4 bytes per pixel; `px` is the row's first byte.
    @inline(__always)
    static func rgba(_ px: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, coverageOrigin x0: Int,
                     coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        let opaque = color.isOpaque
        let fr = UInt8(color.r.rounded()), fg = UInt8(color.g.rounded()), fb = UInt8(color.b.rounded())
        for x in start..<end {
            let c = coverage[x - x0]
            if c < minimumCoverage { continue }
            let i = x * 4
            if c >= 1 && opaque {
                px[i] = fr; px[i + 1] = fg; px[i + 2] = fb; px[i + 3] = 255
                continue
            }
            let k = Swift.min(c, 1)
            let sa = color.a * k
            let inv = 1 - sa * (1 / 255)
            px[i] = UInt8(Swift.min(255, color.r * k + Float(px[i]) * inv + 0.5))
            px[i + 1] = UInt8(Swift.min(255, color.g * k + Float(px[i + 1]) * inv + 0.5))
            px[i + 2] = UInt8(Swift.min(255, color.b * k + Float(px[i + 2]) * inv + 0.5))
            px[i + 3] = UInt8(Swift.min(255, sa + Float(px[i + 3]) * inv + 0.5))
        }
    }

    /// RGB over an opaque destination, 3 bytes per pixel; `px` is the row's first byte.
    @inline(__always)
    static func rgb(_ px: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int, coverageOrigin x0: Int,
                    coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        let opaque = color.isOpaque
        let fr = UInt8(color.r.rounded()), fg = UInt8(color.g.rounded()), fb = UInt8(color.b.rounded())
        for x in start..<end {
            let c = coverage[x - x0]
            if c < minimumCoverage { continue }
            let i = x * 3
            if c >= 1 && opaque {
                px[i] = fr; px[i + 1] = fg; px[i + 2] = fb
                continue
            }
            let k = Swift.min(c, 1)
            let sa = color.a * k
            let inv = 1 - sa * (1 / 255)
            px[i] = UInt8(Swift.min(255, color.r * k + Float(px[i]) * inv + 0.5))
            px[i + 1] = UInt8(Swift.min(255, color.g * k + Float(px[i + 1]) * inv + 0.5))
            px[i + 2] = UInt8(Swift.min(255, color.b * k + Float(px[i + 2]) * inv + 0.5))
        }
    }
}

extension Blend {
    /// Source-over of `color` at one coverage `c` onto pixels `start ..< end` of a row of
    /// `channels` (3: RGB over opaque, 4: premultiplied RGBA) bytes per pixel; the same
    /// per-pixel arithmetic as ``rgb(_:from:to:coverageOrigin:coverage:color:)`` and
    /// ``rgba(_:from:to:coverageOrigin:coverage:color:)``, so the same bytes.
    ///
    /// A fully covered run of an opaque colour is a fill. Otherwise each pixel is blended,
    /// but a pixel equal to the one before it gets the same result without the arithmetic
    /// (translucent zones mostly lie over flat colour).
    @inline(__always)
    static func run(_ px: UnsafeMutablePointer<UInt8>, channels: Int, from start: Int, to end: Int, coverage c: Float,
                    color: PremultipliedColor) {
        guard start < end, c >= minimumCoverage else { return }
        if c >= 1 && color.isOpaque {
            let first = px + start * channels
            first[0] = UInt8(color.r.rounded()); first[1] = UInt8(color.g.rounded()); first[2] = UInt8(color.b.rounded())
            if channels == 4 { first[3] = 255 }
            // Double the filled part until the run is full.
            let total = (end - start) * channels
            var filled = channels
            while filled < total {
                let n = Swift.min(filled, total - filled)
                (first + filled).update(from: first, count: n)
                filled += n
            }
            return
        }
        let k = Swift.min(c, 1)
        let sa = color.a * k
        let inv = 1 - sa * (1 / 255)
        let rk = color.r * k, gk = color.g * k, bk = color.b * k
        var lastIn: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var lastOut: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        var haveLast = false
        for x in start..<end {
            let i = x * channels
            let a = channels == 4 ? px[i + 3] : 255
            let input = (px[i], px[i + 1], px[i + 2], a)
            if haveLast, input == lastIn {
                px[i] = lastOut.0; px[i + 1] = lastOut.1; px[i + 2] = lastOut.2
                if channels == 4 { px[i + 3] = lastOut.3 }
                continue
            }
            let r = UInt8(Swift.min(255, rk + Float(input.0) * inv + 0.5))
            let g = UInt8(Swift.min(255, gk + Float(input.1) * inv + 0.5))
            let b = UInt8(Swift.min(255, bk + Float(input.2) * inv + 0.5))
            px[i] = r; px[i + 1] = g; px[i + 2] = b
            var alpha: UInt8 = 255
            if channels == 4 {
                alpha = UInt8(Swift.min(255, sa + Float(input.3) * inv + 0.5))
                px[i + 3] = alpha
            }
            lastIn = input
            lastOut = (r, g, b, alpha)
            haveLast = true
        }
    }
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
