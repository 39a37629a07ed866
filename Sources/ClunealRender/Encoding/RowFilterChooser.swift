/// Picks one PNG filter per row, cheaply, for libpng to apply.
///
/// libpng's own adaptive choice (several filters in `png_set_filter`) runs every filter on
/// every row in scalar code and sums the absolute residuals; on a 25-megapixel map that costs
/// more than the compression itself. This chooser instead counts, with SIMD, how many residual
/// bytes each candidate filter leaves non-zero on a sample of the row (one 16-byte block in
/// every ``sampleStride``), and picks the filter with the fewest. A count of non-zero bytes
/// is the right measure for zlib's run-length strategy (`Z_RLE`), which turns runs of zeros
/// into a few bits and everything else into literals; on flat-colour maps it also beats
/// libpng's heuristic with the default strategy.
///
/// Ties go to the earlier of Up, Sub, Paeth, None, Average. The result depends only on the
/// pixels, so output stays deterministic.
enum RowFilterChooser {
    /// Bytes per sampled block and blocks per sample: one 16-byte block in every 64 bytes.
    static let blockBytes = 16
    static let sampleStride = 4

    /// The PNG_FILTER_* bit for `row` given the row above (`previous`, nil for the first row),
    /// among `allowed` (a PNG_FILTER_* mask). `bpp` is bytes per pixel (3 or 4).
    static func choose(row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?, count n: Int, bpp: Int,
                       allowed: Int32) -> UInt8 {
        var best: Int32 = 0
        var bestCount = Int.max
        var candidates = 0
        for (bit, _) in order where allowed & bit != 0 {
            candidates += 1
            if candidates == 1 { best = bit }
        }
        guard candidates > 1 else { return UInt8(truncatingIfNeeded: candidates == 1 ? best : LibPNG.filterNone) }
        for (bit, kind) in order where allowed & bit != 0 {
            let c = nonzeroResiduals(kind, row: row, previous: previous, count: n, bpp: bpp, limit: bestCount)
            if c < bestCount {
                bestCount = c
                best = bit
            }
        }
        return UInt8(truncatingIfNeeded: best)
    }

    typealias Kind = PNGFilterType

    /// Candidates in tie-breaking order.
    static let order: [(Int32, Kind)] = [Kind.up, .sub, .paeth, .none, .average].map { ($0.bit, $0) }

    /// Non-zero residual bytes of `kind` over the sampled blocks (the first `bpp` bytes are
    /// always counted exactly). Stops early once the count reaches `limit`.
    static func nonzeroResiduals(_ kind: Kind, row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?, count n: Int,
                                 bpp: Int, limit: Int) -> Int {
        var total = 0
        // The first pixel: no left neighbour (a = c = 0).
        for i in 0..<Swift.min(bpp, n) {
            let x = row[i], b = previous?[i] ?? 0
            let residual: UInt8
            switch kind {
            case .none, .sub: residual = x
            case .up, .paeth: residual = x &- b
            case .average: residual = x &- b / 2
            }
            if residual != 0 { total += 1 }
        }
        guard let previous else {
            // First row: the row above is all zeros, so Up is None and Paeth (a, 0, 0) is Sub.
            switch kind {
            case .none, .up: return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, _ in x }
            case .sub, .paeth: return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a in x ^ a }
            case .average: return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a in x ^ (a &>> 1) }
            }
        }
        let up = UnsafeRawPointer(previous)
        switch kind {
        case .none:
            return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, _ in x }
        case .sub:
            return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a in x ^ a }
        case .up:
            return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, _, i in
                x ^ up.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            }
        case .average:
            return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a, i in
                let b = up.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                // floor((a + b) / 2) without overflow: (a & b) + ((a ^ b) >> 1).
                return x ^ ((a & b) &+ ((a ^ b) &>> 1))
            }
        case .paeth:
            return total + sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a, i in
                let b = up.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let c = up.loadUnaligned(fromByteOffset: i &- bpp, as: SIMD16<UInt8>.self)
                return x ^ paeth(a, b, c)
            }
        }
    }

    @inline(__always)
    private static func sampledCount(_ row: UnsafePointer<UInt8>, n: Int, bpp: Int, limit: Int,
                                     _ residual: (_ x: SIMD16<UInt8>, _ left: SIMD16<UInt8>) -> SIMD16<UInt8>) -> Int {
        sampledCount(row, n: n, bpp: bpp, limit: limit) { x, a, _ in residual(x, a) }
    }

    /// Sums, over one 16-byte block in every ``sampleStride`` from byte `bpp` on, the lanes of
    /// `residual(x, left, offset)` that are non-zero (x is the block, left the block `bpp`
    /// bytes before it). Only wrapping arithmetic and bit operations: no SIMD comparisons,
    /// which the compiler does lane by lane.
    @inline(__always)
    private static func sampledCount(_ row: UnsafePointer<UInt8>, n: Int, bpp: Int, limit: Int,
                                     _ residual: (_ x: SIMD16<UInt8>, _ left: SIMD16<UInt8>, _ offset: Int) -> SIMD16<UInt8>) -> Int {
        let raw = UnsafeRawPointer(row)
        let step = blockBytes &* sampleStride
        var total = 0
        var counts = SIMD16<UInt8>()
        var blocks = 0
        var i = bpp
        while i &+ blockBytes <= n {
            let x = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let a = raw.loadUnaligned(fromByteOffset: i &- bpp, as: SIMD16<UInt8>.self)
            let d = residual(x, a, i)
            // 1 where d ≠ 0: d or −d has its top bit set exactly when d ≠ 0.
            counts &+= (d | (0 &- d)) &>> 7
            blocks &+= 1
            if blocks == 255 {
                total &+= Int(SIMD16<UInt16>(truncatingIfNeeded: counts).wrappedSum())
                counts = SIMD16<UInt8>()
                blocks = 0
                if total >= limit { return total }
            }
            i &+= step
        }
        return total &+ Int(SIMD16<UInt16>(truncatingIfNeeded: counts).wrappedSum())
    }

    /// The Paeth predictor (PNG specification §9.4) of 16 bytes at once, in 16-bit lanes with
    /// sign masks instead of comparisons: p = a + b − c, pa = |b − c|, pb = |a − c|,
    /// pc = |a + b − 2c|; a if pa ≤ pb and pa ≤ pc, else b if pb ≤ pc, else c.
    @inline(__always)
    static func paeth(_ a8: SIMD16<UInt8>, _ b8: SIMD16<UInt8>, _ c8: SIMD16<UInt8>) -> SIMD16<UInt8> {
        let a = SIMD16<Int16>(truncatingIfNeeded: a8), b = SIMD16<Int16>(truncatingIfNeeded: b8)
        let c = SIMD16<Int16>(truncatingIfNeeded: c8)
        @inline(__always) func magnitude(_ v: SIMD16<Int16>) -> SIMD16<Int16> {
            let sign = v &>> 15
            return (v ^ sign) &- sign
        }
        let bc = b &- c, ac = a &- c
        let pa = magnitude(bc), pb = magnitude(ac), pc = magnitude(bc &+ ac)
        // All ones where the difference is negative.
        let useA = ~(((pb &- pa) &>> 15) | ((pc &- pa) &>> 15))
        let useB = ~((pc &- pb) &>> 15) & ~useA
        let useC = ~(useA | useB)
        return SIMD16<UInt8>(truncatingIfNeeded: (a & useA) | (b & useB) | (c & useC))
    }
}
