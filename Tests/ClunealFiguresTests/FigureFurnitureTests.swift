import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// Where the labels, the orientation words and the legend go on the map and its region crops:
/// inside the drawn figure, in free space, and naming only what is shown.
@Suite("Figure furniture")
struct FigureFurnitureTests {
    /// The sample maps (see `scripts/make-samples`) as options: the default, one side with all
    /// zones, skin territories, larger text, the print highlight.
    static let variants: [(String, MapOptions)] = {
        var territory = MapOptions()
        territory.layers.insert(.territory)
        var large = MapOptions()
        large.textSizePoints = 10
        return [("default", MapOptions()), ("left, all zones", MapOptions(sides: [.left], zones: .all)),
                ("territory", territory), ("10 pt", large),
                ("print, middle", MapOptions(highlight: .group(.middle), theme: .named(.print))),
                ("right, superior", MapOptions(sides: [.right], highlight: .group(.superior)))]
    }()

    static let cases: [(MapOptions.Region, String)] = MapOptions.Region.allCases.flatMap { region in
        MapComposerTests.people.map { (region, $0) }
    }

    static func options(_ base: MapOptions, _ region: MapOptions.Region) -> MapOptions {
        var o = base
        o.region = region
        return o
    }

    static func pixelRect(_ r: PageRect, _ pxPerMm: Double) -> PixelRect {
        PixelRect(x: Float(r.x * pxPerMm), y: Float(r.y * pxPerMm), width: Float(r.width * pxPerMm), height: Float(r.height * pxPerMm))
    }

    /// The sample maps (``variants`` and `extra`) of `person` cropped to `region`, each with its
    /// labels resolved at `pxPerMm`.
    static func sampleMaps(_ region: MapOptions.Region, _ person: String, extra: [(String, MapOptions)] = [],
                           renderer: SceneRenderer, pxPerMm: Double) throws -> [(name: String, scene: Scene, resolved: Scene)] {
        let model = try MapComposerTests.model(person)
        return try (variants + extra).map { name, base in
            let scene = MapComposer(model: model, options: options(base, region)).compose()
            return (name, scene, try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene)
        }
    }

    @Test("Every label and its leader lie inside the drawn figure, on every region and sample map", arguments: cases)
    func labelsStayInTheFigure(region: MapOptions.Region, person: String) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let pxPerMm = 3.0
        for (name, scene, resolved) in try Self.sampleMaps(region, person, renderer: renderer, pxPerMm: pxPerMm) {
            let figure = Self.pixelRect(scene.layout.viewportRect, pxPerMm).outset(by: 0.5)
            let labels = try renderer.textBoxes(in: resolved, pxPerMm: pxPerMm).filter(\.isLabel)
            #expect(!labels.isEmpty, "\(region) \(person) \(name): no labels")
            for box in labels {
                #expect(figure.contains(box.rect), "\(region) \(person) \(name): \(box.id) leaves the figure (\(box.rect) outside \(figure))")
            }
            // A label names an item the crop shows, not a stub at its cut edge.
            let box = scene.layout.bodyViewport
            for item in scene[layer: .label]?.items ?? [] {
                guard case .text(let label) = item.content, case .automatic(let auto) = label.placement, auto.isTied else { continue }
                let target = auto.target.compactMap { p -> Point? in if case .body(let q) = p { q } else { nil } }
                let share = Double(target.filter(box.contains).count) / Double(Swift.max(1, target.count))
                #expect(share >= MapComposer.labelledShare, "\(region) \(person) \(name): \(item.id) names an item only \(Int(share * 100)) % shown")
            }
            let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
            for item in resolved.layers.flatMap(\.items) where item.metadata["role"] == "leader" {
                guard case .path(let path, _) = item.content else { continue }
                for p in path.subpaths.flatMap(\.points) {
                    let q = transform.pixel(p)
                    #expect(figure.contains(q),
                            "\(region) \(person) \(name): the leader of \(item.metadata["label"] ?? item.id) leaves the figure")
                }
            }
        }
    }

    @Test("The orientation words sit in free space: off the anatomy, clear of every other text", arguments: cases)
    func orientationSitsInFreeSpace(region: MapOptions.Region, person: String) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let pxPerMm = 3.0
        var quiz = MapOptions()
        quiz.quizMarkers = [MapOptions.NumberedMarker(number: 1, position: Point(60, 20), answer: "x")]
        for (name, scene, resolved) in try Self.sampleMaps(region, person, extra: [("quiz", quiz)], renderer: renderer, pxPerMm: pxPerMm) {
            // Every drawn structure, nerve and zone is clipped to the viewport: a word outside it
            // covers none of them.
            let figure = Self.pixelRect(scene.layout.viewportRect, pxPerMm)
            let canvas = PixelRect(x: 0, y: 0, width: Float(scene.pageSize.width * pxPerMm), height: Float(scene.pageSize.height * pxPerMm))
            let boxes = try renderer.textBoxes(in: resolved, pxPerMm: pxPerMm)
            for b in boxes {
                #expect(canvas.contains(b.rect), "\(region) \(person) \(name): \(b.id) leaves the page")
            }
            let words = boxes.filter { $0.id.hasPrefix("orientation-") }
            #expect(words.count == 4, "\(region) \(person) \(name)")
            for w in words {
                #expect(!w.rect.intersects(figure), "\(region) \(person) \(name): \(w.id) covers the anatomy")
                #expect(canvas.contains(w.rect), "\(region) \(person) \(name): \(w.id) leaves the page")
                for other in boxes where other.id != w.id {
                    #expect(!w.rect.intersects(other.rect), "\(region) \(person) \(name): \(w.id) overlaps \(other.id)")
                }
            }
        }
    }

    @Test("The title and its subtitle lines clear the grid numbers and each other", arguments: cases)
    func titleLinesClearTheGridNumbers(region: MapOptions.Region, person: String) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let pxPerMm = 3.0
        for (name, _, resolved) in try Self.sampleMaps(region, person, renderer: renderer, pxPerMm: pxPerMm) {
            let boxes = try renderer.textBoxes(in: resolved, pxPerMm: pxPerMm)
            let heading = boxes.filter { $0.id == "title" || $0.id.hasPrefix("subtitle-") }
            #expect(heading.contains { $0.id == "title" } && heading.contains { $0.id == "subtitle-1" }, "\(region) \(person) \(name)")
            let numbers = boxes.filter { $0.id.hasPrefix("grid-x-label") }
            #expect(!numbers.isEmpty, "\(region) \(person) \(name): no grid numbers")
            for h in heading {
                for other in heading + numbers where other.id != h.id {
                    #expect(!h.rect.intersects(other.rect), "\(region) \(person) \(name): \(h.id) overlaps \(other.id)")
                }
            }
        }
    }

    /// True when some of the drawn line of `g` (a nerve's centreline, a zone's outline) lies in `box`.
    static func visible(_ points: [Point], closed: Bool = false, in box: Bounds) -> Bool {
        SmoothCurve.flattened(through: points, closed: closed, tolerance: 0.2).contains(where: box.contains)
    }

    @Test("The legend lists only the nerve groups, skin areas, zones and block sites the figure shows", arguments: cases)
    func legendListsWhatIsVisible(region: MapOptions.Region, person: String) throws {
        let model = try MapComposerTests.model(person)
        var options = MapOptions()
        options.region = region
        options.layers.insert(.territory)
        let composer = MapComposer(model: model, options: options)
        let scene = composer.compose()
        let box = scene.layout.bodyViewport
        let legend = Set((scene[layer: .legend]?.items ?? []).map(\.id))
        for group in NerveGroup.allCases {
            let nerves = model.nerves.filter { $0.entry.nerve == group && composer.shown($0.side) }
            let shown = nerves.contains { n in
                guard case .ribbon(let r) = n.geometry else { return false }
                return Self.visible(r.centreline.points, in: box)
            }
            #expect(legend.contains("legend-\(group.rawValue)") == shown, "\(region) \(person): \(group) nerves \(shown ? "shown" : "not shown") but legend disagrees")
            let areas = model.structures.filter { $0.entry.kind == .territory && $0.entry.nerve == group && composer.shown($0.side) }
            let areaShown = areas.contains { Self.visible($0.geometry.points, closed: true, in: box) }
            #expect(legend.contains("legend-territory-\(group.rawValue)") == areaShown, "\(region) \(person): \(group) skin area")
        }
        let zoneShown = model.zones.contains { z in
            z.isDefault && composer.shown(z.side) && z.outline(standardDeviations: 2, error: options.palpationError).contains(where: box.contains)
        }
        #expect(legend.contains("legend-zone") == zoneShown, "\(region) \(person): zones")
        let blockShown = model.injectionSites.contains { composer.shown($0.side) && box.contains($0.point) }
        #expect(legend.contains("legend-injection") == blockShown, "\(region) \(person): block sites")
        if region == .sacral {
            #expect(!legend.contains("legend-inferior"), "the sacral crop shows no inferior cluneal nerve")
            #expect(legend.contains("legend-middle"))
        }
        if region == .full {
            #expect(NerveGroup.allCases.allSatisfy { legend.contains("legend-\($0.rawValue)") })
        }
    }

    static func title(_ scene: Scene) -> String? {
        guard let item = scene[layer: .title]?.items.first(where: { $0.id == "title" }), case .text(let t) = item.content else { return nil }
        return t.text
    }

    @Test("A highlighted figure's title names what is highlighted", arguments: NerveGroup.allCases)
    func highlightIsNamedInTheTitle(group: NerveGroup) throws {
        let model = try MapComposerTests.model("reference")
        let plain = try #require(Self.title(MapComposer(model: model).compose()))
        #expect(!plain.lowercased().contains("highlighted"))
        let options = MapOptions(highlight: .group(group), theme: .named(.print))
        let title = try #require(Self.title(MapComposer(model: model, options: options).compose()))
        #expect(title.hasPrefix("\(group.rawValue.capitalized) cluneal nerves highlighted"), "\(title)")
        let ligament = try #require(Self.title(MapComposer(model: model, options: MapOptions(highlight: .item("long-dorsal-sacroiliac-ligament"))).compose()))
        #expect(ligament.hasPrefix("Long dorsal SI ligament highlighted: posterior view"), "\(ligament)")
    }

    @Test("A region crop's title says where it is", arguments: MapOptions.Region.allCases)
    func regionIsNamedInTheTitle(region: MapOptions.Region) throws {
        let model = try MapComposerTests.model("reference")
        var options = MapOptions(highlight: region.group.map(MapOptions.Highlight.group))
        options.region = region
        let title = try #require(Self.title(MapComposer(model: model, options: options).compose()))
        switch region {
        case .full: #expect(title == "Cluneal nerves: posterior view, both sides")
        case .crest: #expect(title == "Superior cluneal nerves highlighted at the iliac crest: posterior view, both sides")
        case .sacral: #expect(title == "Middle cluneal nerves highlighted beside the sacrum: posterior view, both sides")
        case .gluteal: #expect(title == "Inferior cluneal nerves highlighted at the lower border of gluteus maximus: posterior view, both sides")
        }
    }

    @Test("Under a highlight, the labels of faded items step back with them", arguments: NerveGroup.allCases)
    func fadedItemsHaveFadedLabels(group: NerveGroup) throws {
        let model = try MapComposerTests.model("reference")
        func alphas(_ options: MapOptions) -> [String: UInt8] {
            let scene = MapComposer(model: model, options: options).compose()
            return Dictionary((scene[layer: .label]?.items ?? []).compactMap { item -> (String, UInt8)? in
                guard case .text(let t) = item.content else { return nil }
                return (item.id, t.color.alpha)
            }, uniquingKeysWith: { a, _ in a })
        }
        let plain = alphas(MapOptions())
        let highlighted = alphas(MapOptions(highlight: .group(group)))
        #expect(plain.values.allSatisfy { $0 == 255 }, "no highlight, every label at full strength")
        var checked = 0
        for n in model.nerves where n.side == .left {
            guard let a = highlighted["label-\(n.entry.id)"] else { continue }
            checked += 1
            #expect((a == 255) == (n.entry.nerve == group), "\(n.entry.id) with \(group) highlighted: alpha \(a)")
        }
        #expect(checked >= 8)
    }
}
