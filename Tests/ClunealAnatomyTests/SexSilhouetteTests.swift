import BodyGeometry
import Foundation
import Testing
@testable import ClunealAnatomy

/// With a sex, the body outline of that sex is drawn: wider hips in women, narrower in men, by
/// the sourced difference in hip breadth; the waist, the cleft and the heights are shared.
@Suite("Body outline by sex")
struct SexSilhouetteTests {
    let atlas: Atlas
    init() throws { atlas = try TestFiles.defaultAtlas() }

    /// Women's minus men's hip breadth at the 50th percentile, US adults aged 19-65: 375 - 360 mm
    /// (`cityu-hip-breadth`), split evenly about the mixed-sex outline.
    static let sourcedBreadthDifference = 15.0
    /// Levels (written z, mm) where the whole difference applies, and where half of it blends
    /// into the unchanged waist and thighs.
    static let hipLevels: Set<Double> = [0, -40, -85, -130]
    static let blendLevels: Set<Double> = [45, -180]
    /// Millimetres: the variants are written to 0.001 mm.
    static let tolerance = 0.01

    func outline(_ m: Measurements) throws -> [Point] {
        let model = try BodyModel(atlas: atlas, measurements: m)
        let placed = try #require(model.structures.first { $0.entry.id == "body-outline" })
        guard case .polygon(let polygon) = placed.geometry else { throw SilhouetteError.notAPolygon }
        return polygon.points
    }

    var written: [Point] { atlas.geometry["body-outline"]?.points ?? [] }

    enum SilhouetteError: Error { case notAPolygon }

    @Test(arguments: Sex.allCases)
    func eachSexMovesTheHipContourBySourcedHalfDifference(sex: Sex) throws {
        let mixed = try outline(.none)
        let sexed = try outline(Measurements(sex: sex))
        try #require(mixed.count == written.count && sexed.count == written.count)
        let sign = sex == .female ? 1.0 : -1.0
        var hipVertices = 0
        for (i, w) in written.enumerated() {
            // Outward is +x on the left contour and -x on the right one.
            let outward = (sexed[i].x - mixed[i].x) * (w.x >= 0 ? 1 : -1)
            let expected: Double
            if abs(w.x) < 100 { expected = 0 }                      // cleft, crotch, inner thighs
            else if Self.hipLevels.contains(w.z) { expected = sign * Self.sourcedBreadthDifference / 4; hipVertices += 1 }
            else if Self.blendLevels.contains(w.z) { expected = sign * Self.sourcedBreadthDifference / 8 }
            else { expected = 0 }                                   // the waist and the thighs' ends
            #expect(abs(outward - expected) < Self.tolerance, "\(sex) vertex \(i) \(w): moved \(outward) mm out, expected \(expected)")
            #expect(sexed[i].z == mixed[i].z, "heights are not changed by sex")
        }
        #expect(hipVertices == 8, "four hip levels on each side")
    }

    @Test func womenAreWiderAtTheHipsByTheSourcedDifferenceAndShareTheWaist() throws {
        let woman = try outline(Measurements(sex: .female))
        let man = try outline(Measurements(sex: .male))
        func breadth(_ points: [Point], atWrittenZ z: Double) -> Double {
            let xs = zip(written, points).filter { $0.0.z == z && abs($0.0.x) >= 100 }.map(\.1.x)
            return (xs.max() ?? 0) - (xs.min() ?? 0)
        }
        for z in Self.hipLevels {
            let difference = breadth(woman, atWrittenZ: z) - breadth(man, atWrittenZ: z)
            #expect(abs(difference - Self.sourcedBreadthDifference) < Self.tolerance, "z \(z): \(difference) mm")
        }
        // The waist (z +85 and above) is the same drawing for both sexes.
        for z in [85.0, 120, 160, 240] {
            #expect(abs(breadth(woman, atWrittenZ: z) - breadth(man, atWrittenZ: z)) < Self.tolerance, "waist at z \(z)")
        }
        // Mixed sits halfway: the trochanter-level half-breadth is 175 mm as written.
        let mixed = try outline(.none)
        #expect(abs(breadth(mixed, atWrittenZ: -85) - 350) < Self.tolerance)
        #expect(abs(breadth(woman, atWrittenZ: -85) - 357.5) < Self.tolerance)
        #expect(abs(breadth(man, atWrittenZ: -85) - 342.5) < Self.tolerance)
    }

    @Test(arguments: Sex.allCases)
    func theSexOutlineScalesWithThePerson(sex: Sex) throws {
        let tall = Measurements(stature: Length(millimetres: 1900), sex: sex)
        let model = try BodyModel(atlas: atlas, measurements: tall)
        let sexed = try outline(tall)
        let mixed = try outline(Measurements(stature: Length(millimetres: 1900)))
        let i = try #require(written.firstIndex { $0.z == -85 && $0.x > 100 })
        let scale = model.warp.localScale(at: written[i])
        let expected = (sex == .female ? 1.0 : -1.0) * Self.sourcedBreadthDifference / 4 * scale
        #expect(scale > 1.01, "a tall person is drawn larger")
        #expect(abs((sexed[i].x - mixed[i].x) - expected) < 0.05, "\(sexed[i].x - mixed[i].x) vs \(expected)")
    }

    @Test func everyStructureVariantIsSourcedAndSaysHowItWasDrawn() throws {
        var variants = 0
        for s in atlas.document.structures {
            for v in s.bySex ?? [] {
                variants += 1
                #expect(!(v.provenance.derivation ?? "").isEmpty, "\(s.id) \(v.sex)")
                for id in v.provenance.sources { #expect(atlas.source(id) != nil, "\(s.id): \(id)") }
                // An unverified source may add a size, never stand alone.
                #expect(v.provenance.sources.contains { atlas.source($0)?.status == .verified }, "\(s.id) \(v.sex)")
            }
        }
        #expect(variants == 2)
        #expect(atlas.sexSpecificStructures(for: nil).isEmpty)
        #expect(atlas.sexSpecificLandmarks(for: .female) == ["ischial-tuberosity"])
    }
}

/// Skin areas, bones, muscles, fascia, ligaments and nerves are drawn under the skin: inside
/// the body outline of either sex (and the mixed one), for the reference body and every
/// sample person.
@Suite("The outline of each sex encloses the anatomy")
struct OutlineEnclosesAnatomyTests {
    static let people = ["reference", "petite-woman.json", "tall-man.json", "palpated.json"]
    /// Millimetres a drawn curve may stray past the outline (flattening and rounding).
    static let tolerance = 0.5

    @Test(arguments: people, [Sex?.none, .female, .male])
    func everythingDrawnLiesInsideTheSkin(person: String, sex: Sex?) throws {
        let atlas = try TestFiles.defaultAtlas()
        var m = Measurements()
        if person != "reference" {
            let url = TestFiles.root.appendingPathComponent("Samples/measurements").appendingPathComponent(person)
            m = try Measurements.decode(TestFiles.input(url))
        }
        m.sex = sex
        let model = try BodyModel(atlas: atlas, measurements: m)
        let placed = try #require(model.structures.first { $0.entry.kind == .outline })
        let skin = try #require(Polygon(SmoothCurve.flattened(through: placed.geometry.points, closed: true, tolerance: 0.1)))
        var checked = 0
        for s in model.structures where s.entry.kind != .outline {
            guard case .polygon(let p) = s.geometry else { continue }
            let curve = SmoothCurve.flattened(through: p.points, closed: true, tolerance: 0.1)
            let outside = curve.filter { !skin.contains($0) && skin.distance(to: $0) > Self.tolerance }
            #expect(outside.isEmpty, "\(person) \(sex?.rawValue ?? "mixed"): \(s.entry.id) \(s.side?.rawValue ?? "") leaves the skin at \(outside.first.map { "\($0)" } ?? "")")
            checked += 1
        }
        for n in model.nerves {
            let outside = n.geometry.points.filter { !skin.contains($0) && skin.distance(to: $0) > Self.tolerance }
            #expect(outside.isEmpty, "\(person): \(n.entry.id) leaves the skin")
        }
        #expect(checked >= 20)
    }
}
