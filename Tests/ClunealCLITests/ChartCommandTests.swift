import ClunealRender
import Foundation
import Testing

@Suite("cluneal chart: one chart of an exam")
struct ChartCommandTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-chart-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: ["png", "svg", "pdf"])
    func aChartOfSeveralPointsInEveryFormat(format: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("chart.\(format)")
        let r = try CLIRunner.run(["chart", "Samples/exam.json", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: out))
        if format == "png" {
            let image = try PNGDecoder.decode(bytes)
            #expect(image.width > 1000 && image.height > 1000, "the whole back at 4 px/mm")
        } else if format == "pdf" {
            #expect(bytes.starts(with: Array("%PDF-".utf8)))
            let fitted = dir.appendingPathComponent("a4.pdf")
            let a4 = try CLIRunner.run(["chart", "Samples/exam.json", "-o", fitted.path, "--paper", "a4", "--fit"])
            #expect(a4.status == 0, "\(a4.stderr)")
            #expect(a4.stderr.contains("one A4 sheet"))
        } else {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.components(separatedBy: "data-kind=\"tender-point\"").count - 1 == 4)
            for (label, zone) in [("1", "scn-"), ("2", "mcn-"), ("3", "icn-"), ("4", "mcn-")] {
                #expect(text.contains("data-label=\"\(label)\""), "point \(label)")
                _ = zone
            }
            #expect(text.contains("data-zone=\"scn-"), "each point carries its finding's zone")
            #expect(text.contains("Patient P-0042, female, 58 y · exam 2026-12-06"))
            #expect(text.contains("Red flags: screened by the clinician: caution (age-over-50)"))
            #expect(text.contains("86 % relief at 30 min: positive"))
            #expect(text.contains("40 % relief at 30 min: negative"))
            #expect(text.contains("For education and planning, not diagnosis"))
            #expect(text.contains("data-kind=\"injection\""), "a caution keeps the block sites")
        }
    }

    @Test func oneChartGoesToEveryOutputNamed() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = dir.appendingPathComponent("chart.png"), svg = dir.appendingPathComponent("chart.svg")
        let r = try CLIRunner.run(["chart", "Samples/exam.json", "-o", png.path, "-o", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: png.path), "the first -o is written too, not dropped for the last")
        #expect(FileManager.default.fileExists(atPath: svg.path))
        let image = try PNGDecoder.decode([UInt8](try Data(contentsOf: png)))
        #expect(image.width > 1000)
        // One file named twice is refused before anything is written.
        let twice = try CLIRunner.run(["chart", "Samples/exam.json", "-o", png.path, "-o", "\(dir.path)/./chart.png"])
        #expect(twice.status == 73, "\(twice.stderr)")
        #expect(twice.stderr.contains("same file"))
    }

    @Test(arguments: [["atlas", "sources"], ["locate", "--cases", "Samples/cases.csv"]])
    func aCommandWritingOneFileRefusesTwoOutputs(command: [String]) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.out"), b = dir.appendingPathComponent("b.out")
        let r = try CLIRunner.run(command + ["-o", a.path, "-o", b.path])
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("--output was given 2 times"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: a.path) && !FileManager.default.fileExists(atPath: b.path))
    }

    @Test func jsonGivesEveryFindingAsLocatePrintsItWithPatientAndDate() throws {
        let r = try CLIRunner.run(["chart", "Samples/exam.json", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try Self.json(r.stdout)
        #expect((object["patient"] as? [String: Any])?["id"] as? String == "P-0042")
        #expect(object["date"] as? String == "2026-12-06")
        #expect(object["redFlagsScreened"] as? Bool == true)
        let points = try #require(object["points"] as? [[String: Any]])
        #expect(points.map { $0["label"] as? String } == ["1", "2", "3", "4"])
        // The same record as locate --json for the same point on the same body.
        let single = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0",
                                        "--height", "168cm", "--sex", "female", "--psis-from-midline", "4.3cm", "--crest-height", "7.5cm",
                                        "--symptom", "buttock pain", "--symptom", "sitting", "--symptom", "over 50", "--red-flags-screened", "--json"])
        #expect(single.status == 0, "\(single.stderr)")
        let first = try #require(points.first?["finding"] as? [String: Any])
        let alone = try Self.json(single.stdout)
        func canonical(_ o: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try canonical(first) == (try canonical(alone)), "chart's finding equals locate --json")
        #expect((points[0]["block"] as? [String: Any])?["verdict"] as? String == "positive-strict")
    }

    @Test func theBriefNoteIsShortAndPlain() throws {
        let r = try CLIRunner.run(["chart", "Samples/exam.json", "--brief"])
        #expect(r.status == 0, "\(r.stderr)")
        let blocks = r.stdout.components(separatedBy: "\n\n").filter { $0.hasPrefix("Point ") }
        #expect(blocks.count == 4)
        for b in blocks { #expect(b.split(separator: "\n").count <= 8, "\(b)") }
        #expect(!r.stdout.contains(" SD"))
        let one = try CLIRunner.run(["locate", "--side", "right", "--from", "psis", "--lateral", "-0.7cm", "--vertical", "-0.7cm", "--brief"])
        #expect(one.status == 0)
        #expect(one.stdout.split(separator: "\n").count <= 8 + 1, "8 lines and the notice")
        #expect(one.stdout.contains("Most likely: sacroiliac joint pain point"))
    }

    @Test func anUrgentExamLeadsWithReferralAndDrawsNoBlockSite() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var text = try String(contentsOfFile: "Samples/exam.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"over 50\"", with: "\"over 50\", \"bladder\"")
        let exam = dir.appendingPathComponent("urgent.json"), svg = dir.appendingPathComponent("urgent.svg")
        try text.write(to: exam, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["chart", exam.path, "-o", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("URGENT REFERRAL (new-bladder-dysfunction)"))
        let chart = String(decoding: try Data(contentsOf: svg), as: UTF8.self)
        #expect(chart.contains("RED FLAGS: urgent medical assessment comes first"))
        #expect(!chart.contains("data-kind=\"injection\""))
    }

    @Test func aBadExamEndsWith65NamingFieldFileAndLine() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exam = dir.appendingPathComponent("bad.json"), out = dir.appendingPathComponent("bad.png")
        var text = try String(contentsOfFile: "Samples/exam.json", encoding: .utf8)
        text = text.replacingOccurrences(of: "\"pain\": 6", with: "\"pain\": 16")
        try text.write(to: exam, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(["chart", exam.path, "-o", out.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad.json:18: $.tenderPoints[2].pain: pain 16.0 is outside 0–10"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path), "no half-written chart")
        let missing = try CLIRunner.run(["chart", dir.appendingPathComponent("none.json").path])
        #expect(missing.status == 66)
        let json = try CLIRunner.run(["chart", "Samples/exam.json", "-o", exam.path])
        #expect(json.status == 64, "the chart is .png or .svg, never the exam")
    }
}
