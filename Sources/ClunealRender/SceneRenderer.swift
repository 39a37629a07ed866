import BodyGeometry

/// Draws a ``Scene`` into pixels.
///
/// Visible layers are drawn in order, each item's fill and then its stroke resolved into one
/// coverage mask and composited once; text labels of all visible layers come last (in layer
/// order) so no shape covers them. Automatic labels are placed first (see
/// ``resolvingLabels(_:pxPerMm:)``).
///
/// Not `Sendable` (it holds FreeType faces): make one per render or per task.
public struct SceneRenderer {
    public let fonts: FontSet

    public init(fonts: FontSet) {
        self.fonts = fonts
    }

    /// A renderer with DejaVu Sans from the system font directory.
    public static func withSystemFonts() throws(RenderError) -> SceneRenderer {
        SceneRenderer(fonts: try FontSet.dejaVuSans())
    }

    /// Places the scene's automatic labels for a render at `pxPerMm` and returns the scene with
    /// them fixed (plus leader lines), and the ids of labels that fit nowhere.
    public func resolvingLabels(_ scene: Scene, pxPerMm: Double) throws(RenderError) -> LabelResolution {
        try scene.validate()
        let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
        return try LabelResolver(fonts: fonts, transform: transform).resolve(scene)
    }

    /// Renders `scene` at `pxPerMm` pixels per (page) millimetre; the canvas is the page size
    /// times the resolution, rounded to whole pixels.
    public func render(_ scene: Scene, pxPerMm: Double) throws(RenderError) -> RGBABuffer {
        let resolved = try resolvingLabels(scene, pxPerMm: pxPerMm).scene
        let transform = try MapTransform(layout: resolved.layout, pxPerMm: pxPerMm)
        var canvas = try RGBABuffer(width: transform.canvasWidth, height: transform.canvasHeight, fill: resolved.background)
        var context = RasterContext(transform: transform, rasterizer: CoverageRasterizer(width: canvas.width, height: canvas.height))
        let layers = resolved.layers.filter { !$0.isHidden }
        for layer in layers {
            for item in layer.items where !item.isText {
                context.draw(item, into: &canvas)
            }
        }
        for layer in layers {
            for item in layer.items {
                if case .text(let label) = item.content {
                    try context.draw(label, fonts: fonts, into: &canvas)
                }
            }
        }
        return canvas
    }

    /// Renders `scene` and encodes it as PNG, with a `pHYs` chunk for `pxPerMm` (so a print at
    /// 100 % is life size) and the given text chunks.
    public func renderPNG(_ scene: Scene, pxPerMm: Double, encoder: PNGEncoder = PNGEncoder(),
                          text: [PNGText] = []) throws(RenderError) -> [UInt8] {
        let image = try render(scene, pxPerMm: pxPerMm)
        return try encoder.encode(image, metadata: PNGMetadata(pxPerMm: pxPerMm, text: text))
    }
}

/// Per-render drawing state: the transform and one reusable rasteriser.
struct RasterContext {
    let transform: MapTransform
    var rasterizer: CoverageRasterizer

    mutating func draw(_ item: SceneItem, into canvas: inout RGBABuffer) {
        switch item.content {
        case .path(let path, let style):
            let subpaths = path.subpaths.map { sub in (points: sub.points.map { Vec2(transform.pixel($0)) }, closed: sub.isClosed) }
            paint(subpaths, fillRule: path.fillRule, style: style, into: &canvas)
        case .ellipse(let e, let style):
            let centre = Vec2(transform.pixel(e.centre))
            let pts = Flattening.ellipse(centre: centre, radiusX: e.radiusXMm * transform.pxPerMm,
                                         radiusY: e.radiusYMm * transform.pxPerMm,
                                         rotation: e.rotationDegrees * Double.pi / 180)
            paint([(pts, true)], fillRule: .nonZero, style: style, into: &canvas)
        case .marker(let m):
            let path = m.path(centredAt: transform.layout.pagePoint(m.position))
            let subpaths = path.subpaths.map { sub in (points: sub.points.map { Vec2(transform.pixel($0)) }, closed: sub.isClosed) }
            paint(subpaths, fillRule: path.fillRule, style: m.style, into: &canvas)
        case .text:
            break
        }
    }

    /// Fill (every subpath, closed for filling) then stroke, each as one composite.
    mutating func paint(_ subpaths: [(points: [Vec2], closed: Bool)], fillRule: FillRule, style: Style,
                        into canvas: inout RGBABuffer) {
        if let fill = style.effectiveFill, fill.alpha > 0 {
            for sub in subpaths where sub.points.count >= 3 { rasterizer.addContour(sub.points) }
            rasterizer.fill(rule: fillRule, color: fill, into: &canvas)
        }
        if let stroke = style.stroke, stroke.effectiveColor.alpha > 0, stroke.widthMm > 0 {
            let scale = transform.pxPerMm
            let geometry = StrokeGeometry(
                width: stroke.widthMm * scale, join: stroke.join, cap: stroke.cap, miterLimit: stroke.miterLimit,
                dashes: stroke.dash?.lengthsMm.map { $0 * scale } ?? [], dashOffset: (stroke.dash?.offsetMm ?? 0) * scale)
            Stroker.outline(subpaths, style: geometry) { contour in rasterizer.addContour(contour) }
            rasterizer.fill(rule: .nonZero, color: stroke.effectiveColor, into: &canvas)
        }
    }

    mutating func draw(_ label: TextLabel, fonts: FontSet, into canvas: inout RGBABuffer) throws(RenderError) {
        let request = TextRasterizer.Request(
            lines: label.lines, face: fonts.face(label.weight), sizePx: transform.pixels(mm: label.fontSizeMm),
            anchor: transform.pixel(label.anchor), alignment: label.alignment, color: label.color,
            haloColor: label.halo?.color ?? .clear, haloRadius: transform.pixels(mm: label.halo?.widthMm ?? 0))
        try TextRasterizer.draw(request, into: &canvas)
    }
}
