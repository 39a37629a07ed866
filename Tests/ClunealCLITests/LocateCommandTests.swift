import Foundation
import Testing

@Suite("cluneal locate and sites")
struct LocateCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func textPutsTheAnswerAndTheBlockSiteFirstAndTheNoticeOnce() throws {
        let r = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Tender point: left side, 7.0 cm from the midline, 5.1 cm above the PSIS level"))
        #expect(r.stdout.contains("Best match: superior cluneal nerve, branch scn-medial"))
        #expect(r.stdout.contains("Diagnostic block: Medial superior cluneal nerve block at the iliac crest"))
        #expect(r.stdout.contains("landmark technique:"))
        #expect(r.stdout.contains("ultrasound technique (nielsen-2019"))
        #expect(r.stdout.contains("volume: 1.0–2.0 mL"))
        #expect(r.stdout.contains("[kuniya-2014]"))
        #expect(r.stdout.components(separatedBy: "For education and planning, not diagnosis").count == 2)
        #expect(r.stderr.isEmpty)
    }

    @Test func redFlagsComeBeforeAnythingElseAndWithholdTheBlock() throws {
        let r = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0",
                                   "--symptom", "buttock-pain", "--symptom", "new-bladder-dysfunction"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("URGENT REFERRAL (new-bladder-dysfunction)"))
        #expect(r.stdout.contains("Diagnostic block: not planned"))
        #expect(!r.stdout.contains("landmark technique:"))
        let j = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0",
                                   "--symptom", "saddle", "--json"])
        let object = try json(j.stdout)
        #expect(object["urgentReferral"] as? Bool == true)
        #expect(object["blockSite"] is NSNull)
        #expect(object["blockSiteWithheld"] as? Bool == true)
        let flags = try #require(object["redFlags"] as? [[String: Any]])
        #expect(flags.map { $0["id"] as? String } == ["saddle-numbness"])
        #expect((object["referralMessage"] as? String)?.hasPrefix("URGENT REFERRAL") == true)
    }

    @Test func aCautionSaysWhatToRuleOutAndKeepsTheBlock() throws {
        let r = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0",
                                   "--symptom", "over 50", "--symptom", "steroids", "--red-flags-screened"])
        #expect(r.status == 0, "\(r.stderr)")
        let flat = r.stdout.replacingOccurrences(of: "\n", with: " ")
        #expect(flat.hasPrefix("CAUTION: rule out first spinal malignancy (metastasis or myeloma) (age-over-50); a vertebral or sacral fracture"))
        #expect(r.stdout.contains("Red flags: screened by the clinician: caution (age-over-50, long-term-steroids)"))
        #expect(!r.stdout.contains("REFERRAL"))
        #expect(r.stdout.contains("Diagnostic block: Medial superior cluneal nerve block"))
    }

    @Test func symptomWordsAreResolvedOrExplained() throws {
        let base = ["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0"]
        let bladder = try CLIRunner.run(base + ["--symptom", "bladder"])
        #expect(bladder.status == 0)
        #expect(bladder.stdout.hasPrefix("URGENT REFERRAL (new-bladder-dysfunction)"))
        let age = try CLIRunner.run(base + ["--symptom", "age"])
        #expect(age.status == 64)
        #expect(age.stderr.contains("--symptom: \"age\" could be any of age-over-50, age-under-20"))
        let typo = try CLIRunner.run(base + ["--symptom", "bladdr"])
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("--symptom: unknown symptom \"bladdr\"; did you mean new-bladder-dysfunction"), "\(typo.stderr)")
    }

    @Test func jsonHasTheDocumentedFields() throws {
        let r = try CLIRunner.run(["locate", "--side", "right", "--from", "psis", "--lateral", "-4mm", "--vertical", "-28.5mm", "--json", "--height", "170cm"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try json(r.stdout)
        let point = try #require(object["tenderPoint"] as? [String: Any])
        #expect(point["side"] as? String == "right")
        #expect(point["xMillimetres"] as? Double == -36)
        #expect(point["zMillimetres"] as? Double == -28.5)
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.count == 19)
        for c in candidates {
            for key in ["nerve", "branch", "zone", "source", "siteId", "distanceMillimetres", "standardScore", "withinOneSD", "withinTwoSD",
                        "isDefault", "disputed", "nearestPathMillimetres"] {
                #expect(c[key] != nil, "\(key)")
            }
            #expect(["superior", "middle", "inferior"].contains(c["nerve"] as? String ?? ""))
        }
        let best = try #require(object["bestMatch"] as? [String: Any])
        #expect(best["nerve"] as? String == "middle")
        #expect(best["zone"] as? String == "mcn-ldsl.konno-2017-mcn")
        let block = try #require(object["blockSite"] as? [String: Any])
        #expect(block["id"] as? String == "mcn-block")
        #expect(block["volumeMillilitres"] is [String: Any])
        #expect(object["redFlags"] as? [Any] != nil)
        #expect(object["urgentReferral"] as? Bool == false)
        let scaling = try #require(object["scaling"] as? [String: Any])
        #expect(scaling["method"] as? String == "stature")
    }

    @Test func aPointFarFromEveryZoneIsAValidAnswer() throws {
        let r = try CLIRunner.run(["locate", "--side", "left", "--from", "midline", "--lateral", "4.5cm", "--vertical", "12cm", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try json(r.stdout)
        #expect(object["bestMatch"] is NSNull)
        #expect(object["blockSite"] is NSNull)
        #expect((object["statement"] as? String)?.contains("not typical of cluneal nerve entrapment") == true)
        let text = try CLIRunner.run(["locate", "--side", "left", "--from", "midline", "--lateral", "4.5cm", "--vertical", "12cm"])
        #expect(text.stdout.contains("No cluneal entrapment zone is within 2 SD of this point"))
    }

    @Test(arguments: [
        (["--side", "left", "--from", "crest", "--lateral", "nan", "--vertical", "0"], Int32(64), "--lateral <length>': \"nan\" is not a finite length"),
        (["--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "inf"], 64, "--vertical"),
        (["--side", "left", "--from", "midline", "--lateral", "-7cm", "--vertical", "0"], 64, "--lateral: -7.0 cm is out of range (allowed 0.0 cm to 30.0 cm)"),
        (["--side", "left", "--from", "midline", "--lateral", "7m", "--vertical", "0"], 64, "--lateral: 700.0 cm is out of range"),
        (["--side", "left", "--from", "midline", "--lateral", "7cm", "--vertical", "-40cm"], 64, "--vertical: -40.0 cm is out of range (allowed -35.0 cm to 30.0 cm)"),
        (["--side", "up", "--from", "crest", "--lateral", "7cm", "--vertical", "0"], 64, "--side"),
        (["--side", "left", "--from", "sacrum", "--lateral", "7cm", "--vertical", "0"], 64, "--from"),
        (["--side", "left", "--from", "crest", "--lateral", "7in", "--vertical", "0"], 64, "--lateral <length>': unknown unit \"in\""),
        (["--side", "left", "--from", "crest", "--lateral", "7,5cm", "--vertical", "0"], 64, "decimal comma"),
        (["--from", "crest", "--lateral", "7cm", "--vertical", "0"], 64, "--side is required"),
        (["--side", "left", "--from", "crest", "--lateral", "2cm", "--vertical", "0"], 65, "--lateral: 2.0 cm from the midline is off the crest line"),
        (["--side", "left", "--from", "psis", "--lateral", "-6cm", "--vertical", "0"], 65, "--lateral: -6.0 cm from the PSIS crosses the midline"),
        (["--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--symptom", "headache"], 64, "--symptom: unknown symptom \"headache\"; did you mean "),
        (["--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--height", "17cm"], 64, "--height: 17.0 cm is out of range"),
        (["--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--format", "csv"], 64, "--format is for --cases"),
        (["--cases", "Samples/cases.csv", "--side", "left"], 64, "--cases reads side"),
        (["--cases", "Samples/cases.csv", "--json"], 64, "--json is for one point"),
        (["--cases", "Samples/cases.csv", "--height", "170cm"], 64, "measurement flags cannot be combined with --cases"),
        (["--cases", "/nonexistent/cases.csv"], 66, "cases /nonexistent/cases.csv: no such file"),
        (["--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--symptom", "fever", "--symptom-catalogue", "/nonexistent.json"], 66, "/nonexistent.json"),
    ])
    func badInputGetsAClearErrorAndCode(arguments: [String], status: Int32, mentions: String) throws {
        let r = try CLIRunner.run(["locate"] + arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    static func expectedNerves() throws -> [String: (nerve: String, urgent: Bool)] {
        let text = try String(contentsOf: CLIRunner.root.appendingPathComponent("Samples/cases.expected.csv"), encoding: .utf8)
        var out: [String: (String, Bool)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[f[0]] = (f[1], f[2] == "yes")
        }
        return out
    }

    @Test func theSampleCasesLandAsExpectedInInputOrder() throws {
        let r = try CLIRunner.run(["locate", "--cases", "Samples/cases.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        let expected = try Self.expectedNerves()
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == expected.count)
        for (i, line) in lines.enumerated() {
            let object = try json(String(line))
            #expect(object["row"] as? Int == i + 1)
            let id = try #require(object["case"] as? String)
            let nerve = (object["bestMatch"] as? [String: Any])?["nerve"] as? String ?? "none"
            #expect(nerve == expected[id]?.nerve, "\(id)")
            #expect(object["urgentReferral"] as? Bool == expected[id]?.urgent, "\(id)")
        }
    }

    @Test func batchCSVToAFile() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-cases-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try CLIRunner.run(["locate", "--cases", "Samples/cases.csv", "--format", "csv", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOf: out, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.first?.hasPrefix("case,row,urgent_referral,urgency,red_flags,side,from,x_mm,z_mm,nerve,") == true)
        #expect(lines.count == (try Self.expectedNerves().count) + 1)
        #expect(lines.contains { $0.hasPrefix("redflag-kuniya-left,") && $0.contains(",yes,urgent,saddle-numbness;new-bladder-dysfunction,") })
    }

    @Test func aBadRowIsReportedAndTheOthersStillRun() throws {
        let csv = "\u{FEFF}case,side,from,lateral,vertical,symptoms\r\nok,left,crest,7,0,\r\nbad,left,crest,\"7,5\",0,\r\nshort,left,crest\r\nsick,right,midline,3.6,-2.85,headache\r\nlast,right,midline,3.6,-2.85,\r\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-bad-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(csv.utf8).write(to: file)
        let r = try CLIRunner.run(["locate", "--cases", file.path])
        #expect(r.status == 65)
        // One line on stderr: the first bad row and the count; every bad row has its record.
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains("row 2 (line 3, case \"bad\"): lateral: \"7,5\" uses a decimal comma"), "\(r.stderr)")
        #expect(r.stderr.contains("(and 2 more bad rows)"), "\(r.stderr)")
        #expect(r.stderr.contains("3 of 5 rows failed"), "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5)
        #expect(try json(lines[0])["case"] as? String == "ok")
        func errorMessage(_ line: String) throws -> String {
            let error = try #require(try json(line)["error"] as? [String: Any])
            return "\(error["field"] as? String ?? "-"): \(error["message"] as? String ?? "")"
        }
        #expect(try errorMessage(lines[1]).hasPrefix("lateral: \"7,5\" uses a decimal comma"))
        #expect(try errorMessage(lines[2]).contains("3 fields where the header has 6"))
        #expect(try errorMessage(lines[3]).hasPrefix("symptoms: unknown symptom \"headache\""))
        #expect(((try json(lines[4])["bestMatch"]) as? [String: Any])?["nerve"] as? String == "middle")
    }

    @Test(arguments: [
        ("case,side,from,lateral,vertical,colour\n", "unknown column \"colour\""),
        ("case,side,from,lateral\nk,left,crest,7\n", "required column \"vertical\" missing"),
    ])
    func aBadHeaderStopsTheRunWith65(text: String, mentions: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-header-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(text.utf8).write(to: file)
        let r = try CLIRunner.run(["locate", "--cases", file.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func sitesListsEveryBlockSiteScaledToThePerson() throws {
        let r = try CLIRunner.run(["sites", "--json", "--height", "187cm"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try json(r.stdout)
        let sites = try #require(object["sites"] as? [[String: Any]])
        #expect(sites.count == 12)
        let medialLeft = try #require(sites.first { $0["id"] as? String == "scn-medial-block" && $0["side"] as? String == "left" })
        #expect(abs((medialLeft["lateralMillimetres"] as? Double ?? 0) - 77) < 0.01)
        #expect((object["scaling"] as? [String: Any])?["method"] as? String == "stature")
        let text = try CLIRunner.run(["sites", "--side", "right", "--units", "mm"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Middle cluneal nerves, right side (landmark or ultrasound)"))
        #expect(text.stdout.contains("mcn-block (36 mm from the midline, 29 mm below the PSIS level)"))
        #expect(!text.stdout.contains("left side"))
    }
}
