/// An 8-bit RGBA raster holding **premultiplied** alpha, row-major, tightly packed
/// (4 bytes per pixel, `width * 4` bytes per row), origin top-left.
///
/// Why premultiplied 8-bit:
/// - Source-over becomes `dst = src + dst × (1 − srcA)` per channel, the same formula for
///   colour and alpha, with no division per pixel (straight alpha needs one).
/// - 4 bytes per pixel: a 2000 × 1600 map is 12.8 MB, against 51 MB for Float, which matters
///   for memory bandwidth in the compositing loops and in the PNG encoder's conversion pass.
/// - The output is 8-bit anyway; each shape's coverage is resolved in Float and rounded once
///   per composite, so quantisation happens once per shape per pixel (as in Cairo/pixman and
///   Skia's N32). The cost, precision loss in colour at very low alpha, only shows on
///   transparent backgrounds and is below what an 8-bit PNG can store there anyway.
public struct RGBABuffer: Hashable, Sendable {
    /// Largest width or height accepted, pixels.
    public static let maximumDimension = 32_768
    /// Largest total number of pixels accepted (400 MB of RGBA).
    public static let maximumPixelCount = 100_000_000

    public let width: Int
    public let height: Int
    /// Premultiplied RGBA bytes.
    public internal(set) var premultiplied: [UInt8]

    /// A canvas filled with `fill`. Fails for empty or oversized dimensions.
    public init(width: Int, height: Int, fill: Color = .clear) throws(RenderError) {
        guard width > 0, height > 0, width <= Self.maximumDimension, height <= Self.maximumDimension,
              width * height <= Self.maximumPixelCount else {
            throw .canvasTooLarge(width: width, height: height)
        }
        self.width = width
        self.height = height
        let p = PremultipliedColor(fill)
        let bytes = p.bytes
        if bytes.0 == bytes.1, bytes.1 == bytes.2, bytes.2 == bytes.3 {
            premultiplied = [UInt8](repeating: bytes.0, count: width * height * 4)
        } else {
            var px = [UInt8](repeating: 0, count: width * height * 4)
            px.withUnsafeMutableBytes { raw in
                let word = raw.bindMemory(to: UInt32.self)
                let value = UInt32(bytes.0) | UInt32(bytes.1) << 8 | UInt32(bytes.2) << 16 | UInt32(bytes.3) << 24
                let pattern = UInt32(littleEndian: value)
                for i in word.indices { word[i] = pattern }
            }
            premultiplied = px
        }
    }

    /// Wraps straight (non-premultiplied) RGBA bytes, premultiplying them.
    public init(width: Int, height: Int, straightRGBA: [UInt8]) throws(RenderError) {
        try self.init(width: width, height: height)
        guard straightRGBA.count == width * height * 4 else {
            throw .malformedPNG("expected \(width * height * 4) RGBA bytes, got \(straightRGBA.count)")
        }
        premultiplied.withUnsafeMutableBufferPointer { dst in
            straightRGBA.withUnsafeBufferPointer { src in
                for i in stride(from: 0, to: src.count, by: 4) {
                    let a = UInt32(src[i + 3])
                    dst[i] = UInt8((UInt32(src[i]) * a + 127) / 255)
                    dst[i + 1] = UInt8((UInt32(src[i + 1]) * a + 127) / 255)
                    dst[i + 2] = UInt8((UInt32(src[i + 2]) * a + 127) / 255)
                    dst[i + 3] = UInt8(a)
                }
            }
        }
    }

    /// The straight-alpha colour at (`x`, `y`), or `nil` outside the canvas.
    public func pixel(x: Int, y: Int) -> Color? {
        guard let p = premultipliedPixel(x: x, y: y) else { return nil }
        return Color(unpremultiplying: p)
    }

    /// The stored premultiplied bytes at (`x`, `y`), or `nil` outside the canvas.
    public func premultipliedPixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return (premultiplied[i], premultiplied[i + 1], premultiplied[i + 2], premultiplied[i + 3])
    }

    /// True when every pixel is fully opaque.
    public var isOpaque: Bool {
        premultiplied.withUnsafeBufferPointer { px in
            var i = 3
            while i < px.count {
                if px[i] != 255 { return false }
                i += 4
            }
            return true
        }
    }

    /// The pixels as straight-alpha RGBA bytes (what PNG stores).
    public func straightRGBA() -> [UInt8] {
        var out = [UInt8](repeating: 0, count: premultiplied.count)
        out.withUnsafeMutableBufferPointer { dst in
            premultiplied.withUnsafeBufferPointer { src in
                Self.unpremultiply(src, into: dst)
            }
        }
        return out
    }

    /// Straight RGB bytes, flattened over `background` (an opaque colour; its alpha is ignored).
    public func flattenedRGB(over background: Color) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: width * height * 3)
        let br = UInt32(background.red), bg = UInt32(background.green), bb = UInt32(background.blue)
        out.withUnsafeMutableBufferPointer { dst in
            premultiplied.withUnsafeBufferPointer { src in
                var o = 0
                for i in stride(from: 0, to: src.count, by: 4) {
                    let inv = 255 - UInt32(src[i + 3])
                    dst[o] = UInt8((UInt32(src[i]) * 255 + br * inv + 127) / 255)
                    dst[o + 1] = UInt8((UInt32(src[i + 1]) * 255 + bg * inv + 127) / 255)
                    dst[o + 2] = UInt8((UInt32(src[i + 2]) * 255 + bb * inv + 127) / 255)
                    o += 3
                }
            }
        }
        return out
    }

    static func unpremultiply(_ src: UnsafeBufferPointer<UInt8>, into dst: UnsafeMutableBufferPointer<UInt8>) {
        for i in stride(from: 0, to: src.count, by: 4) {
            let a = UInt32(src[i + 3])
            if a == 255 {
                dst[i] = src[i]; dst[i + 1] = src[i + 1]; dst[i + 2] = src[i + 2]; dst[i + 3] = 255
            } else if a == 0 {
                dst[i] = 0; dst[i + 1] = 0; dst[i + 2] = 0; dst[i + 3] = 0
            } else {
                let half = a / 2
                dst[i] = UInt8(Swift.min(255, (UInt32(src[i]) * 255 + half) / a))
                dst[i + 1] = UInt8(Swift.min(255, (UInt32(src[i + 1]) * 255 + half) / a))
                dst[i + 2] = UInt8(Swift.min(255, (UInt32(src[i + 2]) * 255 + half) / a))
                dst[i + 3] = UInt8(a)
            }
        }
    }
}

extension Color {
    /// The straight colour of premultiplied bytes.
    init(unpremultiplying p: (r: UInt8, g: UInt8, b: UInt8, a: UInt8)) {
        let a = UInt32(p.a)
        guard a > 0 else { self = .clear; return }
        func u(_ c: UInt8) -> UInt8 { UInt8(Swift.min(255, (UInt32(c) * 255 + a / 2) / a)) }
        self.init(red: u(p.r), green: u(p.g), blue: u(p.b), alpha: p.a)
    }
}
