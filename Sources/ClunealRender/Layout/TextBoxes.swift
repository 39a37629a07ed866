/// The pixel box of one text item as it will be drawn.
public struct TextBox: Hashable, Sendable {
    public var id: String
    public var layer: LayerID
    /// The box of the glyphs plus their halo, pixels.
    public var rect: PixelRect
    /// True for labels the placer positioned (as opposed to fixed page text).
    public var isLabel: Bool
}

extension SceneRenderer {
    /// The boxes of every visible text item of a scene whose labels are resolved (see
    /// ``resolvingLabels(_:pxPerMm:)``), measured with the renderer's fonts. Used to check
    /// that no two labels overlap and none leaves the canvas.
    public func textBoxes(in scene: Scene, pxPerMm: Double) throws(RenderError) -> [TextBox] {
        let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
        var boxes: [TextBox] = []
        for layer in scene.layers where !layer.isHidden {
            for item in layer.items {
                guard case .text(let label) = item.content else { continue }
                let metrics = try fonts.face(label.weight).metrics(lines: label.lines, sizePx: transform.pixels(mm: label.fontSizeMm))
                let origin = metrics.boxOrigin(anchor: transform.pixel(label.anchor), alignment: label.alignment)
                let halo = transform.pixels(mm: label.halo?.widthMm ?? 0)
                boxes.append(TextBox(id: item.id, layer: layer.id, rect: PixelRect(origin: origin, size: metrics.size).outset(by: halo),
                                     isLabel: layer.id == .label))
            }
        }
        return boxes
    }
}
