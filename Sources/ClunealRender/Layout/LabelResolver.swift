/// A scene whose automatically placed labels have been given fixed positions.
public struct LabelResolution: Hashable, Sendable {
    /// The scene with every automatic label turned into a fixed one at its chosen spot, a
    /// leader path (`<id>-leader`, page coordinates) added before each displaced label, and
    /// dropped labels removed. Feed it to both ``SceneRenderer`` and ``SVGWriter`` so the PNG
    /// and the SVG show the same layout.
    public var scene: Scene
    /// Ids of automatic labels that fit nowhere, in placement order.
    public var dropped: [String]
}

/// Runs the ``LabelPlacer`` over a scene's automatic labels (measured with real fonts).
struct LabelResolver {
    let fonts: FontSet
    let transform: MapTransform

    /// Margin kept between labels and the page edge, page millimetres.
    static let pageMarginMm = 1.0
    /// Space kept between label boxes, page millimetres.
    static let paddingMm = 0.3
    /// Clearance kept around other anchors and markers, page millimetres.
    static let anchorClearanceMm = 0.6

    private struct Pending {
        let layer: Int
        let item: Int
        let label: TextLabel
        let auto: AutomaticPlacement
        let metrics: TextMetrics
        let haloPx: Float
    }

    func resolve(_ scene: Scene) throws(RenderError) -> LabelResolution {
        var fixedLabels: [TextLabel] = []
        var protected: [PixelPoint] = []
        var visible: [Pending] = []
        var hidden: [Pending] = []
        for (li, layer) in scene.layers.enumerated() {
            for (ii, item) in layer.items.enumerated() {
                switch item.content {
                case .marker(let m):
                    if !layer.isHidden { protected.append(transform.pixel(m.position)) }
                case .text(let label):
                    switch label.placement {
                    case .fixed:
                        if !layer.isHidden { fixedLabels.append(label) }
                    case .automatic(let auto):
                        let (metrics, haloPx) = try measure(label)
                        let p = Pending(layer: li, item: ii, label: label, auto: auto, metrics: metrics, haloPx: haloPx)
                        if layer.isHidden { hidden.append(p) } else { visible.append(p) }
                    }
                default:
                    break
                }
            }
        }
        // A scene already resolved (the CLI resolves once for every output) costs no measuring.
        guard !visible.isEmpty || !hidden.isEmpty else { return LabelResolution(scene: scene, dropped: []) }
        var fixedBoxes: [PixelRect] = []
        for label in fixedLabels {
            let (metrics, haloPx) = try measure(label)
            let origin = metrics.boxOrigin(anchor: transform.pixel(label.anchor), alignment: label.alignment)
            fixedBoxes.append(PixelRect(origin: origin, size: metrics.size).outset(by: haloPx))
        }

        let canvas = PixelRect(x: 0, y: 0, width: Float(transform.canvasWidth), height: Float(transform.canvasHeight))
        let obstacles = scene.labelObstacles.map(transform.pixelRect) + fixedBoxes
        var placer = LabelPlacer(canvas: canvas, margin: transform.pixels(mm: Self.pageMarginMm), padding: transform.pixels(mm: Self.paddingMm), ringCount: 6,
                                 obstacles: obstacles, protectedPoints: protected, anchorRadius: transform.pixels(mm: Self.anchorClearanceMm))
        func requests(_ pending: [Pending]) -> [LabelRequest] {
            pending.enumerated().map { index, p in
                LabelRequest(id: String(index), anchor: transform.pixel(p.label.anchor),
                             size: PixelSize(width: p.metrics.width + 2 * p.haloPx, height: p.metrics.height + 2 * p.haloPx),
                             priority: p.auto.priority, gap: transform.pixels(mm: p.auto.gapMm),
                             target: p.auto.target.map(transform.pixel), rivals: p.auto.rivals.map { $0.map(transform.pixel) })
            }
        }
        let visibleResult = placer.place(requests(visible))
        // Hidden labels (revealed later, e.g. quiz answers) keep clear of the visible ones but
        // do not take space from them.
        placer.obstacles += visibleResult.placed.map(\.rect)
        let hiddenResult = placer.place(requests(hidden))

        var out = scene
        var dropped: [String] = []
        // Replacement items per (layer, item); nil content means dropped.
        var replacements: [Int: [Int: [SceneItem]]] = [:]
        for (pending, result) in [(visible, visibleResult), (hidden, hiddenResult)] {
            for placedLabel in result.placed {
                guard let index = Int(placedLabel.id), index < pending.count else { continue }
                let p = pending[index]
                let original = scene.layers[p.layer].items[p.item]
                let box = placedLabel.rect.outset(by: -p.haloPx)
                let x: Float
                switch p.label.alignment.horizontal {
                case .start: x = box.minX
                case .middle: x = box.minX + box.width / 2
                case .end: x = box.maxX
                }
                var label = p.label
                label.anchor = .page(transform.pagePoint(PixelPoint(x, box.minY)))
                label.alignment = TextAlignment(p.label.alignment.horizontal, .top)
                label.placement = .fixed
                var fixed = original
                fixed.content = .text(label)
                var items: [SceneItem] = []
                if let leader = placedLabel.leader, let style = p.auto.leader {
                    let path = ScenePath.pageLine(from: transform.pagePoint(leader.start), to: transform.pagePoint(leader.end))
                    items.append(.path(original.id + "-leader", path, style: Style(stroke: style),
                                       metadata: ["role": "leader", "label": original.id]))
                }
                items.append(fixed)
                replacements[p.layer, default: [:]][p.item] = items
            }
            for id in result.dropped {
                guard let index = Int(id), index < pending.count else { continue }
                let p = pending[index]
                dropped.append(scene.layers[p.layer].items[p.item].id)
                replacements[p.layer, default: [:]][p.item] = []
            }
        }
        for (li, byItem) in replacements {
            var items: [SceneItem] = []
            for (ii, item) in scene.layers[li].items.enumerated() {
                if let replacement = byItem[ii] { items += replacement } else { items.append(item) }
            }
            out.layers[li].items = items
        }
        return LabelResolution(scene: out, dropped: dropped)
    }

    /// A label's text metrics at its pixel size, and its halo width in pixels.
    private func measure(_ label: TextLabel) throws(RenderError) -> (TextMetrics, Float) {
        let metrics = try fonts.face(label.weight).metrics(lines: label.lines, sizePx: transform.pixels(mm: label.fontSizeMm))
        return (metrics, transform.pixels(mm: label.halo?.widthMm ?? 0))
    }
}
