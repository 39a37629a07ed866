import Foundation
import Testing

/// `--crest-height-from`, `--sex` and the palpated-crest correction as a user sees them.
@Suite("Crest level and sex in the CLI")
struct CrestLevelCommandTests {
    static let kuniya = ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0"]

    func scaling(_ arguments: [String]) throws -> [String: Any] {
        let r = try CLIRunner.run(arguments + ["--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return try #require(object["scaling"] as? [String: Any])
    }

    @Test func textStatesThePalpatedCrestCorrection() throws {
        let r = try CLIRunner.run(Self.kuniya + ["--crest-height", "9cm", "--sex", "female"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("crest height 9.0 cm palpated, 6.4 cm at the bone"), "\(r.stdout)")
        #expect(r.stdout.contains("sex female (ischial-tuberosity placed for the sex)"))
    }

    @Test func jsonCarriesTheCorrectionAndImagingSkipsIt() throws {
        let palpated = try #require(try scaling(Self.kuniya + ["--crest-height", "9cm", "--sex", "male"])["crestCorrection"] as? [String: Any])
        #expect(palpated["source"] as? String == "palpation")
        #expect(palpated["offsetMillimetres"] as? Double == 18.1)
        #expect(palpated["bonyMillimetres"] as? Double == 71.9)
        let imaged = try #require(try scaling(Self.kuniya + ["--crest-height", "9cm", "--crest-height-from", "imaging"])["crestCorrection"] as? [String: Any])
        #expect(imaged["offsetMillimetres"] as? Double == 0)
        #expect(imaged["bonyMillimetres"] as? Double == 90)
        let none = try scaling(Self.kuniya)
        #expect(none["crestCorrection"] == nil, "left out without a measured crest height, as every absent detail of the scaling record")
        #expect((none["sexSpecificLandmarks"] as? [String])?.isEmpty == true)
    }

    @Test func atlasShowGivesEachSexVariantAndWhichIsUsed() throws {
        let r = try CLIRunner.run(["atlas", "show", "ischial-tuberosity", "--sex", "female"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("for a woman at (+5.8 cm, -12.0 cm) (used: --sex female)"), "\(r.stdout)")
        #expect(r.stdout.contains("for a man at (+5.2 cm, -12.0 cm) (with --sex male)"))
        #expect(r.stdout.contains("left point: (+5.8 cm, -12.0 cm)"))
        #expect(r.stdout.contains("[chen-2021-eitw]"))
    }

    @Test func aBadSourceIsAUsageErrorNamingTheFlag() throws {
        let r = try CLIRunner.run(Self.kuniya + ["--crest-height", "9cm", "--crest-height-from", "xray"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--crest-height-from"))
    }

    @Test func aBonyHeightTooLowIsBadData() throws {
        let r = try CLIRunner.run(Self.kuniya + ["--crest-height", "3.5cm", "--sex", "female"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("crest-height"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }
}
