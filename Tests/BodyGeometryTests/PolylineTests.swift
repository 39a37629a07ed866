import BodyGeometry
import Testing

@Suite("Polyline")
struct PolylineTests {
    /// Right, then up: (0,0) → (10,0) → (10,10), length 20.
    static let corner = Polyline([Point(0, 0), Point(10, 0), Point(10, 10)])!
    /// Up and down: (0,0) → (1,2) → (2,0) → (3,2).
    static let zigzag = Polyline([Point(0, 0), Point(1, 2), Point(2, 0), Point(3, 2)])!

    @Test("init fails for too few points, non-finite points, or zero length", arguments: [
        [Point](),
        [Point(1, 1)],
        [Point(1, 1), Point(1, 1)],
        [Point(1, 1), Point(1, 1), Point(1, 1)],
        [Point(.nan, 0), Point(1, 1)],
        [Point(0, 0), Point(1, 1), Point(2, .infinity)],
        // Every step is within Tolerance.length, though the total is above it.
        [Point(0, 0), Point(8e-7, 0), Point(1.6e-6, 0), Point(2.4e-6, 0)],
    ])
    func degenerate(points: [Point]) {
        #expect(Polyline(points) == nil)
    }

    @Test func keepsDuplicatePoints() throws {
        let line = try #require(Polyline([Point(0, 0), Point(0, 0), Point(4, 0)]))
        #expect(line.points.count == 3)
        #expect(line.segments.count == 1)
        #expect(line.length == 4)
    }

    @Test func lengthStartEndBounds() {
        #expect(Self.corner.length == 20)
        #expect(Self.corner.start == Point(0, 0))
        #expect(Self.corner.end == Point(10, 10))
        #expect(Self.corner.bounds == Bounds(min: Point(0, 0), max: Point(10, 10)))
        #expect(Self.corner.segments.map(\.startArcLength) == [0, 10])
    }

    @Test("distance and arc length of the closest point", arguments: [
        (Point(5, 2), 2.0, 5.0, 0),
        (Point(12, 5), 2.0, 15.0, 1),
        (Point(-3, -4), 5.0, 0.0, 0),
        (Point(13, 14), 5.0, 20.0, 1),
        (Point(8, 3), 2.0, 13.0, 1),     // 3 from the first leg, 2 from the second
        (Point(10, 0), 0.0, 10.0, 0),
        (Point(7, 7), 3.0, 17.0, 1),
    ])
    func closest(p: Point, distance: Double, arcLength: Double, segment: Int) {
        let c = Self.corner.closestPoint(to: p)
        #expect(isClose(c.distance, distance))
        #expect(isClose(Self.corner.distance(to: p), distance))
        #expect(isClose(c.arcLength, arcLength))
        #expect(c.segmentIndex == segment)
        #expect(isClose(Self.corner.point(atArcLength: c.arcLength), c.point))
    }

    @Test func closestArcLengthCountsPastDuplicates() throws {
        let line = try #require(Polyline([Point(0, 0), Point(3, 0), Point(3, 0), Point(3, 4)]))
        let c = line.closestPoint(to: Point(5, 2))
        #expect(isClose(c.arcLength, 5))
        #expect(isClose(c.point, Point(3, 2)))
    }

    @Test("point at arc length, clamped to the ends", arguments: [
        (-1.0, Point(0, 0)), (0.0, Point(0, 0)), (5.0, Point(5, 0)), (10.0, Point(10, 0)),
        (15.0, Point(10, 5)), (20.0, Point(10, 10)), (25.0, Point(10, 10)),
    ])
    func pointAtArcLength(s: Double, expected: Point) {
        #expect(isClose(Self.corner.point(atArcLength: s), expected))
    }

    @Test("tangent", arguments: [
        (-1.0, Vector(1, 0)), (3.0, Vector(1, 0)), (12.0, Vector(0, 1)), (30.0, Vector(0, 1)),
    ])
    func tangent(s: Double, expected: Vector) throws {
        let t = try #require(Self.corner.tangent(atArcLength: s))
        #expect(isClose(t.dx, expected.dx) && isClose(t.dz, expected.dz))
    }

    @Test("crossings(atZ:)", arguments: [
        (1.0, [Point(0.5, 1), Point(1.5, 1), Point(2.5, 1)]),
        (2.0, [Point(1, 2), Point(3, 2)]),     // touches the peak once, ends on the line
        (0.0, [Point(0, 0), Point(2, 0)]),     // starts on the line, touches the valley once
        (3.0, []),
        (-0.5, []),
        (.nan, []),
    ])
    func crossingsAtZ(z: Double, expected: [Point]) {
        let found = Self.zigzag.crossings(atZ: z)
        #expect(found.count == expected.count)
        for (p, q) in zip(found, expected) { #expect(isClose(p, q, 1e-12)) }
    }

    @Test("crossings(atX:)", arguments: [
        (0.5, [Point(0.5, 1)]),
        (1.0, [Point(1, 2)]),
        (2.5, [Point(2.5, 1)]),
        (3.5, []),
    ])
    func crossingsAtX(x: Double, expected: [Point]) {
        let found = Self.zigzag.crossings(atX: x)
        #expect(found.count == expected.count)
        for (p, q) in zip(found, expected) { #expect(isClose(p, q, 1e-12)) }
    }

    @Test func crossingThroughAVertexIsReportedOnce() throws {
        let diagonal = try #require(Polyline([Point(0, 0), Point(1, 1), Point(2, 2)]))
        #expect(diagonal.crossings(atZ: 1) == [Point(1, 1)])
        #expect(diagonal.crossings(atX: 1) == [Point(1, 1)])
    }

    @Test func runAlongTheLineGivesItsEnds() throws {
        let line = try #require(Polyline([Point(0, 0), Point(1, 1), Point(2, 1), Point(3, 1), Point(4, 0)]))
        #expect(line.crossings(atZ: 1) == [Point(1, 1), Point(3, 1)])
    }

    @Test func crossingInsideANearZeroStepIsFound() throws {
        let line = try #require(Polyline([Point(0, -1), Point(0, -1e-7), Point(0, 1e-7), Point(0, 1)]))
        #expect(line.crossings(atZ: 0) == [Point(0, 0)])
    }

    @Test func crossingHasTheExactLevel() throws {
        let line = try #require(Polyline([Point(0.1, 0.3), Point(2.7, -0.9)]))
        let hits = line.crossings(atZ: 0.1)
        #expect(hits.count == 1)
        #expect(hits.first?.z == 0.1)
        let vertical = line.crossings(atX: 0.7)
        #expect(vertical.first?.x == 0.7)
    }

    @Test("densified spacing", arguments: [0.5, 3.0, 7.0, 100.0])
    func densified(spacing: Double) {
        let points = Self.corner.densified(maxSpacing: spacing)
        #expect(points.first == Self.corner.start)
        #expect(points.last == Self.corner.end)
        #expect(points.contains(Point(10, 0)))
        let perSegment = max(1, Int((10 / spacing).rounded(.up)))
        #expect(points.count == 1 + 2 * perSegment)
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(a.distance(to: b) <= spacing + 1e-12)
        }
    }

    @Test("densified ignores unusable spacings", arguments: [0.0, -1.0, Double.nan, Double.infinity])
    func densifiedIgnores(spacing: Double) {
        #expect(Self.corner.densified(maxSpacing: spacing) == Self.corner.points)
    }

    @Test func densifiedWithAbsurdSpacingIsCapped() throws {
        let line = try #require(Polyline([Point(0, 0), Point(1, 0)]))
        let points = line.densified(maxSpacing: 1e-300)
        #expect(points.count == (1 << 20) + 1)
        #expect(points.last == Point(1, 0))
    }

    @Test func mapped() throws {
        let doubled = try #require(Self.corner.mapped { Point($0.x * 2, $0.z * 2) })
        #expect(doubled.length == 40)
        #expect(Self.corner.mapped { _ in Point(1, 1) } == nil)
        #expect(Self.corner.mapped { _ in Point(.nan, 1) } == nil)
    }
}
