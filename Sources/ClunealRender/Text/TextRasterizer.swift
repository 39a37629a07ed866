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

    /// A label laid out on a canvas of a given size: its glyph bitmaps at whole-pixel
    /// positions and the rectangle of canvas pixels its masks cover. Making the masks
    /// (``masks()``) is deferred, so the band renderer only holds them while a band crosses
    /// the label.
    struct Prepared: Sendable {
        struct Stamp: Sendable { let glyph: GlyphBitmap; let x: Int; let y: Int }
        let stamps: [Stamp]
        /// The mask rectangle: the glyphs' box grown by the halo, clipped to the canvas (plus
        /// the halo's reach, so a halo is the same whatever the canvas).
        let left: Int, top: Int, width: Int, height: Int
        let haloRadius: Float
        let color: PremultipliedColor
        let haloColor: PremultipliedColor

        /// The canvas rows the masks cover.
        var rows: Range<Int> { top..<(top + height) }

        /// The glyph coverage mask and, for a visible halo, the halo mask.
        func masks() -> (glyphs: CoverageMask, halo: CoverageMask?) {
            var glyphMask = CoverageMask(width: width, height: height)
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
            let halo = haloRadius > 0 && !haloColor.isInvisible ? TextRasterizer.dilate(glyphMask, radius: haloRadius) : nil
            return (glyphMask, halo)
        }

        /// Composites the halo, then the glyphs, onto the rows of `target` the label covers.
        func draw(_ masks: (glyphs: CoverageMask, halo: CoverageMask?), into target: inout some CompositingTarget) {
            if let halo = masks.halo { target.composite(mask: halo, left: left, top: top, color: haloColor) }
            target.composite(mask: masks.glyphs, left: left, top: top, color: color)
        }
    }

    /// Lays out `request` for a canvas of `canvasWidth` × `canvasHeight`; `nil` when nothing
    /// of it can reach the canvas.
    static func prepare(_ request: Request, canvasWidth: Int, canvasHeight: Int) throws(RenderError) -> Prepared? {
        var layouts: [(glyphs: [PlacedGlyph], advance: Float)] = []
        for line in request.lines {
            layouts.append(try request.face.layoutLine(line, sizePx: request.sizePx))
        }
        let face = request.face
        let metrics = TextMetrics(lineWidths: layouts.map(\.advance), ascent: face.ascentPerEm * request.sizePx,
                                  descent: face.descentPerEm * request.sizePx,
                                  lineHeight: Float(TextLabel.lineSpacing) * request.sizePx)

        // Glyph rectangles in canvas pixels (pen and baseline snapped to whole pixels).
        var stamps: [Prepared.Stamp] = []
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
                stamps.append(Prepared.Stamp(glyph: bitmap, x: x, y: y))
                minX = Swift.min(minX, x); minY = Swift.min(minY, y)
                maxX = Swift.max(maxX, x + bitmap.width); maxY = Swift.max(maxY, y + bitmap.rows)
            }
        }
        guard !stamps.isEmpty else { return nil }

        let radius = request.haloRadius.isFinite ? Swift.max(0, Swift.min(request.haloRadius, 512)) : 0
        let pad = radius > 0 ? Int(radius.rounded(.up)) + 2 : 0
        // Only the part that can reach the canvas.
        let left = Swift.max(minX - pad, -pad), top = Swift.max(minY - pad, -pad)
        let right = Swift.min(maxX + pad, canvasWidth + pad), bottom = Swift.min(maxY + pad, canvasHeight + pad)
        guard left < right, top < bottom else { return nil }
        return Prepared(stamps: stamps, left: left, top: top, width: right - left, height: bottom - top,
                        haloRadius: radius, color: PremultipliedColor(request.color),
                        haloColor: PremultipliedColor(request.haloColor))
    }

    static func draw(_ request: Request, into canvas: inout RGBABuffer) throws(RenderError) {
        guard let prepared = try prepare(request, canvasWidth: canvas.width, canvasHeight: canvas.height) else { return }
        prepared.draw(prepared.masks(), into: &canvas)
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
