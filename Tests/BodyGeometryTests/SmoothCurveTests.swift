import Testing
@testable import BodyGeometry

@Suite("Smooth curves")
struct SmoothCurveTests {
    static let zigzag = [Point(0, 0), Point(10, 8), Point(20, -3), Point(30, 6), Point(45, 0)]

    @Test("The curve passes through every given point", arguments: [false, true])
    func passesThroughThePoints(closed: Bool) {
        let segments = SmoothCurve.segments(through: Self.zigzag, closed: closed)
        #expect(segments.count == (closed ? 5 : 4))
        for (i, s) in segments.enumerated() {
            #expect(isClose(s.start, Self.zigzag[i]))
            #expect(isClose(s.end, Self.zigzag[(i + 1) % Self.zigzag.count]))
        }
    }

    @Test func neighbouringSegmentsShareTheirTangent() {
        let segments = SmoothCurve.segments(through: Self.zigzag, closed: false)
        for (a, b) in zip(segments, segments.dropFirst()) {
            let into = a.end - a.control2, out = b.control1 - b.start
            // Parallel and pointing the same way: no corner at the joint.
            #expect(abs(into.dx * out.dz - into.dz * out.dx) < 1e-9)
            #expect(into.dx * out.dx + into.dz * out.dz > 0)
        }
    }

    @Test("Flattening stays within its tolerance of the curve", arguments: [0.5, 0.1, 0.01])
    func flatteningTolerance(tolerance: Double) throws {
        let line = SmoothCurve.flattened(through: Self.zigzag, closed: false, tolerance: tolerance)
        #expect(line.first == Self.zigzag.first && line.last == Self.zigzag.last)
        let chords = try #require(Polyline(line))
        for s in SmoothCurve.segments(through: Self.zigzag, closed: false) {
            for k in 0...50 {
                let p = s.point(at: Double(k) / 50)
                #expect(chords.distance(to: p) <= tolerance * 1.01, "\(p) is off the flattened curve")
            }
        }
    }

    @Test func twoPointsAreAStraightSegment() {
        let s = SmoothCurve.segments(through: [Point(0, 0), Point(9, 0)], closed: false)
        #expect(s.count == 1)
        #expect(isClose(s[0].point(at: 0.5), Point(4.5, 0)))
    }

    @Test func fewerThanTwoPointsGiveNoCurve() {
        #expect(SmoothCurve.segments(through: [Point(1, 1)], closed: true).isEmpty)
        #expect(SmoothCurve.flattened(through: [Point(1, 1)], closed: false, tolerance: 0.1) == [Point(1, 1)])
    }
}
