import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealPalpation

/// The one finding record: the batch's fast encoder writes exactly what `JSONEncoder` writes,
/// the best-and-nearest Locator agrees with the full ranking, and nearest zone has one rule.
@Suite("Finding record")
struct FindingRecordTests {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    /// Every sample row, with hostile case ids, in both details: the bytes are `JSONEncoder`'s.
    @Test(arguments: ["plain", "quote \" backslash \\ slash / tab \t nl \n cr \r bell \u{7} del \u{7F} é 中 \u{2028} 🙂", "=HYPERLINK(\"x\")", ""])
    func theFastEncoderWritesWhatJSONEncoderWrites(caseId: String) throws {
        let fixture = try Fixture.get()
        let file = try SampleCasesTests.samples()
        for record in file.records {
            let request = try file.request(record)
            let model = try BodyModel(atlas: fixture.atlas, measurements: request.measurements)
            let locator = Locator(model: model)
            let screening = try fixture.catalogue.screen(request.symptoms)
            let finding = locator.locate(try TenderPoint(request.input, on: model), screening: screening)
            let atlas = AtlasReference(fixture.atlas)
            let catalogue = AtlasReference(id: fixture.catalogue.id, version: fixture.catalogue.version)
            for detail in [FindingRecord.Detail.row, .full(frame: "frame / text", notice: "notice \"quoted\"")] {
                let r = FindingRecord(finding, atlas: atlas, catalogue: catalogue, case: caseId, row: request.row, detail: detail)
                var fast = JSONBytes()
                r.writeJSONLine(into: &fast)
                let expected = [UInt8](try Self.encoder().encode(r)) + [0x0A]
                #expect(fast.bytes == expected, "\(request.caseId): \(String(decoding: fast.bytes, as: UTF8.self)) vs \(String(decoding: expected, as: UTF8.self))")
                // A batch copies in its body's scaling encoded once: the same bytes; a scaling
                // encoded for another body is not used.
                var spliced = JSONBytes()
                r.writeJSONLine(into: &spliced, scaling: FindingRecord.EncodedScaling(r.scaling))
                #expect(spliced.bytes == expected)
                let other = ScalingRecord(try BodyModel(atlas: fixture.atlas, measurements: Measurements(stature: .centimetres(171.3))).scaling)
                var wrong = JSONBytes()
                r.writeJSONLine(into: &wrong, scaling: FindingRecord.EncodedScaling(other))
                #expect(wrong.bytes == expected)
            }
        }
    }

    /// The batch's best-and-nearest finding equals the full one on the fields it keeps, and
    /// its nearest zone is the first of the full ranking.
    @Test func bestAndNearestAgreesWithTheFullRanking() throws {
        let fixture = try Fixture.get()
        let locator = Locator(model: try BodyModel(atlas: fixture.atlas, measurements: Measurements()))
        var buffer = LocatorBuffer()
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let side: Side = Bool.random(using: &rng) ? .left : .right
            let p = try TenderPoint(side: side, point: Point(side.sign * Double.random(in: 5...200, using: &rng), Double.random(in: -200...150, using: &rng)))
            let full = locator.locate(p)
            let light = locator.locate(p, screening: .none, buffer: &buffer, ranking: .bestAndNearest)
            #expect(light.candidates.isEmpty)
            #expect(light.bestMatch == full.bestMatch)
            #expect(light.nearestZone == full.candidates.first)
            #expect(full.nearestZone == full.candidates.first)
            #expect(light.blockSite == full.blockSite)
            #expect(light.lookAlikes == full.lookAlikes)
            let a = FindingRecord(full, atlas: AtlasReference(fixture.atlas), catalogue: nil, detail: .row)
            let b = FindingRecord(light, atlas: AtlasReference(fixture.atlas), catalogue: nil, detail: .row)
            #expect(a == b)
        }
    }

    @Test(arguments: [("=1+2", "'=1+2"), ("+41", "'+41"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
                      ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("plain", "plain"), ("bell\u{7}", "bell"),
                      ("", ""), ("a\nb", "\"a\nb\""), ("x-y", "x-y"), ("é=ok", "é=ok"), ("del\u{7F}", "del")])
    func csvTextIsNeutralisedAndNumbersStayNumbers(_ input: String, _ expected: String) {
        #expect(CSVRow.escaped(input) == expected)
        // The field writer's shortcut for text that needs no escaping writes the same bytes.
        var field: [UInt8] = []
        var one = CSVRow()
        one.text(input, &field)
        #expect(String(decoding: field, as: UTF8.self) == expected)
        var out: [UInt8] = []
        var row = CSVRow()
        row.number(-70.5, &out)
        row.number(-0.0, &out)
        #expect(String(decoding: out, as: UTF8.self) == "-70.5,-0")
    }

    @Test func echoedValuesAreCut() {
        let long = String(repeating: "x", count: 50_000)
        let cut = Echo.cut(long)
        #expect(cut.count < 260 && cut.hasSuffix("(49800 more characters)"))
        #expect(Echo.cut("short") == "short")
        let e = CaseError(line: 2, row: 1, caseId: long, field: nil, message: "m")
        #expect(e.description.count < 300)
    }
}
