import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// The cluneal branches end in twigs inside their group's skin area; the slide's group labels
/// stay on their side; a highlight steps back the bones outside its trap.
@Suite("Nerve twigs, slide labels, bones under a highlight")
struct NerveTwigTests {
    static func territory(_ model: BodyModel, _ group: NerveGroup, _ side: Side?) -> Polygon? {
        guard let s = model.structures.first(where: { $0.entry.kind == .territory && $0.entry.nerve == group && $0.side == side }),
              case .polygon(let p) = s.geometry else { return nil }
        return p
    }

    @Test("Every cluneal branch spreads into schematic twigs inside its own group's skin area", arguments: MapComposerTests.people)
    func twigsLieInsideTheirTerritory(person: String) throws {
        let model = try MapComposerTests.model(person)
        let scene = MapComposer(model: model).compose()
        let twigs = (scene[layer: .nerve]?.items ?? []).filter { $0.metadata["kind"] == "nerve-twigs" }
        // Three superior, three middle and two inferior cluneal branches on each side.
        #expect(twigs.count == 16, "\(person): \(twigs.map(\.id))")
        for group in NerveGroup.allCases {
            #expect(twigs.contains { $0.metadata["nerve"] == group.rawValue }, "\(person): no \(group) twigs")
        }
        // The legend says what the thin lines are, and only when they are drawn.
        #expect(scene[layer: .legend]?.items.contains { $0.id == "legend-twigs" } == true)
        var noNerves = MapOptions()
        noNerves.layers.remove(.nerve)
        #expect(MapComposer(model: model, options: noNerves).compose()[layer: .legend]?.items.contains { $0.id == "legend-twigs" } == false)
        // The PFCN and its perineal branch are not cluneal branches: no twigs.
        #expect(!twigs.contains { $0.id.hasPrefix("pfcn-trunk") || $0.id.hasPrefix("icn-perineal") })
        for item in twigs {
            #expect(item.metadata["fidelity"] == "schematic", "\(item.id)")
            let group = try #require(item.metadata["nerve"].flatMap(NerveGroup.init(rawValue:)))
            let side = item.metadata["laterality"].flatMap(Side.init(rawValue:))
            let area = try #require(Self.territory(model, group, side), "\(item.id): no territory")
            guard case .path(let path, _) = item.content else { Issue.record("\(item.id) is not a path"); continue }
            #expect(path.subpaths.count >= 2, "\(item.id): \(path.subpaths.count) twig(s)")
            for sub in path.subpaths {
                #expect(sub.isSmooth)
                let points = sub.points.compactMap { p -> Point? in if case .body(let b) = p { b } else { nil } }
                let curve = SmoothCurve.flattened(through: points, closed: false, tolerance: 0.1)
                let outside = curve.filter { !area.contains($0) && area.distance(to: $0) > 0.2 }
                #expect(outside.isEmpty, "\(person) \(item.id): twig leaves the \(group) skin area at \(outside.first.map { "\($0)" } ?? "")")
                // Each twig starts on its own branch.
                let branch = try #require(model.nerves.first { "\(MapComposer.itemId($0.entry.id, $0.side))-twigs" == item.id })
                let chain = try #require(Polyline(MapComposer.drawnChain(branch.geometry)))
                let start = try #require(points.first)
                #expect(chain.distance(to: start) < 0.5, "\(item.id): a twig starts \(chain.distance(to: start)) mm off its branch")
            }
        }
    }

    @Test("The slide's group labels stay on the side they name, clear of the midline", arguments: [[Side.left, .right], [.left], [.right]])
    func slideLabelsStayOnTheirSide(sides: [Side]) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = SlideComposer(model: try MapComposerTests.model("reference"), options: MapOptions(sides: sides)).compose()
        let pxPerMm = 3.0
        let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
        let resolved = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm).scene
        let boxes = Dictionary(try renderer.textBoxes(in: resolved, pxPerMm: pxPerMm).map { ($0.id, $0.rect) }, uniquingKeysWith: { a, _ in a })
        let midline = transform.pixel(Point(0, 0)).x
        for group in NerveGroup.allCases {
            let box = try #require(boxes["label-\(group.rawValue)"], "the \(group) label was dropped")
            // Posterior view: the patient's left is on the image's left.
            if sides[0] == .left {
                #expect(box.maxX < midline, "\(group) label reaches over the midline (\(box.maxX) ≥ \(midline))")
            } else {
                #expect(box.minX > midline, "\(group) label reaches over the midline (\(box.minX) ≤ \(midline))")
            }
        }
    }

    @Test("A region crop names only the structures it shows, not one that grazes its edge")
    func cropsNameWhatTheyShow() throws {
        let model = try MapComposerTests.model("reference")
        func labelled(_ region: MapOptions.Region) -> Set<String> {
            var options = MapOptions(sides: [.left])
            options.region = region
            return Set((MapComposer(model: model, options: options).compose()[layer: .label]?.items ?? []).map(\.id))
        }
        let full = labelled(.full), crest = labelled(.crest)
        #expect(full.contains("label-sacrotuberous-ligament"))
        #expect(!crest.contains("label-sacrotuberous-ligament"), "the crest crop shows only the ligament's upper tip")
        #expect(crest.contains("label-iliac-crest"))
    }

    @Test("A highlight keeps its trap's bones at full strength and steps the others back")
    func bonesOutsideTheTrapFade() throws {
        let model = try MapComposerTests.model("reference")
        let scene = MapComposer(model: model, options: MapOptions(highlight: .group(.middle))).compose()
        func fill(_ id: String) throws -> Double {
            let item = try #require(scene.layers.flatMap(\.items).first { $0.id == id })
            guard case .path(_, let style) = item.content else { throw CocoaError(.featureUnsupported) }
            return style.fillOpacity
        }
        #expect(try fill("sacrum") == 1, "the sacrum makes the middle nerves' trap with the LDSL")
        #expect(try fill("femur-proximal-left") < 1)
        let plain = MapComposer(model: model).compose()
        let femur = try #require(plain.layers.flatMap(\.items).first { $0.id == "femur-proximal-left" })
        guard case .path(_, let style) = femur.content else { return }
        #expect(style.fillOpacity == 1, "no highlight, no fading")
    }
}
