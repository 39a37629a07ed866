import BodyGeometry
import Testing

@Suite("SimilarityTransform")
struct SimilarityTransformTests {
    static let known: [SimilarityTransform] = [
        SimilarityTransform(scale: 1.15, rotationRadians: 0.3, translation: Vector(12, -7)),
        SimilarityTransform(scale: 0.8, rotationRadians: -2.5, translation: Vector(-150, 40)),
        SimilarityTransform(scale: 2, rotationRadians: Double.pi, translation: Vector(0, 0)),
        SimilarityTransform(scale: 1, rotationRadians: 0, translation: Vector(3, 4)),
        SimilarityTransform(scale: 0.001, rotationRadians: 1.0, translation: Vector(1e4, 1e4)),
    ]

    @Test func applyRotatesCounterClockwise() {
        let quarter = SimilarityTransform(scale: 2, rotationRadians: Double.pi / 2, translation: Vector(1, 1))
        #expect(isClose(quarter.apply(Point(1, 0)), Point(1, 3), 1e-15))
        #expect(isClose(quarter.apply(Point(0, 1)), Point(-1, 1), 1e-15))
        let v = quarter.apply(Vector(3, 0))
        #expect(isClose(v.dx, 0, 1e-15) && isClose(v.dz, 6, 1e-15))
        #expect(SimilarityTransform.identity.apply(Point(5, -6)) == Point(5, -6))
    }

    @Test("asAffine is the same map", arguments: known)
    func asAffine(t: SimilarityTransform) {
        let affine = t.asAffine
        for p in scatteredReferences { #expect(isClose(affine.apply(p), t.apply(p), 1e-12)) }
        #expect(isClose(affine.determinant, t.scale * t.scale, 1e-12))
        #expect(isClose(t.localScale(at: Point(7, 7)), t.scale))
    }

    @Test("inverse round trips", arguments: known)
    func inverse(t: SimilarityTransform) throws {
        let inverse = try #require(t.inverted)
        // Scale 0.001 far from the origin: the inverse magnifies rounding a thousandfold.
        for p in scatteredReferences { #expect(isClose(inverse.apply(t.apply(p)), p, 1e-7)) }
    }

    @Test func noInverseForZeroScale() {
        #expect(SimilarityTransform(scale: 0).inverted == nil)
        #expect(SimilarityTransform(scale: .nan).inverted == nil)
    }
}

@Suite("SimilarityTransform.fit")
struct SimilarityFitTests {
    @Test("two pairs recover the transform exactly", arguments: SimilarityTransformTests.known)
    func fromTwo(t: SimilarityTransform) throws {
        let references = [Point(-30, 20), Point(70, -45)]
        try expectRecovers(t, from: pairs(references, mappedBy: t.apply))
    }

    @Test("five pairs recover the transform exactly", arguments: SimilarityTransformTests.known)
    func fromFive(t: SimilarityTransform) throws {
        let references = Array(scatteredReferences.prefix(5))
        try expectRecovers(t, from: pairs(references, mappedBy: t.apply))
    }

    private func expectRecovers(_ t: SimilarityTransform, from input: [LandmarkPair]) throws {
        let fitted = try SimilarityTransform.fit(input)
        #expect(isClose(fitted.scale, t.scale, 1e-12 * max(1, t.scale)))
        // Scale 0.001 about 10⁴ mm from the origin leaves the targets only ~0.1 mm apart, each
        // rounded to ~2e-12 mm, so the angle is only good to ~1e-11 rad there.
        let turn = (fitted.rotationRadians - t.rotationRadians) / (2 * Double.pi)
        #expect(isClose(turn, turn.rounded(), 1e-10))
        #expect(fitted.rotationRadians > -Double.pi && fitted.rotationRadians <= Double.pi)
        #expect(isClose(fitted.translation.dx, t.translation.dx, 1e-9))
        #expect(isClose(fitted.translation.dz, t.translation.dz, 1e-9))
        for pair in input { #expect(isClose(fitted.apply(pair.reference), pair.target, 1e-9)) }
    }

    @Test func leastSquaresWithNoiseLandsClose() throws {
        let truth = SimilarityTransform(scale: 1.1, rotationRadians: -0.4, translation: Vector(30, 5))
        var random = SplitMix64(seed: 42)
        let noisy = (0..<100).map { _ in
            let p = Point(Double.random(in: -200...200, using: &random), Double.random(in: -200...200, using: &random))
            let q = truth.apply(p)
            return LandmarkPair(reference: p, target: Point(q.x + Double.random(in: -1...1, using: &random),
                                                            q.z + Double.random(in: -1...1, using: &random)))
        }
        let fitted = try SimilarityTransform.fit(noisy)
        #expect(isClose(fitted.scale, 1.1, 0.005))
        #expect(isClose(fitted.rotationRadians, -0.4, 0.005))
        #expect(isClose(fitted.translation.dx, 30, 0.5) && isClose(fitted.translation.dz, 5, 0.5))
        func residual(_ t: SimilarityTransform) -> Double {
            noisy.reduce(0) { $0 + (t.apply($1.reference) - $1.target).lengthSquared }
        }
        #expect(residual(fitted) <= residual(truth))
        // Nudging any parameter of the optimum makes it worse.
        for nudged in [
            SimilarityTransform(scale: fitted.scale * 1.001, rotationRadians: fitted.rotationRadians, translation: fitted.translation),
            SimilarityTransform(scale: fitted.scale, rotationRadians: fitted.rotationRadians + 0.001, translation: fitted.translation),
            SimilarityTransform(scale: fitted.scale, rotationRadians: fitted.rotationRadians, translation: fitted.translation + Vector(0.1, 0)),
        ] {
            #expect(residual(nudged) > residual(fitted))
        }
    }

    @Test func mirroredTargetsGiveARotationNotAReflection() throws {
        // The best similarity for mirror-image data still has a positive determinant.
        let input = pairs(Array(scatteredReferences.prefix(6)), mappedBy: \.mirrored)
        let fitted = try SimilarityTransform.fit(input)
        #expect(fitted.asAffine.determinant >= 0)
        #expect(fitted.scale < 1)
    }

    @Test func coincidentTargetsGiveZeroScale() throws {
        let input = pairs([Point(0, 0), Point(10, 0), Point(0, 10)], mappedBy: { _ in Point(4, 4) })
        let fitted = try SimilarityTransform.fit(input)
        #expect(fitted.scale == 0)
        #expect(fitted.rotationRadians == 0)
        #expect(fitted.apply(Point(50, -50)) == Point(4, 4))
    }

    @Test("too few pairs", arguments: [0, 1])
    func tooFew(count: Int) {
        let input = Array(pairs(scatteredReferences, mappedBy: { $0 }).prefix(count))
        #expect(throws: GeometryError.tooFewPairs(needed: 2, got: count)) {
            try SimilarityTransform.fit(input)
        }
    }

    @Test("coincident references", arguments: [
        [Point(5, 5), Point(5, 5)],
        [Point(5, 5), Point(5, 5 + 1e-7), Point(5 - 1e-7, 5)],
    ])
    func coincident(references: [Point]) {
        let input = references.enumerated().map { LandmarkPair(reference: $1, target: Point(Double($0), 0)) }
        #expect(throws: GeometryError.duplicateLandmark(first: 0, second: 1)) {
            try SimilarityTransform.fit(input)
        }
    }

    @Test func twoPairsWithCollinearDistinctReferencesAreFine() throws {
        // Unlike an affine fit, a similarity only needs two distinct points.
        let input = pairs([Point(0, 0), Point(1, 0), Point(2, 0)], mappedBy: { Point(-$0.z, $0.x) })
        let fitted = try SimilarityTransform.fit(input)
        #expect(isClose(fitted.rotationRadians, Double.pi / 2, 1e-12))
    }

    @Test("non-finite coordinates", arguments: [
        (0, Point(.nan, 0), false), (1, Point(0, .infinity), true), (4, Point(.nan, .nan), true),
    ])
    func nonFinite(index: Int, bad: Point, inTarget: Bool) {
        var input = pairs(scatteredReferences, mappedBy: { $0 })
        if inTarget { input[index].target = bad } else { input[index].reference = bad }
        #expect(throws: GeometryError.nonFinite(index: index)) {
            try SimilarityTransform.fit(input)
        }
    }
}
