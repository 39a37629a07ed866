import BodyGeometry
import Testing
@testable import ClunealRender

/// The streamed PNG (bands of rows drawn and encoded one after another, on one thread or
/// pipelined over two) must be the same file as `render` followed by `encode`.
@Suite("Banded PNG")
struct BandedPNGTests {
    static let pxPerMm = 4.0
    static let bandRows = 16

    /// 60 × 40 mm at 4 px/mm = 240 × 160 px: ten 16-row bands. A translucent fill, a filled
    /// and stroked outline spanning every band, a dashed stroke, an ellipse, markers, and a
    /// haloed two-line label whose box crosses a band boundary.
    static func scene(background: Color = Color(rgb: 0xFBFAF7)) throws -> Scene {
        var scene = Scene(layout: TestSupport.page(), background: background)
        let outline = try #require(Polygon([Point(-27, -19.5), Point(25, -18), Point(28, 0), Point(22, 19.7), Point(-24, 18), Point(-29, 2)]))
        scene.add(.path("body", ScenePath(polygon: outline),
                        style: Style(fill: Color(rgb: 0xF2D8C4), stroke: StrokeStyle(color: Color(rgb: 0x6B4A3A), widthMm: 0.6))),
                  to: .outline)
        scene.add(.path("zone", ScenePath(pageRect: PageRect(x: 8, y: 6, width: 30, height: 22)),
                        style: .fill(Color(red: 200, green: 40, blue: 90, alpha: 90))), to: "zone")
        scene.add(.ellipse("ellipse", SceneEllipse(centre: .body(Point(8, -4)), radiusXMm: 9, radiusYMm: 5, rotationDegrees: 25),
                           style: Style(fill: Color(red: 30, green: 90, blue: 200, alpha: 120),
                                        stroke: StrokeStyle(color: .black, widthMm: 0.3))), to: "zone")
        scene.add(.path("nerve", ScenePath(polyline: try #require(Polyline([Point(-20, 19), Point(-5, 4), Point(3, -2), Point(18, -19)]))),
                        style: .stroke(Color(rgb: 0xD4A017), widthMm: 0.8, dash: DashPattern([2, 1]))), to: "nerve")
        scene.add(.marker("site", Marker(at: .body(Point(-12, -8)), shape: .target, sizeMm: 3, style: .fill(Color(rgb: 0x0B6E4F)))),
                  to: "injection")
        scene.add(.text("label", TextLabel("Superior cluneal\nnerves", at: .page(PagePoint(6, 3.2)), fontSizeMm: 3.2,
                                           color: Color(rgb: 0x1A1A1A), weight: .bold, halo: Halo(color: .white, widthMm: 0.5),
                                           alignment: TextAlignment(.start, .top))), to: .label)
        return scene
    }

    static let text = [PNGText(PNGText.Keyword.title, "banded"), PNGText("cluneal:note", "UTF-8 → iTXt")]

    @Test func labelCrossesABandBoundaryAndTheOutlineSpansEveryBand() throws {
        let fonts = try FontSet.dejaVuSans()
        let metrics = try fonts.bold.measure("Superior cluneal\nnerves", sizePx: Float(3.2 * Self.pxPerMm))
        let top = Float(3.2 * Self.pxPerMm), bottom = top + metrics.height
        #expect(Int(top) / Self.bandRows != Int(bottom) / Self.bandRows)
        let image = try SceneRenderer(fonts: fonts).render(try Self.scene(), pxPerMm: Self.pxPerMm)
        #expect(image.height > 4 * Self.bandRows)
        // The outline's fill reaches the first and the last band.
        #expect(image.pixel(x: image.width / 2, y: 8) == Color(rgb: 0xF2D8C4))
        #expect(image.pixel(x: image.width / 2, y: image.height - 10) == Color(rgb: 0xF2D8C4))
    }

    @Test(arguments: [
        PNGEncoder(),
        PNGEncoder(format: .rgba),
        PNGEncoder(format: .rgb(background: .white)),
        PNGEncoder(compression: .small),
        PNGEncoder(compression: .smallLibpng),
        PNGEncoder(compression: .fastLibpng),
        PNGEncoder(compression: .fastLibdeflate),
        PNGEncoder(format: .rgba, compression: .fastLibdeflate),
        PNGEncoder(format: .rgba, compression: .fastLibpng),
        PNGEncoder(compression: .init(level: 2, filters: .up)),
    ])
    func bandedPNGIsTheSameFileAsRenderThenEncode(encoder: PNGEncoder) throws {
        let renderer = try SceneRenderer.withSystemFonts()
        for background in [Color(rgb: 0xFBFAF7), Color(red: 255, green: 255, blue: 255, alpha: 0)] {
            let scene = try Self.scene(background: background)
            let reference = try encoder.encode(try renderer.render(scene, pxPerMm: Self.pxPerMm),
                                               metadata: PNGMetadata(pxPerMm: Self.pxPerMm, text: Self.text))
            for bandRows in [1, 7, Self.bandRows, 1000] {
                for pipelined in [false, true] {
                    let banded = try renderer.renderPNG(scene, pxPerMm: Self.pxPerMm, encoder: encoder, text: Self.text,
                                                        bandRows: bandRows, pipelined: pipelined)
                    #expect(banded == reference, "background \(background), \(bandRows)-row bands, pipelined \(pipelined)")
                }
            }
        }
    }

    @Test func bandedPixelsMatchTheCanvas() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = try Self.scene()
        let image = try renderer.render(scene, pxPerMm: Self.pxPerMm)
        let png = try PNGDecoder.decode(try renderer.renderPNG(scene, pxPerMm: Self.pxPerMm, bandRows: Self.bandRows))
        #expect(png.colorType == 2)  // opaque background: RGB
        #expect(png.rgba == image.straightRGBA())

        let transparent = try Self.scene(background: .clear)
        let clearImage = try renderer.render(transparent, pxPerMm: Self.pxPerMm)
        let clearPNG = try PNGDecoder.decode(try renderer.renderPNG(transparent, pxPerMm: Self.pxPerMm, bandRows: Self.bandRows))
        #expect(clearPNG.colorType == 6)
        #expect(clearPNG.rgba == clearImage.straightRGBA())
    }

    @Test func renderBandsHandsOverTheCanvasRowsInOrder() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = try Self.scene()
        let image = try renderer.render(scene, pxPerMm: Self.pxPerMm)
        let expected = image.flattenedRGB(over: .black)
        var collected: [UInt8] = []
        var nextRow = 0
        try renderer.renderBands(scene, pxPerMm: Self.pxPerMm, bandRows: Self.bandRows) { first, count, rows in
            #expect(first == nextRow)
            #expect(rows.count == count * image.width * 3)
            nextRow += count
            collected += rows
        }
        #expect(nextRow == image.height)
        #expect(collected == expected)
    }

    @Test func pipelinedOutputDoesNotDependOnTiming() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        let scene = try Self.scene()
        let first = try renderer.renderPNG(scene, pxPerMm: Self.pxPerMm, bandRows: 3)
        for _ in 0..<5 {
            #expect(try renderer.renderPNG(scene, pxPerMm: Self.pxPerMm, bandRows: 3) == first)
        }
    }

    @Test func anEncoderErrorStopsTheDrawingAndIsThrown() throws {
        let renderer = try SceneRenderer.withSystemFonts()
        for pipelined in [false, true] {
            var plan = try renderer.plan(try Self.scene(), pxPerMm: Self.pxPerMm)
            var producer = try BandProducer(plan: plan, encoder: PNGEncoder(compression: .fastLibpng), metadata: PNGMetadata(), bandRows: 2)
            producer.header.level = 42  // zlib refuses it when libpng starts the first row
            #expect(throws: RenderError.libpng("bad parameters to zlib")) {
                if pipelined, #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
                    _ = try producer.runPipelined(&plan)
                } else {
                    _ = try producer.runSequential(&plan)
                }
            }
            // Drawing stopped early: at most the bands in flight were drawn.
            #expect(!plan.isFinished || !pipelined)
        }
        #expect(throws: RenderError.self) {
            try renderer.renderPNG(try Self.scene(), pxPerMm: 1, text: [PNGText(" bad keyword", "x")])
        }
    }
}
