import BodyGeometry
import Testing
// Not Foundation: it has its own `AffineMap`, which would make the name ambiguous.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("ThinPlateSpline")
struct ThinPlateSplineTests {
    /// A smooth, clearly non-affine bend, millimetres.
    static func bend(_ p: Point) -> Point {
        Point(p.x + 0.0015 * p.z * p.z + 8 * sin(p.x / 60), p.z * 1.05 + 0.001 * p.x * p.z - 5)
    }

    static let bent = pairs(scatteredReferences, mappedBy: bend)

    /// U(r) = r² log r, computed independently of the module.
    static func kernel(_ r: Double) -> Double { r > 0 ? r * r * log(r) : 0 }

    @Test("reproduces its landmarks", arguments: [4, 5, 9])
    func interpolates(count: Int) throws {
        let input = Array(Self.bent.prefix(count))
        let spline = try ThinPlateSpline(pairs: input)
        for pair in input { #expect(isClose(spline.apply(pair.reference), pair.target, 1e-9)) }
        #expect(spline.pairs == input)
        #expect(spline.regularization == 0)
    }

    @Test func reproducesLandmarksFarFromTheOriginAndAtAnyUnit() throws {
        // Same shape in metres-sized numbers and shifted 10 m away: still exact.
        for (scale, shift) in [(1.0, Vector(1e4, -1e4)), (1e-3, Vector.zero), (1e3, Vector(5e5, 0))] {
            let input = Self.bent.map {
                LandmarkPair(reference: Point($0.reference.x * scale, $0.reference.z * scale) + shift,
                             target: Point($0.target.x * scale, $0.target.z * scale) + shift)
            }
            let spline = try ThinPlateSpline(pairs: input)
            for pair in input {
                #expect(isClose(spline.apply(pair.reference), pair.target, 1e-9 * max(1, scale)))
            }
        }
    }

    @Test("reduces to the affine map for affine targets", arguments: [
        AffineMap(a: 1.1, b: 0.3, c: -0.2, d: 0.95, tx: 20, tz: -15),
        AffineMap(a: 1, b: 0.6, c: 0, d: 1, tx: 0, tz: 0),
        AffineMap.identity,
    ])
    func affineTargets(t: AffineMap) throws {
        let spline = try ThinPlateSpline(pairs: pairs(scatteredReferences, mappedBy: t.apply))
        #expect(isClose(spline.affinePart, t, 1e-9))
        for w in spline.weights { #expect(abs(w.dx) < 1e-12 && abs(w.dz) < 1e-12) }
        for p in [Point(0, 0), Point(-300, 250), Point(37.5, -12.25), Point(500, 500)] {
            #expect(isClose(spline.apply(p), t.apply(p), 1e-8))
            #expect(isClose(spline.localScale(at: p), t.localScale(at: p), 1e-10))
        }
    }

    @Test func isTheDecompositionItDocuments() throws {
        // f(p) = affinePart(p) + Σ wᵢ U(|p − pᵢ|) with U in millimetres, and the weights
        // satisfy the side conditions. Together with interpolation these pin the spline down.
        let spline = try ThinPlateSpline(pairs: Self.bent)
        let weights = spline.weights
        #expect(weights.count == Self.bent.count)
        let sum = weights.reduce(Vector.zero, +)
        var moment = (xx: 0.0, xz: 0.0, zx: 0.0, zz: 0.0)
        for (w, pair) in zip(weights, Self.bent) {
            moment.xx += w.dx * pair.reference.x; moment.xz += w.dx * pair.reference.z
            moment.zx += w.dz * pair.reference.x; moment.zz += w.dz * pair.reference.z
        }
        #expect(abs(sum.dx) < 1e-12 && abs(sum.dz) < 1e-12)
        #expect(abs(moment.xx) < 1e-10 && abs(moment.xz) < 1e-10 && abs(moment.zx) < 1e-10 && abs(moment.zz) < 1e-10)
        #expect(weights.contains { abs($0.dx) > 1e-6 })   // it really bends
        for p in [Point(0, 0), Point(-55, 90), Point(210, -180), Point(95, -110.5)] {
            var expected = spline.affinePart.apply(p)
            for (w, pair) in zip(weights, Self.bent) {
                let u = Self.kernel(p.distance(to: pair.reference))
                expected = expected + w * u
            }
            #expect(isClose(spline.apply(p), expected, 1e-8))
        }
    }

    @Test func approximatesASmoothBendBetweenLandmarks() throws {
        // A dense grid of landmarks: between them the spline follows the bend closely.
        var references: [Point] = []
        for i in -4...4 { for j in -4...4 { references.append(Point(Double(i) * 40, Double(j) * 40)) } }
        let spline = try ThinPlateSpline(pairs: pairs(references, mappedBy: Self.bend))
        for p in [Point(20, 20), Point(-70, 110), Point(130, -50)] {
            #expect(isClose(spline.apply(p), Self.bend(p), 0.5))
        }
    }

    @Test func localScaleMatchesANumericalJacobian() throws {
        let spline = try ThinPlateSpline(pairs: Self.bent)
        let h = 1e-3
        for p in [Point(0, 0), Point(-120, -80), Point(33, 71), Point(300, -300)] {
            let dx = (spline.apply(Point(p.x + h, p.z)) - spline.apply(Point(p.x - h, p.z))) * (1 / (2 * h))
            let dz = (spline.apply(Point(p.x, p.z + h)) - spline.apply(Point(p.x, p.z - h))) * (1 / (2 * h))
            let numerical = abs(dx.dx * dz.dz - dz.dx * dx.dz).squareRoot()
            let linear = spline.linearization(at: p)
            #expect(isClose(linear.a, dx.dx, 1e-6) && isClose(linear.c, dx.dz, 1e-6))
            #expect(isClose(linear.b, dz.dx, 1e-6) && isClose(linear.d, dz.dz, 1e-6))
            #expect(isClose(linear.apply(p), spline.apply(p), 1e-9))
            #expect(isClose(spline.localScale(at: p), numerical, 1e-6))
            // The local scale reads the Jacobian alone: exactly the linearization's.
            #expect(spline.localScale(at: p) == linear.localScale(at: p))
        }
        // The bend stretches: the local scale is not the same everywhere.
        #expect(abs(spline.localScale(at: Point(-150, -150)) - spline.localScale(at: Point(150, 150))) > 0.01)
    }

    @Test func regularizationRelaxesTheLandmarks() throws {
        let lambda = 50.0   // mm²
        let smooth = try ThinPlateSpline(pairs: Self.bent, regularization: lambda)
        let exact = try ThinPlateSpline(pairs: Self.bent)
        #expect(smooth.regularization == lambda)
        var moved = 0.0
        for (pair, w) in zip(Self.bent, smooth.weights) {
            // (K + λI)w + Pa = y, so f(pᵢ) = yᵢ − λ wᵢ.
            #expect(isClose(smooth.apply(pair.reference), pair.target - w * lambda, 1e-9))
            moved = max(moved, smooth.apply(pair.reference).distance(to: pair.target))
        }
        #expect(moved > 1e-3)
        // Less bending: smaller kernel weights.
        let size = { (s: ThinPlateSpline) in s.weights.reduce(0) { $0 + $1.lengthSquared } }
        #expect(size(smooth) < size(exact))
    }

    @Test("very strong regularization tends to the affine least-squares fit", arguments: [1e16, Double.infinity])
    func strongRegularization(lambda: Double) throws {
        let spline = try ThinPlateSpline(pairs: Self.bent, regularization: lambda)
        let affine = try AffineMap.fit(Self.bent)
        #expect(isClose(spline.affinePart, affine, 1e-6))
        for p in scatteredReferences { #expect(isClose(spline.apply(p), affine.apply(p), 1e-6)) }
    }

    @Test("unusable regularization is treated as zero", arguments: [-1.0, Double.nan, -Double.infinity])
    func unusableRegularization(lambda: Double) throws {
        let spline = try ThinPlateSpline(pairs: Self.bent, regularization: lambda)
        #expect(spline.regularization == 0)
        for pair in Self.bent { #expect(isClose(spline.apply(pair.reference), pair.target, 1e-9)) }
    }

    @Test("too few pairs", arguments: [0, 1, 2, 3])
    func tooFew(count: Int) {
        let input = Array(Self.bent.prefix(count))
        #expect(throws: GeometryError.tooFewPairs(needed: 4, got: count)) {
            try ThinPlateSpline(pairs: input)
        }
    }

    @Test("collinear references", arguments: [
        [Point(0, 0), Point(10, 10), Point(20, 20), Point(-7, -7), Point(3, 3)],
        [Point(0, 5), Point(10, 5), Point(20, 5), Point(30, 5 + 1e-8)],
    ])
    func collinear(references: [Point]) {
        #expect(throws: GeometryError.collinear) {
            try ThinPlateSpline(pairs: pairs(references, mappedBy: Self.bend))
        }
    }

    @Test("duplicate references", arguments: [
        ([Point(0, 0), Point(10, 0), Point(0, 10), Point(10, 0), Point(5, 5)], 1, 3),
        ([Point(0, 0), Point(10, 0), Point(0, 10), Point(5, 5), Point(5, 5 + 1e-7)], 3, 4),
        ([Point(2, 2), Point(2, 2), Point(2, 2), Point(2, 2)], 0, 1),
    ])
    func duplicate(references: [Point], first: Int, second: Int) {
        #expect(throws: GeometryError.duplicateLandmark(first: first, second: second)) {
            try ThinPlateSpline(pairs: pairs(references, mappedBy: Self.bend))
        }
    }

    @Test("non-finite coordinates", arguments: [
        (0, Point(.nan, 0), false), (3, Point(1, .infinity), true), (8, Point(-.infinity, .nan), false),
    ])
    func nonFinite(index: Int, bad: Point, inTarget: Bool) {
        var input = Self.bent
        if inTarget { input[index].target = bad } else { input[index].reference = bad }
        #expect(throws: GeometryError.nonFinite(index: index)) {
            try ThinPlateSpline(pairs: input)
        }
    }

    @Test func nonFiniteQueriesDoNotTrap() throws {
        let spline = try ThinPlateSpline(pairs: Self.bent)
        #expect(!spline.apply(Point(.nan, 0)).isFinite)
        #expect(!spline.localScale(at: Point(.infinity, 0)).isFinite || spline.localScale(at: Point(.infinity, 0)).isNaN)
    }

    @Test func conformsToPlanarWarp() throws {
        let warps: [any PlanarWarp] = [
            try ThinPlateSpline(pairs: Self.bent),
            try AffineMap.fit(Self.bent),
            try SimilarityTransform.fit(Self.bent),
        ]
        for warp in warps {
            #expect(warp.apply(Point(10, 5)).isFinite)
            #expect(warp.localScale(at: Point(10, 5)) > 0.5)
        }
    }
}
