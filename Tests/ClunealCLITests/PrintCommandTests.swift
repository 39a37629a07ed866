import ClunealRender
import Foundation
import Testing

/// poppler-utils, which scripts/test installs; tests that read PDFs are skipped without it.
enum PDFReader {
    static var isAvailable: Bool {
        ["pdfinfo", "pdftotext"].allSatisfy { FileManager.default.isExecutableFile(atPath: "/usr/bin/\($0)") }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Every page's size in millimetres.
    static func pageSizes(_ path: String) throws -> [(width: Double, height: Double)] {
        try run("pdfinfo", ["-f", "1", "-l", "9999", path]).split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard line.hasPrefix("Page"), let i = parts.firstIndex(of: "size:"), parts.count > i + 3,
                  let w = Double(parts[i + 1]), let h = Double(parts[i + 3]) else { return nil }
            return (w * 25.4 / 72, h * 25.4 / 72)
        }
    }
}

@Suite("cluneal map and locate: PDF, paper and slides")
struct PrintCommandTests {
    static func close(_ a: (width: Double, height: Double), _ b: PageSize) -> Bool {
        abs(a.width - b.width) <= 0.1 && abs(a.height - b.height) <= 0.1
    }

    @Test("map -o FILE.pdf: one life-size page, the same size as the SVG", .enabled(if: PDFReader.isAvailable))
    func lifeSizePDF() throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("map.pdf").path, svg = folder.appendingPathComponent("map.svg").path
        let r = try CLIRunner.run(["map", "-o", pdf, "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("wrote \(pdf) (PDF, 466.0 × 472.0 mm; printed at 100 % (actual size) the figure is life size"))
        let sizes = try PDFReader.pageSizes(pdf)
        #expect(sizes.count == 1 && Self.close(sizes[0], PageSize(width: 466, height: 472)))
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: svg)), as: UTF8.self)
        #expect(text.contains("width=\"466mm\" height=\"472mm\""))
        let info = try PDFReader.run("pdfinfo", [pdf])
        let keywords = info.split(separator: "\n").first { $0.hasPrefix("Keywords:") }.map(String.init) ?? ""
        #expect(keywords.contains("atlas adult-default ") && keywords.hasSuffix("; scaling: reference; printed at 100 % (actual size) the figure is life size"))
        #expect(info.contains("Subject:         ClunealMap figure. For education and planning"))
    }

    @Test("map --paper a4 --tile: a layout sheet and the tiles; --fit: one sheet with the scale", .enabled(if: PDFReader.isAvailable),
          arguments: [Paper.a4, .letter, .a3])
    func tiledAndFitted(paper: Paper) throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tiles = folder.appendingPathComponent("tiles.pdf").path, fit = folder.appendingPathComponent("fit.pdf").path
        let r = try CLIRunner.run(["map", "-o", tiles, "--paper", paper.rawValue, "--tile"])
        #expect(r.status == 0, "\(r.stderr)")
        let plan = try #require(TilePlan(figureSize: PageSize(width: 466, height: 472), paper: paper))
        let sizes = try PDFReader.pageSizes(tiles)
        #expect(sizes.count == plan.tiles.count + 1)
        #expect(sizes.allSatisfy { Self.close($0, plan.sheetSize) })
        let first = try PDFReader.run("pdftotext", ["-f", "1", "-l", "1", tiles, "-"])
        #expect(first.contains("Actual size") && first.contains("5.0 cm"))
        let f = try CLIRunner.run(["map", "-o", fit, "--paper", paper.rawValue, "--fit"])
        #expect(f.status == 0, "\(f.stderr)")
        let fitSizes = try PDFReader.pageSizes(fit)
        #expect(fitSizes.count == 1 && (Self.close(fitSizes[0], paper.portrait) || Self.close(fitSizes[0], paper.landscape)))
        let text = try PDFReader.run("pdftotext", ["-raw", fit, "-"])
        // The sheet states the scale it was drawn at, the same as the command's output.
        let stated = try #require(f.stdout.split(separator: "\n").first { $0.contains("scaled to ") })
        let percent = try #require(stated.split(separator: "scaled to ").last?.split(separator: " of life size").first)
        #expect(text.contains("Scaled to \(percent) of life size"), "\(stated)")
        // The map's own scale note no longer claims life size.
        #expect(text.contains("5 cm on the body. This print is smaller than life"))
        #expect(!text.contains("the map is life size"))
    }

    @Test("SOURCE_DATE_EPOCH fixes the PDF's creation date, so the same figure gives the same bytes; a bad value is refused")
    func sourceDateEpochMakesPDFsRepeatable() throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.pdf").path, b = folder.appendingPathComponent("b.pdf").path
        let epoch = ["SOURCE_DATE_EPOCH": "951782400"]  // 2000-02-29 00:00:00 UTC
        for path in [a, b] {
            let r = try CLIRunner.run(["map", "--handout", "self-care", "-o", path], environment: epoch)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let first = try Data(contentsOf: URL(fileURLWithPath: a)), second = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(first == second)
        // Cairo 1.16 writes the date without the optional "D:" prefix; later versions with it.
        let info = String(decoding: first, as: UTF8.self)
        #expect(info.contains("/CreationDate (20000229000000Z)") || info.contains("/CreationDate (D:20000229000000Z)"))
        for bad in ["yesterday", "-5", "1e9", "99999999999999"] {
            let r = try CLIRunner.run(["map", "--handout", "self-care", "-o", folder.appendingPathComponent("bad.pdf").path],
                                      environment: ["SOURCE_DATE_EPOCH": bad])
            #expect(r.status == 64)
            #expect(r.stderr.contains("SOURCE_DATE_EPOCH: \"\(bad)\" is not a whole number of seconds"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.pdf").path))
        }
    }

    @Test("The handout is one A4 page, or Letter", .enabled(if: PDFReader.isAvailable), arguments: [nil, Paper.letter])
    func handoutPage(paper: Paper?) throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("handout.pdf").path
        let r = try CLIRunner.run(["map", "--handout", "self-care", "-o", pdf] + (paper.map { ["--paper", $0.rawValue] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        let sizes = try PDFReader.pageSizes(pdf)
        #expect(sizes.count == 1 && Self.close(sizes[0], (paper ?? .a4).portrait))
        let text = try PDFReader.run("pdftotext", ["-raw", pdf, "-"])
        #expect(text.contains("seen from behind"))
        #expect(text.contains("Get urgent help"))
        #expect(!text.contains("cluneal guide"))
    }

    @Test("A slide is 16:9: the PDF page, and the PNG is 1920 × 1080", .enabled(if: PDFReader.isAvailable))
    func slide() throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("slide.pdf").path, png = folder.appendingPathComponent("slide.png").path
        let r = try CLIRunner.run(["map", "--paper", "slide", "-o", pdf, "-o", png, "-o", folder.appendingPathComponent("slide.svg").path])
        #expect(r.status == 0, "\(r.stderr)")
        let sizes = try PDFReader.pageSizes(pdf)
        #expect(sizes.count == 1 && abs(sizes[0].width / sizes[0].height - 16.0 / 9.0) < 0.001)
        let decoded = try PNGDecoder.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: png))))
        #expect(decoded.width == 1920 && decoded.height == 1080)
        let text = try PDFReader.run("pdftotext", ["-raw", pdf, "-"])
        #expect(text.contains("Superior cluneal nerves") && text.contains("seen from behind"))
    }

    @Test("locate -o FILE.pdf draws the point's map as a PDF, also fitted", .enabled(if: PDFReader.isAvailable))
    func locatePDF() throws {
        let folder = try MapCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("point.pdf").path
        let point = ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "-o", pdf]
        let r = try CLIRunner.run(point)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try PDFReader.run("pdftotext", ["-raw", pdf, "-"]).contains("Tender point"))
        let fitted = try CLIRunner.run(point + ["--paper", "a4", "--fit"])
        #expect(fitted.status == 0, "\(fitted.stderr)")
        let sizes = try PDFReader.pageSizes(pdf)
        #expect(sizes.count == 1 && (Self.close(sizes[0], Paper.a4.portrait) || Self.close(sizes[0], Paper.a4.landscape)))
    }

    @Test("Paper options that make no sense are refused with the flag named (exit 64)", arguments: [
        (["map", "--tile"], "--tile needs --paper"),
        (["map", "--paper", "a4", "--tile", "-o", "x.png"], "must end in .pdf"),
        (["map", "--paper", "a4"], "needs --tile"),
        (["map", "--paper", "a4", "--tile", "--fit", "-o", "x.pdf"], "--tile or --fit"),
        (["map", "--paper", "slide", "--fit", "-o", "x.pdf"], "--paper slide"),
        (["map", "--paper", "legal", "--tile"], "--paper"),
        (["map", "--handout", "self-care", "--paper", "a3"], "A4 or Letter"),
        (["map", "--handout", "self-care", "--paper", "a4", "--fit", "-o", "h.pdf"], "already one A4 page"),
        (["map", "--quiz", "--paper", "slide"], "--paper slide"),
        (["map", "-o", "x.eps"], ".pdf"),
        (["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--paper", "a4", "--fit"], "-o FILE.pdf"),
        (["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--paper", "slide", "-o", "x.pdf"], "--paper slide"),
    ])
    func refusals(arguments: [String], message: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == 64, "\(arguments): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
    }
}
