import BodyGeometry
import Testing

@Suite("Segment")
struct SegmentTests {
    static let horizontal = Segment(Point(0, 0), Point(10, 0))!
    static let slanted = Segment(Point(0, 0), Point(3, 4))!

    @Test("init fails for coincident, nearly coincident or non-finite ends", arguments: [
        (Point(1, 1), Point(1, 1)),
        (Point(1, 1), Point(1 + 5e-7, 1)),
        (Point(.nan, 0), Point(1, 1)),
        (Point(0, 0), Point(.infinity, 1)),
        (Point(0, -.infinity), Point(0, 0)),
    ])
    func degenerate(start: Point, end: Point) {
        #expect(Segment(start, end) == nil)
    }

    @Test func initSucceedsJustAboveTolerance() throws {
        let s = try #require(Segment(Point(0, 0), Point(2e-6, 0)))
        #expect(isClose(s.length, 2e-6, 1e-18))
    }

    @Test("distance to a horizontal segment", arguments: [
        (Point(5, 3), 3.0, Point(5, 0)),
        (Point(5, -3), 3.0, Point(5, 0)),
        (Point(-3, 4), 5.0, Point(0, 0)),
        (Point(13, -4), 5.0, Point(10, 0)),
        (Point(4, 0), 0.0, Point(4, 0)),
        (Point(10, 0), 0.0, Point(10, 0)),
    ])
    func horizontalDistance(p: Point, expected: Double, foot: Point) {
        let c = Self.horizontal.closestPoint(to: p)
        #expect(isClose(c.distance, expected))
        #expect(isClose(Self.horizontal.distance(to: p), expected))
        #expect(isClose(c.point, foot))
        #expect(isClose(c.arcLength, foot.x))
    }

    @Test("distance to a slanted segment", arguments: [
        (Point(-2.5, 5), 5.0, Point(1.5, 2), 2.5),    // foot at the middle
        (Point(4, -3), 5.0, Point(0, 0), 0.0),        // perpendicular at the start
        (Point(-1, 8), 32.0.squareRoot(), Point(3, 4), 5.0), // t = 1.16, clamped to the end
        (Point(6, 8), 5.0, Point(3, 4), 5.0),         // straight on past the end
    ])
    func slantedDistance(p: Point, expected: Double, foot: Point, arc: Double) {
        let c = Self.slanted.closestPoint(to: p)
        #expect(isClose(c.distance, expected))
        #expect(isClose(c.point, foot))
        #expect(isClose(c.arcLength, arc))
        #expect(c.segmentIndex == 0)
    }

    @Test("parameter is clamped to 0...1", arguments: [
        (Point(-5, 1), 0.0), (Point(2.5, 7), 0.25), (Point(25, -1), 1.0),
    ])
    func parameter(p: Point, expected: Double) {
        #expect(isClose(Self.horizontal.parameter(nearestTo: p), expected))
    }

    @Test func pointAtParameter() {
        #expect(Self.slanted.point(at: 0.5) == Point(1.5, 2))
        #expect(Self.slanted.vector == Vector(3, 4))
        #expect(Self.slanted.length == 5)
    }

    @Test("intersections", arguments: [
        // crossing X
        (Point(0, 0), Point(2, 2), Point(0, 2), Point(2, 0), Point(1, 1) as Point?),
        // T-junction: the end of one touches the middle of the other
        (Point(0, 0), Point(4, 0), Point(2, 0), Point(2, 3), Point(2, 0) as Point?),
        // sharing an end point
        (Point(0, 0), Point(1, 1), Point(1, 1), Point(2, 0), Point(1, 1) as Point?),
        // the lines cross, the segments do not
        (Point(0, 0), Point(1, 1), Point(3, 0), Point(2, 1), nil),
        // parallel
        (Point(0, 0), Point(4, 0), Point(0, 1), Point(4, 1), nil),
        // collinear and overlapping: no single crossing point
        (Point(0, 0), Point(4, 0), Point(2, 0), Point(6, 0), nil),
        // micrometre-sized segments crossing: a scale-free test still sees them
        (Point(0, 0), Point(1e-5, 1e-5), Point(0, 1e-5), Point(1e-5, 0), Point(5e-6, 5e-6) as Point?),
    ])
    func intersection(a0: Point, a1: Point, b0: Point, b1: Point, expected: Point?) throws {
        let a = try #require(Segment(a0, a1)), b = try #require(Segment(b0, b1))
        let hit = a.intersection(with: b), reverse = b.intersection(with: a)
        if let expected {
            let p = try #require(hit), q = try #require(reverse)
            #expect(isClose(p, expected, 1e-12))
            #expect(isClose(q, expected, 1e-12))
        } else {
            #expect(hit == nil)
            #expect(reverse == nil)
        }
    }

    @Test func nearMissBeyondSlackIsNotAnIntersection() throws {
        let a = try #require(Segment(Point(0, 0), Point(10, 0)))
        let touching = try #require(Segment(Point(5, 5e-7), Point(5, 10)))
        let missing = try #require(Segment(Point(5, 1e-4), Point(5, 10)))
        #expect(touching.intersection(with: a) != nil)
        #expect(missing.intersection(with: a) == nil)
    }
}
