import BodyGeometry
import Testing
@testable import ClunealRender

@Suite("Stroker")
struct StrokerTests {
    let line = [PixelPoint(10, 20), PixelPoint(30, 20)]

    @Test func buttCapEndsAtTheEndPoints() {
        let m = TestSupport.strokeCoverage(width: 48, height: 40, line, style: StrokeGeometry(width: 6, cap: .butt))
        #expect(abs(TestSupport.area(m) - 120) < 0.05)
        #expect(m[9, 20] == 0)
        #expect(m[10, 20] == 1)
        #expect(m[29, 20] == 1)
        #expect(m[30, 20] == 0)
    }

    @Test func squareCapExtendsByHalfTheWidth() {
        let m = TestSupport.strokeCoverage(width: 48, height: 40, line, style: StrokeGeometry(width: 6, cap: .square))
        #expect(abs(TestSupport.area(m) - 156) < 0.05)
        #expect(m[6, 20] == 0)
        #expect(m[7, 20] == 1)
        #expect(m[7, 17] == 1)    // the square's corner
        #expect(m[32, 22] == 1)
        #expect(m[33, 20] == 0)
    }

    @Test func roundCapIsAHalfDisc() {
        let m = TestSupport.strokeCoverage(width: 48, height: 40, line, style: StrokeGeometry(width: 6, cap: .round))
        let exact = 120 + Double.pi * 9
        #expect(abs(TestSupport.area(m) - exact) / exact < 0.005)
        #expect(m[7, 19] > 0.5)   // on the axis, inside the cap
        #expect(m[7, 17] < 0.1)   // where the square cap's corner would be
        #expect(m[6, 20] == 0)
    }

    // An L: (10,30) → (30,30) → (30,10), width 8, butt caps. The outer corner is at (34, 34).
    let corner = [PixelPoint(10, 30), PixelPoint(30, 30), PixelPoint(30, 10)]

    @Test func miterJoinFillsTheCorner() {
        let m = TestSupport.strokeCoverage(width: 40, height: 40, corner, style: StrokeGeometry(width: 8, join: .miter, cap: .butt))
        #expect(abs(TestSupport.area(m) - 320) < 0.05)
        #expect(m[33, 33] == 1)
        #expect(m[34, 34] == 0)
    }

    @Test func bevelJoinCutsTheCorner() {
        let m = TestSupport.strokeCoverage(width: 40, height: 40, corner, style: StrokeGeometry(width: 8, join: .bevel, cap: .butt))
        #expect(abs(TestSupport.area(m) - 312) < 0.05)
        #expect(abs(m[33, 33] - 0) < 1e-4)      // beyond the bevel line x + y = 64
        #expect(abs(m[32, 31] - 0.5) < 1e-4)    // cut through its diagonal
        #expect(m[31, 31] == 1)
    }

    @Test func roundJoinIsAQuarterDisc() {
        let m = TestSupport.strokeCoverage(width: 40, height: 40, corner, style: StrokeGeometry(width: 8, join: .round, cap: .butt))
        let exact = 320 - 16 + Double.pi * 4
        #expect(abs(TestSupport.area(m) - exact) / exact < 0.005)
        #expect(m[33, 33] < 0.05)
        #expect(m[32, 32] > 0.9)
    }

    @Test func miterLimitFallsBackToBevel() {
        // A 20° spike: miter ratio 1 / sin(10°) ≈ 5.76.
        let spike = [PixelPoint(4, 36), PixelPoint(40, 30), PixelPoint(4, 24)]
        let limited = TestSupport.strokeCoverage(width: 48, height: 60, spike, style: StrokeGeometry(width: 4, join: .miter, cap: .butt, miterLimit: 4))
        let mitred = TestSupport.strokeCoverage(width: 48, height: 60, spike, style: StrokeGeometry(width: 4, join: .miter, cap: .butt, miterLimit: 10))
        // The miter tip reaches 40 + 2 / sin(9.46°) ≈ 52 px but is clipped at the canvas edge.
        #expect(mitred[46, 30] > 0.5)
        #expect(limited[46, 30] == 0)
        #expect(TestSupport.area(mitred) > TestSupport.area(limited) + 5)
    }

    @Test func sharpInnerJoinsAndShortSegmentsCoverOnce() {
        // A hairpin with a very short middle segment, much shorter than the width.
        let hairpin = [PixelPoint(4, 10), PixelPoint(30, 12), PixelPoint(30.5, 13), PixelPoint(4, 16)]
        for join in LineJoin.allCases {
            let m = TestSupport.strokeCoverage(width: 40, height: 30, hairpin, style: StrokeGeometry(width: 6, join: join, cap: .butt))
            #expect((m.values.max() ?? 0) <= 1)
            // The inside of the hairpin, between the two legs, is solidly covered.
            #expect(m[20, 13] == 1)
        }
    }

    @Test func closedSubpathIsARing() {
        let square = TestSupport.rect(10, 10, 20, 20)
        let m = TestSupport.strokeCoverage(width: 40, height: 40, square, closed: true, style: StrokeGeometry(width: 4, join: .miter))
        #expect(abs(TestSupport.area(m) - (24 * 24 - 16 * 16)) < 0.05)
        #expect(m[20, 20] == 0)
        #expect(m[8, 8] == 1)
    }

    @Test func zeroLengthSubpathWithRoundCapIsADot() {
        let m = TestSupport.strokeCoverage(width: 20, height: 20, [PixelPoint(10, 10), PixelPoint(10, 10)], style: StrokeGeometry(width: 6, cap: .round))
        #expect(abs(TestSupport.area(m) - Double.pi * 9) / (Double.pi * 9) < 0.005)
        let butt = TestSupport.strokeCoverage(width: 20, height: 20, [PixelPoint(10, 10)], style: StrokeGeometry(width: 6, cap: .butt))
        #expect(TestSupport.area(butt) == 0)
    }
}

@Suite("Dashes")
struct DashTests {
    let line = [PixelPoint(2, 10), PixelPoint(62, 10)]

    @Test func dashesLeaveGapsWhereThePatternSaysOff() {
        // [10 on, 5 off] from x = 2: dashes at 2–12, 17–27, 32–42, 47–57, 62.
        let m = TestSupport.strokeCoverage(width: 64, height: 20, line, style: StrokeGeometry(width: 4, cap: .butt, dashes: [10, 5]))
        for x in [3, 11, 18, 26, 33, 41, 48, 56] { #expect(m[x, 10] == 1, "x = \(x)") }
        for x in [12, 13, 16, 27, 31, 42, 46, 57, 61] { #expect(m[x, 10] == 0, "x = \(x)") }
        #expect(abs(TestSupport.area(m) - 4 * 4 * 10) < 0.05)
    }

    @Test func offsetShiftsThePattern() {
        let m = TestSupport.strokeCoverage(width: 64, height: 20, line, style: StrokeGeometry(width: 4, cap: .butt, dashes: [10, 5], dashOffset: 5))
        // Starts 5 into the first dash: on 2–7, off 7–12, on 12–22, ...
        #expect(m[3, 10] == 1)
        #expect(m[8, 10] == 0)
        #expect(m[13, 10] == 1)
    }

    @Test func dashesTurnCorners() {
        let corner = [PixelPoint(4, 4), PixelPoint(24, 4), PixelPoint(24, 24)]
        // One 30 px dash over the 20 px + 20 px path turns the corner as a single piece.
        let m = TestSupport.strokeCoverage(width: 32, height: 32, corner, style: StrokeGeometry(width: 2, join: .miter, cap: .butt, dashes: [30, 100]))
        #expect(m[23, 3] == 1)     // the mitred corner is present: one piece, joined
        #expect(m[24, 12] == 1)
        #expect(m[24, 15] == 0)
    }

    @Test func zeroLengthDashesWithRoundCapsAreDots() {
        let longer = [PixelPoint(2, 10), PixelPoint(66, 10)]
        let m = TestSupport.strokeCoverage(width: 72, height: 20, longer, style: StrokeGeometry(width: 4, cap: .round, dashes: [0, 10]))
        // Dots at x = 2, 12, 22, ..., 62: seven of them.
        #expect(m[12, 10] > 0.9)
        #expect(m[17, 10] == 0)
        let dot = Double.pi * 4
        #expect(abs(TestSupport.area(m) - 7 * dot) / (7 * dot) < 0.01)
    }

    @Test func absurdlyDensePatternsAreDrawnSolid() {
        let m = TestSupport.strokeCoverage(width: 64, height: 20, line, style: StrokeGeometry(width: 4, cap: .butt, dashes: [1e-6, 1e-6]))
        #expect(abs(TestSupport.area(m) - 240) < 0.05)
    }
}

@Suite("Compositing")
struct CompositingTests {
    func composite(_ base: Color, _ paint: Color, coverage: Float = 1) throws -> RGBABuffer {
        var canvas = try RGBABuffer(width: 1, height: 1, fill: base)
        [coverage].withUnsafeBufferPointer { canvas.composite(row: 0, from: 0, coverage: $0, color: PremultipliedColor(paint)) }
        return canvas
    }

    @Test func halfRedOverOpaqueBlue() throws {
        let c = try composite(Color(rgb: 0x0000FF), Color(red: 255, green: 0, blue: 0, alpha: 128))
        let p = try #require(c.premultipliedPixel(x: 0, y: 0))
        // src = (128, 0, 0, 128); dst · (1 − 128/255) = (0, 0, 127, 127).
        #expect(p.r == 128 && p.g == 0 && p.b == 127 && p.a == 255)
    }

    @Test func translucentOverTransparentStaysPremultiplied() throws {
        let c = try composite(.clear, Color(red: 255, green: 0, blue: 0, alpha: 128))
        let p = try #require(c.premultipliedPixel(x: 0, y: 0))
        #expect(p.r == 128 && p.a == 128)
        #expect(c.pixel(x: 0, y: 0) == Color(red: 255, green: 0, blue: 0, alpha: 128))
        #expect(c.straightRGBA() == [255, 0, 0, 128])
    }

    @Test func twoHalfLayersMakeThreeQuarters() throws {
        var c = try composite(.clear, Color(red: 0, green: 0, blue: 0, alpha: 128))
        [Float(1)].withUnsafeBufferPointer { c.composite(row: 0, from: 0, coverage: $0, color: PremultipliedColor(Color(red: 0, green: 0, blue: 0, alpha: 128))) }
        let a = Int(c.premultipliedPixel(x: 0, y: 0)?.a ?? 0)
        #expect(abs(a - 192) <= 1)    // 1 − (1 − 0.502)² = 0.752
    }

    @Test func coverageScalesTheSource() throws {
        let c = try composite(.black, .white, coverage: 0.5)
        #expect(c.pixel(x: 0, y: 0) == Color(red: 128, green: 128, blue: 128))
    }

    @Test func flattenedRGBOverWhite() throws {
        let c = try composite(.clear, Color(red: 0, green: 0, blue: 0, alpha: 128))
        #expect(c.flattenedRGB(over: .white) == [127, 127, 127])
    }

    @Test func translucentSelfOverlappingStrokeIsUniform() throws {
        // A loop that crosses itself, plus sharp inner corners, stroked at half alpha.
        var canvas = try RGBABuffer(width: 60, height: 60, fill: .white)
        var r = CoverageRasterizer(width: 60, height: 60)
        let loop = [Vec2(5, 30), Vec2(50, 30), Vec2(50, 10), Vec2(30, 10), Vec2(30, 55), Vec2(20, 20)]
        Stroker.outline([(loop, false)], style: StrokeGeometry(width: 6, join: .miter)) { r.addContour($0) }
        r.fill(rule: .nonZero, color: Color(red: 0, green: 0, blue: 255, alpha: 128), into: &canvas)
        let single = canvas.pixel(x: 10, y: 30)          // on one pass of the stroke
        let crossing = canvas.pixel(x: 30, y: 30)        // where the path crosses itself
        let innerCorner = canvas.pixel(x: 48, y: 28)     // inside a mitred inner corner
        #expect(single == Color(red: 127, green: 127, blue: 255))
        #expect(crossing == single)
        #expect(innerCorner == single)
    }
}
