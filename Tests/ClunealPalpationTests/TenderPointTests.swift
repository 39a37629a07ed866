import BodyGeometry
import ClunealAnatomy
import Testing
@testable import ClunealPalpation

@Suite("Tender point input")
struct TenderPointTests {
    func model() throws -> BodyModel { try Fixture.get().locator(.reference).model }

    @Test(arguments: Side.allCases)
    func theThreeFramesAgreeOnOnePoint(side: Side) throws {
        let model = try model()
        let byMidline = try TenderPoint(TenderPointInput(side: side, frame: .midline, lateral: .centimetres(7), vertical: .centimetres(5)), on: model)
        let byPSIS = try TenderPoint(TenderPointInput(side: side, frame: .psis, lateral: .centimetres(3), vertical: .centimetres(5)), on: model)
        let crest = try #require(model.resolver.curves[side]?["iliac-crest"])
        let crestHeight = try model.resolver.height(of: crest, id: "iliac-crest", atX: side.sign * 70)
        let byCrest = try TenderPoint(TenderPointInput(side: side, frame: .crest, lateral: .centimetres(7), vertical: Length(millimetres: 50 - crestHeight)), on: model)
        let expected = Point(side.sign * 70, 50)
        for p in [byMidline, byPSIS, byCrest] {
            #expect(p.point.isApproximatelyEqual(to: expected, tolerance: 1e-9), "\(p)")
            #expect(p.side == side)
            #expect(abs(p.lateralMillimetres - 70) < 1e-9)
        }
    }

    @Test func medialOfThePSISIsNegativeInThePSISFrame() throws {
        let p = try TenderPoint(TenderPointInput(side: .right, frame: .psis, lateral: Length(millimetres: -7), vertical: Length(millimetres: -7)), on: try model())
        #expect(p.point.isApproximatelyEqual(to: Point(-33, -7), tolerance: 1e-9))
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        var frame: InputFrame
        var lateral: Double
        var vertical: Double
        var field: String
        var mentions: String
        var testDescription: String { "\(frame) \(lateral) \(vertical) → \(field)" }
    }

    @Test(arguments: [
        Bad(frame: .midline, lateral: .nan, vertical: 0, field: "lateral", mentions: "not a finite number"),
        Bad(frame: .midline, lateral: 70, vertical: .infinity, field: "vertical", mentions: "not a finite number"),
        Bad(frame: .midline, lateral: -70, vertical: 0, field: "lateral", mentions: "allowed 0.0 cm to 30.0 cm"),
        Bad(frame: .crest, lateral: -70, vertical: 0, field: "lateral", mentions: "allowed 0.0 cm to 30.0 cm"),
        Bad(frame: .midline, lateral: 3100, vertical: 0, field: "lateral", mentions: "310.0 cm is out of range"),
        Bad(frame: .psis, lateral: -400, vertical: 0, field: "lateral", mentions: "allowed -30.0 cm to 30.0 cm"),
        Bad(frame: .midline, lateral: 70, vertical: -400, field: "vertical", mentions: "allowed -35.0 cm to 30.0 cm"),
        Bad(frame: .midline, lateral: 70, vertical: 301, field: "vertical", mentions: "allowed -35.0 cm to 30.0 cm"),
        Bad(frame: .psis, lateral: -50, vertical: 0, field: "lateral", mentions: "crosses the midline"),
        Bad(frame: .crest, lateral: 20, vertical: 0, field: "lateral", mentions: "off the crest line"),
        Bad(frame: .crest, lateral: 200, vertical: 0, field: "lateral", mentions: "off the crest line"),
        Bad(frame: .crest, lateral: 100, vertical: 290, field: "vertical", mentions: "allowed -35.0 cm to 30.0 cm"),
    ])
    func nonsenseIsRefusedNamingTheField(bad: Bad) throws {
        let model = try model()
        for side in Side.allCases {
            let input = TenderPointInput(side: side, frame: bad.frame, lateral: Length(millimetres: bad.lateral), vertical: Length(millimetres: bad.vertical))
            do {
                _ = try TenderPoint(input, on: model)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.field == bad.field, "\(error)")
                #expect(error.description.contains(bad.mentions), "\(error)")
            }
        }
    }

    @Test func aBodyFramePointOnTheWrongSideIsRefused() {
        #expect(throws: PalpationError.self) { _ = try TenderPoint(side: .left, point: Point(-70, 50)) }
        #expect(throws: PalpationError.self) { _ = try TenderPoint(side: .right, point: Point(70, 50)) }
        #expect(throws: PalpationError.self) { _ = try TenderPoint(side: .left, point: Point(.nan, 50)) }
    }

    @Test func renamingAFieldKeepsTheMessage() {
        let e = PalpationError.outOfRange(field: "lateral", millimetres: 400, allowed: 0...300)
        let renamed = e.renamingField { "--" + $0 }
        #expect(renamed.field == "--lateral")
        #expect(renamed.message == e.message)
        #expect(renamed.description == "--lateral: 40.0 cm is out of range (allowed 0.0 cm to 30.0 cm)")
    }
}
