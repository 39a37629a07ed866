import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealPalpation

@Suite("Red flags")
struct RedFlagTests {
    static let urgent = ["new-bladder-dysfunction", "bowel-incontinence", "saddle-numbness", "bilateral-leg-weakness",
                         "progressive-leg-weakness", "sexual-dysfunction", "gait-disturbance"]
    static let cautions = ["fever", "history-of-cancer", "unexplained-weight-loss", "night-pain", "age-over-50", "age-under-20",
                           "immunosuppression", "iv-drug-use", "significant-trauma", "osteoporosis", "long-term-steroids",
                           "no-improvement-after-a-month"]
    static let ordinary = ["buttock-pain", "low-back-pain", "pain-on-sitting", "burning-pain", "leg-pain-above-knee", "tingling", "tender-point"]

    @Test func theCatalogueHoldsEveryRedFlagInItsTierWithSources() throws {
        let fixture = try Fixture.get()
        let catalogue = fixture.catalogue
        #expect(Set(catalogue.ids) == Set(Self.urgent + Self.cautions + Self.ordinary))
        for id in Self.urgent { #expect(catalogue.symptom(id)?.urgency == .urgent, "\(id)") }
        for id in Self.cautions { #expect(catalogue.symptom(id)?.urgency == .caution, "\(id)") }
        for id in Self.ordinary { #expect(catalogue.symptom(id)?.redFlag == false, "\(id)") }
        for s in catalogue.symptoms {
            #expect(!s.sources.isEmpty)
            #expect(s.sources.allSatisfy { fixture.atlas.source($0) != nil })
        }
        // Each tier cites the framework that grades concern; the caution tier cites NICE NG59's "exclude specific causes".
        for id in Self.urgent + Self.cautions { #expect(catalogue.symptom(id)?.sources.contains("finucane-2020") == true, "\(id)") }
        for id in Self.cautions { #expect(catalogue.symptom(id)?.sources.contains("nice-ng59") == true, "\(id)") }
    }

    @Test(arguments: urgent)
    func anUrgentRedFlagMeansReferralAndNoBlock(id: String) throws {
        let screening = try Fixture.get().catalogue.screen(["buttock-pain", id])
        #expect(screening.urgentReferral)
        #expect(screening.redFlags.map(\.id) == [id])
        #expect(screening.cautions.isEmpty)
        let message = try #require(screening.referralMessage)
        #expect(message.hasPrefix("URGENT REFERRAL (\(id))"))
        #expect(message.contains("Do not plan a nerve block"))
    }

    @Test(arguments: cautions)
    func aCautionSaysWhatToRuleOutAndKeepsThePlan(id: String) throws {
        let screening = try Fixture.get().catalogue.screen(["buttock-pain", id])
        #expect(!screening.urgentReferral)
        #expect(screening.referralMessage == nil)
        #expect(screening.cautions.map(\.id) == [id])
        let message = try #require(screening.cautionMessage)
        #expect(message.hasPrefix("CAUTION: rule out first "))
        #expect(message.contains(id))
        #expect(message.contains("The plan below stands"))
        let group = try #require(screening.cautionItems.first?.group)
        #expect([SymptomGroup.cancer, .infection, .fracture].contains(group))
    }

    @Test func ageIsACautionAndTheBlockIsStillPlanned() throws {
        let fixture = try Fixture.get()
        let screening = try fixture.catalogue.screen(["age-over-50"], screened: true)
        let finding = try fixture.locator(.reference).locate(try TenderPoint(side: .left, point: Point(70, 50)), screening: screening)
        #expect(!finding.urgentReferral)
        #expect(finding.blockSite != nil)
        #expect(!finding.blockSiteWithheld)
        #expect(screening.statusWords == "screened by the clinician: caution (age-over-50)")
    }

    @Test func urgentOverridesCautionAndWithholdsTheBlock() throws {
        let fixture = try Fixture.get()
        let screening = try fixture.catalogue.screen(["age-over-50", "saddle-numbness"])
        #expect(screening.urgency == .urgent)
        #expect(screening.redFlags.map(\.id) == ["saddle-numbness"])
        #expect(screening.cautions.map(\.id) == ["age-over-50"])
        #expect(screening.referralMessage?.contains("Also reported, to rule out afterwards: age-over-50") == true)
        let finding = try fixture.locator(.reference).locate(try TenderPoint(side: .left, point: Point(70, 50)), screening: screening)
        #expect(finding.blockSite == nil)
        #expect(finding.blockSiteWithheld)
    }

    @Test func screeningIsRecordedWithOrWithoutFlags() throws {
        let catalogue = try Fixture.get().catalogue
        #expect(try catalogue.screen([], screened: true).statusWords == "screened by the clinician: none reported")
        #expect(try catalogue.screen(["buttock-pain"]).statusWords == "not recorded as screened; none reported")
        #expect(try catalogue.screen(["fever", "saddle"]).statusWords == "not recorded as screened; URGENT (saddle-numbness); caution (fever)")
    }

    @Test func ordinarySymptomsDoNotRefer() throws {
        let screening = try Fixture.get().catalogue.screen(Self.ordinary)
        #expect(!screening.urgentReferral)
        #expect(screening.referralMessage == nil)
        #expect(screening.cautionMessage == nil)
        #expect(screening.reported.count == Self.ordinary.count)
    }

    @Test func namesAreForgivingAboutCaseAndSeparators() throws {
        let screening = try Fixture.get().catalogue.screen([" Saddle_Numbness ", "bowel incontinence"])
        #expect(screening.redFlags.map(\.id) == ["saddle-numbness", "bowel-incontinence"])
    }

    @Test(arguments: [("bladder", "new-bladder-dysfunction"), ("saddle", "saddle-numbness"), ("Urinary retention", "new-bladder-dysfunction"),
                      ("steroids", "long-term-steroids"), ("pins and needles", "tingling"), ("cancer", "history-of-cancer"),
                      ("osteo", "osteoporosis"), ("sitting", "pain-on-sitting"), ("lumbago", "low-back-pain")])
    func plainWordsFindTheirSymptom(word: String, id: String) throws {
        #expect(try Fixture.get().catalogue.resolve(word).id == id)
    }

    @Test func anAmbiguousWordListsItsCandidates() throws {
        do {
            _ = try Fixture.get().catalogue.screen(["age"], field: "--symptom")
            Issue.record("accepted")
        } catch let error as PalpationError {
            #expect(error.field == "--symptom")
            #expect(error.message == "\"age\" could be any of age-over-50, age-under-20; type more of the word or the id")
        }
    }

    @Test func aTypoSuggestsTheNearestIds() throws {
        do {
            _ = try Fixture.get().catalogue.screen(["buttock-pain", "sadle-numbnes"])
            Issue.record("accepted")
        } catch let error as PalpationError {
            #expect(error.field == "symptom")
            #expect(error.message.hasPrefix("unknown symptom \"sadle-numbnes\"; did you mean saddle-numbness"))
        }
        do {
            _ = try Fixture.get().catalogue.screen(["headache"])
            Issue.record("accepted")
        } catch let error as PalpationError {
            #expect(error.message.hasPrefix("unknown symptom \"headache\"; did you mean "))
        }
    }

    @Test func aSynonymNamingTwoSymptomsIsRefused() throws {
        let fixture = try Fixture.get()
        let json = """
        {"schemaVersion": 1, "id": "two", "version": "1", "symptoms": [
          {"id": "fever", "names": {"en": "Fever"}, "synonyms": ["chills"], "redFlag": true, "urgency": "caution", "group": "infection", "message": "m", "sources": ["finucane-2020"]},
          {"id": "rigors", "names": {"en": "Rigors"}, "synonyms": ["chills"], "redFlag": true, "urgency": "caution", "group": "infection", "message": "m", "sources": ["finucane-2020"]}
        ]}
        """
        let result = Result { () throws(AtlasErrors) -> SymptomCatalogue in
            try SymptomCatalogue.load(AtlasInput(file: "two.json", bytes: Array(json.utf8)), atlas: fixture.atlas)
        }
        guard case .failure(let errors) = result else { Issue.record("accepted"); return }
        let text = errors.description
        #expect(text.contains("$.symptoms[1].synonyms[0]: the synonym \"chills\" is already a name of fever"), "\(text)")
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
