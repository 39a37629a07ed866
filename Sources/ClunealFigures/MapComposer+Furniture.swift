import BodyGeometry
import ClunealAnatomy
import ClunealRender

/// Labels, grid, legend, scale bar, orientation letters, title and notice.
extension MapComposer {
    static let labelSizeMm = 3.0
    /// Label text size on this map, page millimetres: `--text-size` in points (1 pt = 25.4/72 mm),
    /// grown by ``MapOptions/labelScale`` when the map will be printed smaller.
    var labelSizeMm: Double { options.textSizePoints * 25.4 / 72 * options.labelScale }
    /// How much larger than the default all map text is.
    var textScale: Double { options.textSizePoints / MapOptions.defaultTextSizePoints }

    /// One numbered key per zone that is not a site's default (drawn with `--zones all`), in
    /// atlas order, so a dashed ellipse can be told apart from its neighbours.
    var zoneKeys: [(number: Int, zoneId: String, source: String, site: String)] {
        guard options.zones == .all else { return [] }
        let labelSide = options.sides.first ?? .left
        var out: [(number: Int, zoneId: String, source: String, site: String)] = []
        for z in model.zones where !z.isDefault && z.side == labelSide {
            let source = model.atlas.source(z.entry.source)?.shortCitation ?? z.entry.source
            out.append((out.count + 1, z.id, source + (z.isDisputed ? " (disputed)" : ""), z.site.names.short ?? Self.shortName(z.site.names.en)))
        }
        return out
    }

    static let smallTextMm = 2.6
    /// Strength of the label of an item a highlight fades (its ``emphasis(group:ids:)`` below 1):
    /// still legible for orientation, clearly behind the highlighted ones.
    static let fadedLabelStrength = 0.5

    /// A label's colour: `color`, fainter when its item is faded by a highlight.
    func labelColor(_ color: Color, _ fade: Double) -> Color {
        fade < 1 ? color.multipliedAlpha(Self.fadedLabelStrength) : color
    }

    /// The share of an item's drawn line that must lie in the shown part for it to be named.
    static let labelledShare = 0.2

    /// True when enough of an item's drawn line (a structure, a nerve, a zone's outline) lies in
    /// the shown part to name it: an item that only grazes a region's crop is not named there
    /// (its label would crowd the cut edge, naming a stub).
    static func isNamed(_ chain: [Point], in shown: Bounds) -> Bool {
        Double(chain.filter(shown.contains).count) >= labelledShare * Double(chain.count)
    }
    /// How far along a branch its label's anchor may lie (from 0.4 of the way).
    static let nerveLabelSpan = 0.75

    func label(_ text: String, at p: Point, priority: Int, color: Color? = nil, weight: FontWeight = .regular,
               target: [Point] = [], rivals: [[Point]] = []) -> TextLabel {
        TextLabel(text, at: .body(p), fontSizeMm: labelSizeMm, color: color ?? theme.text, weight: weight,
                  halo: Halo(color: theme.background, widthMm: 0.5 * options.labelScale), alignment: .start,
                  placement: .automatic(AutomaticPlacement(priority: priority, gapMm: 1.5 * options.labelScale,
                                                           leader: StrokeStyle(color: theme.mutedText, widthMm: 0.2),
                                                           target: target.map(ScenePosition.body),
                                                           rivals: rivals.map { $0.map(ScenePosition.body) })))
    }

    /// The drawn line of an item, as points: the smooth curve through a polyline or a nerve's
    /// centreline (flattened to 0.2 mm), one point for a point.
    static func drawnChain(_ g: Geometry) -> [Point] {
        switch g {
        case .point(let p): [p]
        case .polyline(let l): SmoothCurve.flattened(through: l.points, closed: false, tolerance: 0.2)
        case .ribbon(let r): SmoothCurve.flattened(through: r.centreline.points, closed: false, tolerance: 0.2)
        case .polygon(let p): [p.contains(p.centroid) ? p.centroid : p.points[0]]
        }
    }

    /// The point of `chain` (from `fraction` of the way along to `upTo`) farthest from every
    /// rival: where a leader can end with the least doubt about which line it names.
    /// Only points inside `within` are candidates when any are (a region map's crop).
    static func clearestPoint(on chain: [Point], from fraction: Double, upTo end: Double = 1, awayFrom rivals: [[Point]],
                              within: Bounds? = nil) -> Point {
        guard chain.count > 1 else { return chain.first ?? .origin }
        let start = Int(Double(chain.count - 1) * fraction)
        let stop = Swift.max(start, Int(Double(chain.count - 1) * Swift.min(1, end)))
        var candidates = Array(chain[start...stop])
        if let within {
            let shown = chain.filter { within.contains($0) }
            let later = candidates.filter { within.contains($0) }
            candidates = later.isEmpty ? (shown.isEmpty ? candidates : shown) : later
        }
        var best = candidates[candidates.count - 1], bestClearance = -1.0
        for p in candidates {
            var clearance = Double.infinity
            for rival in rivals {
                for q in rival { clearance = Swift.min(clearance, p.distance(to: q)) }
            }
            if clearance > bestClearance + 0.5 {
                best = p
                bestClearance = clearance
            }
        }
        return best
    }

    /// One label per item; bilateral items are labelled on one side only (the first shown).
    /// Every label is tied by a leader to a point on its own item and placed no nearer to any
    /// other item of the same kind (nerve, zone, structure or landmark) than to its own.
    func addLabels(to scene: inout Scene) {
        let labelSide = options.sides.first ?? .left
        func onLabelSide(_ side: Side?) -> Bool { side == nil || side == labelSide }
        let shownBox = viewport
        var placed: [(String, TextLabel)] = []
        // Entrapment sites on their default zone: the most important labels. Zones of one site
        // group that overlap (the three superior crest sites) share one group label.
        if options.layers.contains(.zone) {
            let zones = model.zones.filter { $0.isDefault && onLabelSide($0.side) }
            let outlines = zones.map { z -> [Point] in
                let o = z.outline(standardDeviations: 1, error: options.palpationError)
                return o + (o.first.map { [$0] } ?? [])
            }
            var done = Set<Int>()
            for (i, z) in zones.enumerated() where !done.contains(i) {
                // Same nerve group and overlapping ±1 SD outlines: one label for the crowd.
                let crowd = zones.indices.filter { j in
                    zones[j].site.nerve == z.site.nerve && (j == i || Polygon(outlines[i]).map { p in outlines[j].contains { p.contains($0) } } == true)
                }
                crowd.forEach { done.insert($0) }
                let target = crowd.flatMap { outlines[$0] }
                guard Self.isNamed(target, in: shownBox) else { continue }
                let rivals = zones.indices.filter { !crowd.contains($0) }.map { outlines[$0] }
                let text = crowd.count > 1 ? "\(z.site.nerve.rawValue.capitalized) cluneal tunnels (\(crowd.count) sites)"
                    : z.site.names.short ?? Self.shortName(z.site.names.en)
                let anchor = Self.clearestPoint(on: target, from: 0, awayFrom: rivals, within: shownBox)
                placed.append(("label-\(z.site.id)", label(text, at: anchor, priority: 100, color: labelColor(theme.textColor(z.site.nerve), emphasis(of: z)), weight: .bold,
                                                           target: target, rivals: rivals)))
            }
        }
        // With --zones all, each other source's zone carries its number from the legend's key.
        let keys = zoneKeys
        if !keys.isEmpty {
            let zones = model.zones.filter { onLabelSide($0.side) && zoneIsShown($0) }
            let outlines = Dictionary(zones.map { z -> (String, [Point]) in
                let o = z.outline(standardDeviations: 1, error: options.palpationError)
                return (z.id, o + (o.first.map { [$0] } ?? []))
            }, uniquingKeysWith: { a, _ in a })
            for key in keys {
                guard let z = zones.first(where: { $0.id == key.zoneId }), let own = outlines[z.id], Self.isNamed(own, in: shownBox) else { continue }
                let rivals = outlines.filter { $0.key != z.id }.map(\.value).sorted { ($0.first?.x ?? 0, $0.first?.z ?? 0) < ($1.first?.x ?? 0, $1.first?.z ?? 0) }
                let at = Self.clearestPoint(on: own, from: 0, awayFrom: rivals, within: shownBox)
                placed.append(("label-zone-\(key.number)", label("\(key.number)", at: at, priority: 60,
                                                                 color: labelColor(z.isDisputed ? theme.disputed : theme.textColor(z.site.nerve), emphasis(of: z)),
                                                                 weight: .bold, target: own, rivals: rivals)))
            }
        }
        // Nerve branches where they stand clearest of the other branches along the middle of
        // their course (not at their tips, where a reader looks for the twigs: the superior
        // branches are named over the buttock below the crest).
        if options.layers.contains(.nerve) {
            let nerves = model.nerves.filter { onLabelSide($0.side) }
            let chains = nerves.map { Self.drawnChain($0.geometry) }
            for (i, n) in nerves.enumerated() where Self.isNamed(chains[i], in: shownBox) {
                let rivals = chains.indices.filter { $0 != i }.map { chains[$0] }
                let at = Self.clearestPoint(on: chains[i], from: 0.4, upTo: Self.nerveLabelSpan, awayFrom: rivals, within: shownBox)
                placed.append(("label-\(n.entry.id)", label(Self.nerveLabel(n.entry), at: at, priority: 80, color: labelColor(theme.textColor(n.entry.nerve), emphasis(of: n)),
                                                            target: chains[i], rivals: rivals)))
            }
        }
        // Structures that have a short name, against the others of their kind.
        let structures = model.structures.filter { onLabelSide($0.side) && options.layers.contains(Self.layerKind($0.entry.kind)) }
        for s in structures {
            guard let text = s.entry.names.short else { continue }
            let chain = Self.drawnChain(s.geometry)
            guard Self.isNamed(chain, in: shownBox) else { continue }
            let same = structures.filter { $0.entry.kind == s.entry.kind && !($0.entry.id == s.entry.id && $0.side == s.side) }
            let rivals = same.map { Self.drawnChain($0.geometry) }
            let at = Self.clearestPoint(on: chain, from: 0.3, awayFrom: rivals, within: shownBox)
            placed.append(("label-\(s.entry.id)", label(text, at: at, priority: 40, color: labelColor(theme.text, trapEmphasis(structure: s.entry.id)),
                                                        target: chain, rivals: rivals)))
        }
        if options.layers.contains(.bone) {
            let points = model.landmarks.filter { onLabelSide($0.side) && $0.geometry.asPoint != nil }
            for l in points {
                guard let text = l.entry.names.short, let p = l.geometry.asPoint else { continue }
                let rivals = points.filter { $0.entry.id != l.entry.id }.compactMap { $0.geometry.asPoint.map { [$0] } }
                placed.append(("label-\(l.entry.id)", label(text, at: p, priority: l.entry.id == WellKnownId.psis.id ? 90 : 50, target: [p], rivals: rivals)))
            }
        }
        for (id, text) in placed {
            scene.add(.text(id, text), to: .label, title: "Labels")
        }
    }

    /// Joins `parts` with " · " into at most `maxLines` lines no wider than `widthMm`, breaking
    /// between parts or words; the last line ends in "…" when something had to be left out.
    /// Widths are estimated at ``characterWidthEm`` per character.
    static func wrap(_ parts: [String], fontSizeMm: Double, widthMm: Double, maxLines: Int) -> [String] {
        let perLine = Swift.max(10, Int(widthMm / (Self.characterWidthEm * fontSizeMm)))
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
        case .territory: .territory
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


    /// The width of a character the figure text is planned with, em: a little over DejaVu
    /// Sans's average, so estimates err toward shorter lines.
    static let characterWidthEm = 0.62
    /// Estimated width of one line of text, page millimetres (``characterWidthEm``).
    static func estimatedWidth(_ text: String, fontSizeMm: Double) -> Double { Double(text.count) * Self.characterWidthEm * fontSizeMm }

    func addTitle(to scene: inout Scene) {
        let k = furnitureScale
        let width = scene.pageSize.width - margins.left - 4 * k
        let sides = options.sides.count == 2 ? "both sides" : "patient's \(options.sides.first?.rawValue ?? "left") side"
        // What is shown (and brought forward), where (a region crop), from which side. On a page
        // too narrow for all of it, the view and side move to the subtitle, and a title that
        // still does not fit is set smaller.
        let subject = (highlightedName.map { "\($0) highlighted" } ?? "Cluneal nerves") + (options.region.placeWords.map { " \($0)" } ?? "")
        var title = options.title ?? "\(subject): posterior view, \(sides)"
        var view: [String] = []
        if options.title == nil, Self.estimatedWidth(title, fontSizeMm: 5.2 * k) > width {
            title = subject
            view = ["posterior view, \(sides)"]
        }
        let size = Swift.min(5.2 * k, width / Swift.max(1, Self.estimatedWidth(title, fontSizeMm: 1)))
        scene.add(.text("title", TextLabel(title, at: .page(PagePoint(margins.left, titleTop + 9 * k)),
                                           fontSizeMm: size, color: theme.text, weight: .bold, halo: nil, alignment: TextAlignment(.start, .baseline))),
                  to: .title, title: "Title")
        // A blank quiz map names no landmark, not even the one the frame is measured from.
        let frame = options.isQuiz ? "grid: cm from the midline and from the zero line" : "body frame: cm from the midline and from the PSIS level"
        var parts = view + ["Atlas \(model.atlas.id) \(model.atlas.version)", frame,
                     // A quiz map must not name landmarks (the measured ones appear in the summary).
                     "scaling: \(options.isQuiz ? model.scaling.method.rawValue : model.scaling.summary)"]
        if let extra = options.subtitle { parts.append(extra) }
        let lines = Self.wrap(parts, fontSizeMm: 2.8 * k, widthMm: width, maxLines: 3)
        // Baselines 3.6 mm apart from 14.5 mm; three lines sit closer and higher (3.3 mm from
        // 13.9 mm), so the last clears the grid numbers above the figure by about 1 mm.
        let (first, pitch) = lines.count > 2 ? (13.9, 3.3) : (14.5, 3.6)
        for (i, line) in lines.enumerated() {
            scene.add(.text("subtitle-\(i + 1)", TextLabel(line, at: .page(PagePoint(margins.left, titleTop + (first + Double(i) * pitch) * k)), fontSizeMm: 2.8 * k,
                                                          color: theme.mutedText, halo: nil, alignment: .start)),
                      to: .title, title: "Title")
        }
        scene.labelObstacles.append(PageRect(x: 0, y: 0, width: scene.pageSize.width, height: margins.top - 2 * k))
    }

    /// What `--highlight` brings forward, in the title's words: "Middle cluneal nerves", or the
    /// item's short name ("SCN medial tunnel"; a zone by its site and source); nil without a
    /// highlight.
    var highlightedName: String? {
        switch options.highlight {
        case nil:
            return nil
        case .group(let g):
            return "\(g.rawValue.capitalized) cluneal nerves"
        case .item(let id):
            if let zone = model.zones.first(where: { $0.id == id }) {
                return "\(zone.site.names.en), \(model.atlas.source(zone.entry.source)?.shortCitation ?? zone.entry.source)"
            }
            let names = model.atlas.item(id)?.names
            return names?.short ?? names?.en ?? id
        }
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

    /// Height kept at the top of the right-hand column (legend or quiz instructions) for the
    /// "cranial ↑" word that heads it, millimetres before ``furnitureScale``.
    static let cranialRowMm = 8.0

    /// The orientation words, in the margins beside the edges they name and never over the
    /// anatomy or a label: "L" left of the figure and "R" right of it near mid-height, "cranial ↑"
    /// heading the right-hand column level with the top edge, "caudal ↓" under the bottom-right
    /// corner (above the scale bar's note, which starts at the left).
    func addOrientation(to scene: inout Scene) {
        let r = scene.layout.viewportRect
        let k = furnitureScale
        let style = { (t: String, p: PagePoint, a: TextAlignment) in
            TextLabel(t, at: .page(p), fontSizeMm: 4.2 * k, color: theme.text, weight: .bold, halo: Halo(color: theme.background, widthMm: 0.6 * k), alignment: a)
        }
        // Halfway between the two 5 cm grid lines nearest mid-height: clear of the grid numbers
        // printed at those lines on the left.
        let box = scene.layout.bodyViewport
        let between = ((box.min.z + box.max.z) / 2 / 50).rounded(.down) * 50 + 25
        let middle = box.min.z < between && between < box.max.z ? scene.layout.pagePoint(Point(0, between)).y : r.minY + r.height / 2
        scene.add(.text("orientation-left", style("L", PagePoint(r.minX - 1.2 * k, middle), TextAlignment(.end, .middle)),
                        title: "The patient's left"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-right", style("R", PagePoint(r.maxX + 1.2 * k, middle), TextAlignment(.start, .middle)),
                        title: "The patient's right"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-cranial", style("cranial ↑", PagePoint(r.maxX + 6 * k, r.minY), TextAlignment(.start, .top)),
                        title: "Toward the head"), to: .measure, title: "Scale and orientation")
        scene.add(.text("orientation-caudal", style("caudal ↓", PagePoint(r.maxX, r.maxY + 1.2 * k), TextAlignment(.end, .top)),
                        title: "Toward the feet"), to: .measure, title: "Scale and orientation")
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
        var y = r.minY + (2 + Self.cranialRowMm) * k
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
        /// A 7 × 4 box swatch for an area (a skin area, bone, muscle, fascia).
        func swatchBox(_ id: String, _ style: Style) {
            scene.add(.path("legend-\(id)-swatch", ScenePath(pageRect: PageRect(x: x0, y: y - 2 * k, width: 7 * k, height: 4 * k)), style: style),
                      to: .legend, title: "Legend")
        }
        text("heading", "Legend", size: 3.6, weight: .bold, dx: 0)
        y += 6 * k
        // Only what the figure draws in the part it shows: each entry stands for items left in
        // the scene after it was clipped to the viewport (a region crop names no nerve group,
        // skin area or block site it cuts away; a layer turned off leaves nothing to name).
        let drawn = scene
        func draws(_ layer: LayerID, where match: (SceneItem) -> Bool = { _ in true }) -> Bool {
            drawn[layer: layer]?.items.contains(where: match) ?? false
        }
        let layers = options.layers
        if draws(.nerve) {
            for group in NerveGroup.allCases where draws(.nerve, where: { $0.metadata["kind"] == "nerve" && $0.metadata["nerve"] == group.rawValue }) {
                swatchLine(group.rawValue, theme.color(group), width: 1.2, dash: theme.dash(group))
                text(group.rawValue, "\(group.rawValue.capitalized) cluneal nerve")
                y += 5 * k
            }
            if draws(.nerve, where: { $0.metadata["kind"] == "nerve-twigs" }) {
                swatchLine("twigs", theme.mutedText, width: 0.5, dash: nil)
                text("twigs", "Thin: twigs into the skin (schematic)")
                y += 5 * k
            }
        }
        if draws("territory") {
            for group in NerveGroup.allCases where draws("territory", where: { $0.metadata["nerve"] == group.rawValue }) {
                swatchBox("territory-\(group.rawValue)", territoryStyle(group))
                text("territory-\(group.rawValue)", "Skin area, \(group.rawValue) cluneal")
                y += 5 * k
            }
        }
        if draws(.zone, where: { $0.metadata["kind"] == "zone" }) {
            scene.add(.ellipse("legend-zone-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                               style: Style(fill: theme.color(.superior), fillOpacity: 0.28, stroke: StrokeStyle(color: theme.color(.superior), widthMm: 0.35))),
                      to: .legend, title: "Legend")
            text("zone", "Entrapment zone, mean ± 1 SD")
            y += 5 * k
            scene.add(.ellipse("legend-zone2-swatch", SceneEllipse(centre: .page(PagePoint(x0 + 3.5 * k, y)), radiusXMm: 3.5 * k, radiusYMm: 2 * k),
                               style: .fill(theme.color(.superior), opacity: 0.10)), to: .legend, title: "Legend")
            text("zone2", "… and ± 2 SD (fainter)")
            y += 5 * k
            if options.zones == .all, draws(.zone, where: { $0.metadata["default"] == "false" }) {
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
                // The key to the numbered zones: which source put each zone where.
                text("zone-key-heading", "Zones by source:", weight: .bold, dx: 0)
                y += 4.5 * k
                for key in zoneKeys where draws(.zone, where: { $0.id == Self.itemId(key.zoneId, options.sides.first ?? .left) }) {
                    text("zone-key-\(key.number)", "\(key.number)  \(key.source) · \(key.site)", size: 2.5, dx: 0)
                    y += 3.6 * k
                }
                y += 1.4 * k
            }
        }
        if draws(.injection) {
            scene.add(.marker("legend-injection-swatch", Marker(at: .page(PagePoint(x0 + 3.5 * k, y)), shape: .target, sizeMm: 4.2 * k, style: .fill(theme.injection))),
                      to: .legend, title: "Legend")
            text("injection", "Diagnostic block site")
            y += 5 * k
        }
        if draws("ultrasound") {
            scene.add(.path("legend-ultrasound-swatch", ScenePath(pageRect: PageRect(x: x0, y: y - 1.5 * k, width: 7 * k, height: 3 * k)),
                            style: Style(fill: theme.injection, fillOpacity: 0.12, stroke: StrokeStyle(color: theme.text, widthMm: 0.4))),
                      to: .legend, title: "Legend")
            text("ultrasound", "Ultrasound probe; needle dashed")
            y += 5 * k
        }
        if draws(.bone) {
            swatchBox("bone", Style(fill: theme.boneFill, stroke: StrokeStyle(color: theme.bone, widthMm: 0.45)))
            text("bone", draws(.bone, where: { $0.id.hasPrefix(WellKnownId.iliacCrest.id) }) ? "Bone (iliac crest drawn bold)" : "Bone")
            y += 5 * k
        }
        if draws(.muscle) {
            swatchBox("muscle", Style(fill: theme.muscle, fillOpacity: 0.16, stroke: StrokeStyle(color: theme.muscle, widthMm: 0.4, dash: DashPattern([1.5, 1]))))
            text("muscle", "Muscle (gluteal, erector spinae)")
            y += 5 * k
        }
        if draws(.muscleEdge, where: { !$0.id.hasSuffix("-edge") }) {
            swatchLine("muscle-border", theme.muscle, width: 0.8, dash: DashPattern([3, 1.5]))
            text("muscle-border", "Gluteus maximus border")
            y += 5 * k
        }
        if draws(.fascia) {
            swatchBox("fascia", Style(fill: theme.fascia, fillOpacity: 0.16, stroke: StrokeStyle(color: theme.fascia, widthMm: 0.4, dash: DashPattern([1.5, 1]))))
            text("fascia", "Thoracolumbar fascia")
            y += 5 * k
        }
        if draws(.ligament) {
            swatchLine("ligament", theme.ligament.multipliedAlpha(0.55), width: 3, dash: nil)
            text("ligament", "Ligament (LDSL, sacrotuberous)")
            y += 5 * k
        }
        if draws(.bone, where: { $0.id.hasPrefix(WellKnownId.psis.id + "-") }) {
            scene.add(.marker("legend-psis-swatch", Marker(at: .page(PagePoint(x0 + 3.5 * k, y)), shape: .ring, sizeMm: 4.5 * k, style: .fill(theme.bone))),
                      to: .legend, title: "Legend")
            text("psis", "PSIS dimple (origin level)")
            y += 5 * k
        }
        y += 2 * k
        let notes = !layers.contains(.grid) ? [] : [
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
