import BodyGeometry
import Testing

/// A named outline with its known area and centroid, for parameterised cases.
struct KnownShape: Sendable, CustomTestStringConvertible {
    let name: String
    /// Counter-clockwise (z up).
    let points: [Point]
    let area: Double
    let centroid: Point
    var testDescription: String { name }
}

@Suite("Polygon")
struct PolygonTests {
    static let shapes: [KnownShape] = [
        KnownShape(name: "rectangle", points: [Point(2, 3), Point(6, 3), Point(6, 5), Point(2, 5)],
                   area: 8, centroid: Point(4, 4)),
        KnownShape(name: "right triangle", points: [Point(0, 0), Point(6, 0), Point(0, 3)],
                   area: 9, centroid: Point(2, 1)),
        KnownShape(name: "L shape",
                   points: [Point(0, 0), Point(4, 0), Point(4, 1), Point(1, 1), Point(1, 3), Point(0, 3)],
                   area: 6, centroid: Point(1.5, 1)),
        KnownShape(name: "regular hexagon about (−5, 7)",
                   points: (0..<6).map { k in
                       let c = [1.0, 0.5, -0.5, -1.0, -0.5, 0.5][k], s = [0.0, 1, 1, 0, -1, -1][k] * 3.0.squareRoot() / 2
                       return Point(-5 + 2 * c, 7 + 2 * s)
                   },
                   area: 6 * 3.0.squareRoot(), centroid: Point(-5, 7)),
        KnownShape(name: "tiny square far from the origin",
                   points: [Point(1e7, 1e7), Point(1e7 + 0.01, 1e7), Point(1e7 + 0.01, 1e7 + 0.01), Point(1e7, 1e7 + 0.01)],
                   area: 1e-4, centroid: Point(1e7 + 0.005, 1e7 + 0.005)),
    ]

    /// The 10 × 10 square with corners (0,0) and (10,10), counter-clockwise.
    static let square = Polygon([Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)])!

    @Test("init fails for too few points, non-finite points, or zero area", arguments: [
        [Point(0, 0), Point(1, 1)],
        [Point(0, 0), Point(1, 1), Point(0, 0)],
        [Point(0, 0), Point(1, 1), Point(2, 2)],
        [Point(0, 0), Point(1, 0), Point(.nan, 1)],
        [Point(0, 0), Point(1, 0), Point(1, .infinity)],
        [Point(0, 0), Point(1e-6, 0), Point(0, 1e-6)],
        // A figure of eight whose lobes cancel: zero net signed area.
        [Point(0, 0), Point(2, 2), Point(2, 0), Point(0, 2)],
    ])
    func degenerate(points: [Point]) {
        #expect(Polygon(points) == nil)
    }

    @Test func dropsRepeatedClosingPoint() throws {
        let closed = try #require(Polygon([Point(0, 0), Point(4, 0), Point(0, 3), Point(0, 0)]))
        #expect(closed.points.count == 3)
        #expect(closed.area == 6)
    }

    @Test("area and centroid, counter-clockwise", arguments: shapes)
    func counterClockwise(shape: KnownShape) throws {
        let polygon = try #require(Polygon(shape.points))
        let tolerance = 1e-9 * max(1, shape.area)
        #expect(isClose(polygon.signedArea, shape.area, tolerance))
        #expect(isClose(polygon.area, shape.area, tolerance))
        #expect(isClose(polygon.centroid, shape.centroid, 1e-8))
    }

    @Test("area and centroid, clockwise", arguments: shapes)
    func clockwise(shape: KnownShape) throws {
        let polygon = try #require(Polygon(shape.points.reversed()))
        let tolerance = 1e-9 * max(1, shape.area)
        #expect(isClose(polygon.signedArea, -shape.area, tolerance))
        #expect(isClose(polygon.area, shape.area, tolerance))
        #expect(isClose(polygon.centroid, shape.centroid, 1e-8))
    }

    @Test("distance: 0 inside, exact outside", arguments: [
        (Point(5, 5), 0.0), (Point(3, 7), 0.0), (Point(9.99, 0.01), 0.0),
        (Point(13, 5), 3.0), (Point(5, -2), 2.0), (Point(-3, -4), 5.0), (Point(15, 15), 50.0.squareRoot()),
    ])
    func distance(p: Point, expected: Double) {
        for rule in FillRule.allCases {
            #expect(isClose(Self.square.distance(to: p, rule: rule), expected))
        }
        #expect(Self.square.contains(p) == (expected == 0))
    }

    @Test("signed distance is negative inside", arguments: [
        (Point(5, 2), -2.0), (Point(1, 5), -1.0), (Point(5, 5), -5.0), (Point(12, 5), 2.0),
    ])
    func signedDistance(p: Point, expected: Double) {
        #expect(isClose(Self.square.signedDistance(to: p), expected))
    }

    @Test("closest boundary point and its arc length", arguments: [
        (Point(10.5, 4), Point(10, 4), 14.0, 1),
        (Point(5, 2), Point(5, 0), 5.0, 0),
        (Point(-1, 6), Point(0, 6), 34.0, 3),
        (Point(6, 13), Point(6, 10), 24.0, 2),
    ])
    func closestBoundary(p: Point, foot: Point, arcLength: Double, edge: Int) {
        let c = Self.square.closestBoundaryPoint(to: p)
        #expect(isClose(c.point, foot))
        #expect(isClose(c.arcLength, arcLength))
        #expect(c.segmentIndex == edge)
    }

    @Test func windingNumberFollowsOrientation() throws {
        let clockwise = try #require(Polygon(Self.square.points.reversed()))
        #expect(Self.square.windingNumber(around: Point(5, 5)) == 1)
        #expect(clockwise.windingNumber(around: Point(5, 5)) == -1)
        #expect(Self.square.windingNumber(around: Point(15, 5)) == 0)
    }

    @Test("a doubly wound outline: inside under non-zero, outside under even-odd", arguments: [false, true])
    func doublyWound(reversed: Bool) throws {
        let once = reversed ? Array(Self.square.points.reversed()) : Self.square.points
        let twice = try #require(Polygon(once + once))
        let centre = Point(5, 5)
        #expect(abs(twice.windingNumber(around: centre)) == 2)
        #expect(twice.contains(centre, rule: .nonZero))
        #expect(!twice.contains(centre, rule: .evenOdd))
        #expect(twice.distance(to: centre, rule: .nonZero) == 0)
        #expect(isClose(twice.distance(to: centre, rule: .evenOdd), 5))
        #expect(isClose(twice.area, 200))
        #expect(!twice.contains(Point(15, 5), rule: .nonZero))
        #expect(!twice.contains(Point(15, 5), rule: .evenOdd))
    }

    @Test func pentagramCentreDependsOnTheRule() throws {
        // Star {5/2}: every second vertex of a regular pentagon, so the outline winds twice
        // around the centre and once around each tip.
        let pentagon: [Point] = [
            Point(0, 10), Point(-9.510565162951535, 3.090169943749474), Point(-5.877852522924732, -8.090169943749475),
            Point(5.877852522924732, -8.090169943749475), Point(9.510565162951535, 3.090169943749474),
        ]
        let star = try #require(Polygon([0, 2, 4, 1, 3].map { pentagon[$0] }))
        #expect(star.contains(Point(0, 0), rule: .nonZero))
        #expect(!star.contains(Point(0, 0), rule: .evenOdd))
        let tip = Point(0, 8)
        #expect(star.contains(tip, rule: .nonZero))
        #expect(star.contains(tip, rule: .evenOdd))
        #expect(!star.contains(Point(0, 11), rule: .nonZero))
    }

    @Test func edgesSkipZeroLengthOnes() throws {
        let polygon = try #require(Polygon([Point(0, 0), Point(4, 0), Point(4, 0), Point(0, 3)]))
        #expect(polygon.edges.count == 3)
        #expect(polygon.edges.map(\.length).reduce(0, +) == 12)
    }

    @Test func boundaryAndBounds() throws {
        let boundary = try #require(Self.square.boundary)
        #expect(boundary.points.count == 5)
        #expect(boundary.start == boundary.end)
        #expect(boundary.length == 40)
        #expect(Self.square.bounds == Bounds(min: Point(0, 0), max: Point(10, 10)))
    }

    @Test func mapped() throws {
        let moved = try #require(Self.square.mapped { Point($0.x * 3, $0.z + 1) })
        #expect(moved.area == 300)
        #expect(isClose(moved.centroid, Point(15, 6)))
        #expect(Self.square.mapped { Point($0.x, 0) } == nil)
    }
}
