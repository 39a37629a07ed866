import Foundation
import Testing

/// `--palpation-error` in locate (one point and --cases), and the error and group in the outputs.
@Suite("Palpation error in the CLI")
struct PalpationErrorCommandTests {
    static let maigne = ["locate", "--side", "left", "--from", "crest", "--lateral", "7.8cm", "--vertical", "0"]

    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func textStatesTheErrorAndNamesTheGroupWithItsSearchWindow() throws {
        let r = try CLIRunner.run(Self.maigne)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("palpation error: 10 mm per axis"))
        #expect(r.stdout.contains("Nerve group: superior cluneal nerves"))
        #expect(r.stdout.contains("block target: the group's search window"))
    }

    @Test func jsonStatesTheErrorAndZeroGivesAnatomyOnlyScores() throws {
        let withError = try json(try CLIRunner.run(Self.maigne + ["--json"]).stdout)
        let error = try #require(withError["palpationError"] as? [String: Any])
        #expect(error["lateralMillimetres"] as? Double == 10)
        #expect((withError["group"] as? [String: Any])?["nerve"] as? String == "superior")
        // 2 cm below Kuniya's point: typical with the error, not typical without it.
        let below = ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "-2cm", "--json"]
        let typical = try json(try CLIRunner.run(below).stdout)
        #expect(typical["bestMatch"] is [String: Any])
        let anatomy = try json(try CLIRunner.run(below + ["--palpation-error", "0"]).stdout)
        #expect(anatomy["bestMatch"] is NSNull)
        #expect((anatomy["palpationError"] as? [String: Any])?["verticalMillimetres"] as? Double == 0)
    }

    @Test func batchRowsCarryTheErrorAndTheGroup() throws {
        let r = try CLIRunner.run(["locate", "--cases", "Samples/cases.csv", "--palpation-error", "1.5cm"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map(String.init)
        #expect(!rows.isEmpty)
        for row in rows {
            let object = try json(row)
            #expect((object["palpationError"] as? [String: Any])?["lateralMillimetres"] as? Double == 15)
            #expect(object.keys.contains("group"))
        }
    }

    @Test(arguments: [(["--palpation-error", "-1cm"], "--palpation-error"), (["--palpation-error", "6cm"], "outside 0–50 mm"), (["--palpation-error", "abc"], "--palpation-error")])
    func badValuesAreUsageErrors(extra: [String], mentions: String) throws {
        let r = try CLIRunner.run(Self.maigne + extra)
        #expect(r.status == 64)
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }
}
