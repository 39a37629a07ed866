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
        var plan = try self.plan(scene, pxPerMm: pxPerMm)
        var canvas = try RGBABuffer(width: plan.width, height: plan.height, fill: plan.background)
        var scratch = CoverageScratch(width: plan.width)
        plan.drawNextRows(into: &canvas, scratch: &scratch)
        return canvas
    }

    /// Resolves the labels and plans the drawing (see ``RasterPlan``).
    func plan(_ scene: Scene, pxPerMm: Double) throws(RenderError) -> RasterPlan {
        let resolved = try resolvingLabels(scene, pxPerMm: pxPerMm).scene
        let transform = try MapTransform(layout: resolved.layout, pxPerMm: pxPerMm)
        return try RasterPlan(scene: resolved, transform: transform, fonts: fonts)
    }
}
