import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealRender

/// The PDF writer, read back with poppler: page size, fonts, text, metadata, and the
/// rasterised page against our own PNG.
@Suite("PDF writer")
struct PDFTests {
    /// Page sizes must match the scene to this many millimetres.
    static let sizeToleranceMm = 0.1

    static func scene(_ name: String) throws -> Scene {
        switch name {
        case "demo": return DemoScene.make(halfWidth: 60, top: 50, bottom: -40)
        case "default-map": return MapComposer(model: try MapComposerTests.model("reference")).compose()
        case "slide": return SlideComposer(model: try MapComposerTests.model("reference")).compose()
        case "quiz-map":
            var options = MapOptions()
            options.quizMarkers = [MapOptions.NumberedMarker(number: 1, position: .init(0, 0), answer: "origin")]
            return MapComposer(model: try MapComposerTests.model("reference"), options: options).compose()
        default: return HandoutComposer(model: try MapComposerTests.model("reference")).compose()
        }
    }

    static func pdf(_ scene: Scene, fonts: FontSet) throws -> [UInt8] {
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(scene, pxPerMm: 4).scene
        return try PDFWriter(fonts: fonts).write(resolved, metadata: PDFMetadata(title: scene.title ?? "test", subject: "notice",
                                                                                  keywords: "atlas test 1.0", creator: "tests"))
    }

    @Test("One page the figure's size, to 0.1 mm", .enabled(if: Poppler.isAvailable),
          arguments: ["demo", "default-map", "quiz-map", "handout", "slide"])
    func pageIsTheFigureSize(name: String) throws {
        let scene = try Self.scene(name)
        let url = try Poppler.temporaryFile(try Self.pdf(scene, fonts: try FontSet.dejaVuSans()))
        defer { try? FileManager.default.removeItem(at: url) }
        let sizes = try Poppler.pageSizesMillimetres(url)
        try #require(sizes.count == 1)
        #expect(abs(sizes[0].width - scene.pageSize.width) <= Self.sizeToleranceMm, "width \(sizes[0].width) mm, scene \(scene.pageSize.width) mm")
        #expect(abs(sizes[0].height - scene.pageSize.height) <= Self.sizeToleranceMm, "height \(sizes[0].height) mm, scene \(scene.pageSize.height) mm")
    }

    @Test("Fonts are embedded subsets of DejaVu Sans and the text can be extracted", .enabled(if: Poppler.isAvailable))
    func fontsAndText() throws {
        let scene = try Self.scene("default-map")
        let url = try Poppler.temporaryFile(try Self.pdf(scene, fonts: try FontSet.dejaVuSans()))
        defer { try? FileManager.default.removeItem(at: url) }
        let fonts = try Poppler.fonts(url)
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.embedded && font.subset, "\(font.name) is not an embedded subset")
            // Subset names are "ABCDEF+DejaVuSans" or "ABCDEF+DejaVuSans-Bold".
            #expect(font.name.split(separator: "+").last?.hasPrefix("DejaVuSans") == true, "unexpected font \(font.name)")
        }
        let text = try Poppler.text("pdftotext", ["-raw", url.path, "-"])
        for expected in ["Cluneal nerves: posterior view, both sides", "Superior cluneal nerve", "Legend", EducationNotice.text, "cranial ↑"] {
            #expect(text.contains(expected), "pdftotext lacks \(expected.debugDescription)")
        }
    }

    @Test("Metadata: title, subject, keywords, creator", .enabled(if: Poppler.isAvailable))
    func metadata() throws {
        let url = try Poppler.temporaryFile(try Self.pdf(try Self.scene("demo"), fonts: try FontSet.dejaVuSans()))
        defer { try? FileManager.default.removeItem(at: url) }
        let info = try Poppler.text("pdfinfo", [url.path])
        #expect(info.contains("Title:           Render test scene"))
        #expect(info.contains("Subject:         notice"))
        #expect(info.contains("Keywords:        atlas test 1.0"))
        #expect(info.contains("Creator:         tests"))
    }

    /// Rasterised by poppler at the PNG's resolution (4 px/mm), the PDF must look like our
    /// PNG. Both are averaged over 2 mm blocks (8 × 8 px) first, because the two rasterisers
    /// anti-alias hairlines and glyph edges differently; then at most ``outlierFraction`` of
    /// the blocks may differ by more than ``blockDelta`` (0–255) in some channel. Measured:
    /// 0.0 % of the blocks for the default map, 0.03 % for the text-dense demo scene and
    /// 0.56 % for the slide (its 16–28 pt bold glyphs: FreeType's light hinting in our PNG
    /// against poppler's unhinted outlines), while leaving out just the nerve layer of the map
    /// gives 1.8 %.
    static let blockDelta = 32
    static let outlierFraction = 0.0075

    @Test("Rasterised, the PDF matches our PNG", .enabled(if: Poppler.isAvailable), arguments: ["demo", "default-map", "handout", "slide"])
    func rasterMatchesPNG(name: String) throws {
        let fonts = try FontSet.dejaVuSans()
        let scene = try Self.scene(name)
        let pxPerMm = 4.0, block = 8
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(scene, pxPerMm: pxPerMm).scene
        let png = try SceneRenderer(fonts: fonts).render(resolved, pxPerMm: pxPerMm)
        let url = try Poppler.temporaryFile(try PDFWriter(fonts: fonts).write(resolved, metadata: PDFMetadata(title: "t")))
        let prefix = url.deletingPathExtension().path
        defer {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(atPath: prefix + ".png")
        }
        _ = try Poppler.run("pdftoppm", ["-r", "\(pxPerMm * 25.4)", "-png", "-singlefile", url.path, prefix])
        let poppler = try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))))
        // Page sizes round to whole pixels differently; compare the common area.
        #expect(abs(poppler.width - png.width) <= 1 && abs(poppler.height - png.height) <= 1)
        let ours = png.straightRGBA(), theirs = poppler.rgba
        let bw = min(poppler.width, png.width) / block, bh = min(poppler.height, png.height) / block
        var outliers = 0
        for by in 0..<bh {
            for bx in 0..<bw {
                var a = [0, 0, 0], b = [0, 0, 0]
                for y in (by * block)..<((by + 1) * block) {
                    for x in (bx * block)..<((bx + 1) * block) {
                        let i = (y * png.width + x) * 4, j = (y * poppler.width + x) * 4
                        for c in 0..<3 {
                            a[c] += Int(ours[i + c])
                            b[c] += Int(theirs[j + c])
                        }
                    }
                }
                let worst = (0..<3).map { abs(a[$0] - b[$0]) / (block * block) }.max() ?? 0
                if worst > Self.blockDelta { outliers += 1 }
            }
        }
        let fraction = Double(outliers) / Double(bw * bh)
        if fraction > Self.outlierFraction {
            // Keep both rasters for a look.
            let dump = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-pdf-\(name)")
            try? Data(try PNGEncoder().encode(png, metadata: PNGMetadata(pxPerMm: pxPerMm))).write(to: dump.appendingPathExtension("ours.png"))
            try? FileManager.default.copyItem(atPath: prefix + ".png", toPath: dump.appendingPathExtension("poppler.png").path)
        }
        #expect(fraction <= Self.outlierFraction, "\(outliers) of \(bw * bh) 2 mm blocks (\(fraction * 100) %) differ by more than \(Self.blockDelta)")
    }

    @Test("An empty page list and a non-finite placement are refused")
    func refusesBadPages() throws {
        let writer = PDFWriter(fonts: try FontSet.dejaVuSans())
        #expect(throws: RenderError.self) { try writer.write(pages: [], metadata: PDFMetadata(title: "t")) }
        let scene = DemoScene.make(halfWidth: 20, top: 20, bottom: -20)
        let bad = PDFPage(size: PageSize(width: 100, height: 100), placements: [PDFPlacement(scene: scene, scale: .nan)])
        #expect(throws: RenderError.self) { try writer.write(pages: [bad], metadata: PDFMetadata(title: "t")) }
        let huge = PDFPage(size: PageSize(width: 6000, height: 100), placements: [])
        #expect(throws: RenderError.self) { try writer.write(pages: [huge], metadata: PDFMetadata(title: "t")) }
    }
}
