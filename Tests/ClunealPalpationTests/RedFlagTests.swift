import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealPalpation

@Suite("Red flags")
struct RedFlagTests {
    static let emergencies = ["new-bladder-dysfunction", "bowel-incontinence", "saddle-numbness", "bilateral-leg-weakness",
                              "progressive-leg-weakness", "sexual-dysfunction", "gait-disturbance"]
    static let urgent = ["fever", "history-of-cancer", "unexplained-weight-loss", "night-pain", "age-over-50", "age-under-20",
                         "immunosuppression", "iv-drug-use", "significant-trauma", "osteoporosis", "long-term-steroids",
                         "no-improvement-after-a-month"]
    static let ordinary = ["buttock-pain", "low-back-pain", "pain-on-sitting", "burning-pain", "leg-pain-above-knee", "tingling", "tender-point"]

    @Test func theCatalogueHoldsEveryRedFlagOfTheReferenceWithSources() throws {
        let fixture = try Fixture.get()
        let catalogue = fixture.catalogue
        #expect(Set(catalogue.ids) == Set(Self.emergencies + Self.urgent + Self.ordinary))
        for id in Self.emergencies { #expect(catalogue.symptom(id)?.urgency == .emergency, "\(id)") }
        for id in Self.urgent { #expect(catalogue.symptom(id)?.urgency == .urgent, "\(id)") }
        for id in Self.ordinary { #expect(catalogue.symptom(id)?.redFlag == false, "\(id)") }
        for s in catalogue.symptoms {
            #expect(!s.sources.isEmpty)
            #expect(s.sources.allSatisfy { fixture.atlas.source($0) != nil })
        }
    }

    @Test(arguments: emergencies + urgent)
    func everyRedFlagMeansUrgentReferral(id: String) throws {
        let screening = try Fixture.get().catalogue.screen(["buttock-pain", id])
        #expect(screening.urgentReferral)
        #expect(screening.redFlags.map(\.id) == [id])
        let message = try #require(screening.referralMessage)
        #expect(message.contains(id))
        #expect(message.hasPrefix(Self.emergencies.contains(id) ? "EMERGENCY REFERRAL" : "URGENT REFERRAL"))
    }

    @Test func ordinarySymptomsDoNotRefer() throws {
        let screening = try Fixture.get().catalogue.screen(Self.ordinary)
        #expect(!screening.urgentReferral)
        #expect(screening.referralMessage == nil)
        #expect(screening.reported.count == Self.ordinary.count)
    }

    @Test func theMostUrgentFlagLeads() throws {
        let screening = try Fixture.get().catalogue.screen(["fever", "saddle-numbness", "night-pain", "fever"])
        #expect(screening.urgency == .emergency)
        #expect(screening.redFlags.map(\.id) == ["saddle-numbness", "fever", "night-pain"])
    }

    @Test func namesAreForgivingAboutCaseAndSeparators() throws {
        let screening = try Fixture.get().catalogue.screen([" Saddle_Numbness ", "bowel incontinence"])
        #expect(screening.redFlags.map(\.id) == ["saddle-numbness", "bowel-incontinence"])
    }

    @Test func anUnknownSymptomIsAnErrorListingTheKnownOnes() throws {
        do {
            _ = try Fixture.get().catalogue.screen(["buttock-pain", "headache"])
            Issue.record("accepted")
        } catch let error as PalpationError {
            #expect(error.field == "symptom")
            #expect(error.message.hasPrefix("unknown symptom \"headache\" (known: new-bladder-dysfunction, "))
            #expect(error.message.contains("saddle-numbness"))
        }
    }

    struct Broken: Codable, CustomTestStringConvertible, Sendable {
        var file: String
        var expect: String
        var testDescription: String { file }
    }

    static var brokenCases: [Broken] {
        let url = TestFiles.fixtures.appendingPathComponent("broken-symptoms/expectations.json")
        guard let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([Broken].self, from: data) else { return [] }
        return cases
    }

    @Test func thereAreBrokenCatalogues() { #expect(Self.brokenCases.count >= 6) }

    @Test(arguments: brokenCases)
    func aBrokenCatalogueIsRefusedWithFilePathAndLine(broken: Broken) throws {
        let atlas = try Fixture.get().atlas
        let url = TestFiles.fixtures.appendingPathComponent("broken-symptoms").appendingPathComponent(broken.file)
        do {
            _ = try SymptomCatalogue.load(try TestFiles.input(url), atlas: atlas)
            Issue.record("accepted \(broken.file)")
        } catch let errors as AtlasErrors {
            let text = errors.description
            #expect(text.contains(broken.file), "\(text)")
            #expect(text.contains(broken.expect), "\(text)")
        }
    }
}
