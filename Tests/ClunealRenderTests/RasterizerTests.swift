import BodyGeometry
import Testing
@testable import ClunealRender

@Suite("Coverage rasteriser")
struct RasterizerTests {
    @Test(arguments: [(0.0 as Float, 0.0 as Float), (0.5, 0.5), (0.25, 0.75), (0.37, 0.11), (0.9, 0.3)])
    func squareAtFractionalOffsetCoversItsArea(dx: Float, dy: Float) {
        let mask = TestSupport.coverage(width: 32, height: 32, [TestSupport.rect(4 + dx, 5 + dy, 10.3, 9.6)])
        let exact = 10.3 * 9.6
        #expect(abs(TestSupport.area(mask) - exact) / exact < 0.005)
        // An interior pixel is fully covered, one outside is empty.
        #expect(mask[9, 10] == 1)
        #expect(mask[2, 10] == 0)
    }

    @Test func halfCoveredEdgePixels() {
        let mask = TestSupport.coverage(width: 32, height: 32, [TestSupport.rect(4.5, 4.5, 10, 10)])
        #expect(abs(mask[4, 10] - 0.5) < 1e-5)
        #expect(abs(mask[4, 4] - 0.25) < 1e-5)
        #expect(abs(TestSupport.area(mask) - 100) < 1e-3)
    }

    @Test(arguments: [false, true])
    func triangleAreaEitherWinding(reversed: Bool) {
        let triangle = [PixelPoint(2, 3), PixelPoint(37.3, 9.1), PixelPoint(11.7, 36.2)]
        let mask = TestSupport.coverage(width: 40, height: 40, [reversed ? triangle.reversed() : triangle])
        let cross: Double = 35.3 * 33.2 - 9.7 * 6.1
        let exact = abs(cross) / 2
        #expect(abs(TestSupport.area(mask) - exact) / exact < 0.005)
    }

    @Test(arguments: [3.0, 7.5, 15.2])
    func circleArea(radius: Double) {
        let mask = TestSupport.coverage(width: 40, height: 40, [TestSupport.circle(20.3, 19.7, radius)])
        let exact = Double.pi * radius * radius
        #expect(abs(TestSupport.area(mask) - exact) / exact < 0.005)
    }

    @Test func shapesPartlyOffCanvasAreClippedExactly() {
        let mask = TestSupport.coverage(width: 10, height: 10, [TestSupport.rect(-20, -20, 25, 50)])
        #expect(abs(TestSupport.area(mask) - 50) < 1e-3)
        let right = TestSupport.coverage(width: 10, height: 10, [TestSupport.rect(7.5, -3, 30, 30)])
        #expect(abs(TestSupport.area(right) - 25) < 1e-3)
    }

    @Test func nonFiniteAndHugeCoordinatesDoNotTrap() {
        let mask = TestSupport.coverage(width: 8, height: 8, [[PixelPoint(.nan, 1), PixelPoint(3, .infinity), PixelPoint(1e30, -1e30)],
                                                              TestSupport.rect(-1e20, 2, 2e20, 2)])
        #expect(abs(TestSupport.area(mask) - 16) < 1e-2)
    }

    @Test func crossingEdgesResolveExactly() {
        // A bow tie: two triangles meeting at (10, 10); each has area 50.
        let bowTie = [PixelPoint(0, 0), PixelPoint(20, 20), PixelPoint(20, 0), PixelPoint(0, 20)]
        let mask = TestSupport.coverage(width: 20, height: 20, [bowTie])
        #expect(abs(TestSupport.area(mask) - 200) < 1e-2)
    }
}

@Suite("Fill rules")
struct FillRuleTests {
    /// A five-pointed star drawn as one self-intersecting pentagram: the centre pentagon has winding 2.
    func pentagram(cx: Double, cy: Double, r: Double) -> [PixelPoint] {
        (0..<5).map { k in
            let t = -Double.pi / 2 + Double(k * 2) * 2 * Double.pi / 5
            return PixelPoint(Float(cx + r * cos(t)), Float(cy + r * sin(t)))
        }
    }

    @Test func starUnderNonZeroAndEvenOdd() {
        let star = pentagram(cx: 32, cy: 33, r: 28)
        let nonZero = TestSupport.coverage(width: 64, height: 64, rule: .nonZero, [star])
        let evenOdd = TestSupport.coverage(width: 64, height: 64, rule: .evenOdd, [star])
        // Analytic: inner pentagon radius ρ = r·cos(72°)/cos(36°); star = 5 tips + pentagon.
        let r = 28.0
        let rho = r * cos(2 * Double.pi / 5) / cos(Double.pi / 5)
        let pentagon = 2.5 * rho * rho * sin(2 * Double.pi / 5)
        let outerPentagon = 2.5 * r * r * sin(2 * Double.pi / 5)
        // Each tip is a triangle on a pentagon side: the whole star is the outer pentagon's
        // vertices joined to the inner pentagon's.
        let starArea = 5 * (0.5 * r * rho * sin(Double.pi / 5)) * 2
        #expect(starArea < outerPentagon)
        #expect(abs(TestSupport.area(nonZero) - starArea) / starArea < 0.005)
        #expect(abs(TestSupport.area(evenOdd) - (starArea - pentagon)) / (starArea - pentagon) < 0.005)
        // The centre is filled under non-zero and empty under even-odd.
        #expect(nonZero[32, 33] == 1)
        #expect(evenOdd[32, 33] == 0)
    }

    @Test func doublyWoundCircle() {
        let circle = TestSupport.circle(20, 20, 12)
        let twice = circle + circle
        let exact = Double.pi * 144
        let nonZero = TestSupport.coverage(width: 40, height: 40, rule: .nonZero, [twice])
        let evenOdd = TestSupport.coverage(width: 40, height: 40, rule: .evenOdd, [twice])
        #expect(abs(TestSupport.area(nonZero) - exact) / exact < 0.005)
        // Not just the interior: edge pixels too, so no ghost outline (max coverage ~ 0).
        #expect((evenOdd.values.max() ?? 1) < 1e-3)
        // Edge pixels keep their true partial coverage under non-zero (not doubled).
        let single = TestSupport.coverage(width: 40, height: 40, [circle])
        let worst = zip(single.values, nonZero.values).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-3)
    }

    @Test func holeByOppositeWindingAndByEvenOdd() {
        let outer = TestSupport.rect(2, 2, 30, 30)
        let inner = TestSupport.rect(10.5, 10.5, 10, 10)
        let nonZero = TestSupport.coverage(width: 40, height: 40, rule: .nonZero, [outer, inner.reversed()])
        let evenOdd = TestSupport.coverage(width: 40, height: 40, rule: .evenOdd, [outer, inner])
        let sameWinding = TestSupport.coverage(width: 40, height: 40, rule: .nonZero, [outer, inner])
        #expect(abs(TestSupport.area(nonZero) - 800) < 1e-2)
        #expect(abs(TestSupport.area(evenOdd) - 800) < 1e-2)
        #expect(abs(TestSupport.area(sameWinding) - 900) < 1e-2)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
