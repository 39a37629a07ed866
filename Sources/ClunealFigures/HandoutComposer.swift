import BodyGeometry
import ClunealAnatomy
import ClunealRender

/// A plain-language self-care handout for a patient, on one A4 (or Letter) page: where rolling
/// on a massage ball is fine (the large buttock and low-back muscles) and the entrapment sites
/// that must not be pressed, in words a patient reads without help (no commands), body text
/// at 13 pt, and the urgent-help line.
///
/// Built from the same body model as the map, so the "do not press" spots are the atlas's
/// entrapment zones (mean ± 2 SD) on this person. The back is drawn smaller than life (the
/// page says "seen from behind" and marks left and right); the handout is not a measuring tool.
public struct HandoutComposer: Sendable {
    public let model: BodyModel
    public let theme: MapTheme
    /// A4 or Letter; the page is exactly that size.
    public let paper: Paper

    public init(model: BodyModel, theme: MapTheme = .standard, paper: Paper = .a4) {
        self.model = model
        self.theme = theme
        self.paper = paper
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
    /// The low-back area starts this far above the PSIS level (millimetres), clear of the
    /// sacrum and the dimples.
    static let lowBackFloor = 20.0
    /// The buttock area stays this far from the midline (millimetres), off the sacrum.
    static let sacrumClearance = 45.0

    /// Page margins, millimetres.
    static let marginMm = 14.0
    /// Body text, page millimetres: 4.6 mm is 13 pt.
    static let bodyTextMm = 4.6
    /// Labels on the drawing, page millimetres: 4.2 mm is 12 pt.
    static let labelTextMm = 4.2
    /// Where the drawing's box starts and ends, page millimetres from the top and bottom.
    static let figureTop = 74.0
    static let figureBottomReserve = 58.0

    /// The part of the body drawn: the low back down to below the buttock, both sides.
    var bodyRegion: Bounds {
        MapComposer(model: model, options: MapOptions(theme: theme)).lowBackAndButtocks(above: 10, below: 25)
    }

    public func compose() -> Scene {
        let page = paper.portrait
        let region = bodyRegion
        let box = PageRect(x: Self.marginMm, y: Self.figureTop, width: page.width - 2 * Self.marginMm,
                           height: page.height - Self.figureTop - Self.figureBottomReserve)
        let scale = Swift.min(box.width / region.width, box.height / region.height)
        let layout = PageLayout(pageSize: page, bodyViewport: region,
                                viewportOrigin: PagePoint(box.x + (box.width - region.width * scale) / 2, box.y), scale: scale)
        let base = MapComposer(model: model, options: MapOptions(theme: theme))
        var scene = Scene(layout: layout, background: theme.background, title: "Self-care with a massage ball",
                          metadata: ["atlas": model.atlas.id, "atlas-version": model.atlas.version, "kind": "handout-self-care",
                                     "scaling": model.scaling.summary, "paper": paper.rawValue])
        base.addOutline(to: &scene, box: region)
        addBones(to: &scene)
        addMuscleAreas(to: &scene)
        addNoPressSpots(to: &scene)
        // Nothing drawn on the body (the femoral shafts) may run past the drawing's box into
        // the text below it: the rule the map and the slide follow.
        scene = scene.clippedToViewport()
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
                let beside = Bounds(min: Point(side == .left ? Self.sacrumClearance : -10_000, -10_000),
                                    max: Point(side == .left ? 10_000 : -Self.sacrumClearance, 10_000))
                if let region = Polygon(PolygonClipping.clip(u + l, to: beside)) {
                    scene.add(.path("ok-buttock-\(side.rawValue)", ScenePath(polygon: region),
                                    style: Style(fill: okColor, fillOpacity: 0.28, stroke: StrokeStyle(color: okColor, widthMm: 0.6)),
                                    title: "Fine to roll on: the big buttock muscle", metadata: ["kind": "ok-area"]),
                              to: "ok", title: "Fine to roll on")
                }
            }
            if case .polygon(let fascia)? = model.structures.first(where: { $0.entry.id == WellKnownId.thoracolumbarFascia.id && $0.side == side })?.geometry {
                let c = Self.midlineClearance
                let beside = Bounds(min: Point(side == .left ? c : -10_000, Self.lowBackFloor), max: Point(side == .left ? 10_000 : -c, 10_000))
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

    /// Text naming the "fine" areas: a darker shade than their fill, so it reads on it (and on
    /// grey in the print theme).
    var okTextColor: Color {
        switch theme.name {
        case .standard: Color(rgb: 0x1B6E35)
        case .colorblind: Color(rgb: 0x005A8C)
        case .print: Color(rgb: 0x222222)
        }
    }

    func label(_ text: String, at p: Point, color: Color, priority: Int) -> TextLabel {
        TextLabel(text, at: .body(p), fontSizeMm: Self.labelTextMm, color: color, weight: .bold, halo: Halo(color: theme.background, widthMm: 0.8),
                  alignment: .start, placement: .automatic(AutomaticPlacement(priority: priority, gapMm: 3,
                                                                              leader: StrokeStyle(color: color, widthMm: 0.4))))
    }

    /// Lines of `text` no wider than the page's text column at `size`.
    func paragraph(_ text: String, size: Double) -> [String] {
        MapComposer.wrap([text], fontSizeMm: size, widthMm: paper.portrait.width - 2 * Self.marginMm, maxLines: 6)
    }

    func addText(to scene: inout Scene) {
        let page = scene.pageSize
        let m = Self.marginMm
        let lineHeight = TextLabel.lineSpacing * Self.bodyTextMm
        scene.add(.text("title", TextLabel("Self-care with a massage ball", at: .page(PagePoint(m, m)), fontSizeMm: 8, color: theme.text,
                                           weight: .bold, halo: nil, alignment: .topLeft)), to: .title, title: "Title")
        scene.add(.text("subtitle", TextLabel("Where rolling on the ball helps, and where it does not", at: .page(PagePoint(m, m + 10.5)),
                                              fontSizeMm: 5.2, color: theme.mutedText, halo: nil, alignment: .topLeft)), to: .title, title: "Title")
        var y = m + 20
        let intro = [
            "Lie or lean on a tennis ball or a foam roller and roll slowly over the big muscles in the \(okWord) areas.",
            "Keep the ball off the \(avoidWord) spots marked ×: a nerve of the skin can be trapped there, and pressing it can make the pain worse. Keep it off the bony middle of the back too.",
        ]
        var n = 0
        for text in intro {
            for line in paragraph(text, size: Self.bodyTextMm) {
                scene.add(.text("intro-\(n)", TextLabel(line, at: .page(PagePoint(m, y)), fontSizeMm: Self.bodyTextMm, color: theme.text,
                                                        halo: nil, alignment: .topLeft)), to: .title, title: "Title")
                y += lineHeight
                n += 1
            }
            y += 1.5
        }
        // The drawing: a back view, with the sides named.
        let r = scene.layout.viewportRect
        scene.add(.text("view", TextLabel("Your lower back and buttocks, seen from behind", at: .page(PagePoint(page.width / 2, Self.figureTop - 2)),
                                          fontSizeMm: Self.labelTextMm, color: theme.text, weight: .bold, halo: nil,
                                          alignment: TextAlignment(.middle, .bottom))), to: .title, title: "Title")
        let sideY = r.minY + r.height * 0.42
        for (id, letter, word, x, align) in [("left", "L", "your left", r.minX + 2, TextAlignment.Horizontal.start),
                                             ("right", "R", "your right", r.maxX - 2, TextAlignment.Horizontal.end)] {
            scene.add(.text("side-\(id)", TextLabel(letter, at: .page(PagePoint(x, sideY)), fontSizeMm: 9, color: theme.text, weight: .bold,
                                                    halo: Halo(color: theme.background, widthMm: 0.8), alignment: TextAlignment(align, .bottom)),
                            title: "The patient's \(id)"), to: .title, title: "Title")
            scene.add(.text("side-\(id)-word", TextLabel(word, at: .page(PagePoint(x, sideY + 1.5)), fontSizeMm: Self.labelTextMm - 0.6,
                                                         color: theme.text, halo: Halo(color: theme.background, widthMm: 0.6),
                                                         alignment: TextAlignment(align, .top))), to: .title, title: "Title")
            scene.labelObstacles.append(PageRect(x: align == .start ? r.minX : r.maxX - 24, y: sideY - 10, width: 24, height: 16))
        }
        // After the drawing: when to stop, the urgent-help line, the notice.
        y = page.height - Self.figureBottomReserve + 8
        let outro: [(String, Bool)] = [
            ("Stop, and ask your physiotherapist or doctor, if rolling causes sharp, burning or electric pain, or numbness.", false),
            ("Get urgent help for new bladder or bowel trouble, numbness between the legs, or weakness in the legs.", true),
        ]
        n = 0
        for (text, urgent) in outro {
            for line in paragraph(text, size: Self.bodyTextMm) {
                scene.add(.text("outro-\(n)", TextLabel(line, at: .page(PagePoint(m, y)), fontSizeMm: Self.bodyTextMm,
                                                        color: urgent ? avoidColor : theme.text, weight: urgent ? .bold : .regular,
                                                        halo: nil, alignment: .topLeft)), to: .notice, title: "Notice")
                y += lineHeight
                n += 1
            }
            y += 2
        }
        scene.add(.text("notice", TextLabel(EducationNotice.text, at: .page(PagePoint(m, page.height - m)), fontSizeMm: 3.5,
                                            color: theme.mutedText, halo: nil, alignment: TextAlignment(.start, .bottom))),
                  to: .notice, title: "Notice")
        scene.labelObstacles.append(PageRect(x: 0, y: 0, width: page.width, height: Self.figureTop))
        scene.labelObstacles.append(PageRect(x: 0, y: page.height - Self.figureBottomReserve + 2, width: page.width, height: Self.figureBottomReserve - 2))
        // One label per kind of area, on the patient's left (the page's left).
        if let upper = model.structures.first(where: { $0.entry.id == WellKnownId.gluteusMaximusUpperBorder.id && $0.side == .left })?.geometry.asPolyline,
           let lower = model.structures.first(where: { $0.entry.id == WellKnownId.gluteusMaximusLowerBorder.id && $0.side == .left })?.geometry.asPolyline {
            let mid = upper.point(atArcLength: upper.length * 0.6).lerp(lower.point(atArcLength: lower.length * 0.6), 0.5)
            scene.add(.text("label-ok-buttock", label("Fine: buttock muscles", at: mid, color: okTextColor, priority: 80)), to: .label, title: "Labels")
        }
        if let back = scene.layers.first(where: { $0.id == "ok" })?.items.first(where: { $0.id == "ok-low-back-left" }),
           case .path(let path, _) = back.content {
            let pts = path.subpaths.first?.points.compactMap { p -> Point? in if case .body(let b) = p { b } else { nil } } ?? []
            if let region = Polygon(pts) {
                scene.add(.text("label-ok-back", label("Fine: low-back muscles", at: region.centroid, color: okTextColor, priority: 70)), to: .label, title: "Labels")
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
