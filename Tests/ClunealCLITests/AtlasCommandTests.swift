import ArgumentParser
import ClunealAnatomy
import Foundation
import Testing
@testable import cluneal

@Suite("cluneal atlas")
struct AtlasCommandTests {
    @Test func versionPrints() throws {
        let r = try CLIRunner.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == Cluneal.version)
    }

    @Test func validateAcceptsTheDefaultAtlas() throws {
        let r = try CLIRunner.run(["atlas", "validate"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("valid: "))
    }

    @Test func listShowsEveryKindWithSourcesAndFidelity() throws {
        let r = try CLIRunner.run(["atlas", "list", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let items = try #require(object["items"] as? [[String: Any]])
        let kinds = Set(items.compactMap { $0["kind"] as? String })
        #expect(kinds == ["landmark", "structure", "nerve", "entrapment-site", "zone", "injection-site", "look-alike"])
        for item in items where (item["kind"] as? String) != "entrapment-site" {
            #expect(!((item["sources"] as? [String]) ?? []).isEmpty, "\(item["id"] ?? "?") has no source")
            #expect(item["fidelity"] != nil, "\(item["id"] ?? "?") has no fidelity")
        }
    }

    @Test(arguments: ["psis", "iliac-crest", "scn-medial", "long-dorsal-sacroiliac-ligament"])
    func showPrintsBothSidesInCentimetres(id: String) throws {
        let r = try CLIRunner.run(["atlas", "show", id])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("left "))
        #expect(r.stdout.contains("right "))
        #expect(r.stdout.contains(" cm"))
        let mm = try CLIRunner.run(["atlas", "show", id, "--units", "mm", "--side", "left"])
        #expect(mm.stdout.contains(" mm"))
        #expect(!mm.stdout.contains("\nright "))
    }

    @Test func showScalesToAPerson() throws {
        let r = try CLIRunner.run(["atlas", "show", "psis", "--json", "--height", "187cm"])
        #expect(r.status == 0, "\(r.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let scaling = try #require(object["scaling"] as? [String: Any])
        #expect(scaling["method"] as? String == "stature")
        let geometry = try #require(object["geometry"] as? [[String: Any]])
        let left = try #require(geometry.first { $0["side"] as? String == "left" })
        let points = try #require(left["pointsMillimetres"] as? [[Double]])
        #expect(abs(points[0][0] - 44) < 0.01)
    }

    @Test func sourcesListCitations() throws {
        let r = try CLIRunner.run(["atlas", "sources"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("[lu-1998] Lu J. Anatomic considerations of superior cluneal nerve at posterior iliac crest region."))
        #expect(r.stdout.contains("article-journal; verified; cited by"))
        #expect(r.stdout.contains("[seed-article]") && r.stdout.contains("webpage; unverified;"))
        #expect(!r.stdout.contains("anatomy-reference"))
    }

    @Test("atlas sources --format writes the bibliography", arguments: ["bibtex", "ris", "csl-json"])
    func sourcesExport(format: String) throws {
        let r = try CLIRunner.run(["atlas", "sources", "--format", format])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty)
        switch format {
        case "bibtex": #expect(r.stdout.contains("@article{tubbs-2010,"))
        case "ris": #expect(r.stdout.contains("TY  - JOUR\nID  - tubbs-2010\n"))
        default:
            let items = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            #expect(items.contains { $0["id"] as? String == "tubbs-2010" && $0["DOI"] as? String == "10.3171/2010.3.SPINE09747" })
        }
    }

    @Test func sourcesExportToAFileIsAtomicAndMatchesStandardOutput() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-bib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("atlas.bib")
        let r = try CLIRunner.run(["atlas", "sources", "--format", "bibtex", "-o", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written == (try CLIRunner.run(["atlas", "sources", "--format", "bibtex"])).stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["atlas.bib"], "no temporary file is left behind")
        let missing = try CLIRunner.run(["atlas", "sources", "--format", "ris", "-o", dir.appendingPathComponent("no/such/dir/a.ris").path])
        #expect(missing.status == 73, "\(missing.stderr)")
    }

    @Test func sourcesFormatOptionsAreCheckedAtParseTime() throws {
        let bad = try CLIRunner.run(["atlas", "sources", "--format", "endnote"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--format"))
        let both = try CLIRunner.run(["atlas", "sources", "--json", "--format", "bibtex"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("--json") && both.stderr.contains("--format"))
    }

    static let brokenFolder = CLIRunner.root.appendingPathComponent("Tests/ClunealAnatomyTests/Fixtures/broken")
    static var brokenFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: brokenFolder.path)) ?? []).filter { $0.hasSuffix(".atlas.json") }.sorted()
    }

    @Test("A broken atlas exits 65 with one located error per problem", arguments: brokenFiles)
    func brokenAtlasExits65(file: String) throws {
        let r = try CLIRunner.run(["atlas", "validate", Self.brokenFolder.appendingPathComponent(file).path])
        #expect(r.status == 65, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("cluneal: error: "))
        #expect(r.stderr.contains(file))
        #expect(r.stdout.isEmpty)
    }

    /// An atlas name carrying terminal escape sequences is printed with the ESC bytes visible,
    /// never sent raw to the reader's terminal.
    @Test(arguments: [["atlas", "show", "psis"], ["atlas", "list"]])
    func controlCharactersFromTheAtlasAreEscapedInText(command: [String]) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-esc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let atlasFolder = CLIRunner.root.appendingPathComponent("Atlas")
        for file in try FileManager.default.contentsOfDirectory(atPath: atlasFolder.path) where file.hasSuffix(".json") {
            try FileManager.default.copyItem(at: atlasFolder.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let atlasFile = dir.appendingPathComponent("adult-default.atlas.json")
        let original = try String(contentsOf: atlasFile, encoding: .utf8)
        let named = original.replacingOccurrences(of: "\"en\": \"Posterior superior iliac spine (PSIS)\"",
                                                  with: "\"en\": \"PSIS \\u001b[31mred\\u001b[0m\"")
        #expect(named != original, "the test found the PSIS name to change")
        try named.write(to: atlasFile, atomically: true, encoding: .utf8)
        let r = try CLIRunner.run(command + ["--atlas", atlasFile.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.unicodeScalars.contains("\u{1B}"), "a raw ESC reached standard output")
        #expect(r.stdout.contains("PSIS \\u{1b}[31mred"), "the escape is shown, visibly")
    }

    @Test func aMissingAtlasExits66() throws {
        let r = try CLIRunner.run(["atlas", "validate", "/nonexistent/atlas.json"])
        #expect(r.status == 66)
        #expect(r.stderr == "cluneal: error: atlas /nonexistent/atlas.json: no such file\n")
    }

    @Test(arguments: [
        (["atlas", "show", "psis", "--height=-170cm"], Int32(64), "--height: -170.0 cm is out of range (allowed 130.0 cm to 220.0 cm)"),
        (["atlas", "show", "psis", "--height", "abc"], 64, "--height"),
        (["atlas", "show", "psis", "--psis-from-midline", "40cm"], 64, "psis-from-midline"),
        (["atlas", "show", "psis", "--units", "inches"], 64, "--units"),
        (["atlas", "show", "psis", "--side", "middle"], 64, "--side"),
        (["atlas", "show", "nowhere"], 65, "nowhere"),
        (["atlas", "show", "psis", "--landmark", "psis:up:4cm:0"], 64, "--landmark"),
        (["atlas", "show", "psis", "--measurements", "/nonexistent.json"], 66, "/nonexistent.json"),
        (["atlas", "list", "--bogus"], 64, "--bogus"),
        // A negative number after a numeric option is its value (named in the error), not a
        // missing value followed by an unknown flag.
        (["quiz", "--seed", "-1"], 64, "The value '-1' is invalid for '--seed"),
        (["quiz", "--count", "-3"], 64, "--count must be from 1 to 50, not -3"),
        (["map", "--px-per-cm", "-5", "-o", "/tmp/never-written.png"], 64, "--px-per-cm must be between 1 and 400, got -5"),
        (["locate", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--palpation-error", "-1cm"], 64, "-1cm is outside"),
    ])
    func badInputGetsAClearErrorAndCode(arguments: [String], status: Int32, mentions: String) throws {
        let r = try CLIRunner.run(arguments)
        #expect(r.status == status, "\(r.stderr)")
        #expect(r.stderr.contains(mentions), "\(r.stderr)")
    }

    @Test func parsingSharesTheMeasurementOptions() throws {
        let command = try Cluneal.parseAsRoot(["atlas", "show", "psis", "--height", "1.72m", "--landmark", "greater-trochanter:left:16cm:-8cm"])
        let show = try #require(command as? AtlasShow)
        // Typed at parse time: run() never parses the text again.
        #expect(show.measurementOptions.height == Length(millimetres: 1720))
        #expect(show.measurementOptions.landmarks.first?.id == "greater-trochanter")
        #expect(show.measurementOptions.landmarks.first?.vertical == Length(millimetres: -80))
    }
}
