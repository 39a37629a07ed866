import Testing
@testable import ClunealRender

@Suite("Fonts and text")
struct TextTests {
    @Test func missingFontIsATypedError() {
        #expect(throws: RenderError.fontUnavailable(source: "/nonexistent/font.ttf", reason: "cannot open the file (FreeType error 1)")) {
            try FontFace(path: "/nonexistent/font.ttf")
        }
        #expect(throws: RenderError.self) { try FontFace(bytes: [1, 2, 3, 4], name: "junk") }
        #expect(throws: RenderError.self) { try FontFace(bytes: [], name: "empty") }
        #expect(throws: RenderError.self) { try FontSet.dejaVuSans(regularPath: "/nonexistent.ttf") }
    }

    @Test func dejaVuLoadsFromPathAndFromBytes() throws {
        let face = try FontFace(path: FontSet.dejaVuSansPath)
        #expect(face.familyName == "DejaVu Sans")
        #expect(abs(face.ascentPerEm - 0.928) < 0.01)
        #expect(abs(face.descentPerEm - 0.236) < 0.01)
        let bytes = try #require(FileBytes.read(FontSet.dejaVuSansBoldPath))
        let bold = try FontFace(bytes: bytes, name: "DejaVuSans-Bold")
        #expect(bold.styleName == "Bold")
        #expect(try bold.advance(of: "Sacrum", sizePx: 20) > face.advance(of: "Sacrum", sizePx: 20))
    }

    @Test func measurementScalesWithSizeAndLines() throws {
        let face = try FontFace(path: FontSet.dejaVuSansPath)
        let small = try face.measure("Iliac crest", sizePx: 10)
        let large = try face.measure("Iliac crest", sizePx: 40)
        // Unhinted advances: width is linear in the size.
        #expect(abs(large.width - 4 * small.width) < 0.01 * large.width)
        #expect(small.width > 0 && small.ascent > 0 && small.descent > 0)
        let two = try face.measure("Superior cluneal\nnerves", sizePx: 10)
        #expect(two.lineWidths.count == 2)
        #expect(abs(two.height - (two.ascent + two.descent + 12)) < 1e-4)
        #expect(two.width == two.lineWidths[0])
    }

    @Test func extentInMillimetresIsResolutionFree() throws {
        let face = try FontFace(path: FontSet.dejaVuSansPath)
        let e = try face.extent(of: "Zone (mean ± SD)\nsecond", fontSizeMm: 2.8)
        let atEight = try face.measure("Zone (mean ± SD)", sizePx: 2.8 * 8)
        #expect(abs(e.lineWidthsMm[0] - Double(atEight.width) / 8) < 0.01)
        #expect(abs(e.ascentMm - 0.928 * 2.8) < 0.01)
        #expect(abs(e.heightMm - (e.ascentMm + e.descentMm + 1.2 * 2.8)) < 1e-9)
        #expect(throws: RenderError.self) { try face.extent(of: "x", fontSizeMm: 0) }
    }

    @Test func labelBoxOriginFollowsAlignment() {
        let m = TextMetrics(lineWidths: [40], ascent: 9, descent: 3, lineHeight: 12)
        let a = PixelPoint(100, 50)
        #expect(m.boxOrigin(anchor: a, alignment: .start) == PixelPoint(100, 41))
        #expect(m.boxOrigin(anchor: a, alignment: .centred) == PixelPoint(80, 44))
        #expect(m.boxOrigin(anchor: a, alignment: TextAlignment(.end, .bottom)) == PixelPoint(60, 38))
        #expect(m.boxOrigin(anchor: a, alignment: .topLeft) == PixelPoint(100, 50))
    }

    @Test func textInksItsBoxAndTheHaloSurroundsIt() throws {
        let fonts = try FontSet.dejaVuSans()
        var canvas = try RGBABuffer(width: 80, height: 30, fill: Color(rgb: 0x808080))
        let request = TextRasterizer.Request(lines: ["Hi"], face: fonts.bold, sizePx: 20, anchor: PixelPoint(10, 22),
                                             alignment: .start, color: .black, haloColor: .white, haloRadius: 2)
        try TextRasterizer.draw(request, into: &canvas)
        var black = 0, white = 0, outside = 0
        for y in 0..<30 {
            for x in 0..<80 {
                guard let c = canvas.pixel(x: x, y: y) else { continue }
                if c == .black { black += 1 }
                if c == .white { white += 1 }
                if x > 50, c != Color(rgb: 0x808080) { outside += 1 }
            }
        }
        #expect(black > 40)       // solid glyph interiors
        #expect(white > 40)       // a solid halo ring
        #expect(outside == 0)     // nothing beyond the text and its halo
        // Left of the "H" stem: halo within the radius, background beyond it.
        let stem = try #require((0..<80).first { canvas.pixel(x: $0, y: 15) == .black })
        #expect(canvas.pixel(x: stem - 2, y: 15) == .white)
        #expect(canvas.pixel(x: stem - 5, y: 15) == Color(rgb: 0x808080))
    }

    @Test func dilationReachesTheRadius() {
        var mask = CoverageMask(width: 21, height: 21)
        mask[10, 10] = 1
        let halo = TextRasterizer.dilate(mask, radius: 4)
        #expect(halo[10, 10] == 1)
        #expect(halo[14, 10] == 1)                  // d = 4: radius + 1 − d = 1
        #expect(abs(halo[10, 14] - 1) < 1e-6)
        #expect(halo[10, 15] == 0)                  // d = 5
        #expect(abs(halo[13, 13] - 0.757) < 0.01)   // d = √18 ≈ 4.243
    }
}

/// Reads a whole file (tests only; the library itself takes bytes).
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            out += chunk[0..<n]
        }
        return out
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
