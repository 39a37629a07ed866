/// Applies one PNG row filter (PNG specification §9.2) to a row, 16 bytes at a time.
///
/// Used when ClunealRender filters the rows itself (``PNGEncoder/Compressor/runLength``, `zlib`,
/// `libdeflate`) instead of handing them to libpng, whose filters run one byte at a time. Every residual
/// depends only on the unfiltered row and the unfiltered row above, so the blocks are
/// independent and vectorise; the results are the specification's, byte for byte (checked
/// against a scalar transcription of §9.2 in `PNGRowFilterTests`).
enum PNGRowFilter {
    /// Writes the filter-type byte for `filterBit` (a PNG_FILTER_* bit) and then the `count`
    /// filtered bytes of `row` to `out` (`count + 1` bytes). `previous` is the unfiltered row
    /// above, nil for the image's first row (then read as zeros, as the specification says);
    /// `bpp` is bytes per pixel (3 or 4).
    static func apply(_ filterBit: UInt8, row: UnsafePointer<UInt8>, previous: UnsafePointer<UInt8>?, count n: Int, bpp: Int,
                      into out: UnsafeMutablePointer<UInt8>) {
        let type = PNGFilterType(bit: filterBit).rawValue
        out[0] = type
        let dst = out + 1
        guard let previous else {
            // The row above is zeros: Up is None, Paeth(a, 0, 0) is a, so Paeth is Sub.
            switch type {
            case 1, 4: run(row, nil, n, bpp, dst, scalar: { x, a, _, _ in x &- a }, vector: { x, a, _, _ in x &- a })
            case 3: run(row, nil, n, bpp, dst, scalar: { x, a, _, _ in x &- a / 2 }, vector: { x, a, _, _ in x &- (a &>> 1) })
            default: dst.update(from: row, count: n)
            }
            return
        }
        switch type {
        case 1: run(row, previous, n, bpp, dst, scalar: { x, a, _, _ in x &- a }, vector: { x, a, _, _ in x &- a })
        case 2: run(row, previous, n, bpp, dst, scalar: { x, _, b, _ in x &- b }, vector: { x, _, b, _ in x &- b })
        case 3:
            run(row, previous, n, bpp, dst, scalar: { x, a, b, _ in x &- UInt8((UInt16(a) + UInt16(b)) / 2) },
                vector: { x, a, b, _ in x &- ((a & b) &+ ((a ^ b) &>> 1)) })
        case 4:
            run(row, previous, n, bpp, dst, scalar: { x, a, b, c in x &- paeth(a, b, c) },
                vector: { x, a, b, c in x &- RowFilterChooser.paeth(a, b, c) })
        default: dst.update(from: row, count: n)
        }
    }

    /// The scalar Paeth predictor, as written in the specification.
    @inline(__always)
    static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let p = Int(a) + Int(b) - Int(c)
        let pa = abs(p - Int(a)), pb = abs(p - Int(b)), pc = abs(p - Int(c))
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Filters bytes 0..<n: the first pixel with a = c = 0, then 16-byte blocks, then the
    /// tail, with x the byte, a the byte `bpp` before it, b the byte above and c the byte
    /// above a (zero without a row above).
    @inline(__always)
    private static func run(_ row: UnsafePointer<UInt8>, _ previous: UnsafePointer<UInt8>?, _ n: Int, _ bpp: Int,
                            _ dst: UnsafeMutablePointer<UInt8>,
                            scalar: (_ x: UInt8, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8,
                            vector: (_ x: SIMD16<UInt8>, _ a: SIMD16<UInt8>, _ b: SIMD16<UInt8>, _ c: SIMD16<UInt8>) -> SIMD16<UInt8>) {
        let head = Swift.min(bpp, n)
        for i in 0..<head {
            dst[i] = scalar(row[i], 0, previous?[i] ?? 0, 0)
        }
        let raw = UnsafeRawPointer(row)
        let out = UnsafeMutableRawPointer(dst)
        var i = head
        if let previous {
            let up = UnsafeRawPointer(previous)
            while i &+ 16 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let a = raw.loadUnaligned(fromByteOffset: i &- bpp, as: SIMD16<UInt8>.self)
                let b = up.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let c = up.loadUnaligned(fromByteOffset: i &- bpp, as: SIMD16<UInt8>.self)
                out.storeBytes(of: vector(x, a, b, c), toByteOffset: i, as: SIMD16<UInt8>.self)
                i &+= 16
            }
            while i < n {
                dst[i] = scalar(row[i], row[i &- bpp], previous[i], previous[i &- bpp])
                i &+= 1
            }
        } else {
            let zero = SIMD16<UInt8>()
            while i &+ 16 <= n {
                let x = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                let a = raw.loadUnaligned(fromByteOffset: i &- bpp, as: SIMD16<UInt8>.self)
                out.storeBytes(of: vector(x, a, zero, zero), toByteOffset: i, as: SIMD16<UInt8>.self)
                i &+= 16
            }
            while i < n {
                dst[i] = scalar(row[i], row[i &- bpp], 0, 0)
                i &+= 1
            }
        }
    }
}
