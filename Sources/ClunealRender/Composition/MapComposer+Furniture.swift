import BodyGeometry
import ClunealAnatomy

/// Labels, grid, legend, scale bar, orientation letters, title and notice.
extension MapComposer {
    static let labelSizeMm = 3.0
    static let smallTextMm = 2.6

    func label(_ text: String, at p: Point, priority: Int, color: Color? = nil, weight: FontWeight = .regular) -> TextLabel {
        TextLabel(text, at: .body(p), fontSizeMm: Self.labelSizeMm * options.labelScale, color: color ?? theme.text, weight: weight,
                  halo: Halo(color: theme.background, widthMm: 0.5 * options.labelScale), alignment: .start,
                  placement: .automatic(AutomaticPlacement(priority: priority, gapMm: 1.5 * options.labelScale,
                                                           leader: StrokeStyle(color: theme.mutedText, widthMm: 0.2))))
    }

    /// One label per item; bilateral items are labelled on one side only (the first shown).
    func addLabels(to scene: inout Scene) {
        let labelSide = options.sides.first ?? .left
        func onLabelSide(_ side: Side?) -> Bool { side == nil || side == labelSide }
        var placed: [(String, TextLabel)] = []
        // Entrapment sites at their default zone centre: the most important labels.
        for z in model.zones where z.isDefault && onLabelSide(z.side) && options.layers.contains(.zone) {
            let text = z.site.names.short ?? Self.shortName(z.site.names.en)
            placed.append(("label-\(z.site.id)", label(text, at: z.centre, priority: 100, color: theme.textColor(z.site.nerve), weight: .bold)))
        }
        if options.zones == .all {
            for z in model.zones where z.isDisputed && onLabelSide(z.side) {
                placed.append(("label-\(z.id)", label("\(z.entry.source) (disputed)", at: z.centre, priority: 60, color: theme.disputed)))
            }
        }
        // Nerve branches near their distal end, where the lines fan out.
        if options.layers.contains(.nerve) {
            for n in model.nerves where onLabelSide(n.side) {
                guard case .ribbon(let r) = n.geometry else { continue }
                let at = r.centreline.point(atArcLength: r.centreline.length * 0.8)
                placed.append(("label-\(n.entry.id)", label(Self.nerveLabel(n.entry), at: at, priority: 80, color: theme.textColor(n.entry.nerve))))
            }
        }
        // Structures and landmarks that have a short name.
        for s in model.structures where onLabelSide(s.side) && options.layers.contains(Self.layerKind(s.entry.kind)) {
            guard let text = s.entry.names.short else { continue }
            let at: Point
            switch s.geometry {
            case .polyline(let l): at = l.point(atArcLength: l.length * 0.6)
            case .ribbon(let r): at = r.centreline.point(atArcLength: r.centreline.length * 0.5)
            case .polygon(let p): at = p.contains(p.centroid) ? p.centroid : p.points[0]
            case .point(let p): at = p
            }
            placed.append(("label-\(s.entry.id)", label(text, at: at, priority: 40)))
        }
        for l in model.landmarks where onLabelSide(l.side) && options.layers.contains(.bone) {
            guard let text = l.entry.names.short, let p = l.geometry.asPoint else { continue }
            placed.append(("label-\(l.entry.id)", label(text, at: p, priority: l.entry.id == WellKnownId.psis.id ? 90 : 50)))
        }
        for (id, text) in placed {
            scene.add(.text(id, text), to: .label, title: "Labels")
        }
    }

    /// Joins `parts` with " · " into at most `maxLines` lines no wider than `widthMm`, breaking
    /// between parts or words; the last line ends in "…" when something had to be left out.
    /// Widths are estimated at 0.62 em per character, a little over DejaVu Sans's average, so
    /// the estimate errs toward shorter lines.
    static func wrap(_ parts: [String], fontSizeMm: Double, widthMm: Double, maxLines: Int) -> [String] {
        let perLine = Swift.max(10, Int(widthMm / (0.62 * fontSizeMm)))
        var words: [String] = []
        for (i, part) in parts.enumerated() {
            let w = part.split(separator: " ").map(String.init)
            words += i < parts.count - 1 ? w.dropLast() + [(w.last ?? "") + " ·"] : w
        }
        var lines: [String] = []
        var current = ""
        for word in words {
            let candidate = current.isEmpty ? word : current + " " + word
            if candidate.count <= perLine {
                current = candidate
            } else {
                if !current.isEmpty { lines.append(current) }
                current = String(word.prefix(perLine))
            }
        }
        if !current.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            lines = Array(lines.prefix(maxLines))
            lines[maxLines - 1] = String(lines[maxLines - 1].prefix(perLine - 1)) + "…"
        }
        return lines.map { $0.hasSuffix(" ·") ? String($0.dropLast(2)) : $0 }
    }

    static func layerKind(_ kind: StructureKind) -> MapOptions.LayerKind {
        switch kind {
        case .outline: .outline
        case .bone: .bone
        case .fascia: .fascia
        case .ligament: .ligament
        case .muscle: .muscle
        }
    }

    static func shortName(_ s: String) -> String {
        s.count <= 40 ? s : String(s.prefix(38)) + "…"
    }

    /// The nerve's short name when the atlas gives one ("PFCN"), else "SCN medial", "MCN 2"...
    static func nerveLabel(_ n: NerveEntry) -> String {
        if let short = n.names.short { return short }
        let group: String
        switch n.nerve {
        case .superior: group = "SCN"
        case .middle: group = "MCN"
        case .inferior: group = "ICN"
        }
        return "\(group) \(n.branch)"
    }

    // MARK: - Grid and axes

    func addGrid(to scene: inout Scene, box: Bounds) {
        let minor = StrokeStyle(color: theme.gridMinor, widthMm: 0.12)
        let major = StrokeStyle(color: theme.gridMajor, widthMm: 0.25)
        var x = (box.min.x / 10).rounded(.up) * 10
        while x <= box.max.x + 1e-9 {
            let isMajor = Int(x.rounded()) % 50 == 0
            scene.add(.path("grid-x\(Int(x.rounded()))", ScenePath([Subpath(body: [Point(x, box.min.z), Point(x, box.max.z)], closed: false)]),
                            style: Style(stroke: isMajor ? major : minor)), to: .grid, title: "Grid (1 cm)")
            if isMajor {
                let cm = Int((abs(x) / 10).rounded())
                let text = cm == 0 ? "0" : "\(cm) \(x > 0 ? "L" : "R")"
                let top = scene.layout.pagePoint(Point(x, box.max.z))
                scene.add(.text("grid-x-label\(Int(x.rounded()))",
                                TextLabel(text, at: .page(PagePoint(top.x, top.y - 1.2 * furnitureScale)), fontSizeMm: Self.smallTextMm * furnitureScale,
                                          color: theme.mutedText, halo: nil, alignment: TextAlignment(.middle, .bottom))),
                          to: .grid, title: "Grid (1 cm)")
            }
            x += 10
        }
        var z = (box.min.z / 10).rounded(.up) * 10
        while z <= box.max.z + 1e-9 {
            let isMajor = Int(z.rounded()) % 50 == 0
            scene.add(.path("grid-z\(Int(z.rounded()))", ScenePath([Subpath(body: [Point(box.min.x, z), Point(box.max.x, z)], closed: false)]),
                            style: Style(stroke: isMajor ? major : minor)), to: .grid, title: "Grid (1 cm)")
            if isMajor {
                let cm = Int((z / 10).rounded())
                let left = scene.layout.pagePoint(Point(box.max.x, z))
                scene.add(.text("grid-z-label\(Int(z.rounded()))",
                                TextLabel(cm > 0 ? "+\(cm)" : "\(cm)", at: .page(PagePoint(left.x - 1.2 * furnitureScale, left.y)), fontSizeMm: Self.smallTextMm * furnitureScale,
                                          color: theme.mutedText, halo: nil, alignment: TextAlignment(.end, .middle))),
                          to: .grid, title: "Grid (1 cm)")
            }
            z += 10
        }
    }

    // MARK: - Page furniture


    func addTitle(to scene: inout Scene) {
        let k = furnitureScale
        let sides = options.sides.count == 2 ? "both sides" : "patient's \(options.sides.first?.rawValue ?? "left") side"
        scene.add(.text("title", TextLabel("Cluneal nerves: posterior view, \(sides)", at: .page(PagePoint(margins.left, titleTop + 9 * k)),
                                           fontSizeMm: 5.2 * k, color: theme.text, weight: .bold, halo: nil, alignment: TextAlignment(.start, .baseline))),
                  to: .title, title: "Title")
        // A blank quiz map names no landmark, not even the one the frame is measured from.
        let frame = options.isQuiz ? "grid: cm from the midline and from the zero line" : "body frame: cm from the midline and from the PSIS level"
        var parts = ["Atlas \(model.atlas.id) \(model.atlas.version)", frame,
                     // A quiz map must not name landmarks (the measured ones appear in the summary).
                     "scaling: \(options.isQuiz ? model.scaling.method.rawValue : model.scaling.summary)"]
        if let extra = options.subtitle { parts.append(extra) }
        let width = scene.pageSize.width - margins.left - 4 * k
        let lines = Self.wrap(parts, fontSizeMm: 2.8 * k, widthMm: width, maxLines: 3)
        for (i, line) in lines.enumerated() {
            scene.add(.text("subtitle-\(i + 1)", TextLabel(line, at: .page(PagePoint(margins.left, titleTop + (14.5 + Double(i) * 3.6) * k)), fontSizeMm: 2.8 * k,
                                                          color: theme.mutedText, halo: nil, alignment: .start)),
                      to: .title, title: "Title")
        }
        scene.labelObstacles.append(PageRect(x: 0, y: 0, width: scene.pageSize.width, height: margins.top - 2 * k))
    }

    func addBanner(to scene: inout Scene) {
        guard let banner = options.banner else { return }
        let k = furnitureScale
        let lines = Self.wrap([banner], fontSizeMm: 3.4 * k, widthMm: scene.pageSize.width - margins.left - 4 * k, maxLines: 2)
        for (i, line) in lines.enumerated() {
            scene.add(.text("banner-\(i + 1)", TextLabel(line, at: .page(PagePoint(margins.left, (3 + Double(i) * 4.2) * k)), fontSizeMm: 3.4 * k,
                                                        color: Color(rgb: 0xB00020), weight: .bold, halo: nil, alignment: TextAlignment(.start, .top))),
                      to: .notice, title: "Notice")
        }
    }

    func addNotice(to scene: inout Scene) {
        let k = furnitureScale
        let y = scene.pageSize.height - 4 * k
        scene.add(.text("notice", TextLabel(EducationNotice.text, at: .page(PagePoint(margins.left, y)), fontSizeMm: 2.8 * k,
                                            color: theme.text, weight: .bold, halo: nil, alignment: .start)),
                  to: .notice, title: "Notice")
        scene.labelObstacles.append(PageRect(x: 0, y: y - 4 * k, width: scene.pageSize.width, height: 8 * k))
    }

    func addOrientation(to scene: inout Scene) {
        let r = scene.layout.viewportRect
        let k = furnitureScale
        let style = { (t: String, p: PagePoint, a: TextAlignment) in
            TextLabel(t, at: .page(p), fontSizeMm: 4.2 * k, color: theme.text, weight: .bold, halo: Halo(color: theme.background, widthMm: 0.6 * k), alignment: a)
        }
        scene.add(.text("orientation-left", style("L", PagePoint(r.minX + 2 * k, r.minY + r.height / 2), TextAlignment(.start, .middle)),
                        title: "The patient's left"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-right", style("R", PagePoint(r.maxX - 2 * k, r.minY + r.height / 2), TextAlignment(.end, .middle)),
                        title: "The patient's right"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-cranial", style("cranial ↑", PagePoint(r.minX + r.width / 2, r.minY + 2 * k), TextAlignment(.middle, .top)),
                        title: "Toward the head"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-caudal", style("caudal ↓", PagePoint(r.minX + r.width / 2, r.maxY - 2 * k), TextAlignment(.middle, .bottom)),
                        title: "Toward the feet"), to: .measure, title: "Scale and orientation")
        scene.labelObstacles += [PageRect(x: r.minX, y: r.minY + r.height / 2 - 4 * k, width: 8 * k, height: 8 * k),
                                 PageRect(x: r.maxX - 8 * k, y: r.minY + r.height / 2 - 4 * k, width: 8 * k, height: 8 * k),
                                 PageRect(x: r.minX + r.width / 2 - 12 * k, y: r.minY, width: 24 * k, height: 7 * k),
                                 PageRect(x: r.minX + r.width / 2 - 12 * k, y: r.maxY - 7 * k, width: 24 * k, height: 7 * k)]
    }

    func addScaleBar(to scene: inout Scene) {
        let r = scene.layout.viewportRect
        let k = furnitureScale
        let y = r.maxY + 9 * k
        let x0 = r.minX
        // Always 5 cm of body, whatever the furniture's size.
        let length = 50.0
        let stroke = StrokeStyle(color: theme.text, widthMm: 0.4 * k, cap: .butt)
        scene.add(.path("scale-bar", ScenePath.pageLine(from: PagePoint(x0, y), to: PagePoint(x0 + length, y)), style: Style(stroke: stroke),
                        title: "Scale bar: 5 cm"), to: .measure, title: "Scale and orientation")
        for i in 0...5 {
            let x = x0 + Double(i) * 10
            let tick = (i % 5 == 0 ? 2.2 : 1.2) * k
            scene.add(.path("scale-tick-\(i)", ScenePath.pageLine(from: PagePoint(x, y - tick), to: PagePoint(x, y)), style: Style(stroke: stroke)),
                      to: .measure, title: "Scale and orientation")
        }
        scene.add(.text("scale-label", TextLabel(Self.scaleNote(printScale: options.printScale),
                                                 at: .page(PagePoint(x0 + length + 3 * k, y)), fontSizeMm: 2.8 * k, color: theme.text, halo: nil,
                                                 alignment: TextAlignment(.start, .middle))),
                  to: .measure, title: "Scale and orientation")
        scene.labelObstacles.append(PageRect(x: x0 - 1, y: y - 4 * k, width: 150 * k, height: 7 * k))
    }

    /// What the scale bar's note says: life size at 100 %, or, for a map printed smaller, to
    /// measure with the bar and the grid (the sheet it is printed on states the exact scale).
    static func scaleNote(printScale: Double) -> String {
        guard printScale.isFinite, printScale > 0, printScale < 1 else {
            return "5 cm. Printed at 100 % the map is life size (1 square = 1 cm)."
        }
        return "5 cm on the body. This print is smaller than life: measure with this bar or the grid (1 square = 1 cm on the body)."
    }

    func addLegend(to scene: inout Scene) {
        let r = scene.layout.viewportRect
        let k = furnitureScale
        let x0 = r.maxX + 6 * k
        var y = r.minY + 2 * k
        let width = margins.right - 10 * k
        func text(_ id: String, _ s: String, size: Double = 2.8, weight: FontWeight = .regular, dx: Double = 9) {
            scene.add(.text("legend-\(id)", TextLabel(s, at: .page(PagePoint(x0 + dx * k, y)), fontSizeMm: size * k, color: theme.text,
                                                      weight: weight, halo: nil, alignment: TextAlignment(.start, .middle))),
                      to: .legend, title: "Legend")
        }
        func swatchLine(_ id: String, _ color: Color, width: Double, dash: DashPattern?) {
            scene.add(.path("legend-\(id)-swatch", ScenePath.pageLine(from: PagePoint(x0, y), to: PagePoint(x0 + 7 * k, y)),
                            style: Style(stroke: StrokeStyle(color: color, widthMm: width * k, cap: .butt, dash: dash))),
                      to: .legend, title: "Legend")
        }
        text("heading", "Legend", size: 3.6, weight: .bold, dx: 0)
        y += 6 * k
        for group in NerveGroup.allCases {
            swatchLine(group.rawValue, theme.color(group), width: 1.2, dash: theme.dash(group))
            text(group.rawValue, "\(group.rawValue.capitalized) cluneal nerve")
            y += 5 * k
        }
        scene.add(.ellipse("legend-zone-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                           style: Style(fill: theme.color(.superior), fillOpacity: 0.28, stroke: StrokeStyle(color: theme.color(.superior), widthMm: 0.35))),
                  to: .legend, title: "Legend")
        text("zone", "Entrapment zone, mean ± 1 SD")
        y += 5 * k
        scene.add(.ellipse("legend-zone2-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                           style: .fill(theme.color(.superior), opacity: 0.10)), to: .legend, title: "Legend")
        text("zone2", "… and ± 2 SD (fainter)")
        y += 5 * k
        if options.zones == .all {
            scene.add(.ellipse("legend-variant-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                               style: Style(stroke: StrokeStyle(color: theme.color(.superior), widthMm: 0.35, dash: DashPattern([1.6, 1.0])))),
                      to: .legend, title: "Legend")
            text("variant", "Another source's zone")
            y += 5 * k
            scene.add(.ellipse("legend-disputed-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                               style: Style(stroke: StrokeStyle(color: theme.disputed, widthMm: 0.5, dash: DashPattern([0.6, 1.0])))),
                      to: .legend, title: "Legend")
            text("disputed", "Disputed variant (see atlas)")
            y += 5 * k
        }
        scene.add(.marker("legend-injection-swatch", Marker(at: .page(PagePoint(x0 + 3.5 * k, y)), shape: .target, sizeMm: 4.2 * k, style: .fill(theme.injection))),
                  to: .legend, title: "Legend")
        text("injection", "Diagnostic block site")
        y += 5 * k
        swatchLine("bone", theme.bone, width: 1.4, dash: nil)
        text("bone", "Iliac crest, bone")
        y += 5 * k
        scene.add(.path("legend-fascia-swatch", ScenePath(pageRect: PageRect(x: x0, y: y - 2 * k, width: 7 * k, height: 4 * k)),
                        style: Style(fill: theme.fascia, fillOpacity: 0.16, stroke: StrokeStyle(color: theme.fascia, widthMm: 0.4, dash: DashPattern([1.5, 1])))),
                  to: .legend, title: "Legend")
        text("fascia", "Thoracolumbar fascia")
        y += 5 * k
        swatchLine("ligament", theme.ligament.multipliedAlpha(0.55), width: 3, dash: nil)
        text("ligament", "Long dorsal SI ligament")
        y += 5 * k
        swatchLine("muscle", theme.muscle, width: 0.8, dash: DashPattern([3, 1.5]))
        text("muscle", "Gluteus maximus border")
        y += 5 * k
        scene.add(.marker("legend-psis-swatch", Marker(at: .page(PagePoint(x0 + 3.5 * k, y)), shape: .ring, sizeMm: 4.5 * k, style: .fill(theme.bone))),
                  to: .legend, title: "Legend")
        text("psis", "PSIS dimple (origin level)")
        y += 7 * k
        let notes = [
            "Grid: 1 cm squares, 5 cm lines",
            "stronger; numbers in cm.",
            "x: L/R of the midline;",
            "z: above (+) or below (−)",
            "the PSIS level.",
        ]
        for (i, line) in notes.enumerated() {
            text("note-\(i)", line, size: 2.5, dx: 0)
            y += 3.6 * k
        }
        scene.labelObstacles.append(PageRect(x: x0 - 2 * k, y: r.minY, width: width + 4 * k, height: y - r.minY + 2 * k))
    }
}
