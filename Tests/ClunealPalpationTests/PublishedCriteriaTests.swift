import BodyGeometry
import ClunealAnatomy
import Testing
@testable import ClunealPalpation

/// The published criteria land where they should, on both sides, in every frame that can
/// express them, on the reference body and on scaled bodies.
@Suite("Published criteria")
struct PublishedCriteriaTests {
    @Test(arguments: Criterion.all, Side.allCases)
    func criteriaLandOnTheirNerveAcrossFramesAndScaling(criterion: Criterion, side: Side) throws {
        let fixture = try Fixture.get()
        for scaling in ScalingCase.allCases {
            let locator = try fixture.locator(scaling)
            let model = locator.model
            let physical = try model.resolver.place(criterion.position, side: side).point
            for frame in InputFrame.allCases {
                let input: TenderPointInput
                do {
                    input = try model.input(for: physical, side: side, frame: frame)
                } catch {
                    // Only the crest frame can fail, for points medial of the crest line (Konno).
                    #expect(frame == .crest, "\(criterion.name), \(scaling.rawValue), \(frame): \(error)")
                    continue
                }
                let tenderPoint = try TenderPoint(input, on: model)
                #expect(tenderPoint.point.isApproximatelyEqual(to: physical, tolerance: 1e-6), "\(frame) \(scaling.rawValue)")
                let finding = locator.locate(tenderPoint)
                #expect(finding.bestMatch?.nerve == criterion.nerve,
                        "\(criterion.name), \(side), \(frame), \(scaling.rawValue): got \(finding.bestMatch.map { "\($0.zoneId) \($0.standardScore)" } ?? "none")")
                if criterion.nerve == nil {
                    #expect(finding.statement.contains("not typical of cluneal nerve entrapment"))
                    #expect(finding.blockSite == nil)
                } else {
                    #expect(finding.blockSite?.nerve == criterion.nerve)
                    #expect(finding.blockSite?.side == side)
                }
            }
        }
    }

    @Test(arguments: Side.allCases)
    func konnoCannotBeGivenOnTheCrestLineAndTheMessageSaysWhy(side: Side) throws {
        let model = try Fixture.get().locator(.reference).model
        let input = TenderPointInput(side: side, frame: .crest, lateral: Length(millimetres: 36), vertical: Length(millimetres: -28.5))
        #expect {
            _ = try TenderPoint(input, on: model)
        } throws: { error in
            guard let e = error as? PalpationError else { return false }
            return e.field == "lateral" && e.message.contains("off the crest line") && e.message.contains("4.0 cm to 13.7 cm")
        }
    }

    @Test(arguments: Side.allCases)
    func theSameTapeMeasurementMovesWithTheBody(side: Side) throws {
        // 7 cm on the crest of a taller person is on their (higher-lying, scaled) crest.
        let fixture = try Fixture.get()
        let input = TenderPointInput(side: side, frame: .crest, lateral: .centimetres(7), vertical: .centimetres(0))
        let reference = try TenderPoint(input, on: try fixture.locator(.reference).model)
        let tall = try TenderPoint(input, on: try fixture.locator(.tall).model)
        #expect(abs(reference.point.x - side.sign * 70) < 1e-9)
        let model = try fixture.locator(.reference).model
        let crest = try #require(model.resolver.curves[side]?["iliac-crest"])
        #expect(abs(reference.point.z - (try model.resolver.height(of: crest, id: "iliac-crest", atX: reference.point.x))) < 1e-9)
        #expect(abs(tall.point.x - side.sign * 70) < 1e-9)
        #expect(tall.point.z < reference.point.z, "the crest of a taller body reaches 7 cm out at a lower level")
    }
}
