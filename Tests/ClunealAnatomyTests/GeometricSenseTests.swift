import BodyGeometry
import Foundation
import Testing
@testable import ClunealAnatomy

/// `atlas validate` refuses anatomically absurd geometry that is well-formed JSON: a crest
/// summit at or below the PSIS, a curve that crosses itself, and curves with so many points
/// that every query would crawl (the review's 60,000-point crest).
@Suite("Atlas geometric sense")
struct GeometricSenseTests {
    struct Mutation: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: String
        var id: String
        let key: String
        let value: [[Double]]
        var expect: String
        var testDescription: String { name }
    }

    static let mutations: [Mutation] = [
        Mutation(name: "crest summit below the PSIS", kind: "landmarks", id: "crest-summit", key: "point", value: [[100, -20]],
                 expect: "the crest summit (z = -20 mm) must lie above the PSIS"),
        Mutation(name: "self-intersecting crest", kind: "structures", id: "iliac-crest", key: "polyline",
                 value: [[40, 0], [65, 37], [80, 60], [70, 50], [100, 80], [60, 60], [137, 80]], expect: "the curve crosses itself"),
        Mutation(name: "a 60,000-point crest", kind: "structures", id: "iliac-crest", key: "polyline",
                 value: (0..<60_000).map { [40 + Double($0) * 0.0016, Double($0) * 0.0013] }, expect: "60000 points; a curve may have at most 500"),
    ]

    static func mutated(_ m: Mutation) throws -> [UInt8] {
        let url = TestFiles.atlasFolder.appendingPathComponent("adult-default.atlas.json")
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var items = try #require(doc[m.kind] as? [[String: Any]])
        let i = try #require(items.firstIndex { $0["id"] as? String == m.id })
        items[i]["geometry"] = [m.key: m.value.count == 1 && m.key == "point" ? m.value[0] : m.value as Any]
        doc[m.kind] = items
        return [UInt8](try JSONSerialization.data(withJSONObject: doc))
    }

    @Test(arguments: mutations)
    func absurdGeometryIsRefused(_ m: Mutation) throws {
        let bytes = try Self.mutated(m)
        let decoded = try AtlasLoader.decode(AtlasInput(file: "mutated.atlas.json", bytes: bytes))
        let sources = try decoded.sourceFileNames.map { try TestFiles.input(TestFiles.atlasFolder.appendingPathComponent($0)) }
        #expect { _ = try AtlasLoader.validate(decoded, sourceFiles: sources) } throws: { error in
            String(describing: error).contains(m.expect)
        }
    }

    @Test func theDefaultAtlasMakesSense() throws {
        let atlas = try TestFiles.defaultAtlas()
        guard case .point(let summit)? = atlas.geometry["crest-summit"], case .point(let psis)? = atlas.geometry["psis"] else {
            Issue.record("no crest summit or PSIS point"); return
        }
        #expect(summit.z > psis.z)
    }
}
