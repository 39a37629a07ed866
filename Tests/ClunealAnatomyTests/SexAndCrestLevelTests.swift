import BodyGeometry
import Foundation
import Testing
@testable import ClunealAnatomy

/// A palpated crest summit is brought to the bony level before it scales the body, by sex; and
/// the landmarks the atlas places by sex move locally, nothing else.
@Suite("Palpated crest level and sex-specific landmarks")
struct SexAndCrestLevelTests {
    let atlas: Atlas

    init() throws { atlas = try TestFiles.defaultAtlas() }

    func summitHeight(_ m: Measurements) throws -> Double {
        let model = try BodyModel(atlas: atlas, measurements: m)
        return try #require(model.point(ofLandmark: "crest-summit", side: .left)).z
    }

    /// One vertebral level in this atlas: the spacing of its lumbar spinous processes (Ernst 2013).
    func levelSpacing() throws -> Double {
        let spines = try #require(atlas.geometry["lumbar-spinous-processes"]?.asPolyline?.points.map(\.z))
        let gaps = zip(spines, spines.dropFirst()).map { $0 - $1 }
        return gaps.reduce(0, +) / Double(gaps.count)
    }

    @Test func theOffsetIsTheSourcedLevelsAtTheAtlasLevelSpacing() throws {
        let offset = try #require(atlas.document.reference.palpatedCrestAboveImagedMillimetres)
        let level = try levelSpacing()
        // 2017 meta-analysis: 0.7 levels in men, 1.0 in women; sex-neutral the mean, 0.85.
        #expect(abs(offset.value(for: .male) - 0.7 * level) < 0.1, "\(offset.value(for: .male)) vs \(0.7 * level)")
        #expect(abs(offset.value(for: .female) - 1.0 * level) < 0.1)
        #expect(abs(offset.value(for: nil) - 0.85 * level) < 0.1)
        #expect(offset.fidelity == .derived)
        for id in ["tuffier-review-2017", "chakraverty-2007", "ernst-2013"] {
            #expect(offset.sources.contains(id))
            #expect(atlas.source(id) != nil)
        }
    }

    @Test(arguments: [Sex?.none, .female, .male])
    func aPalpatedCrestHeightGivesALowerBonySummitThanTheSameNumberImaged(sex: Sex?) throws {
        let palpated = try summitHeight(Measurements(sex: sex, crestSummitAbovePSIS: .centimetres(9)))
        let imaged = try summitHeight(Measurements(sex: sex, crestSummitAbovePSIS: .centimetres(9), crestSummitSource: .imaging))
        let offset = try #require(atlas.document.reference.palpatedCrestAboveImagedMillimetres).value(for: sex)
        #expect(abs(imaged - 90) < 1e-6)
        #expect(abs(palpated - (90 - offset)) < 1e-6, "palpated \(palpated), offset \(offset)")
        #expect(palpated < imaged - 15)
    }

    @Test func palpationIsTheDefault() throws {
        let unsaid = try summitHeight(Measurements(crestSummitAbovePSIS: .centimetres(9)))
        let said = try summitHeight(Measurements(crestSummitAbovePSIS: .centimetres(9), crestSummitSource: .palpation))
        #expect(unsaid == said)
    }

    @Test func womenAndMenDifferAsSourced() throws {
        let woman = try summitHeight(Measurements(sex: .female, crestSummitAbovePSIS: .centimetres(9)))
        let man = try summitHeight(Measurements(sex: .male, crestSummitAbovePSIS: .centimetres(9)))
        // The woman's palpated crest sits 1.0 level above her bone, the man's 0.7: 0.3 level apart.
        #expect(abs((man - woman) - 0.3 * (try levelSpacing())) < 0.2, "man \(man), woman \(woman)")
    }

    @Test func theOffsetScalesWithStature() throws {
        let m = Measurements(stature: .centimetres(187), sex: .male, crestSummitAbovePSIS: .centimetres(9))
        let model = try BodyModel(atlas: atlas, measurements: m)
        let c = try #require(model.scaling.crestCorrection)
        #expect(abs(c.offsetMillimetres - 18.1 * 1.1) < 1e-6)
        #expect(abs(c.bonyMillimetres - (90 - 18.1 * 1.1)) < 1e-6)
        #expect(c.sex == .male && c.source == .palpation)
    }

    @Test func aPalpatedCrestSummitLandmarkIsCorrectedTheSameWay() throws {
        let landmark = [PalpatedLandmark(id: "crest-summit", side: .left, lateral: .centimetres(13.6), vertical: .centimetres(9))]
        let model = try BodyModel(atlas: atlas, measurements: Measurements(sex: .female, palpated: landmark))
        let summit = try #require(model.point(ofLandmark: "crest-summit", side: .left))
        #expect(abs(summit.z - (90 - 25.8)) < 1e-6)
        let imaged = try BodyModel(atlas: atlas, measurements: Measurements(sex: .female, crestSummitSource: .imaging, palpated: landmark))
        #expect(abs(try #require(imaged.point(ofLandmark: "crest-summit", side: .left)).z - 90) < 1e-6)
    }

    @Test func theScalingTextStatesTheCorrection() throws {
        let woman = try BodyModel(atlas: atlas, measurements: Measurements(sex: .female, crestSummitAbovePSIS: .centimetres(9))).scaling.summary
        #expect(woman.contains("crest height 9.0 cm palpated, 6.4 cm at the bone"), "\(woman)")
        #expect(woman.contains("26 mm above the imaged one, for a woman"), "\(woman)")
        #expect(woman.contains("sex female"))
        let unsaid = try BodyModel(atlas: atlas, measurements: Measurements(crestSummitAbovePSIS: .centimetres(9))).scaling.summary
        #expect(unsaid.contains("22 mm above the imaged one, sex not given"), "\(unsaid)")
        let imaged = try BodyModel(atlas: atlas, measurements: Measurements(crestSummitAbovePSIS: .centimetres(9), crestSummitSource: .imaging)).scaling.summary
        #expect(imaged.contains("crest height 9.0 cm from imaging"), "\(imaged)")
        #expect(!imaged.contains("palpated"))
        let none = try BodyModel(atlas: atlas).scaling
        #expect(none.crestCorrection == nil && !none.summary.contains("crest height"))
    }

    @Test func aPalpatedHeightBelowTheBonyMinimumIsRefusedNamingTheField() throws {
        let m = Measurements(sex: .female, crestSummitAbovePSIS: .centimetres(3.5))
        do {
            _ = try BodyModel(atlas: atlas, measurements: m)
            Issue.record("accepted")
        } catch {
            #expect(error.field == "crest-height")
            #expect(error.description.contains("0.9 cm at the bone"), "\(error.description)")
        }
        // The same number from imaging is a bony height and allowed.
        _ = try BodyModel(atlas: atlas, measurements: Measurements(sex: .female, crestSummitAbovePSIS: .centimetres(3.5), crestSummitSource: .imaging))
    }

    @Test func theMeasurementsFileNamesTheSource() throws {
        func decode(_ text: String) throws(MeasurementError) -> Measurements {
            try Measurements.decode(AtlasInput(file: "m.json", bytes: Array(text.utf8)))
        }
        #expect(try decode(#"{"crestSummitAbovePsis": "8cm", "crestSummitFrom": "imaging"}"#).crestSummitSource == .imaging)
        #expect(try decode(#"{"crestSummitAbovePsis": "8cm"}"#).crestSummitSource == nil)
        do {
            _ = try decode("{\n\"crestSummitAbovePsis\": \"8cm\",\n\"crestSummitFrom\": \"xray\"\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("m.json"), "\(error.description)")
            #expect(error.description.contains("crestSummitFrom"), "\(error.description)")
        }
        // Flags override the file.
        let file = Measurements(crestSummitAbovePSIS: .centimetres(8), crestSummitSource: .imaging)
        #expect(file.overridden(by: Measurements(crestSummitSource: .palpation)).crestSummitSource == .palpation)
        #expect(file.overridden(by: Measurements()).crestSummitSource == .imaging)
    }

    @Test func aScalingRecordRoundTripsAndOlderRecordsStillRead() throws {
        let scaling = try BodyModel(atlas: atlas, measurements: Measurements(sex: .female, crestSummitAbovePSIS: .centimetres(9))).scaling
        let data = try JSONEncoder().encode(scaling)
        #expect(try JSONDecoder().decode(Scaling.self, from: data) == scaling)
        let old = #"{"method": "reference", "pairs": [], "notes": []}"#
        let decoded = try JSONDecoder().decode(Scaling.self, from: Data(old.utf8))
        #expect(decoded.crestCorrection == nil && decoded.sexSpecificLandmarks.isEmpty && decoded.method == .reference)
    }

    // MARK: Sex-specific landmarks

    @Test func theIschialTuberositiesAreWiderApartInWomenByTheSourcedDifference() throws {
        let mixed = try #require(BodyModel(atlas: atlas).point(ofLandmark: "ischial-tuberosity", side: .left))
        let woman = try #require(BodyModel(atlas: atlas, measurements: Measurements(sex: .female)).point(ofLandmark: "ischial-tuberosity", side: .left))
        let man = try #require(BodyModel(atlas: atlas, measurements: Measurements(sex: .male)).point(ofLandmark: "ischial-tuberosity", side: .left))
        #expect(man.x < mixed.x && mixed.x < woman.x)
        // Chen 2021: 12.6-13.7 mm between the sexes in the distance between the two tuberosities.
        let widthDifference = 2 * (woman.x - man.x)
        #expect((12.6 ... 13.7).contains(widthDifference), "\(widthDifference)")
        #expect(abs((woman.x - mixed.x) - (mixed.x - man.x)) < 0.11)
        #expect(woman.z == mixed.z && man.z == mixed.z)
        let right = try #require(BodyModel(atlas: atlas, measurements: Measurements(sex: .female)).point(ofLandmark: "ischial-tuberosity", side: .right))
        #expect(right == Point(-woman.x, woman.z))
    }

    @Test(arguments: Sex.allCases)
    func aSexMovesOnlyItsLandmarksAndWhatIsMeasuredFromThem(sex: Sex) throws {
        let mixed = try BodyModel(atlas: atlas)
        let sexed = try BodyModel(atlas: atlas, measurements: Measurements(sex: sex))
        let moved = Set(atlas.sexSpecificLandmarks(for: sex))
        #expect(moved == ["ischial-tuberosity"])
        #expect(sexed.scaling.sexSpecificLandmarks == ["ischial-tuberosity"])
        #expect(sexed.scaling.sex == sex && sexed.scaling.method == .reference)
        // No warp: every other landmark, every structure but the ones drawn for the sex (the body
        // outline) and every nerve is exactly where it was.
        let drawnForSex = Set(atlas.sexSpecificStructures(for: sex))
        #expect(drawnForSex == ["body-outline"])
        for (a, b) in zip(mixed.landmarks, sexed.landmarks) where !moved.contains(a.entry.id) { #expect(a.geometry == b.geometry, "\(a.entry.id)") }
        for (a, b) in zip(mixed.structures, sexed.structures) where !drawnForSex.contains(a.entry.id) { #expect(a.geometry == b.geometry, "\(a.entry.id)") }
        for (a, b) in zip(mixed.nerves, sexed.nerves) { #expect(a.geometry == b.geometry, "\(a.entry.id)") }
        // Zones measured from the tuberosity follow it; the superior crossings do not move at all.
        let it0 = try #require(mixed.point(ofLandmark: "ischial-tuberosity", side: .left))
        let it1 = try #require(sexed.point(ofLandmark: "ischial-tuberosity", side: .left))
        for (a, b) in zip(mixed.zones, sexed.zones) {
            if a.entry.frame == "ischial-tuberosity" {
                #expect(abs((b.centre.x - a.centre.x) - a.side.sign * (it1.x - it0.x)) < 1e-9, "\(a.entry.id) \(a.side)")
            } else if a.entry.frame != "gluteal-border" {
                #expect(a.centre == b.centre, "\(a.entry.id)")
            }
        }
    }

    @Test func withoutASexNothingIsPlacedBySex() throws {
        let model = try BodyModel(atlas: atlas)
        #expect(model.scaling.sexSpecificLandmarks.isEmpty)
        #expect(!model.scaling.summary.contains("sex"))
        #expect(atlas.geometry(for: nil) == atlas.geometry)
    }

    @Test func everySexVariantIsSourcedAndDerived() throws {
        for l in atlas.document.landmarks {
            for v in l.bySex ?? [] {
                #expect(v.provenance.fidelity != .measured || v.provenance.derivation != nil)
                #expect(!(v.provenance.derivation ?? "").isEmpty, "\(l.id) \(v.sex)")
                // Every source exists, and at least one that backs the variant is verified (an
                // unverified citation may add a size, never stand alone).
                for s in v.provenance.sources { #expect(atlas.source(s) != nil, "\(l.id): \(s)") }
                #expect(v.provenance.sources.contains { atlas.source($0)?.status == .verified }, "\(l.id) \(v.sex)")
            }
        }
    }
}
