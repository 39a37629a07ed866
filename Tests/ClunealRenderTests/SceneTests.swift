import BodyGeometry
import Testing
@testable import ClunealRender

@Suite("Scene model and transform")
struct SceneTests {
    @Test func hexColours() {
        #expect(Color(hex: "#1F77b4") == Color(red: 0x1F, green: 0x77, blue: 0xB4))
        #expect(Color(hex: "fff") == .white)
        #expect(Color(hex: "#00000080") == Color(red: 0, green: 0, blue: 0, alpha: 128))
        #expect(Color(hex: "#12345") == nil)
        #expect(Color(hex: "#gg0000") == nil)
        #expect(Color(rgb: 0xA4161A).hexRGB == "#a4161a")
        #expect(Color.white.multipliedAlpha(0.5).alpha == 128)
    }

    @Test func bodyIsLifeSizeAndZUpBecomesYDown() throws {
        let layout = PageLayout(bodyViewport: Bounds(min: Point(-100, -50), max: Point(100, 80)),
                                margins: PageInsets(top: 20, left: 10, bottom: 5, right: 10))
        #expect(layout.pageSize == PageSize(width: 220, height: 155))
        // A posterior view: the patient's left (+x) is on the page's left.
        #expect(layout.pagePoint(Point(100, 80)) == PagePoint(10, 20))       // viewport top-left
        #expect(layout.pagePoint(Point(-100, 80)) == PagePoint(210, 20))     // the patient's right, page right
        #expect(layout.pagePoint(Point(0, 0)) == PagePoint(110, 100))
        #expect(layout.bodyPoint(PagePoint(110, 100)) == Point(0, 0))
        let t = try MapTransform(layout: layout, pxPerMm: 4)
        #expect(t.canvasWidth == 880 && t.canvasHeight == 620)
        #expect(t.pixel(Point(0, 0)) == PixelPoint(440, 400))
        #expect(t.pixel(Point(0, 10)).y < t.pixel(Point(0, 0)).y)          // cranial is up
        #expect(t.pixel(PagePoint(1, 2)) == PixelPoint(4, 8))
        #expect(t.bodyPoint(PixelPoint(440, 400)) == Point(0, 0))
        #expect(t.pixelsPerMetre == 4000)
        #expect(t.pixels(mm: 2.5) == 10)
    }

    @Test func badResolutionsAndPagesAreTypedErrors() {
        let layout = TestSupport.page()
        #expect(throws: RenderError.invalidResolution(pxPerMm: 0)) { try MapTransform(layout: layout, pxPerMm: 0) }
        #expect(throws: RenderError.invalidResolution(pxPerMm: -.infinity)) { try MapTransform(layout: layout, pxPerMm: -.infinity) }
        #expect(throws: RenderError.self) { try MapTransform(layout: layout, pxPerMm: 1e9) }
        var empty = layout
        empty.pageSize = PageSize(width: 0, height: 10)
        #expect(throws: RenderError.invalidPageSize(width: 0, height: 10)) { try MapTransform(layout: empty, pxPerMm: 1) }
        #expect(throws: RenderError.self) { try RGBABuffer(width: 0, height: 5) }
        #expect(throws: RenderError.self) { try RGBABuffer(width: 100_000, height: 100_000) }
    }

    @Test func validationNamesTheItem() {
        var scene = Scene(layout: TestSupport.page())
        scene.add(.text("t", TextLabel("x", at: .page(PagePoint(1, 1)), fontSizeMm: -1)), to: .label)
        #expect(throws: RenderError.invalidItem(id: "t", reason: "font size -1.0 mm must be within (0, 1000)")) { try scene.validate() }
        var stroke = Scene(layout: TestSupport.page())
        stroke.add(.path("s", .pageLine(from: .zero, to: PagePoint(1, 1)), style: .stroke(.black, widthMm: .nan)), to: "nerve")
        #expect(throws: RenderError.self) { try stroke.validate() }
        #expect(DashPattern([1, -1]) == nil)
        #expect(DashPattern([0, 0]) == nil)
        #expect(DashPattern([3])?.lengthsMm == [3, 3])
    }

    @Test func addCreatesLayersInOrder() {
        var scene = Scene(layout: TestSupport.page())
        scene.add(.marker("a", Marker(at: .body(.origin), shape: .dot, sizeMm: 2, style: .fill(.black))), to: "injection", title: "Injection sites")
        scene.add(.marker("b", Marker(at: .body(.origin), shape: .dot, sizeMm: 2, style: .fill(.black))), to: "tender-point")
        scene.add(.marker("c", Marker(at: .body(.origin), shape: .dot, sizeMm: 2, style: .fill(.black))), to: "injection")
        #expect(scene.layers.map(\.id) == ["injection", "tender-point"])
        #expect(scene[layer: "injection"]?.items.map(\.id) == ["a", "c"])
        #expect(scene[layer: "injection"]?.title == "Injection sites")
        #expect(scene[layer: "tender-point"]?.title == "tender-point")
    }
}

@Suite("Scene renderer")
struct SceneRendererTests {
    let renderer: SceneRenderer
    init() throws { renderer = try SceneRenderer.withSystemFonts() }

    func rect(_ id: String, _ r: PageRect, _ c: Color) -> SceneItem {
        .path(id, ScenePath(pageRect: r), style: .fill(c))
    }

    @Test func layersDrawInOrderAndHiddenOnesNotAtAll() throws {
        var scene = Scene(layout: TestSupport.page(width: 20, height: 10), background: .white)
        scene.layers = [
            Layer(id: "below", title: "Below", items: [rect("a", PageRect(x: 0, y: 0, width: 10, height: 10), Color(rgb: 0xFF0000))]),
            Layer(id: "above", title: "Above", items: [rect("b", PageRect(x: 5, y: 0, width: 10, height: 10), Color(rgb: 0x0000FF))]),
            Layer(id: "hidden", title: "Hidden", isHidden: true, items: [rect("c", PageRect(x: 0, y: 0, width: 20, height: 10), .black)]),
        ]
        let image = try renderer.render(scene, pxPerMm: 2)
        #expect(image.pixel(x: 4, y: 5) == Color(rgb: 0xFF0000))
        #expect(image.pixel(x: 15, y: 5) == Color(rgb: 0x0000FF))   // overlap: the later layer wins
        #expect(image.pixel(x: 35, y: 5) == .white)                 // the hidden layer is not drawn
    }

    @Test func labelsAreDrawnAfterEveryShape() throws {
        var scene = Scene(layout: TestSupport.page(width: 40, height: 12), background: .white)
        scene.add(.text("t", TextLabel("MMMM", at: .page(PagePoint(2, 9)), fontSizeMm: 8, color: .black, weight: .bold, halo: nil)), to: .label)
        scene.add(rect("cover", PageRect(x: 0, y: 0, width: 40, height: 12), Color(rgb: 0xFF0000)), to: "zone")
        let image = try renderer.render(scene, pxPerMm: 2)
        var black = 0
        for y in 0..<image.height { for x in 0..<image.width where image.pixel(x: x, y: y) == .black { black += 1 } }
        #expect(black > 50)
    }

    @Test func bodyAndPageItemsLandWhereTheTransformSays() throws {
        var scene = Scene(layout: TestSupport.page(width: 40, height: 20), background: .white)
        scene.add(.ellipse("body-dot", .circle(centre: .body(Point(10, 5)), radiusMm: 1), style: .fill(.black)), to: "injection")
        scene.add(.ellipse("page-dot", .circle(centre: .page(PagePoint(5, 5)), radiusMm: 1), style: .fill(.black)), to: .legend)
        let image = try renderer.render(scene, pxPerMm: 4)
        let t = try MapTransform(layout: scene.layout, pxPerMm: 4)
        let body = t.pixel(Point(10, 5))
        // Body x = +10 (the patient's left) lands left of the page centre: a posterior view.
        #expect(body == PixelPoint(40, 20))
        #expect(image.pixel(x: 40, y: 20) == .black)
        #expect(image.pixel(x: 20, y: 20) == .black)
        #expect(image.pixel(x: 120, y: 20) == .white)   // the mirror image stays empty
        #expect(image.pixel(x: 40, y: 60) == .white)    // not flipped vertically
    }

    @Test func translucentFillAndStrokeEachCompositeOnce() throws {
        var scene = Scene(layout: TestSupport.page(width: 20, height: 20), background: .white)
        let nerve = ScenePath([Subpath(page: [PagePoint(2, 10), PagePoint(18, 10), PagePoint(10, 2), PagePoint(10, 18)], closed: false)])
        scene.add(.path("n", nerve, style: .stroke(.black, widthMm: 2, opacity: 0.5)), to: "nerve")
        let image = try renderer.render(scene, pxPerMm: 4)
        let single = image.pixel(x: 20, y: 40)     // on the first leg only
        let crossing = image.pixel(x: 40, y: 40)   // where the path crosses itself
        #expect(single == Color(red: 127, green: 127, blue: 127))
        #expect(crossing == single)
    }

    @Test func renderRejectsInvalidInput() throws {
        let scene = Scene(layout: TestSupport.page())
        do {
            _ = try renderer.render(scene, pxPerMm: .nan)
            Issue.record("a NaN resolution rendered")
        } catch {
            guard case .invalidResolution(let r) = error else { Issue.record("unexpected \(error)"); return }
            #expect(r.isNaN)
        }
        var bad = scene
        bad.add(.ellipse("e", .circle(centre: .body(.origin), radiusMm: -1), style: .fill(.black)), to: "zone")
        #expect(throws: RenderError.self) { try renderer.render(bad, pxPerMm: 1) }
    }

    @Test func renderingIsDeterministic() throws {
        let scene = DemoScene.make(halfWidth: 30, top: 25, bottom: -20)
        #expect(try renderer.render(scene, pxPerMm: 2) == renderer.render(scene, pxPerMm: 2))
    }
}
