import BodyGeometry
import ClunealAnatomy
import ClunealRender

/// The map as a 16:9 slide whose text reads on a projector.
///
/// The page is a widescreen slide, 338.7 × 190.5 mm (13.33 × 7.5 in, the size presentation
/// programs use), so text sizes can be set in points as on any slide: the title 28 pt, labels
/// and legend 16 pt, the notice 12 pt (text of 16 pt on a 7.5 in slide stays readable from the
/// back of a lecture room). The anatomy is the map's, cropped to the low back and buttocks and
/// drawn smaller than life (stated on the slide); it keeps the map's sides, theme, highlight,
/// zone choice and layers. Labels name the three nerve groups and the key landmarks, not every
/// branch: at projector size the branch labels would crowd each other out.
public struct SlideComposer: Sendable {
    public let model: BodyModel
    public let options: MapOptions

    public init(model: BodyModel, options: MapOptions = MapOptions()) {
        self.model = model
        self.options = options
    }

    /// The slide, millimetres (13.333 × 7.5 in).
    public static let pageSize = PageSize(width: 13.333_333 * 25.4, height: 7.5 * 25.4)
    static let pointMm = 25.4 / 72
    static let titleMm = 28 * pointMm
    static let labelMm = 16 * pointMm
    static let noticeMm = 12 * pointMm
    static let margin = 8.0
    /// Width of the legend panel on the right, millimetres.
    static let legendWidth = 112.0

    var theme: MapTheme { options.theme }

    /// The body shown: the map's viewport, from a little above the top of the low-back fascia
    /// and the crests down to below the inferior entrapment zones.
    var bodyRegion: Bounds {
        MapComposer(model: model, options: options).lowBackAndButtocks(above: 5, below: 20)
    }

    public func compose() -> Scene {
        let page = Self.pageSize
        let region = bodyRegion
        let m = Self.margin
        let box = PageRect(x: m, y: 26, width: page.width - 2 * m - Self.legendWidth, height: page.height - 26 - 14)
        let scale = Swift.min(box.width / region.width, box.height / region.height)
        let layout = PageLayout(pageSize: page, bodyViewport: region,
                                viewportOrigin: PagePoint(box.x + (box.width - region.width * scale) / 2, box.y), scale: scale)
        let map = MapComposer(model: model, options: options)
        var scene = Scene(layout: layout, background: theme.background, title: "Cluneal nerves, posterior view (slide)",
                          metadata: ["atlas": model.atlas.id, "atlas-version": model.atlas.version, "kind": "slide",
                                     "scaling": model.scaling.summary, "theme": theme.name.rawValue])
        let layers = options.layers
        if layers.contains(.outline) { map.addOutline(to: &scene, box: region) }
        map.addSkeletonAndSoftTissue(to: &scene, box: region, layers: layers)
        if layers.contains(.zone) { map.addZones(to: &scene) }
        if layers.contains(.nerve) { map.addNerves(to: &scene, box: region) }
        if layers.contains(.injection) { map.addInjectionSites(to: &scene) }
        // Nerves running on down the thigh stop at the edge of the region shown.
        scene = scene.clippedToViewport()
        if layers.contains(.label) && options.labels { addLabels(to: &scene) }
        addFurniture(to: &scene, showLegend: layers.contains(.legend))
        return scene
    }

    func label(_ text: String, at p: Point, priority: Int, color: Color, target: [Point] = [], rivals: [[Point]] = []) -> TextLabel {
        TextLabel(text, at: .body(p), fontSizeMm: Self.labelMm, color: color, weight: .bold,
                  halo: Halo(color: theme.background, widthMm: 0.9), alignment: .start,
                  placement: .automatic(AutomaticPlacement(priority: priority, gapMm: 2.5,
                                                           leader: StrokeStyle(color: theme.mutedText, widthMm: 0.35),
                                                           target: target.map(ScenePosition.body),
                                                           rivals: rivals.map { $0.map(ScenePosition.body) })))
    }

    /// The three nerve groups and the crest and PSIS, on the first side drawn. A group label
    /// is tied to its own branches on that side, like the map's labels: its leader ends on one
    /// of them, where they stand clearest of every other branch drawn, and its box is no nearer
    /// to the midline or to the other side's nerves than to that point, so it never sits over
    /// the midline between the two sides.
    func addLabels(to scene: inout Scene) {
        let side = options.sides.first ?? .left
        let region = bodyRegion
        let drawn = model.nerves.filter { $0.side.map { options.sides.contains($0) } ?? true }
        for group in NerveGroup.allCases where options.layers.contains(.nerve) {
            let own = drawn.filter { $0.entry.nerve == group && $0.side == side }.map { MapComposer.drawnChain($0.geometry).filter(region.contains) }
            let others = drawn.filter { !($0.entry.nerve == group && $0.side == side) }.map { MapComposer.drawnChain($0.geometry) }
            let target = own.flatMap { $0 }
            guard !target.isEmpty else { continue }
            let at = MapComposer.clearestPoint(on: target, from: 0, awayFrom: others, within: region)
            // The box stays on its side: no nearer to the midline or to anything drawn on the
            // other side than to its anchor (tied to the anchor, not to the whole group, so it
            // cannot reach across by overlapping a branch further along).
            let midline = stride(from: region.min.z, through: region.max.z, by: 5).map { Point(0, $0) }
            let rivals = drawn.filter { $0.side != side }.map { MapComposer.drawnChain($0.geometry) } + [midline]
            let near = [at]
            scene.add(.text("label-\(group.rawValue)", label("\(group.rawValue.capitalized) cluneal nerves", at: at, priority: 100,
                                                             color: theme.textColor(group), target: near, rivals: rivals)),
                      to: .label, title: "Labels")
        }
        if options.layers.contains(.bone) {
            if let crest = model.structures.first(where: { $0.entry.id == WellKnownId.iliacCrest.id && $0.side == side })?.geometry.asPolyline {
                scene.add(.text("label-crest", label("Iliac crest", at: crest.point(atArcLength: crest.length * 0.8), priority: 70, color: theme.text)),
                          to: .label, title: "Labels")
            }
            if let psis = model.landmarks.first(where: { $0.entry.id == WellKnownId.psis.id && $0.side == side })?.geometry.asPoint {
                scene.add(.text("label-psis", label("PSIS", at: psis, priority: 80, color: theme.text)), to: .label, title: "Labels")
            }
        }
    }

    func addFurniture(to scene: inout Scene, showLegend: Bool) {
        let page = scene.pageSize, m = Self.margin
        let r = scene.layout.viewportRect
        scene.add(.text("title", TextLabel("Cluneal nerves: where they are trapped", at: .page(PagePoint(m, m)), fontSizeMm: Self.titleMm,
                                           color: theme.text, weight: .bold, halo: nil, alignment: .topLeft)), to: .title, title: "Title")
        scene.add(.text("view", TextLabel("Low back and buttocks, seen from behind", at: .page(PagePoint(r.minX + r.width / 2, r.minY - 1)),
                                          fontSizeMm: Self.noticeMm, color: theme.mutedText, halo: nil, alignment: TextAlignment(.middle, .bottom))),
                  to: .title, title: "Title")
        for (id, letter, x, align) in [("left", "L", r.minX, TextAlignment.Horizontal.start), ("right", "R", r.maxX, .end)] {
            scene.add(.text("orientation-\(id)", TextLabel(letter, at: .page(PagePoint(x, r.minY + r.height / 2)), fontSizeMm: Self.labelMm * 1.2,
                                                           color: theme.text, weight: .bold, halo: Halo(color: theme.background, widthMm: 0.8),
                                                           alignment: TextAlignment(align, .middle)),
                            title: "The patient's \(id)"), to: .measure, title: "Scale and orientation")
            scene.labelObstacles.append(PageRect(x: align == .start ? x : x - 10, y: r.minY + r.height / 2 - 6, width: 10, height: 12))
        }
        // A 5 cm bar in body centimetres, and what it means.
        let bar = 50 * scene.layout.scale, y = page.height - 7
        let stroke = Style.stroke(theme.text, widthMm: 0.6, cap: .butt)
        scene.add(.path("scale-bar", .pageLine(from: PagePoint(m, y), to: PagePoint(m + bar, y)), style: stroke, title: "5 cm on the body"),
                  to: .measure, title: "Scale and orientation")
        for x in [m, m + bar] {
            scene.add(.path("scale-bar-end-\(Int(x * 10))", .pageLine(from: PagePoint(x, y - 2), to: PagePoint(x, y)), style: stroke),
                      to: .measure, title: "Scale and orientation")
        }
        scene.add(.text("scale-label", TextLabel("5 cm", at: .page(PagePoint(m + bar + 2, y)), fontSizeMm: Self.noticeMm, color: theme.text,
                                                 halo: nil, alignment: TextAlignment(.start, .middle))), to: .measure, title: "Scale and orientation")
        scene.add(.text("notice", TextLabel(EducationNotice.text, at: .page(PagePoint(page.width - m, y)), fontSizeMm: Self.noticeMm * 0.85,
                                            color: theme.mutedText, halo: nil, alignment: TextAlignment(.end, .middle))), to: .notice, title: "Notice")
        scene.labelObstacles.append(PageRect(x: 0, y: 0, width: page.width, height: 24))
        scene.labelObstacles.append(PageRect(x: 0, y: page.height - 13, width: page.width, height: 13))
        if showLegend { addLegend(to: &scene) }
    }

    func addLegend(to scene: inout Scene) {
        let x0 = scene.pageSize.width - Self.margin - Self.legendWidth + 8
        var y = 34.0
        let step = Self.labelMm * 1.9
        func entry(_ id: String, _ text: String) {
            scene.add(.text("legend-\(id)", TextLabel(text, at: .page(PagePoint(x0 + 14, y)), fontSizeMm: Self.labelMm, color: theme.text,
                                                      halo: nil, alignment: TextAlignment(.start, .middle))), to: .legend, title: "Legend")
        }
        for group in NerveGroup.allCases {
            scene.add(.path("legend-\(group.rawValue)-swatch", .pageLine(from: PagePoint(x0, y), to: PagePoint(x0 + 10, y)),
                            style: Style(stroke: StrokeStyle(color: theme.color(group), widthMm: 2, cap: .butt, dash: theme.dash(group)))),
                      to: .legend, title: "Legend")
            entry(group.rawValue, "\(group.rawValue.capitalized) cluneal nerves")
            y += step
        }
        if options.layers.contains(.zone) {
            scene.add(.ellipse("legend-zone-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 5, y)), radiusXMm: 5, radiusYMm: 3),
                               style: Style(fill: theme.color(.superior), fillOpacity: 0.28, stroke: StrokeStyle(color: theme.color(.superior), widthMm: 0.4))),
                      to: .legend, title: "Legend")
            entry("zone", "Where it is trapped")
            y += step
        }
        if options.layers.contains(.injection) {
            scene.add(.marker("legend-injection-swatch", Marker(at: .page(PagePoint(x0 + 5, y)), shape: .target, sizeMm: 5.5, style: .fill(theme.injection))),
                      to: .legend, title: "Legend")
            entry("injection", "Diagnostic block site")
            y += step
        }
        scene.labelObstacles.append(PageRect(x: x0 - 4, y: 28, width: Self.legendWidth, height: y - 28))
    }
}
