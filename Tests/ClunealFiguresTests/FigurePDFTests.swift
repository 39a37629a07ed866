import ClunealAnatomy
import Foundation
import RenderTestSupport
import Testing
@testable import ClunealFigures
@testable import ClunealRender

/// The figures as PDF, read back with poppler: page size, embedded fonts and text, and the
/// rasterised page against our own PNG.
@Suite("Figure PDFs")
struct FigurePDFTests {
    /// Page sizes must match the scene to this many millimetres.
    static let sizeToleranceMm = 0.1

    static func scene(_ name: String) throws -> Scene {
        let model = try MapComposerTests.model("reference")
        switch name {
        case "default-map": return MapComposer(model: model).compose()
        case "slide": return SlideComposer(model: model).compose()
        case "quiz-map":
            var options = MapOptions()
            options.quizMarkers = [MapOptions.NumberedMarker(number: 1, position: .init(0, 0), answer: "origin")]
            return MapComposer(model: model, options: options).compose()
        default: return HandoutComposer(model: model).compose()
        }
    }

    static func pdf(_ scene: Scene, fonts: FontSet) throws -> [UInt8] {
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(scene, pxPerMm: 4).scene
        return try PDFWriter(fonts: fonts).write(resolved, metadata: PDFMetadata(title: scene.title ?? "test"))
    }

    @Test("One page the figure's size, to 0.1 mm", .enabled(if: Poppler.isAvailable),
          arguments: ["default-map", "quiz-map", "handout", "slide"])
    func pageIsTheFigureSize(name: String) throws {
        let scene = try Self.scene(name)
        let problem = try Poppler.pageSizeProblem(try Self.pdf(scene, fonts: try FontSet.dejaVuSans()),
                                                  expected: (scene.pageSize.width, scene.pageSize.height), tolerance: Self.sizeToleranceMm)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test("The map's fonts are embedded DejaVu Sans subsets and its text can be extracted", .enabled(if: Poppler.isAvailable))
    func fontsAndText() throws {
        let (stray, count, text) = try Poppler.fontsAndText(try Self.pdf(try Self.scene("default-map"), fonts: try FontSet.dejaVuSans()))
        #expect(count > 0)
        #expect(stray.isEmpty, "not embedded DejaVu Sans subsets: \(stray)")
        for expected in ["Cluneal nerves: posterior view, both sides", "Superior cluneal nerve", "Legend", EducationNotice.text, "cranial ↑"] {
            #expect(text.contains(expected), "pdftotext lacks \(expected.debugDescription)")
        }
    }

    /// Rasterised by poppler at 4 px/mm, each figure's PDF must look like our PNG
    /// (``PDFRasterCheck``, 2 mm blocks). Measured: 0.0 % of the blocks for the default map and
    /// 0.56 % for the slide (its 16–28 pt bold glyphs: FreeType's light hinting in our PNG
    /// against poppler's unhinted outlines), while leaving out just the nerve layer of the map
    /// gives 1.8 %.
    static let blockDelta = 32
    static let outlierFraction = 0.0075

    @Test("Rasterised, the PDF matches our PNG", .enabled(if: Poppler.isAvailable), arguments: ["default-map", "handout", "slide"])
    func rasterMatchesPNG(name: String) throws {
        let fonts = try FontSet.dejaVuSans()
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(try Self.scene(name), pxPerMm: 4).scene
        let result = try PDFRasterCheck.compare(resolved, fonts: fonts, pxPerMm: 4, block: 8, delta: Self.blockDelta,
                                                name: name, keepAbove: Self.outlierFraction)
        #expect(result.sizesAgree)
        #expect(result.fraction <= Self.outlierFraction,
                "\(result.outliers) of \(result.blocks) 2 mm blocks (\(result.fraction * 100) %) differ by more than \(Self.blockDelta)")
    }

    @Test("The scale bar's note and the label growth follow the print scale")
    func scaleNoteAndLabelScale() {
        #expect(MapComposer.scaleNote(printScale: 1).contains("life size"))
        #expect(MapComposer.scaleNote(printScale: 0.5).contains("smaller than life"))
        var options = MapOptions()
        #expect(options.labelScale == 1)
        options.printScale = 0.8
        #expect(abs(options.labelScale - 1.25) < 1e-12)
        options.printScale = 0.2
        #expect(options.labelScale == 2)
    }
}
