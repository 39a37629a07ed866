import Foundation
import Testing

@Suite("cluneal sites: summary and one plan per group")
struct BlockPlanCommandTests {
    @Test func sitesOpensWithOneLinePerSiteThenOneTextPerGroup() throws {
        let r = try CLIRunner.run(["sites", "--side", "left"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("site ") })
        #expect(header == 2, "the summary table comes right after the title")
        let rows = lines[(header + 2)...].prefix { !$0.isEmpty }
        #expect(rows.count == 6, "one line per block site of the left side")
        #expect(rows.allSatisfy { $0.contains(" left ") })
        #expect(rows.first { $0.hasPrefix("scn-medial-block") }?.contains("landmark or ultrasound") == true)
        #expect(rows.first { $0.hasPrefix("icn-block ") }?.contains("landmark ") == true)
        // One text per group: the agent and the positive-block criterion are printed once per group, not per site.
        #expect(r.stdout.components(separatedBy: "  positive block:").count - 1 == 3)
        #expect(r.stdout.components(separatedBy: "Superior cluneal nerves, left side").count - 1 == 1)
        #expect(r.stdout.contains("search window: "))
        #expect(r.stdout.contains("needle: In plane, from lateral to medial"))
        #expect(r.stdout.contains("ultrasound technique: none described in the sources read; landmark only."))
    }

    @Test func locateJSONKeepsUrgentReferralAndAddsCautionsScreeningAndUltrasound() throws {
        let r = try CLIRunner.run(["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0",
                                   "--symptom", "over 50", "--symptom", "fever", "--red-flags-screened", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["urgentReferral"] as? Bool == false)
        #expect(o["redFlagsScreened"] as? Bool == true)
        let cautions = try #require(o["cautions"] as? [[String: Any]])
        #expect(cautions.map { $0["group"] as? String } == ["cancer", "infection"])
        #expect((cautions.first?["ruleOut"] as? String)?.hasPrefix("spinal malignancy") == true)
        let block = try #require(o["blockSite"] as? [String: Any])
        let guide = try #require(block["guide"] as? [String: Any])
        let us = try #require(guide["ultrasound"] as? [String: Any])
        #expect(us["needleApproach"] as? String == "In plane, from lateral to medial, through the thoracolumbar fascia.")
        #expect(us["depthMillimetres"] == nil, "no depth where no source gave one")
    }

    @Test func theUltrasoundLayerDrawsProbeAndNeedle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-us-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("us.svg")
        let r = try CLIRunner.run(["map", "--layers", "outline,bone,nerve,injection,ultrasound,legend", "-o", svg.path])
        #expect(r.status == 0, "\(r.stderr)")
        let text = String(decoding: try Data(contentsOf: svg), as: UTF8.self)
        // Four sites with a sourced ultrasound technique (3 superior, 1 middle) on each side.
        #expect(text.components(separatedBy: "data-kind=\"ultrasound-probe\"").count - 1 == 8)
        #expect(text.components(separatedBy: "data-kind=\"ultrasound-needle\"").count - 1 == 8)
        #expect(text.contains("Ultrasound probe; needle dashed"), "the legend names the layer")
        let plain = folder.appendingPathComponent("plain.svg")
        _ = try CLIRunner.run(["map", "-o", plain.path])
        #expect(!String(decoding: try Data(contentsOf: plain), as: UTF8.self).contains("ultrasound-probe"), "off unless asked")
    }
}
