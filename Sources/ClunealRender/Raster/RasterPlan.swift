import BodyGeometry

/// A scene made ready to draw at one resolution: every shape transformed to pixels, flattened,
/// stroked and sorted into a ``CoverageSweep`` once, and every label laid out, in drawing
/// order. It draws the canvas a band of rows at a time, top to bottom, into any
/// ``CompositingTarget``: the whole canvas at once for ``SceneRenderer/render(_:pxPerMm:)``,
/// or bands of ~128 rows for the streamed PNG.
///
/// Whatever the band height, every pixel sees the same composites in the same order with the
/// same coverage (see ``CoverageSweep``), so the output is identical bit for bit.
///
/// `Sendable` (it holds no fonts: glyph bitmaps are copied into the labels at planning time),
/// so it may be drawn on another thread than the one that planned it.
struct RasterPlan: Sendable {
    let width: Int
    let height: Int
    let background: Color

    private struct Shape: Sendable {
        var sweep: CoverageSweep
        let color: PremultipliedColor
    }

    private struct Label: Sendable {
        let prepared: TextRasterizer.Prepared
        /// Built when the first band reaches the label, dropped after the last.
        var masks: (glyphs: CoverageMask, halo: CoverageMask?)?
    }

    private var shapes: [Shape] = []
    private var labels: [Label] = []
    /// The first row not drawn yet.
    private(set) var nextRow = 0

    /// Plans `scene` (whose automatic labels should already be resolved) for `transform`.
    init(scene: Scene, transform: MapTransform, fonts: FontSet) throws(RenderError) {
        width = transform.canvasWidth
        height = transform.canvasHeight
        background = scene.background
        var builder = Builder(transform: transform, rasterizer: CoverageRasterizer(width: width, height: height))
        let layers = scene.layers.filter { !$0.isHidden }
        for layer in layers {
            for item in layer.items where !item.isText {
                builder.add(item)
            }
        }
        shapes = builder.shapes
        for layer in layers {
            for item in layer.items {
                guard case .text(let label) = item.content else { continue }
                let request = TextRasterizer.Request(
                    lines: label.lines, face: fonts.face(label.weight), sizePx: transform.pixels(mm: label.fontSizeMm),
                    anchor: transform.pixel(label.anchor), alignment: label.alignment, color: label.color,
                    haloColor: label.halo?.color ?? .clear, haloRadius: transform.pixels(mm: label.halo?.widthMm ?? 0))
                if let prepared = try TextRasterizer.prepare(request, canvasWidth: width, canvasHeight: height) {
                    labels.append(Label(prepared: prepared, masks: nil))
                }
            }
        }
    }

    /// Edges held by shapes not finished yet, and labels (for statistics).
    var statistics: (shapes: Int, edges: Int, labels: Int) {
        (shapes.count, shapes.reduce(0) { $0 + $1.sweep.edgeCount }, labels.count)
    }

    /// True once every row has been drawn.
    var isFinished: Bool { nextRow >= height }

    /// Draws the next rows (those `target` holds: its ``CompositingTarget/rowRange`` must
    /// start at ``nextRow``) onto `target`, which should already hold the background. Shapes
    /// first, in order, then labels. `scratch` must be as wide as the canvas.
    mutating func drawNextRows<Target: CompositingTarget>(into target: inout Target, scratch: inout CoverageScratch) {
        let rows = target.rowRange
        guard rows.lowerBound == nextRow, !rows.isEmpty else { return }
        let end = Swift.min(rows.upperBound, height)
        for i in shapes.indices where !shapes[i].sweep.isFinished && shapes[i].sweep.nextRow < end {
            shapes[i].sweep.run(until: end, scratch: &scratch, into: &target, color: shapes[i].color)
        }
        for i in labels.indices {
            let covered = labels[i].prepared.rows
            guard covered.lowerBound < end, covered.upperBound > rows.lowerBound else { continue }
            let masks = labels[i].masks ?? labels[i].prepared.masks()
            labels[i].prepared.draw(masks, into: &target)
            labels[i].masks = covered.upperBound > end ? masks : nil
        }
        nextRow = end
    }

    /// Turns scene items into sweeps (the old per-item drawing code, minus the compositing).
    private struct Builder {
        let transform: MapTransform
        var rasterizer: CoverageRasterizer
        var shapes: [Shape] = []

        mutating func add(_ item: SceneItem) {
            switch item.content {
            case .path(let path, let style):
                let subpaths = path.subpaths.map(pixelContour)
                paint(subpaths, fillRule: path.fillRule, style: style)
            case .ellipse(let e, let style):
                let centre = Vec2(transform.pixel(e.centre))
                let pts = Flattening.ellipse(centre: centre, radiusX: transform.layout.pageLength(e.radiusXMm, at: e.centre) * transform.pxPerMm,
                                             radiusY: transform.layout.pageLength(e.radiusYMm, at: e.centre) * transform.pxPerMm,
                                             rotation: e.rotationDegrees * Double.pi / 180)
                paint([(pts, true)], fillRule: .nonZero, style: style)
            case .marker(let m):
                let path = m.path(centredAt: transform.layout.pagePoint(m.position))
                let subpaths = path.subpaths.map(pixelContour)
                paint(subpaths, fillRule: path.fillRule, style: m.style)
            case .text:
                break
            }
        }

        /// A subpath in pixels; a smooth one is the ``SmoothCurve`` through its pixel points,
        /// flattened to within a tenth of a pixel (the same curve the SVG writes).
        func pixelContour(_ sub: Subpath) -> (points: [Vec2], closed: Bool) {
            let pixels = sub.points.map { Vec2(transform.pixel($0)) }
            guard sub.isSmooth, pixels.count >= 3 else { return (pixels, sub.isClosed) }
            let curve = SmoothCurve.flattened(through: pixels.map { Point($0.x, $0.y) }, closed: sub.isClosed,
                                              tolerance: Self.curveTolerancePx)
            return (curve.map { Vec2($0.x, $0.z) }, sub.isClosed)
        }

        /// Largest distance between a drawn curve and its flattened chords, pixels.
        static let curveTolerancePx = 0.1

        /// Fill (every subpath, closed for filling) then stroke, each one shape.
        mutating func paint(_ subpaths: [(points: [Vec2], closed: Bool)], fillRule: FillRule, style: Style) {
            if let fill = style.effectiveFill, fill.alpha > 0 {
                for sub in subpaths where sub.points.count >= 3 { rasterizer.addContour(sub.points) }
                append(rule: fillRule, color: fill)
            }
            if let stroke = style.stroke, stroke.effectiveColor.alpha > 0, stroke.widthMm > 0 {
                let scale = transform.pxPerMm
                let geometry = StrokeGeometry(
                    width: stroke.widthMm * scale, join: stroke.join, cap: stroke.cap, miterLimit: stroke.miterLimit,
                    dashes: stroke.dash?.lengthsMm.map { $0 * scale } ?? [], dashOffset: (stroke.dash?.offsetMm ?? 0) * scale)
                Stroker.outline(subpaths, style: geometry) { contour in rasterizer.addContour(contour) }
                append(rule: .nonZero, color: stroke.effectiveColor)
            }
        }

        private mutating func append(rule: FillRule, color: Color) {
            let sweep = rasterizer.takeSweep(rule: rule)
            let paint = PremultipliedColor(color)
            guard !sweep.isFinished, !paint.isInvisible else { return }
            shapes.append(Shape(sweep: sweep, color: paint))
        }
    }
}
