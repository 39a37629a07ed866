import BodyGeometry
import Testing
@testable import ClunealAnatomy

@Suite("Body model and scaling")
struct BodyModelTests {
    @Test func aCrestZoneSpreadsAlongTheSlopingCrest() throws {
        let model = try BodyModel(atlas: try TestFiles.minimalAtlas())
        let zone = try #require(model.zones(ofSite: "scn-medial-tunnel", side: .left).first)
        // The fixture crest rises 23 mm over 15 mm between x = 65 and x = 80.
        #expect(abs(zone.lateralStep.dz / zone.lateralStep.dx - 23.0 / 15.0) < 1e-6)
        // A point one SD further along the crest scores exactly 1; one SD straight up scores 1 too.
        #expect(abs(zone.standardScore(of: zone.centre + zone.lateralStep) - 1) < 1e-9)
        #expect(abs(zone.standardScore(of: zone.centre + Vector(0, 5)) - 1) < 1e-9)
        // Ten mm sideways (off the crest) is far: the crest, not the horizontal, carries the spread.
        #expect(zone.standardScore(of: zone.centre + Vector(10, 0)) > 2)
        let ring = zone.outline(standardDeviations: 2, count: 16)
        for p in ring { #expect(abs(zone.standardScore(of: p) - 2) < 1e-9) }
    }

    @Test func theReferenceBodyPlacesBothSidesAsMirrorImages() throws {
        let model = try BodyModel(atlas: try TestFiles.minimalAtlas())
        #expect(model.scaling.method == .reference)
        let left = try #require(model.point(ofLandmark: "psis", side: .left))
        let right = try #require(model.point(ofLandmark: "psis", side: .right))
        #expect(left == Point(40, 0))
        #expect(right == Point(-40, 0))
        let zl = try #require(model.zones(ofSite: "scn-medial-tunnel", side: .left).first)
        let zr = try #require(model.zones(ofSite: "scn-medial-tunnel", side: .right).first)
        #expect(zl.centre.isApproximatelyEqual(to: zr.centre.mirrored))
        // The crest zone sits on the crest 70 mm from the midline.
        #expect(abs(zl.centre.x - 70) < 1e-9)
        #expect(zl.isDefault)
    }

    @Test func heightAloneScalesByStature() throws {
        let atlas = try TestFiles.minimalAtlas()
        let model = try BodyModel(atlas: atlas, measurements: Measurements(stature: .centimetres(187)))
        #expect(model.scaling.method == .stature)
        #expect(abs((model.scaling.statureRatio ?? 0) - 1.1) < 1e-12)
        let psis = try #require(model.point(ofLandmark: "psis", side: .left))
        #expect(psis.isApproximatelyEqual(to: Point(44, 0), tolerance: 1e-9))
        let zone = try #require(model.zones(ofSite: "scn-medial-tunnel", side: .left).first)
        // In the crest frame "lateral" is the distance from the midline, so 1 SD moves x by 10 mm × 1.1.
        #expect(abs(zone.lateralStep.dx - 11) < 1e-6)
    }

    @Test func aPSISDistanceGivesASimilarityFitThroughTheOrigin() throws {
        let atlas = try TestFiles.minimalAtlas()
        let model = try BodyModel(atlas: atlas, measurements: Measurements(psisFromMidline: .centimetres(5)))
        #expect(model.scaling.method == .similarity, "\(model.scaling)")
        let psis = try #require(model.point(ofLandmark: "psis", side: .right))
        #expect(psis.isApproximatelyEqual(to: Point(-50, 0), tolerance: 1e-6))
        #expect(model.warp.apply(.origin).isApproximatelyEqual(to: .origin, tolerance: 1e-9))
    }

    @Test func crestHeightAloneGivesAnAffineVerticalStretch() throws {
        let atlas = try TestFiles.minimalAtlas()
        let model = try BodyModel(atlas: atlas, measurements: Measurements(crestSummitAbovePSIS: .centimetres(10)))
        #expect(model.scaling.method == .affine, "\(model.scaling)")
        let summit = try #require(model.point(ofLandmark: "crest-summit", side: .left))
        #expect(summit.isApproximatelyEqual(to: Point(100, 100), tolerance: 1e-6))
    }

    @Test func fourOrMorePairsGiveAThinPlateSplineThroughEachLandmark() throws {
        let atlas = try TestFiles.minimalAtlas()
        let m = Measurements(psisFromMidline: .centimetres(4.4), crestSummitAbovePSIS: .centimetres(9))
        let model = try BodyModel(atlas: atlas, measurements: m)
        #expect(model.scaling.method == .thinPlateSpline)
        #expect(model.scaling.pairs.count == 5)
        for side in Side.allCases {
            let psis = try #require(model.point(ofLandmark: "psis", side: side))
            #expect(psis.isApproximatelyEqual(to: Point(side.sign * 44, 0), tolerance: 1e-6))
            let summit = try #require(model.point(ofLandmark: "crest-summit", side: side))
            #expect(abs(summit.z - 90) < 1e-6)
        }
    }

    @Test(arguments: [
        Measurements(stature: .centimetres(-170)),
        Measurements(stature: Length(millimetres: .nan)),
        Measurements(psisFromMidline: .centimetres(40)),
        Measurements(crestSummitAbovePSIS: .centimetres(-3)),
        Measurements(bicristalWidth: .centimetres(2)),
        Measurements(palpated: [PalpatedLandmark(id: "nowhere", side: .left, lateral: .centimetres(1), vertical: .centimetres(1))]),
        Measurements(palpated: [PalpatedLandmark(id: "psis", side: nil, lateral: .centimetres(4), vertical: .centimetres(0))]),
    ])
    func nonsenseIsRefused(_ m: Measurements) throws {
        let atlas = try TestFiles.minimalAtlas()
        #expect(throws: MeasurementError.self) { _ = try BodyModel(atlas: atlas, measurements: m) }
    }

    @Test func outOfRangeMessagesGiveTheAllowedRange() throws {
        let atlas = try TestFiles.minimalAtlas()
        do {
            _ = try BodyModel(atlas: atlas, measurements: Measurements(psisFromMidline: .centimetres(40)))
            Issue.record("accepted")
        } catch {
            #expect(error.description == "psis-from-midline: 40.0 cm is out of range (allowed 2.0 cm to 7.0 cm)")
        }
    }

    @Test func landmarksThatCrossTheMidlineAreRefused() throws {
        let atlas = try TestFiles.minimalAtlas()
        // Both PSIS given on the "left" by mistake would fold the body; a wrong side is caught.
        let m = Measurements(palpated: [
            PalpatedLandmark(id: "psis", side: .left, lateral: .centimetres(4), vertical: .centimetres(0)),
            PalpatedLandmark(id: "psis", side: .right, lateral: .centimetres(-4), vertical: .centimetres(0)),
        ])
        #expect(throws: MeasurementError.self) { _ = try BodyModel(atlas: atlas, measurements: m) }
    }
}
