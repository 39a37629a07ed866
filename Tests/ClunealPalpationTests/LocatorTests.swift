import BodyGeometry
import ClunealAnatomy
import Testing
@testable import ClunealPalpation

@Suite("Locator")
struct LocatorTests {
    func locator(_ s: ScalingCase = .reference) throws -> Locator { try Fixture.get().locator(s) }

    @Test(arguments: Side.allCases)
    func everyZoneOnTheSideIsRankedByStandardScore(side: Side) throws {
        let locator = try locator()
        // On the crest 70 mm from the midline (Kuniya's criterion).
        let p = try TenderPoint(TenderPointInput(side: side, frame: .crest, lateral: .centimetres(7), vertical: .centimetres(0)), on: locator.model)
        let finding = locator.locate(p)
        let onSide = locator.model.zones.filter { $0.side == side }
        #expect(finding.candidates.count == onSide.count)
        #expect(Set(finding.candidates.map(\.zoneId)) == Set(onSide.map(\.id)))
        #expect(finding.candidates.allSatisfy { $0.zone.side == side })
        #expect(finding.candidates.map(\.rank) == Array(1...onSide.count))
        for (a, b) in zip(finding.candidates, finding.candidates.dropFirst()) {
            #expect(a.standardScore <= b.standardScore)
        }
        for c in finding.candidates {
            #expect(abs(c.standardScore - c.zone.standardScore(of: p.point, error: locator.palpationError)) < 1e-9)
            #expect(abs(c.distanceMillimetres - p.point.distance(to: c.zone.centre)) < 1e-9)
            #expect(c.withinOneSD == (c.standardScore <= 1))
            #expect(c.withinTwoSD == (c.standardScore <= 2))
            let path = try #require(locator.model.nerve(c.branch, side: side)?.geometry.asPolyline)
            #expect(abs((c.nearestPathMillimetres ?? -1) - path.distance(to: p.point)) < 1e-9)
            #expect(c.nearestPathPoint.map { abs($0.distance(to: p.point) - path.distance(to: p.point)) < 1e-9 } == true)
        }
        let best = try #require(finding.bestMatch)
        #expect(best.zoneId == "scn-medial-tunnel.kuniya-2014")
        #expect(best.nerve == .superior)
        #expect(best.standardScore < 1e-9)
    }

    @Test func theDisputedZoneIsListedButNeverTheBestMatch() throws {
        let locator = try locator()
        // The seed article's "3-4 cm from the midline" zone, right at its centre.
        let finding = locator.locate(try TenderPoint(side: .left, point: Point(35, 0)))
        let first = try #require(finding.candidates.first)
        #expect(first.zoneId == "scn-medial-tunnel.seed-article")
        #expect(first.disputed)
        #expect(first.standardScore < 1e-9)
        #expect(finding.bestMatch?.disputed != true)
        #expect(finding.bestMatch?.zoneId != "scn-medial-tunnel.seed-article")
    }

    @Test func aPointFarFromEveryZoneHasNoBestMatchAndSaysSo() throws {
        let finding = try locator().locate(try TenderPoint(side: .right, point: Point(-45, 120)))
        #expect(finding.bestMatch == nil)
        #expect(finding.blockSite == nil)
        #expect(finding.statement.hasPrefix("No cluneal entrapment zone is within 2 SD of this point, so it is not typical of cluneal nerve entrapment."))
        #expect(finding.candidates.allSatisfy { !$0.withinTwoSD || $0.disputed })
    }

    @Test(arguments: ScalingCase.allCases)
    func theHotPathAgreesWithTheFinding(scaling: ScalingCase) throws {
        let locator = try locator(scaling)
        var buffer = locator.makeBuffer()
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for _ in 0..<2000 {
            let side: Side = next() < 0.5 ? .left : .right
            let p = Point(side.sign * next() * 200, next() * 400 - 250)
            let slot = locator.match(p, side: side, into: &buffer)
            let finding = locator.locate(try TenderPoint(side: side, point: p))
            #expect(slot.flatMap { locator.zone(inSlot: $0, on: side)?.id } == finding.bestMatch?.zoneId)
            if let best = finding.bestMatch {
                #expect(best.withinTwoSD && !best.disputed)
                let eligible = finding.candidates.filter { !$0.disputed }
                #expect(eligible.allSatisfy { $0.standardScore >= best.standardScore })
            } else {
                #expect(finding.candidates.allSatisfy { $0.disputed || !$0.withinTwoSD })
            }
        }
    }

    @Test func anEmptyBufferGrowsOnFirstUse() throws {
        let locator = try locator()
        var buffer = LocatorBuffer()
        let slot = locator.match(Point(36, -28.5), side: .left, into: &buffer)
        #expect(slot.flatMap { locator.zone(inSlot: $0, on: .left)?.id } == "mcn-ldsl.konno-2017-mcn")
        #expect(buffer.count == locator.zoneCount(on: .left))
        #expect(buffer.standardScores.count >= buffer.count)
    }

    @Test(arguments: Side.allCases)
    func theFortinPointNamesTheSacroiliacLookAlike(side: Side) throws {
        let locator = try locator()
        let model = locator.model
        let input = TenderPointInput(side: side, frame: .psis, lateral: Length(millimetres: -7.1), vertical: Length(millimetres: -7.1))
        let finding = locator.locate(try TenderPoint(input, on: model))
        let inside = finding.lookAlikes.filter(\.inside).map(\.id)
        #expect(inside.first == "sij-fortin-point")
        #expect(inside.contains("sij-murakami-area"))
        #expect(finding.statement.hasPrefix("Likelier cause: sacroiliac joint pain point (Fortin finger test)."))
        #expect(finding.statement.contains("Less likely: the point fits the middle cluneal"))
    }

    /// Look-alikes that lead the headline when the point is inside, and the ones that are only named.
    @Test(arguments: [
        ("ischial-tuberosity", 0.0, 0.0, "ischial-bursitis", true),
        ("ischial-tuberosity", 0.0, -12.0, "proximal-hamstring-tendinopathy", true),
        ("ischial-tuberosity", -25.0, 0.0, "pudendal-neuralgia", false),
        ("psis", 0.0, 12.0, "sij-murakami-area", false),
    ])
    func aLookAlikeLeadsOnlyWhenItIsTheLikelierCause(frame: String, lateral: Double, vertical: Double, id: String, leads: Bool) throws {
        let locator = try locator()
        let point = try locator.model.resolver.place(FramePosition(frame: frame, lateral: lateral, vertical: vertical), side: .left).point
        let finding = locator.locate(try TenderPoint(side: .left, point: point))
        let match = try #require(finding.lookAlikes.first { $0.id == id })
        #expect(match.inside)
        if leads {
            #expect(finding.likelierLookAlike?.id == id)
            #expect(finding.statement.hasPrefix("Likelier cause: \(match.lookAlike.entry.names.en.lowercasedFirst)."))
        } else {
            #expect(finding.likelierLookAlike == nil || finding.likelierLookAlike?.id != id)
            #expect(finding.statement.contains("consider that instead or as well") || finding.likelierLookAlike != nil)
        }
    }

    @Test func theInferiorRegionHasSourcedLookAlikes() throws {
        let atlas = try locator().model.atlas
        let ids = Set((atlas.document.lookAlikes ?? []).map(\.id))
        #expect(ids.isSuperset(of: ["ischial-bursitis", "proximal-hamstring-tendinopathy", "pudendal-neuralgia"]))
        let pudendal = try #require(atlas.document.lookAlikes?.first { $0.id == "pudendal-neuralgia" })
        #expect(pudendal.provenance.sources == ["labat-2008"])
        #expect(atlas.source("labat-2008") != nil)
    }

    @Test(arguments: Side.allCases)
    func theBlockSiteIsPlacedOnThePersonWithItsSources(side: Side) throws {
        let locator = try locator(.tall)
        let input = TenderPointInput(side: side, frame: .midline, lateral: Length(millimetres: 36 * 1.1), vertical: Length(millimetres: -28.5 * 1.1))
        let finding = locator.locate(try TenderPoint(input, on: locator.model))
        let block = try #require(finding.blockSite)
        #expect(block.id == "mcn-block")
        #expect(block.side == side)
        #expect(abs(block.lateralMillimetres - 39.6) < 1e-6)
        #expect(abs(block.verticalMillimetres - -31.35) < 1e-6)
        let fromPSIS = try #require(block.fromPSIS)
        #expect(abs(fromPSIS.dx - (39.6 - 44)) < 1e-6)
        #expect(block.volumeMillilitres.min == 2)
        #expect(block.sources.map(\.id).contains("fujihara-2021"))
        #expect(!block.howToFind.isEmpty && !block.positiveResponse.isEmpty)
    }

    @Test func everySiteHasABlockOnBothSides() throws {
        let model = try locator().model
        let all = BlockSite.all(in: model)
        #expect(all.count == model.atlas.document.injectionSites.count * 2)
        #expect(Set(all.map(\.siteId)) == Set(model.atlas.document.entrapmentSites.map(\.id)))
        #expect(BlockSite.all(in: model, sides: [.right]).allSatisfy { $0.side == .right && $0.point.x < 0 })
    }

    @Test func redFlagsWithholdTheBlockButKeepTheAnatomy() throws {
        let fixture = try Fixture.get()
        let locator = try fixture.locator(.reference)
        let screening = try fixture.catalogue.screen(["saddle-numbness"])
        let finding = locator.locate(try TenderPoint(side: .left, point: Point(70, 50)), screening: screening)
        #expect(finding.urgentReferral)
        #expect(finding.blockSite == nil)
        #expect(finding.blockSiteWithheld)
        #expect(finding.bestMatch?.nerve == .superior)
    }
}
