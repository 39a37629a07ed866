import Foundation
import Testing
@testable import ClunealAnatomy

@Suite("Atlas validation")
struct AtlasValidationTests {
    @Test func theMinimalFixtureIsValid() throws {
        let atlas = try TestFiles.minimalAtlas()
        #expect(atlas.id == "test-minimal")
        #expect(atlas.sources.count == 2)
        #expect(atlas.frames.count == 3)
    }

    @Test("Each broken atlas fails with a message that names the place", arguments: TestFiles.brokenCases)
    func brokenAtlasesFail(_ c: TestFiles.BrokenCase) throws {
        let url = TestFiles.fixtures.appendingPathComponent("broken").appendingPathComponent(c.file)
        do {
            _ = try TestFiles.loadAtlas(url)
            Issue.record("\(c.file) was accepted")
        } catch let errors as AtlasErrors {
            let first = try #require(errors.errors.first)
            #expect(first.description.contains(c.expect), "\(first)")
            #expect(first.location.file.hasSuffix(c.file))
            // Everything after the syntax stage names a line; syntax errors name line and column.
            if !first.description.contains("UTF-8") {
                #expect(first.location.line != nil, "\(first)")
            }
        }
    }

    @Test func thereAreAtLeastFifteenBrokenAtlases() {
        #expect(TestFiles.brokenCases.count >= 15)
    }

    @Test func allProblemsAreReportedNotJustTheFirst() throws {
        var doc = try JSONDecoder().decode(AtlasDocument.self, from: Data(contentsOf: TestFiles.fixtures.appendingPathComponent("minimal.atlas.json")))
        doc.landmarks[0].provenance.sources = ["nobody"]
        doc.zones[0].lateral.sd = 0
        doc.injectionSites[0].howToFind = "  "
        let bytes = [UInt8](try JSONEncoder().encode(doc))
        let sources = try TestFiles.input(TestFiles.fixtures.appendingPathComponent("sources.json"))
        #expect(throws: AtlasErrors.self) {
            _ = try AtlasLoader.load(AtlasInput(file: "x.json", bytes: bytes), sourceFiles: [sources], requiring: [])
        }
        do {
            _ = try AtlasLoader.load(AtlasInput(file: "x.json", bytes: bytes), sourceFiles: [sources], requiring: [])
        } catch {
            #expect(error.errors.count == 3, "\(error)")
        }
    }

    @Test func aDisputedZoneMayLieAwayFromItsNerveButCannotBeTheDefault() throws {
        var doc = try JSONDecoder().decode(AtlasDocument.self, from: Data(contentsOf: TestFiles.fixtures.appendingPathComponent("minimal.atlas.json")))
        var far = doc.zones[0]
        far.id = "scn-medial-tunnel.fixture-b"
        far.source = "fixture-b"
        far.frame = "body"
        far.lateral.mean = 35
        far.disputed = true
        doc.zones.append(far)
        let sources = try TestFiles.input(TestFiles.fixtures.appendingPathComponent("sources.json"))
        let atlas = try AtlasLoader.load(AtlasInput(file: "x.json", bytes: [UInt8](try JSONEncoder().encode(doc))), sourceFiles: [sources], requiring: [])
        #expect(atlas.zones(ofSite: "scn-medial-tunnel").count == 2)
        doc.entrapmentSites[0].defaultZone = far.id
        #expect(throws: AtlasErrors.self) {
            _ = try AtlasLoader.load(AtlasInput(file: "x.json", bytes: [UInt8](try JSONEncoder().encode(doc))), sourceFiles: [sources], requiring: [])
        }
    }
}
