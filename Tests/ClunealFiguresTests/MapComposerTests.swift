import BodyGeometry
import ClunealAnatomy
import Foundation
import RenderTestSupport
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// The default map, composed from the real atlas, across themes, sides and the sample people.
@Suite("Map composer")
struct MapComposerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func atlas() throws -> Atlas {
        let url = root.appendingPathComponent("Atlas/adult-default.atlas.json")
        let decoded = try AtlasLoader.decode(AtlasInput(file: url.path, bytes: [UInt8](try Data(contentsOf: url))))
        let sources = try decoded.sourceFileNames.map { name in
            let u = url.deletingLastPathComponent().appendingPathComponent(name)
            return AtlasInput(file: u.path, bytes: [UInt8](try Data(contentsOf: u)))
        }
        // Small fixture atlases do not carry every id the features rely on.
        return try AtlasLoader.validate(decoded, sourceFiles: sources, requiring: url.lastPathComponent == "adult-default.atlas.json" ? WellKnownId.all : [])
    }

    /// The reference adult plus every measurements file in Samples/measurements.
    static var people: [String] {
        let folder = root.appendingPathComponent("Samples/measurements")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return ["reference"] + files
    }

    static func model(_ person: String) throws -> BodyModel {
        let atlas = try atlas()
        guard person != "reference" else { return try BodyModel(atlas: atlas) }
        let url = root.appendingPathComponent("Samples/measurements").appendingPathComponent(person)
        let m = try Measurements.decode(AtlasInput(file: url.path, bytes: [UInt8](try Data(contentsOf: url))))
        return try BodyModel(atlas: atlas, measurements: m)
    }

    static let sides: [[Side]] = [[.left, .right], [.left], [.right]]

    @Test("Labels never overlap and stay on the canvas", arguments: MapTheme.Name.allCases, sides)
    func labelsDoNotCollide(theme: MapTheme.Name, sides: [Side]) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        for person in Self.people {
            let model = try Self.model(person)
            let scene = MapComposer(model: model, options: MapOptions(sides: sides, zones: .all, theme: .named(theme))).compose()
            let pxPerMm = 4.0
            let resolution = try renderer.resolvingLabels(scene, pxPerMm: pxPerMm)
            let boxes = try renderer.textBoxes(in: resolution.scene, pxPerMm: pxPerMm)
            let transform = try MapTransform(layout: scene.layout, pxPerMm: pxPerMm)
            let canvas = PixelRect(x: 0, y: 0, width: Float(transform.canvasWidth), height: Float(transform.canvasHeight))
            #expect(boxes.filter(\.isLabel).count >= 15, "\(person): too few labels placed")
            for b in boxes {
                #expect(b.rect.minX >= canvas.minX && b.rect.maxX <= canvas.maxX && b.rect.minY >= canvas.minY && b.rect.maxY <= canvas.maxY,
                        "\(person): \(b.id) leaves the canvas")
            }
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] where a.isLabel || b.isLabel {
                    #expect(!a.rect.intersects(b.rect), "\(person) \(theme) \(sides): \(a.id) overlaps \(b.id)")
                }
            }
            // The important labels (entrapment sites) are never dropped.
            for site in model.atlas.document.entrapmentSites {
                #expect(!resolution.dropped.contains("label-\(site.id)"), "\(person): \(site.id) label dropped")
            }
        }
    }

    @Test(arguments: people)
    func everyItemHasAUniqueIdAndTheLayersOfTheDesign(person: String) throws {
        let scene = MapComposer(model: try Self.model(person)).compose()
        let ids = scene.layers.flatMap { $0.items.map(\.id) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $1.count > 1 }.keys.sorted())")
        let layers = Set(scene.layers.map(\.id.rawValue))
        for expected in ["outline", "bone", "fascia", "ligament", "muscle", "nerve", "zone", "injection", "grid", "label", "legend", "measure", "title", "notice"] {
            #expect(layers.contains(expected), "no \(expected) layer")
        }
        try scene.validate()
    }

    @Test func thePatientsLeftIsOnThePagesLeft() throws {
        let model = try Self.model("reference")
        let scene = MapComposer(model: model).compose()
        let left = try #require(model.point(ofLandmark: "psis", side: .left))
        let right = try #require(model.point(ofLandmark: "psis", side: .right))
        #expect(scene.layout.pagePoint(left).x < scene.layout.pagePoint(right).x)
        // The L letter is printed on the page's left.
        let letters = scene[layer: .measure]?.items.filter { $0.id.hasPrefix("orientation-") } ?? []
        #expect(letters.count == 4)
    }

    @Test func oneSidedMapsShowOnlyThatSide() throws {
        let model = try Self.model("reference")
        let scene = MapComposer(model: model, options: MapOptions(sides: [.right])).compose()
        let nerveIds = scene[layer: .nerve]?.items.map(\.id) ?? []
        #expect(!nerveIds.isEmpty)
        #expect(nerveIds.allSatisfy { $0.contains("-right") })
        #expect(scene.layout.bodyViewport.max.x < 30, "the viewport stops just past the midline")
    }

    @Test func zonesSelectionAndHighlight() throws {
        let model = try Self.model("reference")
        let defaults = MapComposer(model: model).compose()[layer: .zone]?.items ?? []
        let all = MapComposer(model: model, options: MapOptions(zones: .all)).compose()[layer: .zone]?.items ?? []
        let kuniya = MapComposer(model: model, options: MapOptions(zones: .source("kuniya-2014"))).compose()[layer: .zone]?.items ?? []
        #expect(all.count > defaults.count)
        #expect(all.contains { $0.metadata["disputed"] == "true" }, "the disputed article variant is drawn with --zones all")
        #expect(!defaults.contains { $0.metadata["disputed"] == "true" })
        #expect(kuniya.filter { !$0.id.hasSuffix("-2sd") }.allSatisfy { $0.metadata["source"] == "kuniya-2014" })
        let highlighted = MapComposer(model: model, options: MapOptions(highlight: .group(.middle))).compose()
        for item in highlighted[layer: .nerve]?.items ?? [] where item.metadata["nerve"] != nil {
            guard case .path(_, let style) = item.content, let stroke = style.stroke else { continue }
            #expect((item.metadata["nerve"] == "middle") == (stroke.opacity == 1), "\(item.id)")
        }
    }

    @Test func theDefaultMapMatchesItsGolden() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = MapComposer(model: try Self.model("reference")).compose()
        let png = try renderer.renderPNG(scene, pxPerMm: 0.6)
        let verdict = try GoldenImage.compare(png, golden: Self.root.appendingPathComponent("Tests/ClunealFiguresTests/Golden/default-map-6ppcm.png"))
        #expect(verdict == .matches, "\(verdict)")
    }

    @Test func renderingIsDeterministic() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = MapComposer(model: try Self.model("tall-man.json"), options: MapOptions(zones: .all)).compose()
        let a = try renderer.renderPNG(scene, pxPerMm: 0.5)
        let b = try renderer.renderPNG(scene, pxPerMm: 0.5)
        #expect(a == b)
        let svgA = try SVGWriter(matching: renderer.fonts).write(try renderer.resolvingLabels(scene, pxPerMm: 0.5).scene)
        let svgB = try SVGWriter(matching: renderer.fonts).write(try renderer.resolvingLabels(scene, pxPerMm: 0.5).scene)
        #expect(svgA == svgB)
    }
}
