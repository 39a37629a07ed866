import Foundation
import RenderTestSupport
import Testing
@testable import ClunealRender

/// Tiles and fitted sheets: the geometry of the plans, and the PDFs read back.
@Suite("Print layouts")
struct PrintLayoutTests {
    /// Figure sizes (mm): the default map, one side, the handout, a tiny one and a long strip.
    static let figures: [PageSize] = [
        PageSize(width: 466, height: 542), PageSize(width: 276, height: 542), PageSize(width: 210, height: 297),
        PageSize(width: 40, height: 30), PageSize(width: 1200, height: 150),
    ]
    static let cases: [(PageSize, Paper)] = figures.flatMap { f in Paper.allCases.map { (f, $0) } }

    @Test("Tiles cover the figure, neighbours overlap by exactly the glue overlap, and each fits its sheet", arguments: cases)
    func tilesCoverWithOverlap(figure: PageSize, paper: Paper) throws {
        let plan = try #require(TilePlan(figureSize: figure, paper: paper))
        #expect(plan.tiles.count == plan.rows * plan.columns)
        // Sheet is the paper in one orientation, and the content keeps the margins and footer.
        let sheets = [paper.portrait, paper.landscape]
        #expect(sheets.contains(plan.sheetSize))
        let c = plan.contentRect
        #expect(c.minX >= Paper.marginMm - 1e-9 && c.minY >= Paper.marginMm - 1e-9)
        #expect(c.maxX <= plan.sheetSize.width - Paper.marginMm + 1e-9)
        #expect(c.maxY <= plan.sheetSize.height - Paper.marginMm - TilePlan.footerMm + 1e-9)
        for tile in plan.tiles {
            #expect(tile.figureRect.width == c.width && tile.figureRect.height == c.height)
            if let right = plan.tile(row: tile.row, column: tile.column + 1) {
                #expect(abs(tile.figureRect.maxX - right.figureRect.minX - plan.overlapMm) < 1e-9, "\(tile.name)–\(right.name)")
            }
            if let below = plan.tile(row: tile.row + 1, column: tile.column) {
                #expect(abs(tile.figureRect.maxY - below.figureRect.minY - plan.overlapMm) < 1e-9, "\(tile.name)–\(below.name)")
            }
        }
        // The last column and row reach the figure's far edges; no tile is wholly past them.
        let last = try #require(plan.tiles.last)
        #expect(last.figureRect.maxX >= figure.width && last.figureRect.maxY >= figure.height)
        for tile in plan.tiles {
            #expect(tile.figureRect.minX < figure.width && tile.figureRect.minY < figure.height, "\(tile.name) shows no figure")
        }
        // No fewer sheets would do in the chosen orientation.
        if plan.columns > 1 { #expect(c.width + Double(plan.columns - 2) * (c.width - plan.overlapMm) < figure.width) }
        if plan.rows > 1 { #expect(c.height + Double(plan.rows - 2) * (c.height - plan.overlapMm) < figure.height) }
    }

    @Test func tileNamesReadInRows() throws {
        let plan = try #require(TilePlan(figureSize: PageSize(width: 466, height: 542), paper: .a4))
        #expect(plan.tiles.map(\.name) == ["A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3"])
        #expect(plan.sheetSize == Paper.a4.portrait)
    }

    @Test func absurdFiguresAreRefused() {
        #expect(TilePlan(figureSize: PageSize(width: 0, height: 100), paper: .a4) == nil)
        #expect(TilePlan(figureSize: PageSize(width: .infinity, height: 100), paper: .a4) == nil)
        #expect(TilePlan(figureSize: PageSize(width: 100_000, height: 100), paper: .a4) == nil)
    }

    @Test("Fit: largest scale that keeps the figure inside the printable area, never enlarged", arguments: cases)
    func fitPlan(figure: PageSize, paper: Paper) throws {
        let plan = try #require(FitPlan(figureSize: figure, paper: paper))
        let m = Paper.marginMm
        let w = figure.width * plan.scale, h = figure.height * plan.scale
        #expect(plan.scale > 0 && plan.scale <= 1)
        #expect(plan.origin.x >= m - 1e-9 && plan.origin.x + w <= plan.sheetSize.width - m + 1e-9)
        #expect(plan.origin.y >= m - 1e-9 && plan.origin.y + h <= plan.sheetSize.height - m - FitPlan.footerMm + 1e-9)
        if plan.scale < 1 {
            // One side touches its limit.
            let touches = abs(w - (plan.sheetSize.width - 2 * m)) < 1e-6 || abs(h - (plan.sheetSize.height - 2 * m - FitPlan.footerMm)) < 1e-6
            #expect(touches)
        }
        #expect(plan.isLifeSize == (plan.scale >= 1))
    }

    @Test func scaleStatements() {
        #expect(PrintScale.percentText(1) == "100 %")
        #expect(PrintScale.percentText(0.4084) == "40.8 %")
        #expect(PrintScale.ratioText(0.5) == "1 cm on the paper is 2.00 cm on the body")
    }

    static func write(_ pages: [PDFPage]) throws -> [UInt8] {
        try PDFWriter(fonts: try FontSet.dejaVuSans()).write(pages: pages, metadata: PDFMetadata(title: "tiles"))
    }

    /// The check square in PDF units: a stroked `re` of 50 mm = 141.732 pt each way.
    static func checkSquares(in stream: String) -> [(Double, Double)] {
        var found: [(Double, Double)] = []
        for line in stream.split(separator: "\n") where line.hasSuffix(" re S Q") || line.hasSuffix(" re S") {
            let f = line.split(separator: " ").compactMap { Double($0) }
            if f.count >= 4, abs(f[2] - 141.732) < 0.5, abs(f[3] - 141.732) < 0.5 { found.append((f[2], f[3])) }
        }
        return found
    }

    @Test("Tiled PDF: a layout sheet then one sheet per tile, each named, each with a 50.0 mm check square",
          .enabled(if: Poppler.isAvailable), arguments: [Paper.a4, .letter])
    func tiledPDF(paper: Paper) throws {
        let figure = DemoScene.make(halfWidth: 150, top: 160, bottom: -140)
        let plan = try #require(TilePlan(figureSize: figure.pageSize, paper: paper))
        #expect(plan.tiles.count > 1)
        let bytes = try Self.write(PrintComposer.tiledPages(figure, plan: plan))
        let url = try Poppler.temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(at: url) }
        let sizes = try Poppler.pageSizesMillimetres(url)
        #expect(sizes.count == plan.tiles.count + 1)
        for size in sizes {
            #expect(abs(size.width - plan.sheetSize.width) <= 0.1 && abs(size.height - plan.sheetSize.height) <= 0.1)
        }
        // Each tile's sheet names it, and says how to print.
        for (i, tile) in plan.tiles.enumerated() {
            let page = "\(i + 2)"
            let text = try Poppler.text("pdftotext", ["-f", page, "-l", page, "-raw", url.path, "-"])
            #expect(text.contains("\(tile.name)\n") || text.hasPrefix(tile.name), "sheet \(page) lacks its name \(tile.name)")
            #expect(text.contains("Actual size"))
            #expect(text.contains("5 cm × 5 cm"))
        }
        let first = try Poppler.text("pdftotext", ["-f", "1", "-l", "1", "-raw", url.path, "-"])
        #expect(first.contains("100 %") && first.contains("5.0 cm"))
        // One check square per sheet, exactly 50.0 mm (141.732 pt) in PDF units. Cairo writes
        // page content in points under a y flip (`1 0 0 -1 0 H cm`) and nothing else.
        let streams = Poppler.contentStreams(bytes).filter { $0.hasPrefix("1 0 0 -1 0 ") }
        #expect(streams.count == sizes.count)
        for stream in streams {
            let squares = Self.checkSquares(in: stream)
            #expect(squares.count == 1)
            for (w, h) in squares {
                #expect(abs(w * 25.4 / 72 - 50.0) < 0.005 && abs(h * 25.4 / 72 - 50.0) < 0.005, "check square \(w) × \(h) pt")
            }
        }
    }

    @Test("Tiles, rasterised, show the figure at life size where the plan says", .enabled(if: Poppler.isAvailable))
    func tileShowsItsPartOfTheFigure() throws {
        let fonts = try FontSet.dejaVuSans()
        let figure = DemoScene.make(halfWidth: 150, top: 160, bottom: -140, labels: false)
        let plan = try #require(TilePlan(figureSize: figure.pageSize, paper: .a4))
        let bytes = try PDFWriter(fonts: fonts).write(pages: PrintComposer.tiledPages(figure, plan: plan), metadata: PDFMetadata(title: "t"))
        let url = try Poppler.temporaryFile(bytes)
        let prefix = url.deletingPathExtension().path
        defer {
            try? FileManager.default.removeItem(at: url)
            try? FileManager.default.removeItem(atPath: prefix + ".png")
        }
        // Tile A2 (sheet 3) at 2 px/mm against our PNG of the whole figure at 2 px/mm.
        let tile = try #require(plan.tile(row: 0, column: 1))
        _ = try Poppler.run("pdftoppm", ["-f", "3", "-l", "3", "-r", "\(2 * 25.4)", "-png", "-singlefile", url.path, prefix])
        let sheet = try PNGDecoder.decode(Array(try Data(contentsOf: URL(fileURLWithPath: prefix + ".png"))))
        let whole = try SceneRenderer(fonts: fonts).render(figure, pxPerMm: 2).straightRGBA()
        let wholeWidth = Int((figure.pageSize.width * 2).rounded())
        // Compare 2 mm blocks well inside the tile (clear of glue bands and alignment marks).
        let inner = plan.visibleContent(of: tile)
        var compared = 0, outliers = 0
        var y = inner.minY + 15
        while y < inner.maxY - 15 {
            var x = inner.minX + 15
            while x < inner.maxX - 15 {
                let fx = x - plan.contentRect.x + tile.figureRect.x, fy = y - plan.contentRect.y + tile.figureRect.y
                var a = [0, 0, 0], b = [0, 0, 0]
                for dy in 0..<4 {
                    for dx in 0..<4 {
                        let i = ((Int(fy * 2) + dy) * wholeWidth + Int(fx * 2) + dx) * 4
                        let j = ((Int(y * 2) + dy) * sheet.width + Int(x * 2) + dx) * 4
                        for c in 0..<3 {
                            a[c] += Int(whole[i + c])
                            b[c] += Int(sheet.rgba[j + c])
                        }
                    }
                }
                if (0..<3).map({ abs(a[$0] - b[$0]) / 16 }).max() ?? 0 > 32 { outliers += 1 }
                compared += 1
                x += 2
            }
            y += 2
        }
        #expect(compared > 1000)
        #expect(Double(outliers) / Double(compared) <= 0.01, "\(outliers) of \(compared) blocks differ")
    }
}
