import Foundation
import Testing

/// Every command that writes JSON names the atlas as `{"id", "version"}` and, where it scales
/// a body, writes `scaling` in one shape (`ScalingRecord`).
@Suite("One envelope in every command")
struct EnvelopeTests {
    static let scalingKeys: Set<String> = ["method", "summary", "pairs", "notes", "statureRatio", "statureMillimetres", "sex", "sexSpecificLandmarks", "crestCorrection"]

    struct Command: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var stdin: String? = nil
        var hasScaling: Bool
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let commands: [Command] = [
        Command(arguments: ["atlas", "list", "--json"], hasScaling: false),
        Command(arguments: ["atlas", "show", "psis", "--json", "--height", "180cm"], hasScaling: true),
        Command(arguments: ["palpate", "superior", "--json", "--height", "180cm"], hasScaling: true),
        Command(arguments: ["sites", "--json", "--height", "180cm"], hasScaling: true),
        Command(arguments: ["locate", "--json", "--side", "left", "--from", "crest", "--lateral", "7cm", "--vertical", "0", "--height", "180cm"], hasScaling: true),
        Command(arguments: ["locate", "--cases", "Samples/cases.csv"], hasScaling: true),
        Command(arguments: ["quiz", "--json", "--count", "2", "--seed", "3"], stdin: "skip\nskip\n", hasScaling: false),
    ]

    @Test(arguments: commands)
    func theAtlasAndScalingHaveOneShape(_ c: Command) throws {
        let r = try CLIRunner.run(c.arguments, stdin: c.stdin)
        #expect(r.status == 0, "\(r.stderr)")
        // A batch writes one object per line; check each.
        let documents = c.arguments.contains("--cases") ? r.stdout.split(separator: "\n").map(String.init) : [r.stdout]
        #expect(!documents.isEmpty)
        for text in documents {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let atlas = try #require(object["atlas"] as? [String: Any], "atlas is not an object")
            #expect(Set(atlas.keys) == ["id", "version"])
            #expect(atlas["id"] as? String == "adult-default")
            #expect(object["atlasVersion"] == nil && object["version"] == nil)
            if c.hasScaling {
                let scaling = try #require(object["scaling"] as? [String: Any], "scaling is not an object")
                #expect(Set(scaling.keys).isSubset(of: Self.scalingKeys) && ["method", "summary", "pairs", "notes"].allSatisfy { scaling[$0] != nil },
                        "\(scaling.keys.sorted())")
            }
        }
    }

    @Test func theQuizAnswerKeyUsesTheSameEnvelope() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cluneal-envelope-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLIRunner.run(["map", "--quiz", "-o", "q.svg"], currentDirectory: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let key = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("q.key.json"))) as? [String: Any])
        #expect((key["atlas"] as? [String: Any]).map { Set($0.keys) } == ["id", "version"])
        #expect((key["scaling"] as? [String: Any])?["summary"] is String)
    }
}
