import Testing
@testable import ClunealRender

/// The vector source-over kernels against the scalar formula they implement, byte for byte.
@Suite("Source-over kernels")
struct BlendTests {
    /// One channel as the formula reads: `min(255, s × k + d × (1 − sA × k / 255) + 0.5)`
    /// rounded down, in single precision, one operation at a time.
    static func reference(_ d: UInt8, source s: Float, alpha: Float, k: Float) -> UInt8 {
        let sa = alpha * k
        let inv = 1 - sa * (1 / 255)
        return UInt8(Swift.min(255, s * k + Float(d) * inv + 0.5))
    }

    static func reference(_ row: [UInt8], channels: Int, coverage: [Float], color: PremultipliedColor) -> [UInt8] {
        var out = row
        for x in coverage.indices {
            let c = coverage[x]
            guard c >= minimumCoverage else { continue }
            let i = x * channels
            if c >= 1 && color.isOpaque {
                out[i] = UInt8(color.r.rounded()); out[i + 1] = UInt8(color.g.rounded()); out[i + 2] = UInt8(color.b.rounded())
                if channels == 4 { out[i + 3] = 255 }
                continue
            }
            let k = Swift.min(c, 1)
            out[i] = reference(row[i], source: color.r, alpha: color.a, k: k)
            out[i + 1] = reference(row[i + 1], source: color.g, alpha: color.a, k: k)
            out[i + 2] = reference(row[i + 2], source: color.b, alpha: color.a, k: k)
            if channels == 4 { out[i + 3] = reference(row[i + 3], source: color.a, alpha: color.a, k: k) }
        }
        return out
    }

    /// A row of runs of equal pixels (lengths 1 to 40) in a few colours, premultiplied when
    /// `channels` is 4, so the run detection sees short, long and unaligned runs.
    static func row(pixels: Int, channels: Int, seed: UInt64) -> [UInt8] {
        var rng = SeededGenerator(seed: seed)
        var out: [UInt8] = []
        while out.count < pixels * channels {
            let alpha = channels == 4 ? UInt8(truncatingIfNeeded: rng.next() % 256) : 255
            var pixel = (0..<3).map { _ in UInt8(truncatingIfNeeded: rng.next() % (UInt64(alpha) + 1)) }
            if channels == 4 { pixel.append(alpha) }
            for _ in 0..<Int(1 + rng.next() % 40) { out += pixel }
        }
        return Array(out.prefix(pixels * channels))
    }

    static let colors: [Color] = [
        Color(red: 200, green: 40, blue: 90), Color(red: 200, green: 40, blue: 90, alpha: 77),
        Color(red: 12, green: 250, blue: 3, alpha: 255), Color(red: 255, green: 255, blue: 255, alpha: 1),
        Color(red: 90, green: 90, blue: 200, alpha: 190),
    ]
    static let coverages: [Float] = [1, 1.7, 0.999, 0.5, 0.0123, 1.0 / 1024]

    @Test(arguments: [3, 4])
    func constantRunsGiveTheFormulasBytes(channels: Int) {
        for (n, color) in Self.colors.enumerated() {
            let paint = PremultipliedColor(color)
            for c in Self.coverages {
                let row = Self.row(pixels: 301, channels: channels, seed: UInt64(n * 17 + channels))
                for (start, end) in [(0, 301), (5, 6), (7, 300), (13, 91)] {
                    var actual = row
                    actual.withUnsafeMutableBufferPointer { px in
                        guard let base = px.baseAddress else { return }
                        Blend.run(base, channels: channels, from: start, to: end, coverage: c, color: paint)
                    }
                    let coverage = (0..<301).map { $0 >= start && $0 < end ? c : 0 }
                    #expect(actual == Self.reference(row, channels: channels, coverage: coverage, color: paint),
                            "\(channels) channels, colour \(n), coverage \(c), pixels \(start)..<\(end)")
                }
            }
        }
    }

    @Test(arguments: [3, 4])
    func perPixelCoverageGivesTheFormulasBytes(channels: Int) {
        var rng = SeededGenerator(seed: 99)
        let coverage = (0..<257).map { i -> Float in
            switch i % 5 {
            case 0: 1
            case 1: 0
            default: Float(rng.next() % 10_000) / 9_000
            }
        }
        for (n, color) in Self.colors.enumerated() {
            let paint = PremultipliedColor(color)
            let row = Self.row(pixels: 257, channels: channels, seed: UInt64(n))
            var actual = row
            coverage.withUnsafeBufferPointer { cov in
                actual.withUnsafeMutableBufferPointer { px in
                    guard let base = px.baseAddress else { return }
                    if channels == 4 {
                        Blend.rgba(base, from: 0, to: 257, coverageOrigin: 0, coverage: cov, color: paint)
                    } else {
                        Blend.rgb(base, from: 0, to: 257, coverageOrigin: 0, coverage: cov, color: paint)
                    }
                }
            }
            #expect(actual == Self.reference(row, channels: channels, coverage: coverage, color: paint), "colour \(n)")
        }
    }

    @Test func floorWithoutConversionMatchesRoundingDown() {
        var values: [Float] = []
        for i in 0...600 {
            let x = Float(i) / 2
            values += [x, x.nextUp, x.nextDown, x + 0.25]
        }
        values = values.filter { $0 >= 0 && $0 <= 255.5 }
        for chunk in stride(from: 0, to: values.count - 3, by: 4) {
            let v = SIMD4(values[chunk], values[chunk + 1], values[chunk + 2], values[chunk + 3])
            let floors = Blend.floorOfNonNegative(v)
            for lane in 0..<4 {
                #expect(floors[lane] == Int32(v[lane].rounded(.down)), "⌊\(v[lane])⌋")
            }
        }
    }
}
