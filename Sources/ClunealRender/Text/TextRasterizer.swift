/// Draws text (with an optional halo) into a canvas.
///
/// The glyphs of a whole label are gathered into one coverage mask first; the halo is that
/// mask dilated by the halo radius (an exact Euclidean distance transform, with a one-pixel
/// soft edge). The halo mask is composited in the halo colour, then the glyph mask in the
/// text colour, each once, so overlapping glyph boxes never double-blend.
enum TextRasterizer {
    struct Request {
        var lines: [String]
        var face: FontFace
        var sizePx: Float
        var anchor: PixelPoint
        var alignment: TextAlignment
        var color: Color
        var haloColor: Color
        /// Halo reach beyond the glyphs, pixels; 0 for none.
        var haloRadius: Float
    }

    static func draw(_ request: Request, into canvas: inout RGBABuffer) throws(RenderError) {
        var layouts: [(glyphs: [PlacedGlyph], advance: Float)] = []
        for line in request.lines {
            layouts.append(try request.face.layoutLine(line, sizePx: request.sizePx))
        }
        let face = request.face
        let metrics = TextMetrics(lineWidths: layouts.map(\.advance), ascent: face.ascentPerEm * request.sizePx,
                                  descent: face.descentPerEm * request.sizePx,
                                  lineHeight: Float(TextLabel.lineSpacing) * request.sizePx)

        // Glyph rectangles in canvas pixels (pen and baseline snapped to whole pixels).
        struct Stamp { let glyph: GlyphBitmap; let x: Int; let y: Int }
        var stamps: [Stamp] = []
        var minX = Int.max, minY = Int.max, maxX = Int.min, maxY = Int.min
        let limit: Float = 1e6
        for (i, layout) in layouts.enumerated() {
            let origin = metrics.lineOrigin(i, anchor: request.anchor, alignment: request.alignment)
            guard origin.isFinite, abs(origin.x) < limit, abs(origin.y) < limit else { continue }
            let baseline = Int(origin.y.rounded())
            let phases = Float(FontFace.subpixelPhases)
            for g in layout.glyphs {
                // Whole pixels plus a quarter-pixel phase rendered into the bitmap.
                let quarters = Int(((origin.x + g.x) * phases).rounded())
                let whole = quarters >= 0 ? quarters / FontFace.subpixelPhases : -((-quarters + FontFace.subpixelPhases - 1) / FontFace.subpixelPhases)
                let bitmap = try face.bitmap(g.glyph, sizePx: request.sizePx, phase: quarters - whole * FontFace.subpixelPhases)
                guard bitmap.width > 0, bitmap.rows > 0 else { continue }
                let x = whole + bitmap.left
                let y = baseline - bitmap.top
                stamps.append(Stamp(glyph: bitmap, x: x, y: y))
                minX = Swift.min(minX, x); minY = Swift.min(minY, y)
                maxX = Swift.max(maxX, x + bitmap.width); maxY = Swift.max(maxY, y + bitmap.rows)
            }
        }
        guard !stamps.isEmpty else { return }

        let radius = request.haloRadius.isFinite ? Swift.max(0, Swift.min(request.haloRadius, 512)) : 0
        let pad = radius > 0 ? Int(radius.rounded(.up)) + 2 : 0
        // Only the part that can reach the canvas.
        let left = Swift.max(minX - pad, -pad), top = Swift.max(minY - pad, -pad)
        let right = Swift.min(maxX + pad, canvas.width + pad), bottom = Swift.min(maxY + pad, canvas.height + pad)
        guard left < right, top < bottom else { return }
        var glyphMask = CoverageMask(width: right - left, height: bottom - top)
        for s in stamps {
            for row in 0..<s.glyph.rows {
                let my = s.y + row - top
                guard my >= 0, my < glyphMask.height else { continue }
                for col in 0..<s.glyph.width {
                    let mx = s.x + col - left
                    guard mx >= 0, mx < glyphMask.width else { continue }
                    let v = Float(s.glyph.coverage[row * s.glyph.width + col]) * (1 / 255)
                    if v > glyphMask[mx, my] { glyphMask[mx, my] = v }
                }
            }
        }

        if radius > 0, request.haloColor.alpha > 0 {
            let halo = dilate(glyphMask, radius: radius)
            canvas.composite(mask: halo, left: left, top: top, color: PremultipliedColor(request.haloColor))
        }
        canvas.composite(mask: glyphMask, left: left, top: top, color: PremultipliedColor(request.color))
    }

    /// The mask grown by `radius` pixels: coverage `clamp(radius + 1 − d)` where `d` is the
    /// distance between pixel centres and the nearest inked pixel (coverage ≥ 0.25). An inked
    /// pixel counts as a unit square, its edge half a pixel from its centre, so the halo's
    /// anti-aliased edge lies `radius` beyond it. Never less than the mask itself.
    static func dilate(_ mask: CoverageMask, radius: Float) -> CoverageMask {
        let w = mask.width, h = mask.height
        var out = CoverageMask(width: w, height: h)
        guard w > 0, h > 0 else { return out }
        let far: Float = 1e20
        var d2 = mask.values.map { $0 >= 0.25 ? Float(0) : far }
        var f = [Float](repeating: 0, count: Swift.max(w, h))
        var result = [Float](repeating: 0, count: Swift.max(w, h))
        var v = [Int](repeating: 0, count: Swift.max(w, h))
        var z = [Float](repeating: 0, count: Swift.max(w, h) + 1)
        // Columns, then rows (Felzenszwalb & Huttenlocher's separable squared distance transform).
        for x in 0..<w {
            for y in 0..<h { f[y] = d2[y * w + x] }
            distance1D(f, count: h, into: &result, v: &v, z: &z)
            for y in 0..<h { d2[y * w + x] = result[y] }
        }
        for y in 0..<h {
            for x in 0..<w { f[x] = d2[y * w + x] }
            distance1D(f, count: w, into: &result, v: &v, z: &z)
            for x in 0..<w { d2[y * w + x] = result[x] }
        }
        for i in 0..<(w * h) {
            let reach = radius + 1 - d2[i].squareRoot()
            out.values[i] = Swift.max(mask.values[i], Swift.min(1, Swift.max(0, reach)))
        }
        return out
    }

    /// 1-D squared Euclidean distance transform of sampled function `f` (lower envelope of parabolas).
    private static func distance1D(_ f: [Float], count n: Int, into d: inout [Float], v: inout [Int], z: inout [Float]) {
        guard n > 0 else { return }
        var k = 0
        v[0] = 0
        z[0] = -.infinity
        z[1] = .infinity
        if n > 1 {
            for q in 1..<n {
                let fq = f[q] + Float(q * q)
                var s = (fq - (f[v[k]] + Float(v[k] * v[k]))) / Float(2 * (q - v[k]))
                while s <= z[k], k > 0 {
                    k -= 1
                    s = (fq - (f[v[k]] + Float(v[k] * v[k]))) / Float(2 * (q - v[k]))
                }
                if s <= z[k] {
                    // k == 0 and the new parabola dominates everywhere.
                    v[0] = q
                    z[0] = -.infinity
                    z[1] = .infinity
                    continue
                }
                k += 1
                v[k] = q
                z[k] = s
                z[k + 1] = .infinity
            }
        }
        k = 0
        for q in 0..<n {
            while z[k + 1] < Float(q) { k += 1 }
            let dq = Float(q - v[k])
            d[q] = dq * dq + f[v[k]]
        }
    }
}
