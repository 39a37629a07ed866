import BodyGeometry
import Testing
@testable import ClunealAnatomy

/// The default atlas checked against the sourced ranges of `shared/anatomy-reference.md`.
@Suite("Default atlas against the reference")
struct DefaultAtlasTests {
    let atlas: Atlas
    let model: BodyModel

    init() throws {
        atlas = try TestFiles.defaultAtlas()
        model = try BodyModel(atlas: atlas)
    }

    static let requiredLandmarks = ["posterior-midline", "psis", "crest-summit", "s2-level", "s3-level", "coccyx-tip",
                                    "greater-trochanter", "ischial-tuberosity", "gluteal-fold", "erector-spinae-lateral-border"]
    static let requiredStructures = ["iliac-crest", "tlf-posterior-layer", "long-dorsal-sacroiliac-ligament",
                                     "gluteus-maximus-upper-border", "gluteus-maximus-lower-border"]
    static let requiredNerves = ["scn-medial", "scn-intermediate", "scn-lateral", "mcn-1", "mcn-2", "mcn-3", "icn-1", "icn-2"]
    static let requiredSites = ["scn-medial-tunnel", "scn-intermediate-crest", "scn-lateral-crest", "mcn-ldsl", "icn-gluteal-border"]

    @Test(arguments: requiredLandmarks)
    func hasLandmark(_ id: String) { #expect(atlas.landmark(id) != nil) }

    @Test(arguments: requiredStructures)
    func hasStructure(_ id: String) { #expect(atlas.structure(id) != nil) }

    @Test(arguments: requiredNerves)
    func hasNerveRibbonOnBothSides(_ id: String) throws {
        for side in Side.allCases {
            let nerve = try #require(model.nerve(id, side: side))
            guard case .ribbon(let r) = nerve.geometry else { Issue.record("\(id) is not a ribbon"); continue }
            #expect(r.widths.allSatisfy { $0 > 0 })
            #expect(r.centreline.points.allSatisfy { $0.x * side.sign >= 0 }, "\(id) crosses the midline on the \(side)")
        }
    }

    @Test(arguments: requiredSites)
    func everySiteHasADefaultZoneAndAnInjectionSite(_ id: String) throws {
        let site = try #require(atlas.site(id))
        let zone = try #require(atlas.zone(site.defaultZone))
        #expect(zone.disputed != true)
        for side in Side.allCases {
            #expect(model.injectionSite(forSite: id, side: side) != nil, "no block site for \(id) on the \(side)")
        }
    }

    @Test func psisIsThreeToFiveCentimetresFromTheMidline() throws {
        let psis = try #require(model.point(ofLandmark: "psis", side: .left))
        #expect((30...50).contains(psis.x))
        #expect(abs(psis.z) < 1e-9, "the PSIS defines the origin's level")
    }

    @Test(arguments: Side.allCases)
    func defaultSuperiorMedialZoneIsOnTheCrestSixToNineCentimetresOut(side: Side) throws {
        let zone = try #require(model.zones(ofSite: "scn-medial-tunnel", side: side).first { $0.isDefault })
        #expect((60...90).contains(abs(zone.centre.x)), "\(zone.centre)")
        guard case .polyline(let crest)? = model.structures.first(where: { $0.entry.id == "iliac-crest" && $0.side == side })?.geometry else {
            Issue.record("no crest"); return
        }
        // "On the crest": within the zone's own vertical spread of the crest line.
        #expect(crest.distance(to: zone.centre) <= max(10, 2 * zone.verticalSD), "\(crest.distance(to: zone.centre)) mm off the crest")
    }

    @Test(arguments: Side.allCases)
    func defaultMiddleZoneIsUnderTheLigamentBelowThePSIS(side: Side) throws {
        let zone = try #require(model.zones(ofSite: "mcn-ldsl", side: side).first { $0.isDefault })
        #expect((30...42).contains(abs(zone.centre.x)), "\(zone.centre)")
        let psis = try #require(model.point(ofLandmark: "psis", side: side))
        #expect((15...40).contains(psis.z - zone.centre.z), "\(zone.centre)")
    }

    @Test(arguments: Side.allCases)
    func defaultInferiorZoneIsAtTheLowerBorderLateralOfTheTuberosity(side: Side) throws {
        let zone = try #require(model.zones(ofSite: "icn-gluteal-border", side: side).first { $0.isDefault })
        let it = try #require(model.point(ofLandmark: "ischial-tuberosity", side: side))
        #expect(abs(zone.centre.x) > abs(it.x), "lateral of the ischial tuberosity")
        guard case .polyline(let border)? = model.structures.first(where: { $0.entry.id == "gluteus-maximus-lower-border" && $0.side == side })?.geometry else {
            Issue.record("no lower border"); return
        }
        #expect(border.distance(to: zone.centre) < 10)
    }

    @Test func theArticleVariantIsKeptDisputedWithItsNote() throws {
        let zones = atlas.zones(ofSite: "scn-medial-tunnel")
        let article = try #require(zones.first { $0.source == "seed-article" })
        #expect(article.disputed == true)
        #expect((article.note ?? "").localizedCaseInsensitiveContains("middle cluneal"))
        #expect(atlas.site("scn-medial-tunnel")?.defaultZone != article.id)
        #expect(zones.count >= 4, "one zone per disagreeing source")
    }

    @Test func bothSidesMirrorEachOther() throws {
        for placed in model.landmarks + [] where placed.side == .left {
            let right = try #require(model.landmarks.first { $0.entry.id == placed.entry.id && $0.side == .right })
            for (a, b) in zip(placed.geometry.points, right.geometry.points) {
                #expect(a.isApproximatelyEqual(to: b.mirrored, tolerance: 1e-9))
            }
        }
        for zone in model.zones where zone.side == .left {
            let other = try #require(model.zones.first { $0.id == zone.id && $0.side == .right })
            #expect(zone.centre.isApproximatelyEqual(to: other.centre.mirrored, tolerance: 1e-9))
        }
    }

    @Test func everyCitedSourceResolvesToAFullCitation() {
        for item in atlas.items {
            for id in item.sourceIds {
                let source = atlas.source(id)
                #expect(source != nil, "\(item.id) cites unknown \(id)")
                #expect((source?.citation.count ?? 0) > 20, "\(id) citation is too short to be full")
            }
        }
    }

    @Test func scalingByStatureMovesEveryZoneProportionally() throws {
        let tall = try BodyModel(atlas: atlas, measurements: Measurements(stature: .centimetres(187)))
        for (a, b) in zip(model.zones, tall.zones) {
            #expect(a.id == b.id)
            #expect(b.centre.isApproximatelyEqual(to: Point(a.centre.x * 1.1, a.centre.z * 1.1), tolerance: 1e-6))
        }
    }
}
