import Foundation
import Testing
import BodyGeometry

@Suite("Point")
struct PointTests {
    @Test("distance", arguments: [
        (Point(0, 0), Point(3, 4), 5.0),
        (Point(1, 1), Point(1, 1), 0.0),
        (Point(-2, 5), Point(1, 1), 5.0),
        (Point(1e6, -1e6), Point(1e6 + 6, -1e6 + 8), 10.0),
    ])
    func distance(a: Point, b: Point, expected: Double) {
        #expect(isClose(a.distance(to: b), expected))
        #expect(isClose(b.distance(to: a), expected))
    }

    @Test("lerp", arguments: [
        (0.0, Point(2, -4)), (1.0, Point(6, 4)), (0.5, Point(4, 0)), (2.0, Point(10, 12)), (-1.0, Point(-2, -12)),
    ])
    func lerp(t: Double, expected: Point) {
        #expect(Point(2, -4).lerp(Point(6, 4), t) == expected)
    }

    @Test func mirroredNegatesOnlyX() {
        #expect(Point(3, -7).mirrored == Point(-3, -7))
        #expect(Point(3, -7).mirrored.mirrored == Point(3, -7))
    }

    @Test("isFinite is false for NaN and infinities", arguments: [
        Point(.nan, 0), Point(0, .nan), Point(.infinity, 0), Point(0, -.infinity),
    ])
    func nonFinite(p: Point) {
        #expect(!p.isFinite)
    }

    @Test func finite() {
        #expect(Point(-1e300, 1e-300).isFinite)
    }

    @Test func arithmetic() {
        let p = Point(1, 2), v = Vector(3, -5)
        #expect(p + v == Point(4, -3))
        #expect(p - v == Point(-2, 7))
        #expect((p + v) - p == v)
        #expect(Point(4, 6) - Point(1, 2) == Vector(3, 4))
    }

    @Test func approximateEquality() {
        #expect(Point(1, 1).isApproximatelyEqual(to: Point(1 + 5e-7, 1)))
        #expect(!Point(1, 1).isApproximatelyEqual(to: Point(1 + 2e-6, 1)))
        #expect(Point(1, 1).isApproximatelyEqual(to: Point(1.5, 1), tolerance: 0.5))
        #expect(!Point(1, 1).isApproximatelyEqual(to: Point(.nan, 1)))
    }

    @Test func description() {
        #expect(Point(1.5, -2).description == "(1.5, -2.0)")
    }

    @Test func encodesAsArray() throws {
        let data = try JSONEncoder().encode(Point(1.5, -2))
        #expect(String(decoding: data, as: UTF8.self) == "[1.5,-2]")
        #expect(try JSONDecoder().decode(Point.self, from: data) == Point(1.5, -2))
    }

    @Test("decoding rejects anything but two numbers", arguments: ["[1]", "[1,2,3]", "{\"x\":1,\"z\":2}", "[1,\"a\"]"])
    func rejectsMalformed(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Point.self, from: Data(json.utf8))
        }
    }
}

@Suite("Vector")
struct VectorTests {
    @Test func lengthAndDot() {
        let v = Vector(3, 4)
        #expect(v.length == 5)
        #expect(v.lengthSquared == 25)
        #expect(v.dot(Vector(-4, 3)) == 0)
        #expect(v.dot(Vector(1, 1)) == 7)
    }

    @Test func perpendicularTurnsCounterClockwise() {
        #expect(Vector(1, 0).perpendicular == Vector(0, 1))
        #expect(Vector(1, 0).cross(Vector(1, 0).perpendicular) > 0)
        #expect(Vector(2, 3).cross(Vector(4, 6)) == 0)
        #expect(Vector(0, 1).cross(Vector(1, 0)) == -1)
    }

    @Test("normalized is nil for (near) zero and non-finite vectors", arguments: [
        Vector(0, 0), Vector(5e-7, 0), Vector(.infinity, 0), Vector(.nan, 1),
    ])
    func normalizedNil(v: Vector) {
        #expect(v.normalized == nil)
    }

    @Test func normalizedHasUnitLength() throws {
        let n = try #require(Vector(-3, 4).normalized)
        #expect(isClose(n.length, 1, 1e-15))
        #expect(isClose(n.dx, -0.6, 1e-15) && isClose(n.dz, 0.8, 1e-15))
    }

    @Test func operators() {
        let a = Vector(1, 2), b = Vector(-3, 5)
        #expect(a + b == Vector(-2, 7))
        #expect(a - b == Vector(4, -3))
        #expect(a * 2 == Vector(2, 4))
        #expect(2 * a == a * 2)
        #expect(-a == Vector(-1, -2))
    }
}
