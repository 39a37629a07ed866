import BodyGeometry
import Testing
@testable import ClunealRender

@Suite("Label placement")
struct LabelPlacerTests {
    let canvas = PixelRect(x: 0, y: 0, width: 400, height: 300)

    func request(_ id: String, _ x: Float, _ y: Float, w: Float = 40, h: Float = 12, priority: Int = 0) -> LabelRequest {
        LabelRequest(id: id, anchor: PixelPoint(x, y), size: PixelSize(width: w, height: h), priority: priority, gap: 4)
    }

    @Test func aLoneLabelGoesNorthEastWithoutLeader() throws {
        let result = LabelPlacer(canvas: canvas).place([request("a", 200, 150)])
        let placed = try #require(result.placement(for: "a"))
        #expect(placed.direction == .northEast)
        #expect(placed.ring == 0)
        #expect(placed.leader == nil)
        #expect(placed.rect.minX > 200 && placed.rect.maxY < 150)
    }

    @Test func aLabelAtTheRightEdgeTurnsWest() throws {
        let result = LabelPlacer(canvas: canvas).place([request("a", 390, 150)])
        let placed = try #require(result.placement(for: "a"))
        #expect(placed.rect.maxX < 390)
        #expect([LabelDirection.northWest, .southWest, .west].contains(placed.direction))
    }

    @Test func labelsAtOneAnchorAreSpreadOut() {
        let requests = (0..<4).map { request("l\($0)", 200, 150) }
        let result = LabelPlacer(canvas: canvas).place(requests)
        #expect(result.dropped.isEmpty)
        #expect(Set(result.placed.map(\.direction)).count == 4)
    }

    @Test func labelsKeepOffOtherAnchorsWhenTheyCan() throws {
        // b's anchor sits where a's north-east box would go.
        let result = LabelPlacer(canvas: canvas).place([request("a", 100, 100, priority: 1), request("b", 120, 92)])
        let a = try #require(result.placement(for: "a"))
        #expect(!a.rect.outset(by: 2).contains(PixelPoint(120, 92)))
    }

    @Test func obstaclesAreRespected() {
        let obstacle = PixelRect(x: 150, y: 100, width: 120, height: 100)
        let requests = [request("a", 210, 150), request("b", 160, 110), request("c", 260, 190)]
        let result = LabelPlacer(canvas: canvas, obstacles: [obstacle]).place(requests)
        for p in result.placed { #expect(!p.rect.intersects(obstacle)) }
    }

    @Test func aLabelThatFitsNowhereIsDropped() {
        let result = LabelPlacer(canvas: canvas).place([request("huge", 200, 150, w: 500, h: 20), request("ok", 50, 50)])
        #expect(result.dropped == ["huge"])
        #expect(result.placed.map(\.id) == ["ok"])
    }

    @Test func nonFiniteInputIsDroppedNotTrapped() {
        let result = LabelPlacer(canvas: canvas).place([request("nan", .nan, 10), request("inf", 10, 10, w: .infinity)])
        #expect(Set(result.dropped) == ["nan", "inf"])
    }

    @Test func displacedLabelsGetLeadersToTheirBox() {
        // Crowd one anchor until labels must move out to later rings.
        let requests = (0..<14).map { request("l\($0)", 200, 150, w: 30, h: 10) }
        let result = LabelPlacer(canvas: canvas).place(requests)
        let displaced = result.placed.filter { $0.ring > 0 }
        #expect(!displaced.isEmpty)
        for p in result.placed {
            #expect((p.leader != nil) == (p.ring > 0))
            if let l = p.leader {
                // The leader ends on the box and starts near the anchor.
                #expect(p.rect.outset(by: 0.01).contains(l.end))
                #expect(l.start.distance(to: PixelPoint(200, 150)) <= 2.01)
            }
        }
    }

    /// Many random, seeded anchor sets: every invariant holds every time.
    @Test(arguments: 0..<40)
    func randomAnchorSetsNeverOverlap(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let count = Int.random(in: 3...45, using: &rng)
        let requests = (0..<count).map { i -> LabelRequest in
            LabelRequest(id: "label-\(i)",
                         anchor: PixelPoint(Float.random(in: -20...420, using: &rng), Float.random(in: -20...320, using: &rng)),
                         size: PixelSize(width: Float.random(in: 10...90, using: &rng), height: Float.random(in: 8...24, using: &rng)),
                         priority: Int.random(in: 0...3, using: &rng), gap: Float.random(in: 2...8, using: &rng))
        }
        let obstacle = PixelRect(x: 300, y: 10, width: 90, height: 40)
        let placer = LabelPlacer(canvas: canvas, margin: 4, padding: 1, obstacles: [obstacle])
        let result = placer.place(requests)

        // Every label is accounted for exactly once.
        #expect(Set(result.placed.map(\.id) + result.dropped) == Set(requests.map(\.id)))
        #expect(result.placed.count + result.dropped.count == requests.count)
        let usable = PixelRect(x: 4, y: 4, width: 392, height: 292)
        for (i, a) in result.placed.enumerated() {
            #expect(usable.contains(a.rect), "\(a.id) leaves the canvas")
            #expect(!a.rect.intersects(obstacle), "\(a.id) covers the obstacle")
            for b in result.placed[(i + 1)...] {
                #expect(!a.rect.intersects(b.rect), "\(a.id) overlaps \(b.id)")
            }
            // The box is one of the label's own candidates.
            if let r = requests.first(where: { $0.id == a.id }) {
                #expect(placer.candidates(for: r).contains { $0.rect == a.rect })
            }
        }
        // Deterministic, and independent of the input order.
        #expect(placer.place(requests) == result)
        #expect(placer.place(requests.reversed()) == result)
        var shuffled = requests
        shuffled.shuffle(using: &rng)
        #expect(placer.place(shuffled) == result)
    }

    @Test func higherPriorityGetsTheBestSpot() throws {
        let result = LabelPlacer(canvas: canvas).place([request("low", 200, 150), request("high", 200, 150, priority: 5)])
        #expect(try #require(result.placement(for: "high")).direction == .northEast)
        #expect(result.placed.first?.id == "high")
    }
}

@Suite("Label resolution in scenes")
struct LabelResolutionTests {
    @Test func resolvedSceneHasFixedLabelsThatDoNotOverlap() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = DemoScene.make()
        let resolution = try renderer.resolvingLabels(scene, pxPerMm: 3)
        let transform = try MapTransform(layout: scene.layout, pxPerMm: 3)
        var boxes: [(String, PixelRect)] = []
        for layer in resolution.scene.layers where layer.id == .label {
            for item in layer.items {
                guard case .text(let label) = item.content else { continue }
                #expect(label.placement == .fixed)
                let metrics = try renderer.fonts.face(label.weight).measure(label.text, sizePx: transform.pixels(mm: label.fontSizeMm))
                let origin = metrics.boxOrigin(anchor: transform.pixel(label.anchor), alignment: label.alignment)
                boxes.append((item.id, PixelRect(origin: origin, size: metrics.size)))
            }
        }
        let automatic = scene[layer: .label]?.items.count ?? 0
        #expect(boxes.count + resolution.dropped.count == automatic)
        for (i, a) in boxes.enumerated() {
            #expect(PixelRect(x: 0, y: 0, width: Float(transform.canvasWidth), height: Float(transform.canvasHeight)).contains(a.1))
            for b in boxes[(i + 1)...] { #expect(!a.1.intersects(b.1), "\(a.0) overlaps \(b.0)") }
            #expect(!a.1.intersects(transform.pixelRect(scene.labelObstacles[0])))
        }
        // Resolving twice gives the same scene.
        #expect(try renderer.resolvingLabels(scene, pxPerMm: 3) == resolution)
    }
}
