import BodyGeometry

/// Everything to draw, in millimetres, independent of resolution and output format.
///
/// The PNG renderer and the SVG writer both consume a `Scene`, so the two cannot drift.
/// Layers are drawn in order; within the raster, text labels (of every visible layer) are
/// drawn after all shapes so nothing covers them.
public struct Scene: Hashable, Sendable {
    public var layout: PageLayout
    public var background: Color
    public var title: String?
    /// Document-level metadata (SVG `data-*` on the root element).
    public var metadata: [String: String]
    public var layers: [Layer]
    /// Page areas that automatically placed labels must keep clear of (legend, title block).
    public var labelObstacles: [PageRect]

    public init(layout: PageLayout, background: Color = .white, title: String? = nil,
                metadata: [String: String] = [:], layers: [Layer] = [], labelObstacles: [PageRect] = []) {
        self.layout = layout
        self.background = background
        self.title = title
        self.metadata = metadata
        self.layers = layers
        self.labelObstacles = labelObstacles
    }

    public var pageSize: PageSize { layout.pageSize }

    /// The layer with `id`, if any.
    public subscript(layer id: LayerID) -> Layer? {
        layers.first { $0.id == id }
    }

    /// Appends `item` to the layer `id`, creating the layer (titled `title`, or the id) at the
    /// end if it does not exist yet.
    public mutating func add(_ item: SceneItem, to id: LayerID, title: String? = nil) {
        if let index = layers.firstIndex(where: { $0.id == id }) {
            layers[index].items.append(item)
        } else {
            layers.append(Layer(id: id, title: title ?? id.rawValue, items: [item]))
        }
    }

    /// Checks the page, the layer ids and every item; throws the first problem found.
    public func validate() throws(RenderError) {
        let size = layout.pageSize
        guard size.width.isFinite, size.height.isFinite, size.width > 0, size.height > 0 else {
            throw .invalidPageSize(width: size.width, height: size.height)
        }
        guard layout.viewportOrigin.isFinite, layout.bodyViewport.min.isFinite, layout.bodyViewport.max.isFinite,
              layout.scale.isFinite, layout.scale > 0 else {
            throw .invalidPageSize(width: size.width, height: size.height)
        }
        var seen = Set<LayerID>()
        for layer in layers {
            guard seen.insert(layer.id).inserted else { throw .duplicateLayer(id: layer.id.rawValue) }
            for item in layer.items { try item.validate() }
        }
        for rect in labelObstacles where !rect.isFinite {
            throw .invalidItem(id: "labelObstacles", reason: "a rectangle is not finite")
        }
    }
}
