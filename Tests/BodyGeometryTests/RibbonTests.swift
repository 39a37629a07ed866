import BodyGeometry
import Testing

@Suite("Ribbon")
struct RibbonTests {
    /// Right 10 mm then up 10 mm, full width 2 → 4 → 8 mm at the three points.
    static let tapered = Ribbon(centreline: Polyline([Point(0, 0), Point(10, 0), Point(10, 10)])!,
                                widths: [2, 4, 8])!
    static let straight = Polyline([Point(0, 0), Point(10, 0)])!

    @Test("init fails for a wrong count or unusable widths", arguments: [
        [2.0], [2.0, 2.0, 2.0], [2.0, 0.0], [2.0, -1.0], [Double.nan, 2.0], [2.0, .infinity],
    ])
    func degenerate(widths: [Double]) {
        #expect(Ribbon(centreline: Self.straight, widths: widths) == nil)
    }

    @Test func constantWidth() throws {
        let ribbon = try #require(Ribbon(centreline: Self.straight, width: 3))
        #expect(ribbon.widths == [3, 3])
        #expect(Ribbon(centreline: Self.straight, width: 0) == nil)
    }

    @Test("width varies linearly with arc length", arguments: [
        (-1.0, 2.0), (0.0, 2.0), (5.0, 3.0), (10.0, 4.0), (15.0, 6.0), (20.0, 8.0), (25.0, 8.0),
    ])
    func width(s: Double, expected: Double) {
        #expect(isClose(Self.tapered.width(atArcLength: s), expected))
    }

    @Test("distance to a tapered ribbon", arguments: [
        (Point(5, 3), 1.5),       // centreline 3 away, width 3 there
        (Point(5, -3), 1.5),
        (Point(5, 1), 0.0),       // inside
        (Point(2, 1.1), 0.0),     // width 2.4 at s = 2: half 1.2
        (Point(14, 5), 1.0),      // 4 away, width 6 at s = 15
        (Point(12, 5), 0.0),
        (Point(-4, 0), 3.0),      // before the start: 4 from (0,0), half width 1
        (Point(10, 16), 2.0),     // past the end: 6 from (10,10), half width 4
    ])
    func distance(p: Point, expected: Double) {
        #expect(isClose(Self.tapered.distance(to: p), expected))
        #expect(Self.tapered.contains(p) == (expected == 0))
    }

    @Test func closestCentrelinePoint() {
        let c = Self.tapered.closestCentrelinePoint(to: Point(14, 5))
        #expect(c.point == Point(10, 5))
        #expect(c.arcLength == 15)
    }

    @Test func straightOutlineIsARectangleOrTrapezoid() throws {
        let rectangle = try #require(Ribbon(centreline: Self.straight, width: 2)?.outline)
        #expect(isClose(rectangle.area, 20))
        #expect(rectangle.contains(Point(5, 0.9)))
        #expect(!rectangle.contains(Point(5, 1.1)))
        let trapezoid = try #require(Ribbon(centreline: Self.straight, widths: [2, 4])?.outline)
        #expect(isClose(trapezoid.area, 30))
    }

    @Test func mitredCornerKeepsTheArea() throws {
        // A right-angle turn with mitred corners: the band's area is length × width.
        let corner = try #require(Polyline([Point(0, 0), Point(10, 0), Point(10, 10)]))
        let outline = try #require(Ribbon(centreline: corner, width: 2)?.outline)
        #expect(isClose(outline.area, 40))
        #expect(outline.points.contains { isClose($0, Point(11, -1)) })
        #expect(outline.points.contains { isClose($0, Point(9, 1)) })
    }

    @Test func mapped() throws {
        let moved = try #require(Self.tapered.mapped({ Point($0.x * 2, $0.z * 2) }, widthScale: 2))
        #expect(moved.widths == [4, 8, 16])
        #expect(isClose(moved.distance(to: Point(10, 6)), 3))
        #expect(Self.tapered.mapped({ $0 }, widthScale: -1) == nil)
        #expect(Self.tapered.mapped({ $0 }, widthScale: .nan) == nil)
    }
}
