import BodyGeometry
import ClunealAnatomy
import Foundation
import Testing
@testable import ClunealPalpation

@Suite("Exam files, block relief and the brief note")
struct ExamTests {
    static func sample() throws -> Exam { try Exam.load(try TestFiles.input(TestFiles.samples.appendingPathComponent("exam.json"))) }

    static func findings(_ exam: Exam) throws -> [ExamFinding] {
        let fixture = try Fixture.get()
        let model = try BodyModel(atlas: fixture.atlas, measurements: exam.measurements)
        return try exam.locate(with: Locator(model: model), screening: try exam.screening(with: fixture.catalogue))
    }

    @Test func theSampleExamLoadsAndEveryPointLandsOnItsGroup() throws {
        let exam = try Self.sample()
        #expect(exam.patient.id == "P-0042")
        #expect(exam.measurements.sex == .female, "the patient's sex scales the body when the measurements omit it")
        let findings = try Self.findings(exam)
        #expect(findings.map(\.point.label) == ["1", "2", "3", "4"])
        #expect(findings.map { $0.finding.bestMatch?.nerve } == [.superior, .middle, .inferior, .middle])
        #expect(findings[3].finding.likelierLookAlike?.id == "sij-fortin-point")
        #expect(findings.allSatisfy { $0.finding.screening.screened && !$0.finding.urgentReferral })
        #expect(findings.allSatisfy { $0.finding.blockSite != nil }, "a caution does not withhold the plan")
        #expect(findings[0].point.relief?.verdict == .positiveStrict)
        #expect(findings[1].point.relief?.verdict == .negative)
    }

    @Test(arguments: [(7.0, 1.0, BlockRelief.Verdict.positiveStrict), (10, 3, .positiveStrict), (10, 4, .positive), (10, 5, .positive),
                      (10, 5.1, .negative), (5, 6, .negative), (0, 0, .notAssessable)])
    func reliefIsJudgedAgainstTheSourcedThresholds(before: Double, after: Double, verdict: BlockRelief.Verdict) {
        let r = BlockRelief(painBefore: before, painAfter: after, minutes: 30)
        #expect(r.verdict == verdict)
        if before > 0 { #expect(abs((r.percent ?? -1) - (before - after) / before * 100) < 1e-9) }
        #expect(BlockRelief.positivePercent == 50 && BlockRelief.strictPercent == 70)
    }

    struct Broken: Sendable, CustomTestStringConvertible {
        let name: String
        let json: String
        let expect: String
        var testDescription: String { name }
    }

    static let base = """
    {"schemaVersion": 1, "patient": {"id": "X", "sex": "male"}, "date": "2026-02-28", "redFlagsScreened": false,
     "tenderPoints": [{"label": "A", "side": "left", "from": "crest", "lateral": "7cm", "vertical": 0}]}
    """

    static let broken: [Broken] = [
        Broken(name: "bad date", json: base.replacingOccurrences(of: "2026-02-28", with: "2026-02-30"), expect: "exam.json:1: $.date: \"2026-02-30\" is not a date written YYYY-MM-DD"),
        Broken(name: "no points", json: #"{"schemaVersion": 1, "patient": {"id": "X", "sex": "male"}, "date": "2026-02-28", "redFlagsScreened": false, "tenderPoints": []}"#, expect: "$.tenderPoints: the exam lists no tender points"),
        Broken(name: "pain out of range", json: base.replacingOccurrences(of: "\"vertical\": 0}", with: "\"vertical\": 0, \"pain\": 11}"), expect: "exam.json:2: $.tenderPoints[0].pain: pain 11.0 is outside 0–10"),
        Broken(name: "duplicate label", json: base.replacingOccurrences(of: "\"vertical\": 0}]", with: "\"vertical\": 0}, {\"label\": \"A\", \"side\": \"right\", \"from\": \"crest\", \"lateral\": \"7cm\", \"vertical\": 0}]"),
               expect: "$.tenderPoints[1].label: label \"A\" is already used by tenderPoints[0]"),
        Broken(name: "bad length", json: base.replacingOccurrences(of: "\"7cm\"", with: "\"7in\""), expect: "$.tenderPoints[0].lateral:"),
        Broken(name: "unknown side", json: base.replacingOccurrences(of: "\"left\"", with: "\"up\""), expect: "$.tenderPoints[0].side"),
        Broken(name: "block volume", json: base.replacingOccurrences(of: "\"vertical\": 0}", with: "\"vertical\": 0, \"block\": {\"agent\": \"lidocaine\", \"volume\": 0, \"painBefore\": 5, \"painAfter\": 1, \"minutes\": 30}}"),
               expect: "$.tenderPoints[0].block.volume: volume 0.0 mL is outside (0, 20]"),
        Broken(name: "missing patient", json: #"{"schemaVersion": 1, "date": "2026-02-28", "redFlagsScreened": false, "tenderPoints": []}"#, expect: "\"patient\" is missing"),
        Broken(name: "bad measurement", json: base.replacingOccurrences(of: "\"redFlagsScreened\"", with: "\"measurements\": {\"height\": \"tall\"}, \"redFlagsScreened\""), expect: "$.measurements.height"),
    ]

    @Test(arguments: broken)
    func aBrokenExamIsRefusedWithFieldFileAndLine(broken: Broken) {
        let result = Result { () throws(ExamError) -> Exam in try Exam.load(AtlasInput(file: "exam.json", bytes: Array(broken.json.utf8))) }
        guard case .failure(let error) = result else { Issue.record("accepted \(broken.name)"); return }
        #expect(error.description.contains(broken.expect), "\(error.description)")
        #expect(!error.description.contains("\n"), "one line")
    }

    @Test func symptomWordsInTheExamAreCheckedWithTheirPath() throws {
        let json = Self.base.replacingOccurrences(of: "\"redFlagsScreened\"", with: "\"symptoms\": [\"buttock pain\", \"age\"], \"redFlagsScreened\"")
        let exam = try Exam.load(AtlasInput(file: "exam.json", bytes: Array(json.utf8)))
        let result = Result { () throws(ExamError) -> RedFlagScreening in try exam.screening(with: try? Fixture.get().catalogue) }
        guard case .failure(let error) = result else { Issue.record("accepted"); return }
        #expect(error.description.hasPrefix("exam.json:1: $.symptoms[1]: \"age\" could be any of age-over-50, age-under-20"), "\(error.description)")
    }

    @Test func theBriefNoteIsAtMostEightPlainLinesPerPoint() throws {
        for ef in try Self.findings(try Self.sample()) {
            let lines = BriefNote.lines(ef.finding, label: ef.point.label, pain: ef.point.pain, block: ef.point.block)
            #expect(lines.count <= BriefNote.lineLimit)
            #expect(lines[0].hasPrefix("Point \(ef.point.label): "))
            let text = lines.joined(separator: "\n")
            #expect(!text.contains(" SD"), "no standard scores in a record note")
            #expect(!text.contains("scn-") && !text.contains("mcn-") && !text.contains(".aota"), "no zone ids")
            #expect(text.contains("Red flags: screened by the clinician"))
        }
        // The fullest case: urgent, a likelier look-alike with a cluneal fit, another look-alike, a block given, cautions.
        let fixture = try Fixture.get()
        let locator = try fixture.locator(.reference)
        let screening = try fixture.catalogue.screen(["saddle", "over 50", "steroids"], screened: true)
        let input = TenderPointInput(side: .left, frame: .psis, lateral: Length(millimetres: -7.1), vertical: Length(millimetres: -7.1))
        let f = locator.locate(try TenderPoint(input, on: locator.model), screening: screening)
        let block = ExamDocument.BlockEntry(agent: "lidocaine 1 %", volume: 2, painBefore: 6, painAfter: 2, minutes: 20)
        let lines = BriefNote.lines(f, label: "9", pain: 6, block: block)
        #expect(lines.count <= BriefNote.lineLimit, "\(lines.joined(separator: "\n"))")
        #expect(lines[0].hasPrefix("URGENT: possible cauda equina (saddle-numbness)"))
        #expect(lines.contains { $0.hasPrefix("Most likely: sacroiliac joint pain point") })
        #expect(lines.contains { $0.hasPrefix("Diagnostic block: not planned") })
        #expect(lines.last?.contains("rule out first spinal malignancy") == true)
    }
}
