import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// The drawn anatomy: smooth curves, filled bones and muscles, skin territories, a legend that
/// follows the layers and a highlight that keeps each trap's structures.
@Suite("Map anatomy")
struct MapAnatomyTests {
    static func items(_ scene: Scene, _ layer: LayerID) -> [SceneItem] { scene[layer: layer]?.items ?? [] }

    @Test("Every nerve is a smooth curve, in the scene and as cubic Béziers in the SVG", arguments: MapComposerTests.people)
    func nervesAreSmoothCurves(person: String) throws {
        let scene = MapComposer(model: try MapComposerTests.model(person)).compose()
        let nerves = Self.items(scene, .nerve).filter { $0.metadata["kind"] == "nerve" }
        #expect(nerves.count == 20, "ten branches on each side")
        for n in nerves {
            guard case .path(let path, _) = n.content else { Issue.record("\(n.id) is not a path"); continue }
            #expect(path.subpaths.allSatisfy { $0.isSmooth }, "\(n.id)")
        }
        let svg = try SVGWriter().write(scene)
        for side in ["left", "right"] {
            let id = "mcn-2-\(side)\""
            let element = try #require(svg.range(of: "id=\"\(id)"))
            let rest = svg[element.upperBound...].prefix(600)
            #expect(rest.contains(" d=\"M") && rest.contains("C"), "mcn-2-\(side) is written with C commands")
        }
    }

    @Test("The bones and muscles of a posterior view are drawn as filled shapes",
          arguments: ["hip-bone-left", "hip-bone-right", "sacrum", "coccyx", "femur-proximal-left", "lower-lumbar-vertebrae",
                      "gluteus-maximus-left", "gluteus-medius-right", "erector-spinae-left", "sacrotuberous-ligament-right"])
    func filledShapes(id: String) throws {
        let scene = MapComposer(model: try MapComposerTests.model("reference")).compose()
        let item = try #require(scene.layers.flatMap(\.items).first { $0.id == id }, "\(id) is drawn")
        guard case .path(let path, let style) = item.content else { Issue.record("\(id) is not a path"); return }
        #expect(style.effectiveFill != nil, "\(id) is filled")
        #expect(path.subpaths.allSatisfy { $0.isClosed })
        #expect(item.metadata["fidelity"] != nil && item.metadata["source"]?.isEmpty == false, "\(id) carries its provenance")
    }

    /// Where a horizontal line at height `z` crosses a polygon's edges, x ascending.
    static func crossings(_ points: [Point], z: Double) -> [Double] {
        var xs: [Double] = []
        for (a, b) in zip(points, points.dropFirst() + points.prefix(1)) where (a.z - z) * (b.z - z) < 0 {
            xs.append(a.x + (z - a.z) / (b.z - a.z) * (b.x - a.x))
        }
        return xs.sorted()
    }

    @Test("The femur reads as one bone: its shaft has one tone above and below gluteus maximus' lower border, which is drawn over it",
          arguments: MapComposerTests.people)
    func theFemurReadsAsOneBone(person: String) throws {
        let model = try MapComposerTests.model(person)
        let femur = try #require(model.structures.first { $0.entry.id == "femur-proximal" && $0.side == .left })
        let muscle = try #require(model.structures.first { $0.entry.id == "gluteus-maximus" && $0.side == .left })
        guard case .polygon(let bone) = femur.geometry, case .polygon(let gluteus) = muscle.geometry else {
            Issue.record("the femur and gluteus maximus are polygons")
            return
        }
        func middle(_ z: Double) throws -> Point {
            let xs = Self.crossings(bone.points, z: z)
            try #require(xs.count == 2, "the shaft at z \(z)")
            return Point((xs[0] + xs[1]) / 2, z)
        }
        // The middle of the shaft 10 mm above where gluteus maximus' lower edge crosses it, and
        // 30 mm below the muscle's lowest point.
        let lowest = try #require(gluteus.points.map(\.z).min())
        var edge = lowest
        while try !gluteus.contains(middle(edge)) && edge < lowest + 60 { edge += 1 }
        let above = try middle(edge + 10), below = try middle(lowest - 30)
        #expect(gluteus.contains(above) && !gluteus.contains(below), "one point under the muscle, one below it")
        var options = MapOptions(sides: [.left])
        options.layers = [.outline, .bone, .muscle]
        let scene = MapComposer(model: model, options: options).compose()
        let order = scene.layers.map(\.id)
        let bones = try #require(order.firstIndex(of: .bone))
        #expect((order.firstIndex(of: .muscle) ?? .max) < bones, "the muscles' areas lie under the bones")
        #expect((order.firstIndex(of: .muscleEdge) ?? -1) > bones, "the muscles' edges and borders are drawn over the bones")
        let pxPerMm = 2.0
        let image = try SceneRenderer.withSystemFonts().render(scene, pxPerMm: pxPerMm)
        func rgb(_ p: Point) -> [Int] {
            let q = scene.layout.pagePoint(p)
            let i = (Int(q.y * pxPerMm) * image.width + Int(q.x * pxPerMm)) * 4
            return (0..<3).map { Int(image.premultiplied[i + $0]) }
        }
        let a = rgb(above), b = rgb(below)
        #expect(zip(a, b).allSatisfy { abs($0 - $1) <= 2 }, "\(person): the shaft is \(a) under gluteus maximus and \(b) below it")
    }

    @Test func theMiddleNervesLeaveTheSacralForamina() throws {
        let model = try MapComposerTests.model("reference")
        for side in Side.allCases {
            let foramina = model.landmarks.filter { $0.side == side && $0.entry.id.hasPrefix("posterior-sacral-foramen") }.compactMap(\.geometry.asPoint)
            #expect(foramina.count == 4)
            for n in model.nerves where n.side == side && n.entry.nerve == .middle {
                let start = try #require(n.geometry.points.first)
                #expect(foramina.contains { $0.distance(to: start) < 0.5 }, "\(n.entry.id) \(side) starts at a foramen")
            }
        }
    }

    @Test func skinTerritoriesAreAnOptionalLayer() throws {
        let model = try MapComposerTests.model("reference")
        let plain = MapComposer(model: model).compose()
        #expect(plain[layer: "territory"] == nil, "off by default")
        var options = MapOptions()
        options.layers.insert(.territory)
        let scene = MapComposer(model: model, options: options).compose()
        let territories = Self.items(scene, "territory")
        #expect(Set(territories.compactMap { $0.metadata["nerve"] }) == ["superior", "middle", "inferior"])
        #expect(territories.count == 6, "three groups on each side")
        #expect(territories.allSatisfy { $0.metadata["kind"] == "territory" })
        let svg = try SVGWriter().write(scene)
        #expect(svg.contains("data-kind=\"territory\""))
        #expect(Self.items(scene, .legend).contains { $0.id == "legend-territory-middle" })
    }

    @Test("The legend lists only the layers drawn", arguments: [MapOptions.LayerKind.zone, .injection, .fascia, .ligament, .muscle, .bone, .nerve])
    func legendFollowsTheLayers(off: MapOptions.LayerKind) throws {
        let model = try MapComposerTests.model("reference")
        let full = Self.items(MapComposer(model: model).compose(), .legend).map(\.id)
        var options = MapOptions()
        options.layers.remove(off)
        let fewer = Self.items(MapComposer(model: model, options: options).compose(), .legend).map(\.id)
        let key: [MapOptions.LayerKind: String] = [.zone: "legend-zone", .injection: "legend-injection", .fascia: "legend-fascia",
                                                   .ligament: "legend-ligament", .muscle: "legend-muscle", .bone: "legend-bone",
                                                   .nerve: "legend-superior"]
        let entry = try #require(key[off])
        #expect(full.contains(entry))
        #expect(!fewer.contains(entry), "\(entry) stays in the legend with --layers lacking \(off)")
    }

    @Test("Highlighting a group keeps the structures of its trap at full strength",
          arguments: [(NerveGroup.superior, "tlf-posterior-layer-left"), (.middle, "long-dorsal-sacroiliac-ligament-left"),
                      (.inferior, "gluteus-maximus-lower-border-left"), (.inferior, "sacrotuberous-ligament-right")])
    func highlightKeepsTheTrap(group: NerveGroup, id: String) throws {
        let model = try MapComposerTests.model("reference")
        let scene = MapComposer(model: model, options: MapOptions(highlight: .group(group))).compose()
        let item = try #require(scene.layers.flatMap(\.items).first { $0.id == id })
        guard case .path(_, let style) = item.content else { Issue.record("not a path"); return }
        #expect(style.stroke?.opacity == 1, "\(id) keeps full strength when \(group) is highlighted")
        let other: NerveGroup = group == .superior ? .middle : .superior
        let faded = MapComposer(model: model, options: MapOptions(highlight: .group(other))).compose()
        let fadedItem = try #require(faded.layers.flatMap(\.items).first { $0.id == id })
        guard case .path(_, let fadedStyle) = fadedItem.content else { return }
        #expect((fadedStyle.stroke?.opacity ?? 1) < 1, "\(id) fades when \(other) is highlighted")
    }

    @Test func theDefaultPageIsTrimmedToTheAnatomy() throws {
        let scene = MapComposer(model: try MapComposerTests.model("reference")).compose()
        let box = scene.layout.bodyViewport
        #expect(box.max.z <= 175, "no empty back above L1 (top \(box.max.z))")
        #expect(box.min.z >= -260, "no long empty thigh (bottom \(box.min.z))")
    }
}

/// Every label on every sample map belongs to its own item.
@Suite("Label membership")
struct LabelMembershipTests {
    static let configurations: [(String, [Side], MapOptions.ZoneSelection)] = MapComposerTests.people.flatMap { person in
        [(person, [Side.left, .right], MapOptions.ZoneSelection.defaults), (person, [.left], .all), (person, [.right], .defaults)]
    }

    @Test("Each tied label has a leader ending on its item and sits no nearer to another item of its kind",
          arguments: configurations)
    func labelsBelongToTheirItems(person: String, sides: [Side], zones: MapOptions.ZoneSelection) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        var options = MapOptions(sides: sides, zones: zones)
        options.layers.insert(.territory)
        let scene = MapComposer(model: try MapComposerTests.model(person), options: options).compose()
        let pxPerMm = 3.0
        let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
        let resolved = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene
        let boxes = Dictionary(try renderer.textBoxes(in: resolved, pxPerMm: pxPerMm).map { ($0.id, $0.rect) }, uniquingKeysWith: { a, _ in a })
        let leaders = Dictionary(resolved.layers.flatMap(\.items).filter { $0.metadata["role"] == "leader" }.map { ($0.metadata["label"] ?? "", $0) },
                                 uniquingKeysWith: { a, _ in a })
        var tied = 0
        for item in scene[layer: .label]?.items ?? [] {
            guard case .text(let label) = item.content, case .automatic(let auto) = label.placement, auto.isTied else { continue }
            guard let box = boxes[item.id] else { continue } // dropped labels are reported by the placer tests
            tied += 1
            let target = auto.target.map(transform.pixel)
            let own = box.distance(to: target)
            for rival in auto.rivals {
                #expect(box.distance(to: rival.map(transform.pixel)) >= own, "\(person) \(sides): \(item.id) is nearer another item than its own")
            }
            let leader = try #require(leaders[item.id], "\(item.id) has a leader")
            guard case .path(let path, _) = leader.content, let end = path.subpaths.first?.points.last else {
                Issue.record("\(item.id): leader is not a line")
                continue
            }
            let endPx = transform.pixel(end)
            let onItem = PixelRect(x: endPx.x, y: endPx.y, width: 0, height: 0).distance(to: target)
            #expect(onItem <= Float(pxPerMm) * 0.6, "\(item.id): the leader ends \(onItem) px from its item")
        }
        #expect(tied >= 15, "\(person): only \(tied) tied labels")
    }
}

/// Regions, text size and the zone key.
@Suite("Map regions and text")
struct MapRegionTests {
    @Test("A region crops to its group's traps at true scale, with the grid", arguments: [MapOptions.Region.crest, .sacral, .gluteal])
    func regionsKeepTrueScaleAndTheGrid(region: MapOptions.Region) throws {
        let model = try MapComposerTests.model("reference")
        let full = MapComposer(model: model).compose()
        var options = MapOptions()
        options.region = region
        let scene = MapComposer(model: model, options: options).compose()
        let box = scene.layout.bodyViewport, fullBox = full.layout.bodyViewport
        #expect(box.width < fullBox.width || box.height < fullBox.height, "\(region) is smaller than the full map")
        #expect((box.width * box.height) < 0.6 * (fullBox.width * fullBox.height))
        // True scale: one body millimetre is one page millimetre in both.
        let a = scene.layout.pagePoint(.body(Point(0, 0))), b = scene.layout.pagePoint(.body(Point(10, -10)))
        #expect(abs(abs(b.x - a.x) - 10) < 1e-9 && abs((b.y - a.y) - 10) < 1e-9)
        #expect(!(scene[layer: .grid]?.items.isEmpty ?? true), "the grid is kept")
        // Every default zone of the region's group is inside the crop; nothing spills out.
        let group = try #require(region.group)
        for z in model.zones where z.isDefault && z.site.nerve == group {
            #expect(box.contains(z.centre), "\(z.id) is shown")
        }
        for layer in scene.layers {
            for item in layer.items {
                guard case .path(let path, _) = item.content else { continue }
                for sub in path.subpaths {
                    for p in sub.points {
                        if case .body(let q) = p, !sub.isSmooth {
                            #expect(q.z >= box.min.z - 1e-6 && q.z <= box.max.z + 1e-6 && q.x >= box.min.x - 1e-6 && q.x <= box.max.x + 1e-6,
                                    "\(item.id) leaves the crop")
                        }
                    }
                }
            }
        }
    }

    @Test("Text size in points sets the labels and grows the legend", arguments: [6.0, 9.0, 14.0])
    func textSize(points: Double) throws {
        var options = MapOptions()
        options.textSizePoints = points
        let scene = MapComposer(model: try MapComposerTests.model("reference"), options: options).compose()
        let labels = scene[layer: .label]?.items ?? []
        #expect(!labels.isEmpty)
        for item in labels {
            guard case .text(let label) = item.content else { continue }
            #expect(abs(label.fontSizeMm - points * 25.4 / 72) < 1e-9, "\(item.id)")
        }
        let heading = try #require(scene[layer: .legend]?.items.first { $0.id == "legend-heading" })
        guard case .text(let h) = heading.content else { Issue.record("heading is not text"); return }
        #expect(abs(h.fontSizeMm - 3.6 * points / MapOptions.defaultTextSizePoints) < 1e-9)
    }

    @Test func allZonesAreNumberedAndKeyed() throws {
        let model = try MapComposerTests.model("reference")
        let scene = MapComposer(model: model, options: MapOptions(sides: [.left], zones: .all)).compose()
        let others = model.zones.filter { !$0.isDefault && $0.side == .left }
        let numbers = (scene[layer: .label]?.items ?? []).filter { $0.id.hasPrefix("label-zone-") }
        #expect(numbers.count == others.count, "one number per non-default zone")
        let keys = (scene[layer: .legend]?.items ?? []).compactMap { item -> String? in
            guard item.id.hasPrefix("legend-zone-key-"), item.id != "legend-zone-key-heading", case .text(let t) = item.content else { return nil }
            return t.text
        }
        #expect(keys.count == others.count)
        #expect(keys.contains { $0.contains("Tubbs 2010") } || keys.contains { $0.contains("Lu 1998") }, "keys name the source")
    }
}
