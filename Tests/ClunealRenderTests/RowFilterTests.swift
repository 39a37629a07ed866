import Testing
@testable import ClunealRender

@Suite("Per-row PNG filter choice")
struct RowFilterTests {
    /// The PNG specification's Paeth predictor, written the plain way.
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Non-zero residuals over the bytes the chooser samples, computed byte by byte.
    static func reference(_ kind: RowFilterChooser.Kind, row: [UInt8], previous: [UInt8]?, bpp: Int) -> Int {
        let n = row.count
        var sampled = Set<Int>(0..<min(bpp, n))
        var i = bpp
        while i + RowFilterChooser.blockBytes <= n {
            for k in i..<(i + RowFilterChooser.blockBytes) { sampled.insert(k) }
            i += RowFilterChooser.blockBytes * RowFilterChooser.sampleStride
        }
        var count = 0
        for k in sampled {
            let x = row[k], a = k >= bpp ? row[k - bpp] : 0, b = previous?[k] ?? 0, c = k >= bpp ? previous?[k - bpp] ?? 0 : 0
            let predicted: UInt8
            switch kind {
            case .none: predicted = 0
            case .sub: predicted = a
            case .up: predicted = b
            case .average: predicted = UInt8((Int(a) + Int(b)) / 2)
            case .paeth: predicted = paeth(a, b, c)
            }
            if x != predicted { count += 1 }
        }
        return count
    }

    /// The chooser's count for `row` over `previous` (nil: the first row).
    static func count(_ kind: RowFilterChooser.Kind, row: [UInt8], previous: [UInt8]?, bpp: Int) -> Int {
        row.withUnsafeBufferPointer { r in
            guard let rp = r.baseAddress else { return -1 }
            guard let previous else {
                return RowFilterChooser.nonzeroResiduals(kind, row: rp, previous: nil, count: r.count, bpp: bpp, limit: .max)
            }
            return previous.withUnsafeBufferPointer { p in
                RowFilterChooser.nonzeroResiduals(kind, row: rp, previous: p.baseAddress, count: r.count, bpp: bpp, limit: .max)
            }
        }
    }

    /// The chooser's filter bit for `row` over `previous`.
    static func choose(row: [UInt8], previous: [UInt8]?, allowed: PNGEncoder.Filters) -> Int32 {
        row.withUnsafeBufferPointer { r in
            guard let rp = r.baseAddress else { return -1 }
            guard let previous else {
                return Int32(RowFilterChooser.choose(row: rp, previous: nil, count: r.count, bpp: 3, allowed: allowed.rawValue))
            }
            return previous.withUnsafeBufferPointer { p in
                Int32(RowFilterChooser.choose(row: rp, previous: p.baseAddress, count: r.count, bpp: 3, allowed: allowed.rawValue))
            }
        }
    }

    @Test func simdCountsMatchAByteByByteReference() {
        var rng = SeededGenerator(seed: 7)
        for bpp in [3, 4] {
            for n in [bpp, 17, 100, 333, 1024 + bpp] {
                for _ in 0..<20 {
                    // Mostly flat with some noise, like a map; and some fully random rows.
                    let noisy = Bool.random(using: &rng)
                    let previous = (0..<n).map { _ in noisy ? UInt8.random(in: 0...255, using: &rng) : UInt8.random(in: 100...103, using: &rng) }
                    let row = previous.map { noisy ? UInt8.random(in: 0...255, using: &rng) : $0 &+ UInt8.random(in: 0...1, using: &rng) }
                    for kind in [RowFilterChooser.Kind.none, .sub, .up, .average, .paeth] {
                        for prev in [Optional(previous), nil] {
                            let expected = Self.reference(kind, row: row, previous: prev, bpp: bpp)
                            #expect(Self.count(kind, row: row, previous: prev, bpp: bpp) == expected, "\(kind), bpp \(bpp), n \(n)")
                        }
                    }
                }
            }
        }
    }

    @Test func paethMatchesTheSpecificationForEveryTriple() {
        // Every (a, b, c) with a and b over all bytes and c on a grid, 16 lanes at a time.
        for c in stride(from: 0, through: 255, by: 15) {
            for a in 0...255 {
                var bs = SIMD16<UInt8>(), expected = SIMD16<UInt8>()
                for b0 in stride(from: 0, to: 256, by: 16) {
                    for lane in 0..<16 {
                        bs[lane] = UInt8(b0 + lane)
                        expected[lane] = Self.paeth(UInt8(a), UInt8(b0 + lane), UInt8(c))
                    }
                    let got = RowFilterChooser.paeth(SIMD16(repeating: UInt8(a)), bs, SIMD16(repeating: UInt8(c)))
                    #expect(got == expected)
                }
            }
        }
    }

    @Test func flatRowsPickUpAndRampsPickSub() {
        let w = 64
        let flat = [UInt8](repeating: 200, count: w * 3)
        var ramp = [UInt8](repeating: 0, count: w * 3)
        for x in 0..<w { for c in 0..<3 { ramp[x * 3 + c] = UInt8(x) } }
        let allowed: PNGEncoder.Filters = [.up, .sub, .paeth]
        // A row like the one above: Up leaves nothing.
        #expect(Self.choose(row: flat, previous: flat, allowed: allowed) == PNGEncoder.Filters.up.rawValue)
        // A horizontal ramp under a flat row: Up leaves every byte, Sub (and Paeth) almost none.
        let rampFilter = Self.choose(row: ramp, previous: flat, allowed: allowed)
        #expect(rampFilter == PNGEncoder.Filters.sub.rawValue || rampFilter == PNGEncoder.Filters.paeth.rawValue)
        // One allowed filter: no counting, that filter.
        #expect(Self.choose(row: flat, previous: nil, allowed: .paeth) == PNGEncoder.Filters.paeth.rawValue)
    }

    /// libpng drops Up/Average/Paeth for one-row images and Sub/Average/Paeth for one-column
    /// ones; whatever the chooser asks for, the file must still decode to the same pixels.
    @Test(arguments: [(1, 1), (1, 9), (9, 1), (2, 40), (40, 2), (37, 23)])
    func degenerateSizesRoundTrip(width: Int, height: Int) throws {
        var rng = SeededGenerator(seed: UInt64(width * 1000 + height))
        for opaque in [true, false] {
            var canvas = try RGBABuffer(width: width, height: height)
            for y in 0..<height {
                for x in 0..<width {
                    let base = (y * width + x) * 4
                    let a: UInt8 = opaque ? 255 : UInt8.random(in: 0...255, using: &rng)
                    canvas.premultiplied[base + 3] = a
                    for c in 0..<3 { canvas.premultiplied[base + c] = UInt8.random(in: 0...a, using: &rng) }
                }
            }
            for compression in [PNGEncoder.Compression.fast, .small] {
                let decoded = try PNGDecoder.decode(try PNGEncoder(compression: compression).encode(canvas))
                #expect(decoded.colorType == (opaque ? 2 : 6))
                #expect(decoded.rgba == canvas.straightRGBA())
            }
        }
    }
}
