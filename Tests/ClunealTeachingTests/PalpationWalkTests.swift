import BodyGeometry
import ClunealAnatomy
import ClunealTeaching
import Testing

@Suite("Palpation walks")
struct PalpationWalkTests {
    let atlas: Atlas

    init() throws { atlas = try TestFiles.defaultAtlas() }

    /// What each measure should be, computed here straight from the model, independently of
    /// the walk builder: landmarks, the default zones, the injection sites, the look-alikes.
    static func expected(_ id: String, model: BodyModel, side: Side) throws -> Double {
        func landmark(_ l: String) throws -> Point { try #require(model.point(ofLandmark: l, side: side)) }
        func defaultZone(_ site: String) throws -> PlacedZone {
            try #require(model.zones.first { $0.entry.site == site && $0.side == side && $0.isDefault })
        }
        func zone(_ id: String) throws -> PlacedZone { try #require(model.zones.first { $0.entry.id == id && $0.side == side }) }
        func curve(_ id: String) throws -> Polyline {
            let s = model.structures.first { $0.entry.id == id && $0.side == side }?.geometry.asPolyline
            let l = model.landmarks.first { $0.entry.id == id && $0.side == side }?.geometry.asPolyline
            return try #require(s ?? l)
        }
        func alongCrest(_ site: String) throws -> Double {
            let crest = try curve("iliac-crest")
            return abs(crest.closestPoint(to: try defaultZone(site).centre).arcLength - crest.closestPoint(to: try landmark("psis")).arcLength)
        }
        func block(_ site: String) throws -> Point { try #require(model.injectionSite(forSite: site, side: side)).point }
        func lookAlike(_ id: String) throws -> PlacedLookAlike { try #require(model.lookAlikes.first { $0.entry.id == id && $0.side == side }) }

        switch id {
        case "psis-from-midline": return abs(try landmark("psis").x)
        case "summit-height": return try landmark("crest-summit").z
        case "summit-from-midline": return abs(try landmark("crest-summit").x)
        case "medial-along-crest": return try alongCrest("scn-medial-tunnel")
        case "medial-from-midline": return abs(try defaultZone("scn-medial-tunnel").centre.x)
        case "medial-height": return try defaultZone("scn-medial-tunnel").centre.z
        case "medial-sd": return try defaultZone("scn-medial-tunnel").lateralSD
        case "medial-search": return 2 * (try defaultZone("scn-medial-tunnel").lateralSD)
        case "intermediate-along-crest": return try alongCrest("scn-intermediate-crest")
        case "lateral-along-crest": return try alongCrest("scn-lateral-crest")
        case "intermediate-from-midline": return abs(try defaultZone("scn-intermediate-crest").centre.x)
        case "lateral-from-midline": return abs(try defaultZone("scn-lateral-crest").centre.x)
        case "lateral-above-crest": return 2 * (try defaultZone("scn-lateral-crest").verticalSD)
        case "disputed-from-midline": return abs(try zone("scn-medial-tunnel.seed-article").centre.x)
        case "block-from-midline", "block-height":
            return .nan // depends on the nerve; checked by the caller
        case "ligament-length": return try curve("long-dorsal-sacroiliac-ligament").length
        case "ligament-end-depth": return try landmark("s3-tubercle").z
        case "ligament-end-from-midline": return abs(try landmark("s3-tubercle").x)
        case "mcn-depth": return try defaultZone("mcn-ldsl").centre.z
        case "mcn-from-midline": return abs(try defaultZone("mcn-ldsl").centre.x)
        case "mcn-from-psis-line": return abs(try landmark("psis").x) - abs(try defaultZone("mcn-ldsl").centre.x)
        case "mcn-vertical-sd": return try defaultZone("mcn-ldsl").verticalSD
        case "mcn-search": return 2 * (try defaultZone("mcn-ldsl").verticalSD)
        case "isu-depth": return try landmark("psis").z - (try zone("mcn-ldsl.isu-2018").centre.z)
        case "fortin-radius": return try lookAlike("sij-fortin-point").radius
        case "murakami-radius": return try lookAlike("sij-murakami-area").radius
        case "it-from-midline": return abs(try landmark("ischial-tuberosity").x)
        case "it-depth": return try landmark("ischial-tuberosity").z
        case "fold-depth": return try curve("gluteal-fold").closestPoint(to: try landmark("ischial-tuberosity")).point.z
        case "icn-lateral-of-it": return abs(try defaultZone("icn-gluteal-border").centre.x) - abs(try landmark("ischial-tuberosity").x)
        case "icn-vs-it": return try defaultZone("icn-gluteal-border").centre.z - (try landmark("ischial-tuberosity").z)
        case "icn-from-midline": return abs(try defaultZone("icn-gluteal-border").centre.x)
        case "icn-depth": return try defaultZone("icn-gluteal-border").centre.z
        case "icn-sd": return try defaultZone("icn-gluteal-border").lateralSD
        case "icn-search": return 2 * (try defaultZone("icn-gluteal-border").lateralSD)
        case "trochanter-from-midline": return abs(try landmark("greater-trochanter").x)
        case "ischial-lateral-of-it": return abs(try defaultZone("icn-ischial").centre.x) - abs(try landmark("ischial-tuberosity").x)
        case "ischial-sd": return try defaultZone("icn-ischial").lateralSD
        case "under-it": return abs(try zone("icn-ischial.darnis-2008").centre.z - (try landmark("ischial-tuberosity").z))
        default:
            Issue.record("no expectation for the measure \(id)")
            return .nan
        }
    }

    static let blockSite: [NerveGroup: String] = [.superior: "scn-medial-tunnel", .middle: "mcn-ldsl", .inferior: "icn-gluteal-border"]

    @Test("Every step's distance equals the model's value for the measurements",
          arguments: NerveGroup.allCases, Person.all)
    func distancesComeFromTheModel(nerve: NerveGroup, person: Person) throws {
        let model = try BodyModel(atlas: atlas, measurements: person.measurements)
        for side in Side.allCases {
            let walk = try PalpationWalk.make(nerve, side: side, model: model)
            #expect(!walk.measures.isEmpty)
            for step in walk.steps {
                for m in step.measures {
                    var want = try Self.expected(m.id, model: model, side: side)
                    if m.id == "block-from-midline" || m.id == "block-height" {
                        let siteId = try #require(Self.blockSite[nerve])
                        let site = try #require(model.injectionSite(forSite: siteId, side: side))
                        want = m.id == "block-from-midline" ? abs(site.point.x) : site.point.z
                    }
                    #expect(abs(m.millimetres - want) < 1e-9, "\(nerve) \(side) \(person.name): \(m.id) is \(m.millimetres), model \(want)")
                }
            }
        }
    }

    @Test("Stature scaling scales every distance by the stature ratio", arguments: NerveGroup.allCases)
    func statureScalesDistances(nerve: NerveGroup) throws {
        let reference = try PalpationWalk.make(nerve, side: .left, model: try BodyModel(atlas: atlas))
        let tall = try PalpationWalk.make(nerve, side: .left, model: try BodyModel(atlas: atlas, measurements: Measurements(stature: .centimetres(187))))
        for (a, b) in zip(reference.measures, tall.measures) {
            #expect(a.id == b.id)
            #expect(abs(b.millimetres - a.millimetres * 1.1) < 1e-9, "\(a.id)")
        }
    }

    @Test("Templates, items and sources are complete", arguments: NerveGroup.allCases)
    func stepsAreComplete(nerve: NerveGroup) throws {
        let walk = try PalpationWalk.make(nerve, side: .right, model: try BodyModel(atlas: atlas))
        #expect(walk.steps.map(\.number) == Array(1...walk.steps.count))
        #expect(walk.steps.first?.id == "position")
        #expect(walk.steps.last?.id == "block")
        #expect(walk.steps.contains { $0.id == "tender-point" })
        for step in walk.steps {
            for m in step.measures {
                #expect(step.template.contains("{\(m.id)}"), "step \(step.id) never states \(m.id)")
                #expect(!m.itemIds.isEmpty)
            }
            for unit in [LengthUnit.centimetres, .millimetres] {
                let text = step.instruction(in: unit)
                #expect(!text.contains("{") && !text.contains("}"), "unfilled placeholder in \(step.id): \(text)")
            }
            for id in step.itemIds { #expect(atlas.item(id) != nil, "step \(step.id) names unknown item \(id)") }
            if !step.measures.isEmpty { #expect(!step.sourceIds.isEmpty, "step \(step.id) has numbers but no sources") }
            for id in step.sourceIds { #expect(atlas.source(id) != nil, "step \(step.id) cites unknown source \(id)") }
        }
        #expect(Set(walk.sourceIds) == Set(walk.steps.flatMap(\.sourceIds)))
    }

    @Test("The block step carries the atlas's volume, threshold and sources", arguments: NerveGroup.allCases)
    func blockStepQuotesTheAtlas(nerve: NerveGroup) throws {
        let walk = try PalpationWalk.make(nerve, side: .left, model: try BodyModel(atlas: atlas))
        let step = try #require(walk.steps.last)
        let facts = try #require(step.block)
        let site = try #require(atlas.document.injectionSites.first { $0.site == Self.blockSite[nerve] })
        #expect(facts.injectionSiteId == site.id)
        #expect(facts.volumeMillilitres == site.volumeMillilitres)
        #expect(facts.positiveResponse == site.positiveResponse)
        #expect(facts.positiveResponse.contains("50 %"))
        for source in site.provenance.sources { #expect(step.sourceIds.contains(source)) }
        #expect(step.itemIds.contains(site.id))
    }

    @Test("The text shows each distance in the chosen unit", arguments: NerveGroup.allCases)
    func textShowsDistances(nerve: NerveGroup) throws {
        let walk = try PalpationWalk.make(nerve, side: .left, model: try BodyModel(atlas: atlas, measurements: Measurements(stature: .centimetres(181))))
        for unit in [LengthUnit.centimetres, .millimetres] {
            let text = walk.text(unit: unit, atlas: atlas, width: 10_000)
            for m in walk.measures { #expect(text.contains(unit.format(abs(m.millimetres))), "\(m.id)") }
            #expect(text.contains("scaled by stature"))
            for id in walk.sourceIds { #expect(text.contains("[\(id)]")) }
        }
    }

    @Test func theSuperiorWalkWarnsAboutTheDisputedVariant() throws {
        let walk = try PalpationWalk.make(.superior, side: .left, model: try BodyModel(atlas: atlas))
        let tender = try #require(walk.steps.first { $0.id == "tender-point" })
        #expect(tender.itemIds.contains("scn-medial-tunnel.seed-article"))
        #expect(tender.instruction(in: .centimetres).contains("3.5 cm from the midline"))
    }

    @Test func anAtlasWithoutTheSiteIsRefusedByName() throws {
        var document = atlas.document
        document.injectionSites.removeAll { $0.site == "mcn-ldsl" }
        // Rebuild through the loader so the atlas is validated like any other.
        let bytes = try JSONEncoderForTests.encode(document)
        let sourcesURL = TestFiles.atlasFolder.appendingPathComponent("sources.json")
        let trimmed = try AtlasLoader.load(AtlasInput(file: "trimmed.atlas.json", bytes: bytes),
                                           sourceFiles: [try TestFiles.input(sourcesURL)])
        #expect(throws: TeachingError.atlasLacks(item: "mcn-ldsl (injection site)", neededFor: "the middle cluneal palpation walk")) {
            _ = try PalpationWalk.make(.middle, side: .left, model: try BodyModel(atlas: trimmed))
        }
    }
}

@Suite("Teaching text")
struct TeachingTextTests {
    @Test func wrappingNeverSplitsANumberFromItsUnit() {
        let text = "aaaa 7.2 cm bbbb 12 mm, cc 50 % dd 1.5 SD and 3 mL."
        for width in 5...30 {
            let wrapped = TeachingText.wrap(text, width: width)
            for line in wrapped.split(separator: "\n") {
                #expect(!["cm", "mm,", "%", "SD", "mL."].contains(String(line.split(separator: " ").first ?? "")), "\(width): \(wrapped)")
            }
            #expect(wrapped.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ") == text)
        }
    }

    @Test func positionsNameThePatientsSide() {
        #expect(TeachingText.position(Point(72, 52), unit: .centimetres) == "on the patient's left, 7.2 cm from the midline and 5.2 cm above the PSIS level")
        #expect(TeachingText.position(Point(-36, -28.5), unit: .millimetres) == "on the patient's right, 36 mm from the midline and 29 mm below the PSIS level")
        #expect(TeachingText.position(Point(0, 0), unit: .centimetres) == "on the midline and at the PSIS level")
        #expect(TeachingText.position(Point(-40, 0), unit: .centimetres, withSide: false) == "4.0 cm from the midline and at the PSIS level")
    }
}
