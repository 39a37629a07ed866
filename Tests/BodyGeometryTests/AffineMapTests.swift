import BodyGeometry
import Testing

@Suite("AffineMap")
struct AffineMapTests {
    /// A shear along x plus an anisotropic scale and a translation.
    static let shear = AffineMap(a: 1.2, b: 0.35, c: -0.1, d: 0.9, tx: 14, tz: -6)

    @Test func applyFollowsTheFormula() {
        let p = Self.shear.apply(Point(10, 20))
        #expect(isClose(p, Point(1.2 * 10 + 0.35 * 20 + 14, -0.1 * 10 + 0.9 * 20 - 6)))
        #expect(Self.shear.apply(Vector(1, 0)) == Vector(1.2, -0.1))
        #expect(AffineMap.identity.apply(Point(3, -4)) == Point(3, -4))
        #expect(AffineMap.scaling(2).apply(Point(3, -4)) == Point(6, -8))
    }

    @Test func determinantAndLocalScale() {
        #expect(isClose(Self.shear.determinant, 1.2 * 0.9 + 0.35 * 0.1))
        #expect(isClose(Self.shear.localScale(at: Point(100, -50)), (1.2 * 0.9 + 0.035).squareRoot()))
        #expect(AffineMap.scaling(-3).localScale(at: .origin) == 3)
    }

    @Test func concatenationAppliesTheRightOperandFirst() {
        let move = AffineMap(a: 1, b: 0, c: 0, d: 1, tx: 5, tz: 0)
        let double = AffineMap.scaling(2)
        let p = Point(1, 1)
        #expect(double.concatenating(move).apply(p) == Point(12, 2))   // (1+5)·2
        #expect(move.concatenating(double).apply(p) == Point(7, 2))    // 1·2+5
        let q = Point(-7, 3)
        #expect(isClose(Self.shear.concatenating(move).apply(q), Self.shear.apply(move.apply(q))))
    }

    @Test func inverseRoundTrips() throws {
        let inverse = try #require(Self.shear.inverted)
        for p in scatteredReferences {
            #expect(isClose(inverse.apply(Self.shear.apply(p)), p, 1e-10))
        }
        #expect(isClose(inverse.concatenating(Self.shear), .identity, 1e-14))
    }

    @Test("small but regular maps invert (the singularity test is relative)", arguments: [1e-6, 1e-9, 1e6])
    func smallScalingInverts(s: Double) throws {
        let inverse = try #require(AffineMap.scaling(s).inverted)
        #expect(isClose(inverse.a, 1 / s, 1e-12 / s))
    }

    @Test("collapsing or non-finite maps do not invert", arguments: [
        AffineMap(a: 1, b: 2, c: 2, d: 4, tx: 0, tz: 0),
        AffineMap(a: 0, b: 0, c: 0, d: 0, tx: 1, tz: 1),
        AffineMap(a: 1e6, b: 0, c: 0, d: 1e-6, tx: 0, tz: 0),
        AffineMap(a: .nan, b: 0, c: 0, d: 1, tx: 0, tz: 0),
        AffineMap(a: 1, b: 0, c: 0, d: 1, tx: .infinity, tz: 0),
    ])
    func noInverse(t: AffineMap) {
        #expect(t.inverted == nil)
    }
}

@Suite("AffineMap.fit")
struct AffineFitTests {
    @Test("three pairs are fitted exactly", arguments: [
        AffineFitTests.shear,
        AffineMap(a: -0.8, b: 1.5, c: 2.2, d: 0.4, tx: -300, tz: 1200),
        AffineMap.identity,
    ])
    func exactForThree(t: AffineMap) throws {
        let references = [Point(-40, 10), Point(60, -25), Point(15, 80)]
        let fitted = try AffineMap.fit(pairs(references, mappedBy: t.apply))
        #expect(isClose(fitted, t, 1e-9))
        for p in references { #expect(isClose(fitted.apply(p), t.apply(p), 1e-9)) }
    }

    static let shear = AffineMap(a: 1, b: 0.6, c: 0, d: 1, tx: 25, tz: -40)

    @Test func recoversAShearFromManyPairs() throws {
        let fitted = try AffineMap.fit(pairs(scatteredReferences, mappedBy: Self.shear.apply))
        #expect(isClose(fitted, Self.shear, 1e-10))
    }

    @Test func recoversAMapFarFromTheOrigin() throws {
        let offset = scatteredReferences.map { Point($0.x + 1e5, $0.z - 2e5) }
        let fitted = try AffineMap.fit(pairs(offset, mappedBy: Self.shear.apply))
        #expect(isClose(fitted.a, 1, 1e-9) && isClose(fitted.b, 0.6, 1e-9))
        #expect(isClose(fitted.c, 0, 1e-9) && isClose(fitted.d, 1, 1e-9))
        for p in offset { #expect(isClose(fitted.apply(p), Self.shear.apply(p), 1e-6)) }
    }

    @Test func leastSquaresWithNoiseLandsClose() throws {
        var random = SplitMix64(seed: 7)
        let references = (0..<200).map { _ in
            Point(Double.random(in: -150...150, using: &random), Double.random(in: -150...150, using: &random))
        }
        let noisy = references.map { p in
            let q = Self.shear.apply(p)
            return LandmarkPair(reference: p, target: Point(q.x + Double.random(in: -0.5...0.5, using: &random),
                                                            q.z + Double.random(in: -0.5...0.5, using: &random)))
        }
        let fitted = try AffineMap.fit(noisy)
        #expect(isClose(fitted.a, 1, 0.005) && isClose(fitted.b, 0.6, 0.005))
        #expect(isClose(fitted.c, 0, 0.005) && isClose(fitted.d, 1, 0.005))
        #expect(isClose(fitted.tx, 25, 0.2) && isClose(fitted.tz, -40, 0.2))
        // Least squares: the residual is no bigger than that of the true map.
        func residual(_ t: AffineMap) -> Double {
            noisy.reduce(0) { $0 + (t.apply($1.reference) - $1.target).lengthSquared }
        }
        #expect(residual(fitted) <= residual(Self.shear))
        #expect(residual(fitted) > 0)
    }

    @Test("too few pairs", arguments: [0, 1, 2])
    func tooFew(count: Int) {
        let input = Array(pairs(scatteredReferences, mappedBy: { $0 }).prefix(count))
        #expect(throws: GeometryError.tooFewPairs(needed: 3, got: count)) {
            try AffineMap.fit(input)
        }
    }

    @Test("collinear or coincident references", arguments: [
        [Point(0, 0), Point(1, 1), Point(2, 2), Point(-5, -5)],
        [Point(3, 3), Point(3, 3), Point(3, 3)],
        [Point(0, 0), Point(0, 0), Point(10, 5)],
        [Point(0, 0), Point(100, 0), Point(50, 1e-7)],
    ])
    func collinear(references: [Point]) {
        #expect(throws: GeometryError.collinear) {
            try AffineMap.fit(pairs(references, mappedBy: { Point($0.z, $0.x) }))
        }
    }

    @Test func aThinButRealTriangleIsAccepted() throws {
        let references = [Point(0, 0), Point(100, 0), Point(50, 0.01)]
        let fitted = try AffineMap.fit(pairs(references, mappedBy: Self.shear.apply))
        #expect(isClose(fitted, Self.shear, 1e-6))
    }

    @Test("non-finite coordinates", arguments: [
        (1, Point(.nan, 0), false), (2, Point(0, .infinity), true), (0, Point(-.infinity, 1), true),
    ])
    func nonFinite(index: Int, bad: Point, inTarget: Bool) {
        var input = pairs(scatteredReferences, mappedBy: Self.shear.apply)
        if inTarget { input[index].target = bad } else { input[index].reference = bad }
        #expect(throws: GeometryError.nonFinite(index: index)) {
            try AffineMap.fit(input)
        }
    }
}
