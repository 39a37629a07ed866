import BodyGeometry
@testable import ClunealRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A schematic test scene exercising every item kind: fills (translucent, holes), strokes
/// (joins, caps, dashes), ellipses, markers, automatic and fixed labels with halos, page
/// items (title, legend, scale bar, notice) and a hidden layer. No anatomy claims.
enum DemoScene {
    /// `halfWidth`/`top`/`bottom`: the body viewport (mm). The page adds margins around it.
    /// Text of the demo scene that a PDF of it must let `pdftotext` extract.
    static let texts = ["Cluneal nerves — render test", "Zone (mean ± SD)", "50 mm", "Schematic — not for clinical use"]

    static func make(halfWidth: Double = 120, top: Double = 110, bottom: Double = -90, labels: Bool = true) -> Scene {
        let viewport = Bounds(min: Point(-halfWidth, bottom), max: Point(halfWidth, top))
        let layout = PageLayout(bodyViewport: viewport, margins: PageInsets(top: 14, left: 6, bottom: 12, right: 6))
        var scene = Scene(layout: layout, background: Color(rgb: 0xFBFAF7), title: "Render test scene",
                          metadata: ["generator": "ClunealRenderTests"])
        let s = halfWidth / 120   // scale the drawing with the viewport

        // Grid.
        var grid = Layer(id: .grid, title: "Grid")
        var lines: [Subpath] = []
        var x = -halfWidth.rounded(.towardZero)
        while x <= halfWidth {
            lines.append(Subpath(body: [Point(x, bottom), Point(x, top)], closed: false))
            x += 20 * s
        }
        var z = bottom.rounded(.towardZero)
        while z <= top {
            lines.append(Subpath(body: [Point(-halfWidth, z), Point(halfWidth, z)], closed: false))
            z += 20 * s
        }
        grid.add(.path("grid-lines", ScenePath(lines), style: .stroke(Color(rgb: 0xC8CCD2), widthMm: 0.15, cap: .butt)))
        scene.layers.append(grid)

        // Outline: a rounded trapezoid for the lower back.
        var outline = Layer(id: .outline, title: "Body outline")
        let body = (0..<64).map { i -> Point in
            let t = Double(i) / 64 * 2 * Double.pi
            let w = (100 - 12 * sin(t)) * s
            return Point(w * cos(t) * (abs(cos(t)) < 0.2 ? 1 : pow(abs(cos(t)), -0.15)), 85 * s * sin(t) + 10 * s)
        }
        if let poly = Polygon(body) {
            outline.add(.path("outline-body", ScenePath(polygon: poly),
                              style: Style(fill: Color(rgb: 0xF3DCCB), stroke: StrokeStyle(color: Color(rgb: 0x6B4F3F), widthMm: 0.6)),
                              title: "Outline", metadata: ["kind": "outline", "fidelity": "schematic"]))
        }
        scene.layers.append(outline)

        // Bone: two iliac wings with a hole each (even-odd), and a sacrum.
        var bone = Layer(id: "bone", title: "Bone")
        for side in [-1.0, 1.0] {
            let wing = (0..<40).map { i -> Point in
                let t = Double(i) / 40 * 2 * Double.pi
                return Point(side * (55 + 32 * cos(t)) * s, (30 + 22 * sin(t) + 6 * cos(2 * t)) * s)
            }
            let hole = (0..<24).map { i -> Point in
                let t = Double(i) / 24 * 2 * Double.pi
                return Point(side * (58 + 10 * cos(t)) * s, (28 + 6 * sin(t)) * s)
            }
            if let a = Polygon(wing), let b = Polygon(hole) {
                bone.add(.path(side < 0 ? "ilium-right" : "ilium-left", ScenePath(polygons: [a, b]),
                               style: Style(fill: Color(rgb: 0xE9E2D0), stroke: StrokeStyle(color: Color(rgb: 0x8C8270), widthMm: 0.4, join: .miter)),
                               title: side < 0 ? "Ilium (right)" : "Ilium (left)",
                               metadata: ["kind": "bone", "laterality": side < 0 ? "right" : "left"]))
            }
        }
        if let sacrum = Polygon([Point(-26 * s, 34 * s), Point(26 * s, 34 * s), Point(0, -40 * s)]) {
            bone.add(.path("sacrum", ScenePath(polygon: sacrum),
                           style: Style(fill: Color(rgb: 0xE9E2D0), stroke: StrokeStyle(color: Color(rgb: 0x8C8270), widthMm: 0.4, join: .bevel)),
                           title: "Sacrum", metadata: ["kind": "bone"]))
        }
        scene.layers.append(bone)

        // Zones: translucent rotated ellipses with dashed outlines, overlapping each other.
        var zones = Layer(id: "zone", title: "Entrapment zones")
        for (i, side) in [-1.0, 1.0].enumerated() {
            zones.add(.ellipse("zone-\(i)", SceneEllipse(centre: .body(Point(side * 62 * s, 52 * s)), radiusXMm: 22 * s, radiusYMm: 10 * s,
                                                         rotationDegrees: side * 20),
                               style: Style(fill: Color(rgb: 0xD7263D), fillOpacity: 0.3,
                                            stroke: StrokeStyle(color: Color(rgb: 0xA4161A), widthMm: 0.35, dash: DashPattern([2, 1.2]))),
                               title: "Zone \(i)", metadata: ["kind": "zone", "source": "test"]))
            zones.add(.ellipse("zone-core-\(i)", .circle(centre: .body(Point(side * 50 * s, 56 * s)), radiusMm: 9 * s),
                               style: .fill(Color(rgb: 0xD7263D), opacity: 0.3)))
        }
        scene.layers.append(zones)

        // Nerves: translucent wavy strokes that cross each other and themselves.
        var nerves = Layer(id: "nerve", title: "Nerves")
        for (i, side) in [-1.0, 1.0].enumerated() {
            for branch in 0..<3 {
                let x0 = side * (20 + Double(branch) * 24) * s
                let pts = (0...40).map { k -> Point in
                    let t = Double(k) / 40
                    return Point(x0 + side * (t * 30 + 6 * sin(t * 9)) * s, (100 - t * 130) * s)
                }
                if let line = Polyline(pts) {
                    nerves.add(.path("nerve-\(i)-\(branch)", ScenePath(polyline: line),
                                     style: .stroke(Color(rgb: 0xE0A100), widthMm: 1.2, opacity: 0.8),
                                     metadata: ["kind": "nerve"]))
                }
            }
        }
        let zig = [Point(-30 * s, -50 * s), Point(0, -30 * s), Point(30 * s, -50 * s), Point(-20 * s, -65 * s), Point(20 * s, -20 * s)]
        if let line = Polyline(zig) {
            nerves.add(.path("nerve-loop", ScenePath(polyline: line),
                             style: .stroke(Color(rgb: 0x1F77B4), widthMm: 1.8, opacity: 0.5, join: .miter, cap: .square)))
        }
        scene.layers.append(nerves)

        // Markers.
        var injection = Layer(id: "injection", title: "Injection sites")
        var tender = Layer(id: "tender-point", title: "Tender points")
        let shapes: [MarkerShape] = [.target, .dot, .ring, .square, .diamond, .triangle, .cross, .plus]
        for (i, shape) in shapes.enumerated() {
            let p = Point((-84 + Double(i) * 24) * s, -72 * s)
            let style = shape == .cross || shape == .plus
                ? Style.stroke(Color(rgb: 0x2B2D42), widthMm: 0.5, cap: .butt)
                : Style(fill: Color(rgb: 0x2A9D8F), stroke: StrokeStyle(color: .white, widthMm: 0.3))
            let item = SceneItem.marker("marker-\(shape.rawValue)", Marker(at: .body(p), shape: shape, sizeMm: 4, style: style),
                                        title: shape.rawValue)
            if i % 2 == 0 { injection.add(item) } else { tender.add(item) }
        }
        scene.layers.append(injection)
        scene.layers.append(tender)

        // Measure: a dimension line with square caps and a fixed label.
        var measure = Layer(id: .measure, title: "Measurements")
        measure.add(.path("measure-line", ScenePath([Subpath(body: [Point(0, 5 * s), Point(70 * s, 5 * s)], closed: false)]),
                          style: .stroke(Color(rgb: 0x333333), widthMm: 0.3, cap: .square)))
        measure.add(.text("measure-text", TextLabel("\(Int(70 * s)) mm", at: .body(Point(35 * s, 6.5 * s)), fontSizeMm: 2.6,
                                                      alignment: TextAlignment(.middle, .bottom))))
        scene.layers.append(measure)

        // Labels: automatic, with halos and leaders.
        if labels {
            var labelLayer = Layer(id: .label, title: "Labels")
            let names: [(String, Point, Int)] = [
                ("Iliac crest", Point(-62, 52), 3), ("Iliac crest", Point(62, 52), 3),
                ("Sacrum", Point(0, 10), 2), ("PSIS", Point(-30, 24), 1), ("PSIS", Point(30, 24), 1),
                ("Superior cluneal\nnerves", Point(-44, 80), 2), ("Middle cluneal", Point(44, 80), 2),
                ("Zone core", Point(-50, 56), 0), ("Zone core", Point(50, 56), 0),
                ("Tender point", Point(-60, -72), 0), ("Injection", Point(-84, -72), 0),
            ]
            for (i, entry) in names.enumerated() {
                let p = Point(entry.1.x * s, entry.1.z * s)
                labelLayer.add(.text("label-\(i)", TextLabel(entry.0, at: .body(p), fontSizeMm: 3.2, color: Color(rgb: 0x1B1B1E),
                                                                weight: entry.2 >= 2 ? .bold : .regular,
                                                                halo: Halo(color: .white, widthMm: 0.5),
                                                                placement: .automatic(AutomaticPlacement(priority: entry.2)))))
            }
            scene.layers.append(labelLayer)
        }

        // Quiz answers: hidden.
        var quiz = Layer(id: "quiz-answers", title: "Quiz answers", isHidden: true)
        quiz.add(.text("answer-1", TextLabel("Answer: 7 cm", at: .body(Point(0, -10 * s)), fontSizeMm: 3)))
        scene.layers.append(quiz)

        // Page items: title, legend box, scale bar, notice.
        var legend = Layer(id: .legend, title: "Legend")
        let page = layout.pageSize
        legend.add(.text("title", TextLabel("Cluneal nerves — render test", at: .page(PagePoint(6, 9)), fontSizeMm: 5,
                                            weight: .bold, halo: nil)))
        let box = PageRect(x: page.width - 52, y: 18, width: 46, height: 20)
        legend.add(.path("legend-box", ScenePath(pageRect: box),
                         style: Style(fill: .white, fillOpacity: 0.85, stroke: StrokeStyle(color: Color(rgb: 0x555555), widthMm: 0.25, join: .miter))))
        legend.add(.path("legend-nerve", .pageLine(from: PagePoint(box.x + 3, box.y + 6), to: PagePoint(box.x + 11, box.y + 6)),
                         style: .stroke(Color(rgb: 0xE0A100), widthMm: 1.2, opacity: 0.8)))
        legend.add(.text("legend-nerve-text", TextLabel("Nerve", at: .page(PagePoint(box.x + 14, box.y + 6)), fontSizeMm: 2.8,
                                                        halo: nil, alignment: TextAlignment(.start, .middle))))
        legend.add(.path("legend-zone", ScenePath(pageRect: PageRect(x: box.x + 3, y: box.y + 11, width: 8, height: 5)),
                         style: .fill(Color(rgb: 0xD7263D), opacity: 0.3)))
        legend.add(.text("legend-zone-text", TextLabel("Zone (mean ± SD)", at: .page(PagePoint(box.x + 14, box.y + 13.5)),
                                                       fontSizeMm: 2.8, halo: nil, alignment: TextAlignment(.start, .middle))))
        let barY = page.height - 6
        legend.add(.path("scale-bar", .pageLine(from: PagePoint(6, barY), to: PagePoint(56, barY)),
                         style: .stroke(.black, widthMm: 0.8, cap: .butt)))
        legend.add(.text("scale-bar-text", TextLabel("50 mm", at: .page(PagePoint(31, barY - 1.2)), fontSizeMm: 2.6, halo: nil,
                                                     alignment: TextAlignment(.middle, .bottom))))
        legend.add(.text("notice", TextLabel("Schematic — not for clinical use", at: .page(PagePoint(page.width - 6, page.height - 4)),
                                             fontSizeMm: 2.4, color: Color(rgb: 0x666666), halo: nil, alignment: TextAlignment(.end, .baseline))))
        scene.layers.append(legend)
        scene.labelObstacles = [box]
        return scene
    }
}
