import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealPalpation

/// Every row of `Samples/cases.csv` lands on the nerve `Samples/cases.expected.csv` gives.
@Suite("Sample cases")
struct SampleCasesTests {
    struct Expectation: CustomTestStringConvertible, Sendable {
        var caseId: String
        /// `superior`, `middle`, `inferior` or `none`.
        var nerve: String
        var urgentReferral: Bool
        /// A look-alike the point must lie inside, if any.
        var lookAlike: String?
        var testDescription: String { caseId }
    }

    static var expectations: [Expectation] {
        guard let data = try? Data(contentsOf: TestFiles.samples.appendingPathComponent("cases.expected.csv")) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Expectation(caseId: f[0], nerve: f[1], urgentReferral: f[2] == "yes", lookAlike: f.count > 3 && !f[3].isEmpty ? f[3] : nil)
        }
    }

    static func samples() throws -> CaseFile {
        try CaseFile(bytes: TestFiles.bytes(TestFiles.samples.appendingPathComponent("cases.csv")))
    }

    @Test func everySampleHasAnExpectationAndTheyCoverTheCriteria() throws {
        let file = try Self.samples()
        let ids = try file.records.map { try file.request($0).caseId }
        #expect(ids == Self.expectations.map(\.caseId))
        let requests = try file.records.map { try file.request($0) }
        #expect(Set(requests.map(\.input.side)) == Set(Side.allCases))
        #expect(Set(requests.map(\.input.frame)) == Set(InputFrame.allCases))
        #expect(Set(Self.expectations.map(\.nerve)) == ["superior", "middle", "inferior", "none"])
        #expect(Self.expectations.contains { $0.urgentReferral })
    }

    @Test(arguments: expectations)
    func aSampleLandsWhereItShould(expected: Expectation) throws {
        let fixture = try Fixture.get()
        let file = try Self.samples()
        let request = try #require(try file.records.map { try file.request($0) }.first { $0.caseId == expected.caseId })
        let model = try BodyModel(atlas: fixture.atlas, measurements: request.measurements)
        let locator = Locator(model: model)
        let screening = try fixture.catalogue.screen(request.symptoms)
        let finding = locator.locate(try TenderPoint(request.input, on: model), screening: screening)
        #expect((finding.bestMatch?.nerve.rawValue ?? "none") == expected.nerve,
                "\(expected.caseId): \(finding.bestMatch.map { "\($0.zoneId) at \($0.standardScore) SD" } ?? "none"); nearest \(finding.candidates.first.map { "\($0.zoneId) \($0.standardScore)" } ?? "")")
        #expect(finding.urgentReferral == expected.urgentReferral)
        if let l = expected.lookAlike {
            #expect(finding.lookAlikes.filter(\.inside).map(\.id).contains(l))
        }
        #expect((finding.blockSite != nil) == (finding.bestMatch != nil && !expected.urgentReferral))
    }
}
