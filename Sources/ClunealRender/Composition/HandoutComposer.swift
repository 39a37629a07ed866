import BodyGeometry
import ClunealAnatomy

/// A plain-language self-care handout for a patient: where rolling on a massage ball is fine
/// (the large buttock and low-back muscles) and the entrapment sites that must not be pressed.
///
/// Built from the same body model as the map, so the "do not press" spots are the atlas's
/// entrapment zones (mean ± 2 SD) on this person.
public struct HandoutComposer: Sendable {
    public let model: BodyModel
    public let theme: MapTheme

    public init(model: BodyModel, theme: MapTheme = .standard) {
        self.model = model
        self.theme = theme
    }

    /// "Fine" and "do not press" colours, and the words the text uses for them. Green and red
    /// in the standard theme; blue and vermillion (Okabe–Ito) for colour-blind readers; light
    /// grey and black for grayscale printing. The crosses and the words carry the meaning too.
    var okColor: Color {
        switch theme.name {
        case .standard: Color(rgb: 0x2E9E4F)
        case .colorblind: Color(rgb: 0x0072B2)
        case .print: Color(rgb: 0x9A9A9A)
        }
    }
    var avoidColor: Color {
        switch theme.name {
        case .standard: Color(rgb: 0xD1272E)
        case .colorblind: Color(rgb: 0xD55E00)
        case .print: Color(rgb: 0x111111)
        }
    }
    var okWord: String {
        switch theme.name {
        case .standard: "green"
        case .colorblind: "blue"
        case .print: "light grey"
        }
    }
    var avoidWord: String {
        switch theme.name {
        case .standard: "red"
        case .colorblind: "orange"
        case .print: "dark"
        }
    }

    /// The ball stays this far from the spinous processes (millimetres): the low-back area is the
    /// muscle beside the spine, not the bony midline.
    static let midlineClearance = 15.0

    static let margins = PageInsets(top: 40, left: 12, bottom: 40, right: 12)

    public func compose() -> Scene {
        let base = MapComposer(model: model, options: MapOptions(theme: theme))
        let box = base.viewport
        let layout = PageLayout(bodyViewport: box, margins: Self.margins)
        var scene = Scene(layout: layout, background: theme.background, title: "Self-care with a massage ball",
                          metadata: ["atlas": model.atlas.id, "atlas-version": model.atlas.version, "kind": "handout-self-care",
                                     "scaling": model.scaling.summary])
        base.addOutline(to: &scene, box: box)
        addBones(to: &scene)
        addMuscleAreas(to: &scene)
        addNoPressSpots(to: &scene)
        addText(to: &scene)
        return scene
    }

    func addBones(to scene: inout Scene) {
        for s in model.structures where s.entry.kind == .bone {
            switch s.geometry {
            case .polyline(let l) where s.entry.id == WellKnownId.iliacCrest.id:
                scene.add(.path("bone-\(s.entry.id)-\(s.side?.rawValue ?? "mid")", ScenePath(polyline: l), style: .stroke(theme.bone, widthMm: 1.4),
                                title: "Top of the hip bone (iliac crest)"), to: .bone, title: "Bone")
            case .polygon(let p):
                scene.add(.path("bone-\(s.entry.id)", ScenePath(polygon: p), style: Style(fill: theme.boneFill, stroke: StrokeStyle(color: theme.bone, widthMm: 0.4)),
                                title: s.entry.names.en), to: .bone, title: "Bone")
            default:
                continue
            }
        }
        for l in model.landmarks where l.entry.id == WellKnownId.psis.id {
            guard let p = l.geometry.asPoint else { continue }
            scene.add(.marker("dimple-\(l.side?.rawValue ?? "mid")", Marker(at: .body(p), shape: .ring, sizeMm: 5, style: .fill(theme.bone)),
                              title: "Dimple over the back of the pelvis (PSIS)"), to: .bone, title: "Bone")
        }
    }

    /// The buttock muscle between the borders of gluteus maximus, and the low-back muscles under
    /// the thoracolumbar fascia above the crest.
    func addMuscleAreas(to scene: inout Scene) {
        for side in Side.allCases {
            let upper = model.structures.first { $0.entry.id == WellKnownId.gluteusMaximusUpperBorder.id && $0.side == side }?.geometry.asPolyline
            let lower = model.structures.first { $0.entry.id == WellKnownId.gluteusMaximusLowerBorder.id && $0.side == side }?.geometry.asPolyline
            if let upper, let lower {
                let u = upper.points.sorted { abs($0.x) < abs($1.x) }
                let l = lower.points.sorted { abs($0.x) > abs($1.x) }
                if let region = Polygon(u + l) {
                    scene.add(.path("ok-buttock-\(side.rawValue)", ScenePath(polygon: region),
                                    style: Style(fill: okColor, fillOpacity: 0.28, stroke: StrokeStyle(color: okColor, widthMm: 0.6)),
                                    title: "Fine to roll on: the big buttock muscle", metadata: ["kind": "ok-area"]),
                              to: "ok", title: "Fine to roll on")
                }
            }
            if case .polygon(let fascia)? = model.structures.first(where: { $0.entry.id == WellKnownId.thoracolumbarFascia.id && $0.side == side })?.geometry {
                let c = Self.midlineClearance
                let beside = Bounds(min: Point(side == .left ? c : -10_000, -10_000), max: Point(side == .left ? 10_000 : -c, 10_000))
                let clipped = PolygonClipping.clip(fascia.points, to: beside)
                guard let region = Polygon(clipped) else { continue }
                scene.add(.path("ok-low-back-\(side.rawValue)", ScenePath(polygon: region),
                                style: Style(fill: okColor, fillOpacity: 0.22, stroke: StrokeStyle(color: okColor, widthMm: 0.6)),
                                title: "Fine to roll on: the low-back muscles beside the spine", metadata: ["kind": "ok-area"]),
                          to: "ok", title: "Fine to roll on")
            }
        }
    }

    /// One spot per default entrapment zone: the zone's ±2 SD outline, at least 15 mm across.
    func addNoPressSpots(to scene: inout Scene) {
        for z in model.zones where z.isDefault && !z.isDisputed {
            let radius = Swift.max(15, 2 * Swift.max(z.lateralSD, z.verticalSD))
            scene.add(.ellipse("avoid-\(z.site.id)-\(z.side.rawValue)", .circle(centre: .body(z.centre), radiusMm: radius),
                               style: Style(fill: avoidColor, fillOpacity: 0.35, stroke: StrokeStyle(color: avoidColor, widthMm: 0.8)),
                               title: "Do not press: \(z.site.names.en)", metadata: ["kind": "avoid", "site": z.site.id, "side": z.side.rawValue]),
                      to: "avoid", title: "Do not press")
            scene.add(.marker("avoid-\(z.site.id)-\(z.side.rawValue)-x", Marker(at: .body(z.centre), shape: .cross, sizeMm: 6,
                                                                                style: .stroke(avoidColor, widthMm: 1.0)),
                              title: "Do not press here"), to: "avoid", title: "Do not press")
        }
    }

    func label(_ text: String, at p: Point, color: Color, priority: Int) -> TextLabel {
        TextLabel(text, at: .body(p), fontSizeMm: 4.6, color: color, weight: .bold, halo: Halo(color: theme.background, widthMm: 0.8),
                  alignment: .start, placement: .automatic(AutomaticPlacement(priority: priority, gapMm: 3,
                                                                              leader: StrokeStyle(color: color, widthMm: 0.4))))
    }

    func addText(to scene: inout Scene) {
        let page = scene.pageSize
        let title = TextLabel("Self-care with a massage ball: where it helps, and where not", at: .page(PagePoint(Self.margins.left, 13)),
                              fontSizeMm: 7, color: theme.text, weight: .bold, halo: nil, alignment: .start)
        scene.add(.text("title", title), to: .title, title: "Title")
        let intro = [
            "Lie or lean on a tennis ball or foam roller and roll slowly over the big muscles in the \(okWord) areas.",
            "Keep the ball off the \(avoidWord) spots marked ×: a trapped skin nerve runs there, and pressing it can make the pain worse.",
            "Keep it off the bony middle of the back too.",
        ]
        for (i, line) in intro.enumerated() {
            scene.add(.text("intro-\(i)", TextLabel(line, at: .page(PagePoint(Self.margins.left, 22 + Double(i) * 6)), fontSizeMm: 4.2,
                                                    color: theme.text, halo: nil, alignment: .start)), to: .title, title: "Title")
        }
        let outro = [
            "Stop and ask for advice if rolling causes sharp, burning or electric pain, or numbness.",
            "Get urgent help for new bladder or bowel trouble, numbness between the legs, or weakness in the legs.",
        ]
        for (i, line) in outro.enumerated() {
            scene.add(.text("outro-\(i)", TextLabel(line, at: .page(PagePoint(Self.margins.left, page.height - 26 + Double(i) * 6.5)), fontSizeMm: 4.4,
                                                    color: i == 1 ? avoidColor : theme.text, weight: i == 1 ? .bold : .regular, halo: nil, alignment: .start)),
                      to: .notice, title: "Notice")
        }
        scene.add(.text("notice", TextLabel(EducationNotice.text + " More: cluneal guide self-care.", at: .page(PagePoint(Self.margins.left, page.height - 8)),
                                            fontSizeMm: 3.2, color: theme.mutedText, halo: nil, alignment: .start)), to: .notice, title: "Notice")
        scene.labelObstacles.append(PageRect(x: 0, y: 0, width: page.width, height: Self.margins.top - 2))
        scene.labelObstacles.append(PageRect(x: 0, y: page.height - Self.margins.bottom + 2, width: page.width, height: Self.margins.bottom - 2))
        // One label per kind of area, on the patient's left (the page's left).
        if let upper = model.structures.first(where: { $0.entry.id == WellKnownId.gluteusMaximusUpperBorder.id && $0.side == .left })?.geometry.asPolyline,
           let lower = model.structures.first(where: { $0.entry.id == WellKnownId.gluteusMaximusLowerBorder.id && $0.side == .left })?.geometry.asPolyline {
            let mid = upper.point(atArcLength: upper.length * 0.6).lerp(lower.point(atArcLength: lower.length * 0.6), 0.5)
            scene.add(.text("label-ok-buttock", label("Fine: buttock muscles", at: mid, color: okColor, priority: 80)), to: .label, title: "Labels")
        }
        if let back = scene.layers.first(where: { $0.id == "ok" })?.items.first(where: { $0.id == "ok-low-back-left" }),
           case .path(let path, _) = back.content {
            let pts = path.subpaths.first?.points.compactMap { p -> Point? in if case .body(let b) = p { b } else { nil } } ?? []
            if let region = Polygon(pts) {
                scene.add(.text("label-ok-back", label("Fine: low-back muscles", at: region.centroid, color: okColor, priority: 70)), to: .label, title: "Labels")
            }
        }
        var labelled = Set<NerveGroup>()
        for z in model.zones where z.isDefault && !z.isDisputed && z.side == .left && !labelled.contains(z.site.nerve) {
            labelled.insert(z.site.nerve)
            scene.add(.text("label-avoid-\(z.site.nerve.rawValue)", label("Do not press", at: z.centre, color: avoidColor, priority: 100)),
                      to: .label, title: "Labels")
        }
    }
}
