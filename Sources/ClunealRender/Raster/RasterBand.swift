/// A horizontal band of the canvas, canvas rows `firstRow ..< firstRow + rowCount`, that the
/// band renderer draws into and hands to the PNG writer: the whole canvas never exists.
///
/// Two layouts:
/// - ``Layout/rgb``: 3 bytes per pixel, for a scene on an opaque background. Every pixel
///   stays opaque, so colour is composited straight into RGB (see ``Blend``) and the rows are
///   exactly the PNG's RGB rows.
/// - ``Layout/premultipliedRGBA``: 4 bytes per pixel like ``RGBABuffer``; converted to
///   straight RGBA (or flattened to RGB) once the band is finished.
struct RasterBand: CompositingTarget, Sendable {
    enum Layout: Hashable, Sendable {
        case rgb
        case premultipliedRGBA

        var channels: Int { self == .rgb ? 3 : 4 }
    }

    let width: Int
    let layout: Layout
    private(set) var firstRow = 0
    private(set) var rowCount = 0
    /// `rowCount` rows of `rowBytes` bytes (the storage may be longer).
    private(set) var bytes: [UInt8]

    /// A band for up to `capacityRows` rows.
    init(width: Int, capacityRows: Int, layout: Layout) {
        self.width = Swift.max(1, width)
        self.layout = layout
        bytes = [UInt8](repeating: 0, count: self.width * layout.channels * Swift.max(1, capacityRows))
    }

    var rowBytes: Int { width * layout.channels }
    var rowRange: Range<Int> { firstRow..<(firstRow + rowCount) }

    /// Makes the band hold rows `firstRow ..< firstRow + rowCount`, filled with `background`
    /// (which must be opaque for the ``Layout/rgb`` layout).
    mutating func start(firstRow: Int, rowCount: Int, background: Color) {
        self.firstRow = firstRow
        self.rowCount = Swift.max(0, rowCount)
        let needed = self.rowCount * rowBytes
        if bytes.count < needed { bytes += [UInt8](repeating: 0, count: needed - bytes.count) }
        guard needed > 0 else { return }
        let p = PremultipliedColor(background).bytes
        let pattern: [UInt8] = layout == .rgb ? [p.0, p.1, p.2] : [p.0, p.1, p.2, p.3]
        let rb = rowBytes
        bytes.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            let row = base.assumingMemoryBound(to: UInt8.self)
            for i in stride(from: 0, to: rb, by: pattern.count) {
                for (k, b) in pattern.enumerated() { row[i + k] = b }
            }
            for r in 1..<self.rowCount { (base + r * rb).copyMemory(from: base, byteCount: rb) }
        }
    }

    mutating func composite(row y: Int, from x0: Int, coverage: UnsafeBufferPointer<Float>, color: PremultipliedColor) {
        guard y >= firstRow, y < firstRow + rowCount, !color.isInvisible else { return }
        let start = Swift.max(x0, 0), end = Swift.min(x0 + coverage.count, width)
        guard start < end else { return }
        let base = (y - firstRow) * rowBytes
        let layout = self.layout
        bytes.withUnsafeMutableBufferPointer { px in
            guard let p = px.baseAddress else { return }
            switch layout {
            case .rgb: Blend.rgb(p + base, from: start, to: end, coverageOrigin: x0, coverage: coverage, color: color)
            case .premultipliedRGBA: Blend.rgba(p + base, from: start, to: end, coverageOrigin: x0, coverage: coverage, color: color)
            }
        }
    }

    mutating func composite(row y: Int, from x0: Int, to x1: Int, constantCoverage: Float, color: PremultipliedColor) {
        guard y >= firstRow, y < firstRow + rowCount, !color.isInvisible else { return }
        let start = Swift.max(x0, 0), end = Swift.min(x1, width)
        guard start < end else { return }
        let base = (y - firstRow) * rowBytes
        let channels = layout.channels
        bytes.withUnsafeMutableBufferPointer { px in
            guard let p = px.baseAddress else { return }
            if channels == 3 {
                Blend.run(p + base, channels: 3, from: start, to: end, coverage: constantCoverage, color: color)
            } else {
                Blend.run(p + base, channels: 4, from: start, to: end, coverage: constantCoverage, color: color)
            }
        }
    }

    /// Premultiplied RGBA → straight RGBA, in place (what PNG stores).
    mutating func unpremultiply() {
        guard layout == .premultipliedRGBA else { return }
        let n = rowCount * rowBytes
        bytes.withUnsafeMutableBufferPointer { px in
            guard let base = px.baseAddress else { return }
            let all = UnsafeMutableBufferPointer(start: base, count: n)
            RGBABuffer.unpremultiply(UnsafeBufferPointer(all), into: all)
        }
    }

    /// The band's premultiplied RGBA flattened over opaque `background`, as RGB rows in `out`.
    func flattenRGB(over background: Color, into out: inout [UInt8]) {
        let n = rowCount * width
        if out.count < n * 3 { out += [UInt8](repeating: 0, count: n * 3 - out.count) }
        let br = UInt32(background.red), bg = UInt32(background.green), bb = UInt32(background.blue)
        bytes.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for p in 0..<n {
                    let i = p * 4, o = p * 3
                    let inv = 255 - UInt32(src[i + 3])
                    dst[o] = UInt8((UInt32(src[i]) * 255 + br * inv + 127) / 255)
                    dst[o + 1] = UInt8((UInt32(src[i + 1]) * 255 + bg * inv + 127) / 255)
                    dst[o + 2] = UInt8((UInt32(src[i + 2]) * 255 + bb * inv + 127) / 255)
                }
            }
        }
    }

    /// Gives up the storage (for recycling in a pool of band buffers).
    mutating func takeBytes() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &bytes)
        rowCount = 0
        return out
    }

    /// A band reusing `storage` (grown as needed by ``start(firstRow:rowCount:background:)``);
    /// pass a uniquely referenced buffer, or the first write copies it.
    init(width: Int, layout: Layout, storage: consuming [UInt8]) {
        self.width = Swift.max(1, width)
        self.layout = layout
        bytes = consume storage
    }
}
