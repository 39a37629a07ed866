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

extension RGBABuffer {
    /// Source-over composites `color`, scaled by `coverage[i]`, onto pixels `x0 ..< x0 + coverage.count`
    /// of row `y`. Coverage outside 0...1 is clamped. Rows and columns outside the canvas are ignored.
    mutating func composite(row y: Int, from x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        guard y >= 0, y < height, !color.isInvisible else { return }
        let start = Swift.max(x0, 0), end = Swift.min(x0 + coverage.count, width)
        guard start < end else { return }
        let base = y * width * 4
        let opaque = color.isOpaque
        let fr = UInt8(color.r.rounded()), fg = UInt8(color.g.rounded()), fb = UInt8(color.b.rounded())
        premultiplied.withUnsafeMutableBufferPointer { px in
            for x in start..<end {
                let c = coverage[x - x0]
                if c < minimumCoverage { continue }
                let i = base + x * 4
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
    }

    /// Source-over composites `color` through a whole coverage mask placed with its top-left
    /// pixel at (`left`, `top`).
    mutating func composite(mask: CoverageMask, left: Int, top: Int, color: PremultipliedColor) {
        mask.values.withUnsafeBufferPointer { values in
            for row in 0..<mask.height {
                let slice = UnsafeBufferPointer(rebasing: values[(row * mask.width)..<((row + 1) * mask.width)])
                composite(row: top + row, from: left, coverage: slice, color: color)
            }
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
