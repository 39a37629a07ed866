import BodyGeometry
import ClunealAnatomy
import ClunealRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds the posterior-view map of a ``BodyModel`` as a ``Scene``: outline, bones, fascia,
/// ligament, muscle borders, every cluneal branch, entrapment zones as ±1 SD and ±2 SD
/// ellipses, block sites, a 1 cm grid, a scale bar, orientation letters, a legend, a title and
/// the education notice. One scene feeds both the PNG and the SVG.
///
/// The body is drawn life size (1 body mm = 1 page mm); the PNG's pHYs makes a print at 100 %
/// life size.
public struct MapComposer: Sendable {
    public let model: BodyModel
    public let options: MapOptions

    /// Page margins around the body, millimetres: room for axis numbers, title, legend, scale.
    static let baseMargins = PageInsets(top: 26, left: 16, bottom: 26, right: 70)
    /// Height added above the title for a red-flag banner, millimetres.
    static let bannerHeight = 10.0

    /// The margins of this map: the base ones, taller at the top when a banner comes first,
    /// all grown with the furniture (see ``furnitureScale``).
    var margins: PageInsets {
        var m = Self.baseMargins
        if options.banner != nil { m.top += Self.bannerHeight }
        let k = furnitureScale
        return PageInsets(top: m.top * k + options.extraTopMillimetres, left: m.left * k,
                          bottom: m.bottom * k + options.extraBottomMillimetres, right: m.right * k)
    }

    /// Where the title block starts, page millimetres from the top.
    var titleTop: Double { options.banner == nil ? 0 : Self.bannerHeight * furnitureScale }

    /// How much the page furniture (title, legend, scale bar, notice, grid numbers, orientation
    /// letters) grows, with its margins, to stay legible on a map printed smaller: the same as
    /// the labels' (``MapOptions/labelScale``), times the `--text-size` scale; 1 for a life-size
    /// map at the default text size.
    var furnitureScale: Double { options.labelScale * textScale }
    /// Opacity of a bone outside the highlighted trap (see ``addBones(to:box:)``).
    static let fadedBoneStrength = 0.45
    /// Space kept around the anatomy inside the viewport, millimetres.
    static let bodyPadding = 12.0

    public init(model: BodyModel, options: MapOptions = MapOptions()) {
        self.model = model
        self.options = options
    }

    var theme: MapTheme { options.theme }

    /// The part of the body frame the map shows.
    public var viewport: Bounds {
        let sides = Set(options.sides)
        // Trimmed to what the anatomy needs: the height of the nerves, bones and point
        // landmarks (not the skin outline or the long fascia and muscle sheets above, which the
        // map cuts off); the width of everything, the skin outline within that height included
        // (the hips are not cut off, whichever sex's outline is drawn).
        var tall: [Point] = [], wide: [Point] = []
        let structures = model.structures.filter { $0.entry.kind != .outline }
        for s in structures where shown(s.side) {
            wide += s.geometry.points
            if s.entry.kind == .bone { tall += s.geometry.points }
        }
        for n in model.nerves where shown(n.side) { tall += n.geometry.points }
        for l in model.landmarks where shown(l.side) {
            guard let p = l.geometry.asPoint else { continue }
            tall.append(p)
        }
        var heights = Bounds(tall) ?? Bounds(min: Point(-200, -250), max: Point(200, 200))
        for s in model.structures where s.entry.kind == .outline && shown(s.side) {
            wide += s.geometry.points.filter { (heights.min.z ... heights.max.z).contains($0.z) }
        }
        var widths = Bounds(wide + tall) ?? heights
        if let group = options.region.group, let frame = regionFrame(group, sides: sides) {
            heights = frame
            widths = frame
        }
        let box = Bounds(min: Point(widths.min.x, heights.min.z), max: Point(widths.max.x, heights.max.z))
        var minX = box.min.x - Self.bodyPadding, maxX = box.max.x + Self.bodyPadding
        if sides == [.left] { minX = -Self.bodyPadding - 8 }
        if sides == [.right] { maxX = Self.bodyPadding + 8 }
        if sides.count == 2 {
            let half = Swift.max(abs(minX), abs(maxX))
            minX = -half
            maxX = half
        }
        // Whole centimetres, so grid lines meet the edges cleanly.
        func down(_ v: Double) -> Double { (v / 10).rounded(.down) * 10 }
        func up(_ v: Double) -> Double { (v / 10).rounded(.up) * 10 }
        return Bounds(min: Point(down(minX), down(box.min.z - Self.bodyPadding)), max: Point(up(maxX), up(box.max.z + Self.bodyPadding)))
    }

    /// The region of one nerve group: its default zones at ±2 SD and the line structures that
    /// make its traps (the crest, the long dorsal ligament, the border of gluteus maximus), with
    /// the midline; nil when the atlas has none of them.
    func regionFrame(_ group: NerveGroup, sides: Set<Side>) -> Bounds? {
        var points: [Point] = [Point(0, 0)]
        let sites = model.atlas.document.entrapmentSites.filter { $0.nerve == group }
        let trap = Set(sites.flatMap { [$0.structure] + ($0.alsoFormedBy ?? []) })
        let zones = model.zones.filter { $0.isDefault && $0.site.nerve == group && shown($0.side) }
        for z in zones { points += z.outline(standardDeviations: 2, error: options.palpationError) }
        // The group's nerves near their traps (within the reach below of a default zone's centre).
        for n in model.nerves where n.entry.nerve == group && shown(n.side) {
            let chain = SmoothCurve.flattened(through: n.geometry.points, closed: false, tolerance: 0.5)
            points += chain.filter { p in zones.contains { $0.centre.distance(to: p) <= Self.regionNerveReach } }
        }
        for s in model.structures where trap.contains(s.entry.id) && shown(s.side) {
            switch s.geometry {
            case .polyline, .ribbon, .point: points += s.geometry.points
            case .polygon: continue
            }
        }
        guard points.count > 1, let box = Bounds(points) else { return nil }
        let pad = Self.regionPadding
        return Bounds(min: Point(box.min.x - pad, box.min.z - pad), max: Point(box.max.x + pad, box.max.z + pad))
    }

    /// How far from a trap a region still shows the nerves, millimetres.
    static let regionNerveReach = 50.0
    /// Room kept around a region's anatomy, millimetres (besides the usual body padding).
    static let regionPadding = 10.0

    /// The low back and buttocks: the viewport's width, from `above` millimetres over the top
    /// of the low-back fascia and the crests down to `below` millimetres under the lower
    /// border of gluteus maximus and 30 mm under the lowest default entrapment zone (for the
    /// handout and the slide, which leave the thighs out).
    func lowBackAndButtocks(above: Double, below: Double) -> Bounds {
        let base = viewport
        var top = 0.0, bottom = 0.0
        for s in model.structures where [WellKnownId.thoracolumbarFascia, .gluteusMaximusLowerBorder, .iliacCrest].map(\.id).contains(s.entry.id) {
            for p in s.geometry.points {
                top = Swift.max(top, p.z)
                bottom = Swift.min(bottom, p.z)
            }
        }
        for z in model.zones where z.isDefault { bottom = Swift.min(bottom, z.centre.z - 30) }
        return Bounds(min: Point(base.min.x, Swift.max(base.min.z, bottom - below)), max: Point(base.max.x, Swift.min(base.max.z, top + above)))
    }

    public func compose() -> Scene {
        let box = viewport
        let layout = PageLayout(bodyViewport: box, margins: margins)
        var scene = Scene(layout: layout, background: theme.background, title: "Cluneal nerves, posterior view",
                          metadata: ["atlas": model.atlas.id, "atlas-version": model.atlas.version,
                                     "frame": "body, mm, origin midline at PSIS level, +x patient's left, +z cranial",
                                     "scaling": model.scaling.summary, "theme": theme.name.rawValue])
        var layers = options.layers
        if options.isQuiz {
            // Nothing on a blank map may name or colour-code what a marker stands on.
            layers.subtract([.zone, .injection, .ultrasound, .label])
        }
        // Drawing order, deep to superficial: outline, grid (over the skin, under the anatomy),
        // bone, muscle, fascia, ligament, skin territories, zone, nerve, injection, labels, page
        // furniture.
        if layers.contains(.outline) { addOutline(to: &scene, box: box) }
        if layers.contains(.grid) { addGrid(to: &scene, box: box) }
        addSkeletonAndSoftTissue(to: &scene, box: box, layers: layers)
        // Skin areas lie on the skin, over the deeper anatomy and under the nerves' lines.
        if layers.contains(.territory) { addTerritories(to: &scene, box: box) }
        if layers.contains(.zone) { addZones(to: &scene) }
        if layers.contains(.nerve) { addNerves(to: &scene, box: box) }
        if layers.contains(.injection) { addInjectionSites(to: &scene) }
        if layers.contains(.ultrasound) { addUltrasound(to: &scene) }
        if layers.contains(.label) && options.labels { addLabels(to: &scene) }
        if options.isQuiz { addQuizMarkers(to: &scene) }
        // Nothing drawn in the body frame may spill past the viewport into the margins (a
        // region map crops the anatomy; the full map only trims the outline and long sheets).
        scene = scene.clippedToViewport()
        // Labels and their leaders stay in the drawn figure: the margins (and the page past a
        // region crop's cut edge) are closed to them.
        scene.labelObstacles += Self.pageOutside(layout.viewportRect, page: scene.pageSize)
        addBanner(to: &scene)
        addTitle(to: &scene)
        if options.isQuiz {
            addQuizInstructions(to: &scene)
        } else if layers.contains(.legend) {
            addLegend(to: &scene)
        }
        if layers.contains(.measure) { addScaleBar(to: &scene) }
        addOrientation(to: &scene)
        addNotice(to: &scene)
        return scene
    }

    /// The page around `rect`, as four rectangles (above, below, left, right of it).
    static func pageOutside(_ rect: PageRect, page: PageSize) -> [PageRect] {
        [PageRect(x: 0, y: 0, width: page.width, height: rect.minY),
         PageRect(x: 0, y: rect.maxY, width: page.width, height: Swift.max(0, page.height - rect.maxY)),
         PageRect(x: 0, y: rect.minY, width: rect.minX, height: rect.height),
         PageRect(x: rect.maxX, y: rect.minY, width: Swift.max(0, page.width - rect.maxX), height: rect.height)]
    }

    // MARK: - Selection

    func shown(_ side: Side?) -> Bool { side == nil || options.sides.contains(side ?? .left) }

    /// Opacity factor: 1 for highlighted (or no highlight), fainter otherwise.
    func emphasis(group: NerveGroup?, ids: [String]) -> Double {
        guard let highlight = options.highlight else { return 1 }
        switch highlight {
        case .group(let g): return group == g ? 1 : 0.25
        case .item(let id): return ids.contains(id) ? 1 : 0.25
        }
    }

    /// ``emphasis(group:ids:)`` of a nerve branch: its group, itself or a site it is trapped at.
    func emphasis(of n: Placed<NerveEntry>) -> Double {
        emphasis(group: n.entry.nerve, ids: [n.entry.id] + model.atlas.document.entrapmentSites.filter { $0.branches.contains(n.entry.id) }.map(\.id))
    }

    /// ``emphasis(group:ids:)`` of a zone: its group, itself, its site or a branch it sits on.
    func emphasis(of z: PlacedZone) -> Double {
        emphasis(group: z.site.nerve, ids: [z.id, z.site.id] + z.site.branches)
    }

    /// Opacity factor for a structure: full strength when it forms the trap of a highlighted
    /// group or site (the fascia and crest for the superior nerves, the LDSL for the middle, the
    /// gluteus maximus border, ischium and sacrotuberous ligament for the inferior).
    func trapEmphasis(structure id: String) -> Double {
        guard let highlight = options.highlight else { return 1 }
        let sites = model.atlas.document.entrapmentSites.filter { $0.structure == id || ($0.alsoFormedBy ?? []).contains(id) }
        switch highlight {
        case .group(let g): return sites.contains { $0.nerve == g } ? 1 : 0.25
        case .item(let item): return item == id || sites.contains { $0.id == item } ? 1 : 0.25
        }
    }

    func zoneIsShown(_ zone: PlacedZone) -> Bool {
        switch options.zones {
        case .defaults: zone.isDefault
        case .all: true
        case .source(let s): zone.entry.source == s
        }
    }

    static func metadata(kind: String, side: Side?, sources: [String], fidelity: Fidelity?) -> [String: String] {
        var m = ["kind": kind, "laterality": side?.rawValue ?? "midline", "source": sources.joined(separator: " ")]
        if let fidelity { m["fidelity"] = fidelity.rawValue }
        return m
    }

    static func itemId(_ id: String, _ side: Side?) -> String { side.map { "\(id)-\($0.rawValue)" } ?? id }

    // MARK: - Anatomy

    func addOutline(to scene: inout Scene, box: Bounds) {
        for s in model.structures where s.entry.kind == .outline && shown(s.side) {
            guard case .polygon(let p) = s.geometry else { continue }
            guard let region = Self.smoothRegion(p.points, in: box) else { continue }
            // The person's sex draws its own outline (atlas `bySex`): cite what was drawn.
            let provenance = s.entry.bySex?.first { $0.sex == model.measurements.sex }?.provenance ?? s.entry.provenance
            scene.add(.path(Self.itemId(s.entry.id, s.side), ScenePath([region]),
                            style: Style(fill: theme.skin, stroke: StrokeStyle(color: theme.outline, widthMm: 0.5)),
                            title: s.entry.names.en,
                            metadata: Self.metadata(kind: "outline", side: s.side, sources: provenance.sources, fidelity: provenance.fidelity)),
                      to: .outline, title: "Body outline")
        }
        // Line landmarks: the midline, the intercristal line, the gluteal folds.
        for l in model.landmarks where shown(l.side) {
            guard case .polyline(let line) = l.geometry else { continue }
            let dashed = l.entry.id == WellKnownId.posteriorMidline.id || l.entry.id == WellKnownId.intercristalLine.id
            for (i, run) in PolygonClipping.clip(polyline: line.points, to: box).enumerated() {
                scene.add(.path(Self.itemId(l.entry.id, l.side) + (i > 0 ? "-\(i)" : ""), ScenePath([Subpath(body: run, closed: false, smooth: true)]),
                                style: .stroke(theme.outline, widthMm: 0.35, dash: dashed ? DashPattern([3, 2]) : nil),
                                title: l.entry.names.en,
                                metadata: Self.metadata(kind: "landmark", side: l.side, sources: l.entry.provenance.sources, fidelity: l.entry.provenance.fidelity)),
                          to: .outline, title: "Body outline")
            }
        }
    }

    func addBones(to scene: inout Scene, box: Bounds) {
        for s in model.structures where s.entry.kind == .bone && shown(s.side) {
            let meta = Self.metadata(kind: "bone", side: s.side, sources: s.entry.provenance.sources, fidelity: s.entry.provenance.fidelity)
            let id = Self.itemId(s.entry.id, s.side)
            // Under a highlight, bones that make no part of the highlighted trap step back (less
            // than the nerves and soft tissue do: they keep the reader oriented).
            let strength = trapEmphasis(structure: s.entry.id) < 1 ? Self.fadedBoneStrength : 1
            switch s.geometry {
            case .polygon(let p):
                guard let region = Self.smoothRegion(p.points, in: box) else { continue }
                scene.add(.path(id, ScenePath([region]),
                                style: Style(fill: theme.boneFill, fillOpacity: strength,
                                             stroke: StrokeStyle(color: theme.bone, widthMm: 0.45, opacity: strength)),
                                title: s.entry.names.en, metadata: meta), to: .bone, title: "Bone")
            case .polyline(let line):
                let isCrest = s.entry.id == WellKnownId.iliacCrest.id
                if s.entry.id == WellKnownId.lumbarSpinousProcesses.id {
                    for (i, p) in line.points.enumerated() {
                        scene.add(.ellipse("\(id)-\(i + 1)", SceneEllipse(centre: .body(p), radiusXMm: 4, radiusYMm: 6),
                                           style: Style(fill: theme.boneFill, stroke: StrokeStyle(color: theme.bone, widthMm: 0.35)),
                                           title: s.entry.names.en, metadata: meta), to: .bone, title: "Bone")
                    }
                } else {
                    scene.add(.path(id, ScenePath(polyline: line, smooth: true), style: .stroke(theme.bone, widthMm: isCrest ? 1.4 : 0.6, opacity: strength),
                                    title: s.entry.names.en, metadata: meta), to: .bone, title: "Bone")
                }
            case .ribbon(let r):
                if let outline = r.outline {
                    scene.add(.path(id, ScenePath(smoothPolygon: outline), style: .fill(theme.bone, opacity: 0.6),
                                    title: s.entry.names.en, metadata: meta), to: .bone, title: "Bone")
                }
            case .point:
                continue
            }
        }
        // Point landmarks.
        for l in model.landmarks where shown(l.side) {
            guard let p = l.geometry.asPoint else { continue }
            if l.entry.id.hasPrefix("posterior-sacral-foramen") {
                // An opening in the bone, not a landmark dot: a dark oval.
                scene.add(.ellipse(Self.itemId(l.entry.id, l.side), SceneEllipse(centre: .body(p), radiusXMm: 3.2, radiusYMm: 2.6),
                                   style: Style(fill: theme.bone, fillOpacity: 0.75, stroke: StrokeStyle(color: theme.bone, widthMm: 0.3)),
                                   title: l.entry.names.en,
                                   metadata: Self.metadata(kind: "bone", side: l.side, sources: l.entry.provenance.sources, fidelity: l.entry.provenance.fidelity)),
                          to: .bone, title: "Bone")
                continue
            }
            let shape: MarkerShape
            switch l.entry.id {
            case WellKnownId.psis.id: shape = .ring
            case WellKnownId.greaterTrochanter.id, WellKnownId.ischialTuberosity.id: shape = .ring
            case WellKnownId.crestSummit.id, WellKnownId.erectorSpinaeLateralBorder.id: shape = .diamond
            default: shape = .dot
            }
            let size = l.entry.id == WellKnownId.psis.id ? 4.5 : 3.0
            scene.add(.marker(Self.itemId(l.entry.id, l.side),
                              Marker(at: .body(p), shape: shape, sizeMm: size, style: .fill(theme.bone)),
                              title: l.entry.names.en,
                              metadata: Self.metadata(kind: "landmark", side: l.side, sources: l.entry.provenance.sources, fidelity: l.entry.provenance.fidelity)),
                      to: .bone, title: "Bone")
        }
    }

    /// Bones, muscles, fascia and ligaments, deep to superficial, as the map and the slide draw
    /// them. The muscles' translucent areas lie under the bones, so a bone reads as one piece
    /// where a muscle covers part of it (the femur's shaft and its greater trochanter under
    /// gluteus maximus); their dashed edges and the gluteus maximus borders are drawn over the
    /// bones, and the fascia and ligaments over both.
    func addSkeletonAndSoftTissue(to scene: inout Scene, box: Bounds, layers: Set<MapOptions.LayerKind>) {
        if layers.contains(.muscle) { addStructures(of: .muscle, layer: .muscle, part: .areas, to: &scene, box: box) }
        if layers.contains(.bone) { addBones(to: &scene, box: box) }
        if layers.contains(.muscle) { addStructures(of: .muscle, layer: .muscleEdge, part: .lines, to: &scene, box: box) }
        if layers.contains(.fascia) { addStructures(of: .fascia, layer: .fascia, to: &scene, box: box) }
        if layers.contains(.ligament) { addStructures(of: .ligament, layer: .ligament, to: &scene, box: box) }
    }

    /// Which part of a structure to draw: all of it, only its filled areas (a polygon's fill), or
    /// only its lines (a polygon's edge, polylines, ribbons).
    enum StructurePart { case all, areas, lines }

    func addStructures(of kind: StructureKind, layer: LayerID, part: StructurePart = .all, to scene: inout Scene, box: Bounds) {
        let title: String
        let color: Color
        switch kind {
        case .fascia: (title, color) = ("Fascia", theme.fascia)
        case .ligament: (title, color) = ("Ligament", theme.ligament)
        case .muscle: (title, color) = ("Muscle", theme.muscle)
        case .outline, .bone, .territory: return
        }
        for s in model.structures where s.entry.kind == kind && shown(s.side) {
            let meta = Self.metadata(kind: kind.rawValue, side: s.side, sources: s.entry.provenance.sources, fidelity: s.entry.provenance.fidelity)
            let id = Self.itemId(s.entry.id, s.side)
            let fade = trapEmphasis(structure: s.entry.id)
            switch s.geometry {
            case .polygon(let p):
                guard let region = Self.smoothRegion(p.points, in: box) else { continue }
                let path = ScenePath([kind == .fascia ? Subpath(body: PolygonClipping.clip(p.points, to: box), closed: true) : region])
                let fill = part == .lines ? nil : color
                let edge = part == .areas ? nil : StrokeStyle(color: color, widthMm: 0.4, opacity: fade, dash: DashPattern([1.5, 1]))
                scene.add(.path(part == .lines ? id + "-edge" : id, path, style: Style(fill: fill, fillOpacity: 0.16 * fade, stroke: edge),
                                title: s.entry.names.en, metadata: part == .lines ? [:] : meta), to: layer, title: title)
            case .ribbon(let r):
                if part != .areas, let outline = r.outline {
                    scene.add(.path(id, ScenePath(smoothPolygon: outline),
                                    style: Style(fill: color, fillOpacity: 0.55 * fade, stroke: StrokeStyle(color: color, widthMm: 0.3, opacity: fade)),
                                    title: s.entry.names.en, metadata: meta), to: layer, title: title)
                }
            case .polyline(let line):
                guard part != .areas else { continue }
                scene.add(.path(id, ScenePath(polyline: line, smooth: true),
                                style: .stroke(color, widthMm: 0.8, opacity: fade, dash: kind == .muscle ? DashPattern([3, 1.5]) : nil),
                                title: s.entry.names.en, metadata: meta), to: layer, title: title)
            case .point:
                continue
            }
        }
    }

    /// A closed region drawn as the smooth curve through `points`. When the curve leaves the
    /// viewport it is flattened (to 0.05 mm) and clipped to it, so nothing spills onto the
    /// margins; nil when nothing is left.
    static func smoothRegion(_ points: [Point], in box: Bounds) -> Subpath? {
        if points.allSatisfy({ box.contains($0) }) { return points.count >= 3 ? Subpath(body: points, closed: true, smooth: true) : nil }
        let curve = SmoothCurve.flattened(through: points, closed: true, tolerance: 0.05)
        let clipped = PolygonClipping.clip(curve, to: box)
        return clipped.count >= 3 ? Subpath(body: clipped, closed: true) : nil
    }

    /// How a skin area is drawn (on the map and in its legend swatch): a light wash of the
    /// group's colour inside a clear solid border, as the textbook maps of cutaneous
    /// territories draw them (a dashed edge read as a vague blob).
    func territoryStyle(_ group: NerveGroup, fade: Double = 1) -> Style {
        let color = theme.color(group)
        return Style(fill: color, fillOpacity: 0.13 * fade, stroke: StrokeStyle(color: color, widthMm: 0.5, opacity: 0.85 * fade))
    }

    /// The skin areas of the nerve groups: translucent, in the group's colour, solid edge.
    func addTerritories(to scene: inout Scene, box: Bounds) {
        for s in model.structures where s.entry.kind == .territory && shown(s.side) {
            guard case .polygon(let p) = s.geometry, let group = s.entry.nerve else { continue }
            guard let region = Self.smoothRegion(p.points, in: box) else { continue }
            let fade = emphasis(group: group, ids: [s.entry.id])
            var meta = Self.metadata(kind: "territory", side: s.side, sources: s.entry.provenance.sources, fidelity: s.entry.provenance.fidelity)
            meta["nerve"] = group.rawValue
            scene.add(.path(Self.itemId(s.entry.id, s.side), ScenePath([region]), style: territoryStyle(group, fade: fade),
                            title: s.entry.names.en, metadata: meta),
                      to: "territory", title: "Skin territories")
        }
    }

    func addNerves(to scene: inout Scene, box: Bounds) {
        for n in model.nerves where shown(n.side) {
            guard case .ribbon(let r) = n.geometry else { continue }
            let fade = emphasis(of: n)
            // Nerves are 1–2 mm wide; draw at least 1.2 mm so they read at a glance.
            let width = Swift.max(1.2, r.widths.max() ?? 1.2)
            var meta = Self.metadata(kind: "nerve", side: n.side, sources: n.entry.provenance.sources, fidelity: n.entry.provenance.fidelity)
            meta["nerve"] = n.entry.nerve.rawValue
            meta["branch"] = n.entry.branch
            let twigs = twigs(of: n)
            if !twigs.isEmpty {
                var twigMeta = Self.metadata(kind: "nerve-twigs", side: n.side, sources: n.entry.provenance.sources, fidelity: .schematic)
                twigMeta["nerve"] = n.entry.nerve.rawValue
                twigMeta["branch"] = n.entry.branch
                scene.add(.path(Self.itemId(n.entry.id, n.side) + "-twigs", ScenePath(twigs.map { Subpath(body: $0, closed: false, smooth: true) }),
                                style: Style(stroke: theme.nerveStroke(n.entry.nerve, widthMm: Swift.max(0.5, width * 0.45), opacity: fade)),
                                title: "\(n.entry.names.en): terminal twigs (schematic: drawn inside the group's skin area, not measured)",
                                metadata: twigMeta), to: .nerve, title: "Nerves")
            }
            let halo = StrokeStyle(color: theme.background, widthMm: width + 0.8, opacity: 0.9 * fade)
            let path = ScenePath(polyline: r.centreline, smooth: true)
            scene.add(.path(Self.itemId(n.entry.id, n.side) + "-halo", path, style: Style(stroke: halo)), to: .nerve, title: "Nerves")
            scene.add(.path(Self.itemId(n.entry.id, n.side), path,
                            style: Style(stroke: theme.nerveStroke(n.entry.nerve, widthMm: width, opacity: fade)),
                            title: n.entry.names.en, metadata: meta), to: .nerve, title: "Nerves")
        }
    }

    /// The terminal twigs of a cluneal branch (``NerveTwigs``), inside its group's skin
    /// territory on its side; none for the PFCN and its perineal branch (not cluneal
    /// branches: their skin is the thigh and perineum), or when the atlas has no territory.
    func twigs(of n: Placed<NerveEntry>) -> [[Point]] {
        guard case .ribbon(let r) = n.geometry,
              n.entry.names.en.lowercased().hasPrefix("\(n.entry.nerve.rawValue) cluneal nerve"),
              let territory = model.structures.first(where: { $0.entry.kind == .territory && $0.entry.nerve == n.entry.nerve && $0.side == n.side }),
              case .polygon(let polygon) = territory.geometry else { return [] }
        return NerveTwigs.twigs(along: r.centreline.points, inside: polygon)
    }

    /// ", with a palpation error of 10 mm per axis" when the outlines include one.
    var errorWords: String {
        options.palpationError.isAnatomyOnly ? "" : ", with a palpation error of \(options.palpationError.summary)"
    }

    func addZones(to scene: inout Scene) {
        // Wider, fainter bands first so the ±1 SD cores sit on top.
        let zones = model.zones.filter { shown($0.side) && zoneIsShown($0) }
        for z in zones where z.isDefault || options.zones != .all {
            guard !z.isDisputed else { continue }
            let fade = emphasis(of: z)
            scene.add(.path(Self.itemId(z.id, z.side) + "-2sd", ScenePath([Subpath(body: z.outline(standardDeviations: 2, error: options.palpationError), closed: true)]),
                            style: .fill(theme.color(z.site.nerve), opacity: 0.10 * fade),
                            title: "\(z.site.names.en), \(z.entry.source): mean ± 2 SD\(errorWords)"),
                      to: .zone, title: "Entrapment zones")
        }
        for z in zones {
            let fade = emphasis(of: z)
            var meta = Self.metadata(kind: "zone", side: z.side, sources: [z.entry.source], fidelity: z.entry.fidelity)
            meta["site"] = z.site.id
            meta["default"] = z.isDefault ? "true" : "false"
            if z.isDisputed { meta["disputed"] = "true" }
            let color = z.isDisputed ? theme.disputed : theme.color(z.site.nerve)
            let style: Style
            if z.isDisputed {
                style = Style(stroke: StrokeStyle(color: color, widthMm: 0.5, opacity: fade, dash: DashPattern([0.6, 1.0])))
            } else if z.isDefault || options.zones != .all {
                style = Style(fill: color, fillOpacity: 0.28 * fade, stroke: StrokeStyle(color: color, widthMm: 0.35, opacity: fade))
            } else {
                style = Style(stroke: StrokeStyle(color: color, widthMm: 0.35, opacity: 0.8 * fade, dash: DashPattern([1.6, 1.0])))
            }
            let what = z.isDisputed ? "disputed variant" : (z.isDefault ? "default zone" : "zone")
            scene.add(.path(Self.itemId(z.id, z.side), ScenePath([Subpath(body: z.outline(standardDeviations: 1, error: options.palpationError), closed: true)]),
                            style: style, title: "\(z.site.names.en), \(z.entry.source) (\(what)): mean ± 1 SD\(errorWords)", metadata: meta),
                      to: .zone, title: "Entrapment zones")
        }
    }

    func addInjectionSites(to scene: inout Scene) {
        for s in model.injectionSites where shown(s.side) {
            let group = model.atlas.site(s.entry.site)?.nerve
            let fade = emphasis(group: group, ids: [s.entry.id, s.entry.site])
            var meta = Self.metadata(kind: "injection", side: s.side, sources: s.entry.provenance.sources, fidelity: s.entry.provenance.fidelity)
            meta["site"] = s.entry.site
            meta["volume-ml"] = "\(s.entry.volumeMillilitres.min)-\(s.entry.volumeMillilitres.max)"
            scene.add(.marker(Self.itemId(s.entry.id, s.side),
                              Marker(at: .body(s.point), shape: .target, sizeMm: 4.2,
                                     style: .fill(theme.injection.multipliedAlpha(fade))),
                              title: "\(s.entry.names.en): \(s.entry.howToFind)", metadata: meta),
                      to: .injection, title: "Diagnostic block sites")
        }
    }
}
