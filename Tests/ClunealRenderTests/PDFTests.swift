import Foundation
import RenderTestSupport
import Testing
@testable import ClunealRender

/// The PDF writer, read back with poppler: page size, fonts, text, metadata, and the
/// rasterised page against our own PNG, on the engine's demo scene (the figures' own PDFs are
/// checked in ClunealFiguresTests).
@Suite("PDF writer")
struct PDFTests {
    /// Page sizes must match the scene to this many millimetres.
    static let sizeToleranceMm = 0.1

    static func scene() -> Scene { DemoScene.make(halfWidth: 60, top: 50, bottom: -40) }

    static func pdf(_ scene: Scene, fonts: FontSet) throws -> [UInt8] {
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(scene, pxPerMm: 4).scene
        return try PDFWriter(fonts: fonts).write(resolved, metadata: PDFMetadata(title: scene.title ?? "test", subject: "notice",
                                                                                  keywords: "atlas test 1.0", creator: "tests"))
    }

    @Test("One page the figure's size, to 0.1 mm", .enabled(if: Poppler.isAvailable))
    func pageIsTheFigureSize() throws {
        let scene = Self.scene()
        let problem = try Poppler.pageSizeProblem(try Self.pdf(scene, fonts: try FontSet.dejaVuSans()),
                                                  expected: (scene.pageSize.width, scene.pageSize.height), tolerance: Self.sizeToleranceMm)
        #expect(problem == nil, "\(problem ?? "")")
    }

    @Test("Fonts are embedded subsets of DejaVu Sans and the text can be extracted", .enabled(if: Poppler.isAvailable))
    func fontsAndText() throws {
        let scene = Self.scene()
        let (stray, count, text) = try Poppler.fontsAndText(try Self.pdf(scene, fonts: try FontSet.dejaVuSans()))
        #expect(count > 0)
        #expect(stray.isEmpty, "not embedded DejaVu Sans subsets: \(stray)")
        for expected in DemoScene.texts {
            #expect(text.contains(expected), "pdftotext lacks \(expected.debugDescription)")
        }
    }

    @Test("Metadata: title, subject, keywords, creator", .enabled(if: Poppler.isAvailable))
    func metadata() throws {
        let url = try Poppler.temporaryFile(try Self.pdf(Self.scene(), fonts: try FontSet.dejaVuSans()))
        defer { try? FileManager.default.removeItem(at: url) }
        let info = try Poppler.text("pdfinfo", [url.path])
        #expect(info.contains("Title:           Render test scene"))
        #expect(info.contains("Subject:         notice"))
        #expect(info.contains("Keywords:        atlas test 1.0"))
        #expect(info.contains("Creator:         tests"))
    }

    /// Rasterised by poppler at the PNG's resolution (4 px/mm), the PDF must look like our
    /// PNG (``PDFRasterCheck``: 2 mm blocks, 8 × 8 px); at most ``outlierFraction`` of the blocks
    /// may differ by more than ``blockDelta`` (0–255) in some channel. Measured: 0.03 % for this
    /// text-dense demo scene (the figures' PDFs, ClunealFiguresTests, use the same limits).
    static let blockDelta = 32
    static let outlierFraction = 0.0075

    @Test("Rasterised, the PDF matches our PNG", .enabled(if: Poppler.isAvailable))
    func rasterMatchesPNG() throws {
        let fonts = try FontSet.dejaVuSans()
        let resolved = try SceneRenderer(fonts: fonts).resolvingLabels(Self.scene(), pxPerMm: 4).scene
        let result = try PDFRasterCheck.compare(resolved, fonts: fonts, pxPerMm: 4, block: 8, delta: Self.blockDelta,
                                                name: "demo", keepAbove: Self.outlierFraction)
        #expect(result.sizesAgree)
        #expect(result.fraction <= Self.outlierFraction,
                "\(result.outliers) of \(result.blocks) 2 mm blocks (\(result.fraction * 100) %) differ by more than \(Self.blockDelta)")
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

@Suite("PDF creation date")
struct PDFCreationDateTests {
    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
                      (1_796_606_882, "2026-12-07T01:28:02Z"), (253_402_300_799, "9999-12-31T23:59:59Z")])
    func secondsBecomeAnISODateInUTC(_ seconds: Int64, _ expected: String) {
        #expect(PDFMetadata.isoDate(seconds) == expected)
    }

    @Test func datesOutsideTheYears1970To9999AreNotWritten() {
        #expect(PDFMetadata.isoDate(-1) == nil)
        #expect(PDFMetadata.isoDate(253_402_300_800) == nil)
    }
}
