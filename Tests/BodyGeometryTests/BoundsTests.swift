import BodyGeometry
import Testing

@Suite("Bounds")
struct BoundsTests {
    static let box = Bounds(min: Point(0, 0), max: Point(10, 4))

    @Test func fromPoints() throws {
        let b = try #require(Bounds([Point(3, -1), Point(-2, 5), Point(1, 1)]))
        #expect(b.min == Point(-2, -1))
        #expect(b.max == Point(3, 5))
        #expect(b.width == 5)
        #expect(b.height == 6)
        #expect(b.centre == Point(0.5, 2))
    }

    @Test func singlePointHasZeroSize() throws {
        let b = try #require(Bounds([Point(2, 3)]))
        #expect(b.width == 0 && b.height == 0)
        #expect(b.contains(Point(2, 3)))
    }

    @Test("fails for no points or a non-finite one", arguments: [
        [Point](), [Point(0, 0), Point(.nan, 1)], [Point(.infinity, 0)],
    ])
    func degenerate(points: [Point]) {
        #expect(Bounds(points) == nil)
    }

    @Test func minMaxAreOrdered() {
        let b = Bounds(min: Point(5, -1), max: Point(1, 3))
        #expect(b.min == Point(1, -1))
        #expect(b.max == Point(5, 3))
    }

    @Test("contains, edges included", arguments: [
        (Point(5, 2), true), (Point(0, 0), true), (Point(10, 4), true), (Point(10, 2), true),
        (Point(10.001, 2), false), (Point(5, -0.001), false), (Point(.nan, 2), false),
    ])
    func contains(p: Point, expected: Bool) {
        #expect(Self.box.contains(p) == expected)
    }

    @Test("overlaps needs shared interior", arguments: [
        (Bounds(min: Point(5, 2), max: Point(15, 8)), true),      // corner overlap
        (Bounds(min: Point(2, 1), max: Point(3, 2)), true),       // inside
        (Bounds(min: Point(-5, -5), max: Point(20, 20)), true),   // around
        (Bounds(min: Point(10, 0), max: Point(12, 4)), false),    // shares an edge
        (Bounds(min: Point(10, 4), max: Point(12, 6)), false),    // shares a corner
        (Bounds(min: Point(11, 0), max: Point(12, 4)), false),    // apart in x
        (Bounds(min: Point(0, 5), max: Point(10, 6)), false),     // apart in z
    ])
    func overlaps(other: Bounds, expected: Bool) {
        #expect(Self.box.overlaps(other) == expected)
        #expect(other.overlaps(Self.box) == expected)
    }

    @Test func union() {
        let other = Bounds(min: Point(-3, 2), max: Point(4, 9))
        let u = Self.box.union(other)
        #expect(u == Bounds(min: Point(-3, 0), max: Point(10, 9)))
        #expect(u == other.union(Self.box))
        #expect(Self.box.union(Self.box) == Self.box)
    }

    @Test func insetShrinksWithoutInverting() {
        #expect(Self.box.inset(by: 1) == Bounds(min: Point(1, 1), max: Point(9, 3)))
        // 3 mm is more than half the 4 mm height: z stops at the centre line.
        let squeezed = Self.box.inset(by: 3)
        #expect(squeezed == Bounds(min: Point(3, 2), max: Point(7, 2)))
        #expect(squeezed.height == 0)
        #expect(Self.box.inset(by: -1) == Self.box.expanded(by: 1))
    }

    @Test func expandedGrows() {
        #expect(Self.box.expanded(by: 1) == Bounds(min: Point(-1, -1), max: Point(11, 5)))
        #expect(Self.box.expanded(by: 0) == Self.box)
    }
}
