import BodyGeometry
import Foundation
import Testing
@testable import ClunealAnatomy
@testable import ClunealPalpation

/// A batch places bodies with ``BodyModel/Anatomy/forLocating`` and zones from the atlas's
/// cached ``ReferencePlacement``: both must give exactly what the whole model gives and what
/// placing every zone afresh through the reference body's frames gives.
@Suite("Lean bodies for batches")
struct LeanBodyTests {
    /// A spread of measurement sets: every set in `Samples/cases.csv`, the scaling cases,
    /// both sexes, and palpated landmarks (affine and thin-plate-spline fits).
    struct MeasurementCase: CustomTestStringConvertible, Sendable {
        var name: String
        var measurements: Measurements
        var testDescription: String { name }
    }

    static var cases: [MeasurementCase] {
        var out = ScalingCase.allCases.map { MeasurementCase(name: $0.rawValue, measurements: $0.measurements) }
        out.append(MeasurementCase(name: "female 162 cm", measurements: Measurements(stature: .centimetres(162), sex: .female)))
        out.append(MeasurementCase(name: "female, PSIS 4.1 cm, crest 8 cm", measurements: Measurements(sex: .female, psisFromMidline: .centimetres(4.1), crestSummitAbovePSIS: .centimetres(8))))
        out.append(MeasurementCase(name: "male, bicristal 30 cm, PSIS 4.8 cm", measurements: Measurements(sex: .male, psisFromMidline: .centimetres(4.8), bicristalWidth: .centimetres(30))))
        if let data = try? Data(contentsOf: TestFiles.samples.appendingPathComponent("cases.csv")),
           let file = try? CaseFile(bytes: [UInt8](data)) {
            var seen = Set<Measurements>()
            for record in file.records {
                guard let r = try? file.request(record), seen.insert(r.measurements).inserted else { continue }
                out.append(MeasurementCase(name: "Samples/cases.csv \(r.caseId)", measurements: r.measurements))
            }
        }
        return out
    }

    @Test func theSpreadCoversEveryScalingMethodAndTheSampleFile() throws {
        let atlas = try Fixture.get().atlas
        let methods = Set(try Self.cases.map { try BodyModel(atlas: atlas, measurements: $0.measurements).scaling.method })
        #expect(methods == Set(ScalingMethod.allCases))
        #expect(Self.cases.contains { $0.name.hasPrefix("Samples/") })
    }

    @Test(arguments: cases)
    func theLeanModelPlacesWhatTheWholeModelPlaces(c: MeasurementCase) throws {
        let atlas = try Fixture.get().atlas
        let whole = try BodyModel(atlas: atlas, measurements: c.measurements)
        let lean = try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocating)
        #expect(lean.zones == whole.zones)
        #expect(lean.injectionSites == whole.injectionSites)
        #expect(lean.lookAlikes == whole.lookAlikes)
        #expect(lean.nerves == whole.nerves)
        #expect(lean.scaling == whole.scaling)
        // Every landmark and curve a frame is measured from or along, and the PSIS, placed as
        // the whole model places them; nothing else.
        let items = BodyModel.locatingItems(atlas)
        #expect(items.isSuperset(of: ["psis", "iliac-crest", "ischial-tuberosity", "gluteus-maximus-lower-border"]))
        #expect(lean.landmarks == whole.landmarks.filter { items.contains($0.entry.id) })
        #expect(lean.structures == whole.structures.filter { items.contains($0.entry.id) })
        #expect(Set(lean.landmarks.map(\.entry.id) + lean.structures.map(\.entry.id)) == items)
        for side in Side.allCases {
            for id in items {
                #expect(lean.resolver.curves[side]?[id] == whole.resolver.curves[side]?[id])
                #expect(lean.resolver.points[side]?[id] == whole.resolver.points[side]?[id])
            }
        }
        #expect(whole.structures.count > lean.structures.count && whole.landmarks.count > lean.landmarks.count)
    }

    @Test(arguments: cases)
    func aOneSideModelPlacesThatSideAsTheLeanModelDoes(c: MeasurementCase) throws {
        let atlas = try Fixture.get().atlas
        let lean = try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocating)
        for side in Side.allCases {
            let one = try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocatingOn(side))
            func mine(_ s: Side?) -> Bool { s == nil || s == side }
            #expect(!one.zones.isEmpty && !one.nerves.isEmpty)
            #expect(one.zones == lean.zones.filter { $0.side == side })
            #expect(one.injectionSites == lean.injectionSites.filter { $0.side == side })
            #expect(one.lookAlikes == lean.lookAlikes.filter { $0.side == side })
            #expect(one.nerves == lean.nerves.filter { mine($0.side) })
            #expect(one.landmarks == lean.landmarks.filter { mine($0.side) })
            #expect(one.structures == lean.structures.filter { mine($0.side) })
            #expect(one.scaling == lean.scaling)
            #expect(one.resolver.curves[side] == lean.resolver.curves[side])
            #expect(one.resolver.points[side] == lean.resolver.points[side])
            let other: Side = side == .left ? .right : .left
            #expect(one.resolver.curves[other]?.isEmpty != false && one.resolver.points[other]?.isEmpty != false)
        }
    }

    /// A one-row body of a batch (``BodyModel/Anatomy/forLocatingOn(_:)``, block sites on
    /// demand) answers every point on its side as the whole model does.
    @Test(arguments: cases)
    func aOneSideLocatorWritesTheSameRecordsOnItsSide(c: MeasurementCase) throws {
        let fixture = try Fixture.get()
        let atlas = fixture.atlas
        let whole = Locator(model: try BodyModel(atlas: atlas, measurements: c.measurements))
        let reference = AtlasReference(atlas)
        let screening = try fixture.catalogue.screen(["buttock-pain"])
        var compared = 0
        for side in Side.allCases {
            let one = Locator(model: try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocatingOn(side)), preparation: .forOnePoint)
            for input in Self.tapeMeasurements(side: side, step: 40) {
                let a = Result { () throws(PalpationError) in try whole.place(input) }
                let b = Result { () throws(PalpationError) in try one.place(input) }
                #expect(a == b)
                guard case .success(let point) = a else { continue }
                var bufferA = LocatorBuffer(), bufferB = LocatorBuffer()
                let fa = whole.locate(point, screening: screening, buffer: &bufferA, ranking: .bestAndNearest)
                let fb = one.locate(point, screening: screening, buffer: &bufferB, ranking: .bestAndNearest)
                #expect(FindingRecord(fa, atlas: reference, catalogue: nil, detail: .row) == FindingRecord(fb, atlas: reference, catalogue: nil, detail: .row))
                compared += 1
            }
        }
        #expect(compared > 40)
    }

    @Test(arguments: cases)
    func cachedReferencePlacementIsPlacingAfresh(c: MeasurementCase) throws {
        let atlas = try Fixture.get().atlas
        let model = try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocating)
        let fresh = Self.placeAfresh(atlas: atlas, sex: c.measurements.sex, warp: model.warp)
        #expect(!fresh.zones.isEmpty && !fresh.sites.isEmpty && !fresh.lookAlikes.isEmpty)
        // Bit for bit: the same arithmetic on the same reference points.
        #expect(model.zones == fresh.zones)
        #expect(model.injectionSites == fresh.sites)
        #expect(model.lookAlikes == fresh.lookAlikes)
    }

    @Test(arguments: cases)
    func aLeanLocatorWritesTheSameRecords(c: MeasurementCase) throws {
        let fixture = try Fixture.get()
        let atlas = fixture.atlas
        let whole = Locator(model: try BodyModel(atlas: atlas, measurements: c.measurements))
        // A batch row's body: lean, block sites placed when asked.
        let lean = Locator(model: try BodyModel(atlas: atlas, measurements: c.measurements, anatomy: .forLocating), preparation: .forOnePoint)
        let screenings = [RedFlagScreening.none, try fixture.catalogue.screen(["saddle-numbness"]), try fixture.catalogue.screen(["buttock-pain"])]
        let reference = AtlasReference(atlas)
        var compared = 0, withBlock = 0
        for side in Side.allCases {
            for input in Self.tapeMeasurements(side: side, step: 30) {
                let a = Result { () throws(PalpationError) in try whole.place(input) }
                let b = Result { () throws(PalpationError) in try lean.place(input) }
                #expect(a == b)
                guard case .success(let point) = a else { continue }
                for ranking in [Locator.Ranking.all, .bestAndNearest] {
                    var bufferA = LocatorBuffer(), bufferB = LocatorBuffer()
                    let screening = screenings[compared % screenings.count]
                    let fa = whole.locate(point, screening: screening, buffer: &bufferA, ranking: ranking)
                    let fb = lean.locate(point, screening: screening, buffer: &bufferB, ranking: ranking)
                    #expect(FindingRecord(fa, atlas: reference, catalogue: nil, detail: .full(frame: "f", notice: "n"))
                            == FindingRecord(fb, atlas: reference, catalogue: nil, detail: .full(frame: "f", notice: "n")))
                    if fa.blockSite != nil { withBlock += 1 }
                }
                compared += 1
            }
        }
        #expect(compared > 100)
        #expect(withBlock > 10)
    }

    /// Tape measurements on one side: every frame, a grid of lateral and vertical distances
    /// `step` millimetres apart (lateral 10–130 mm, vertical −150–60 mm).
    static func tapeMeasurements(side: Side, step: Double) -> [TenderPointInput] {
        InputFrame.allCases.flatMap { frame in
            stride(from: 10.0, through: 130, by: step).flatMap { lateral in
                stride(from: -150.0, through: 60, by: step + 5).map { vertical in
                    TenderPointInput(side: side, frame: frame, lateral: Length(millimetres: lateral), vertical: Length(millimetres: vertical))
                }
            }
        }
    }

    /// The placement rule as it was before the cache: every zone, block site and look-alike
    /// put on the reference body through its frame, then carried by the warp.
    static func placeAfresh(atlas: Atlas, sex: Sex?, warp: BodyWarp)
        -> (zones: [PlacedZone], sites: [PlacedInjectionSite], lookAlikes: [PlacedLookAlike]) {
        let reference = FrameResolver.reference(document: atlas.document, geometry: atlas.geometry(for: sex), frames: atlas.frames)
        func sides(_ l: Laterality) -> [Side] {
            switch l {
            case .left: [.left]
            case .right: [.right]
            case .bilateral, .midline: Side.allCases
            }
        }
        func step(_ p: FramePosition, _ side: Side, lateral: Double, vertical: Double) -> Vector? {
            let h = 0.5
            var plus = p, minus = p
            plus.lateral += lateral * h
            plus.vertical += vertical * h
            minus.lateral -= lateral * h
            minus.vertical -= vertical * h
            let centre = try? reference.place(p, side: side)
            guard let a = (try? reference.place(plus, side: side)) ?? centre,
                  let b = (try? reference.place(minus, side: side)) ?? centre, a != b else { return nil }
            let span = a == centre || b == centre ? h : 2 * h
            return (warp.apply(a.point) - warp.apply(b.point)) * (1 / span)
        }
        var zones: [PlacedZone] = []
        for z in atlas.document.zones {
            guard let site = atlas.site(z.site) else { continue }
            for side in sides(z.laterality) {
                let position = FramePosition(frame: z.frame, lateral: z.lateral.mean, vertical: z.vertical.mean)
                guard let p = try? reference.place(position, side: side),
                      let lateral = step(position, side, lateral: 1, vertical: 0),
                      let vertical = step(position, side, lateral: 0, vertical: 1) else { continue }
                zones.append(PlacedZone(entry: z, site: site, side: side, centre: warp.apply(p.point),
                                        lateralStep: lateral * z.lateral.sd, verticalStep: vertical * z.vertical.sd,
                                        isDefault: site.defaultZone == z.id))
            }
        }
        let sites = atlas.document.injectionSites.flatMap { s in
            sides(s.laterality).compactMap { side in
                (try? reference.place(FramePosition(s.position), side: side)).map { PlacedInjectionSite(entry: s, side: side, point: warp.apply($0.point)) }
            }
        }
        let lookAlikes = atlas.lookAlikes.flatMap { l in
            sides(l.laterality).compactMap { side in
                (try? reference.place(FramePosition(l.position), side: side)).map { r -> PlacedLookAlike in
                    let p = warp.apply(r.point)
                    return PlacedLookAlike(entry: l, side: side, point: p, radius: l.radiusMillimetres * warp.localScale(at: p))
                }
            }
        }
        return (zones, sites, lookAlikes)
    }
}
