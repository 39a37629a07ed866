import ClunealAnatomy
import ClunealTeaching
import Foundation
import Testing

/// Paths, loaders and measurement sets shared by the teaching tests.
enum TestFiles {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let atlasFolder = root.appendingPathComponent("Atlas")
    static let guideFixtures = root.appendingPathComponent("Tests/ClunealTeachingTests/Fixtures/guides")

    static func input(_ url: URL) throws -> AtlasInput {
        AtlasInput(file: url.path, bytes: [UInt8](try Data(contentsOf: url)))
    }

    static func defaultAtlas() throws -> Atlas {
        let url = atlasFolder.appendingPathComponent("adult-default.atlas.json")
        let decoded = try AtlasLoader.decode(input(url))
        let sources = try decoded.sourceFileNames.map { try input(url.deletingLastPathComponent().appendingPathComponent($0)) }
        // Small fixture atlases do not carry every id the features rely on.
        return try AtlasLoader.validate(decoded, sourceFiles: sources, requiring: url.lastPathComponent == "adult-default.atlas.json" ? WellKnownId.all : [])
    }

    /// Loads a guide and the bibliographies it names, as the CLI does.
    static func loadGuide(_ url: URL) throws -> Guide {
        let decoded = try Guide.decode(input(url))
        let sources = try decoded.sourceFileNames.map { try input(url.deletingLastPathComponent().appendingPathComponent($0)) }
        return try Guide.validate(decoded, sourceFiles: sources)
    }

    static func defaultGuide() throws -> Guide {
        try loadGuide(atlasFolder.appendingPathComponent("guide.json"))
    }

    struct BrokenGuide: Codable, CustomTestStringConvertible, Sendable {
        var file: String
        var expect: String
        var path: String?
        var testDescription: String { file }
    }

    static var brokenGuides: [BrokenGuide] {
        let url = guideFixtures.appendingPathComponent("expectations.json")
        guard let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([BrokenGuide].self, from: data) else { return [] }
        return cases
    }
}

/// Named measurement sets: the reference body, stature alone, and landmark fits of each kind.
struct Person: CustomTestStringConvertible, Sendable {
    var name: String
    var measurements: Measurements
    var testDescription: String { name }

    static let all: [Person] = [
        Person(name: "reference", measurements: .none),
        Person(name: "150 cm", measurements: Measurements(stature: .centimetres(150), sex: .female)),
        Person(name: "187 cm", measurements: Measurements(stature: .centimetres(187), sex: .male)),
        Person(name: "PSIS 4.6 cm, 176 cm (affine)", measurements: Measurements(stature: .centimetres(176), psisFromMidline: .centimetres(4.6))),
        Person(name: "PSIS + crest height (thin-plate spline)",
               measurements: Measurements(psisFromMidline: .centimetres(4.4), crestSummitAbovePSIS: .centimetres(9))),
        Person(name: "palpated sitting bones", measurements: Measurements(stature: .centimetres(165), palpated: [
            PalpatedLandmark(id: "ischial-tuberosity", side: .left, lateral: .centimetres(6), vertical: .centimetres(-13)),
            PalpatedLandmark(id: "ischial-tuberosity", side: .right, lateral: .centimetres(5.8), vertical: .centimetres(-12.6)),
        ])),
    ]
}

enum JSONEncoderForTests {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        [UInt8](try JSONEncoder().encode(value))
    }
}
