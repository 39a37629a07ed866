import Foundation
@testable import ClunealAnatomy

/// Paths and loaders shared by the anatomy tests.
enum TestFiles {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let atlasFolder = root.appendingPathComponent("Atlas")
    static let fixtures = root.appendingPathComponent("Tests/ClunealAnatomyTests/Fixtures")

    static func input(_ url: URL) throws -> AtlasInput {
        AtlasInput(file: url.path, bytes: [UInt8](try Data(contentsOf: url)))
    }

    /// Loads an atlas and the bibliographies it names, as the CLI does.
    static func loadAtlas(_ url: URL) throws -> Atlas {
        let decoded = try AtlasLoader.decode(input(url))
        let sources = try decoded.sourceFileNames.map { try input(url.deletingLastPathComponent().appendingPathComponent($0)) }
        // Small fixture atlases do not carry every id the features rely on.
        return try AtlasLoader.validate(decoded, sourceFiles: sources, requiring: url.lastPathComponent == "adult-default.atlas.json" ? WellKnownId.all : [])
    }

    static func defaultAtlas() throws -> Atlas {
        try loadAtlas(atlasFolder.appendingPathComponent("adult-default.atlas.json"))
    }

    static func minimalAtlas() throws -> Atlas {
        try loadAtlas(fixtures.appendingPathComponent("minimal.atlas.json"))
    }

    struct BrokenCase: Codable, CustomTestStringConvertible, Sendable {
        var file: String
        var expect: String
        var testDescription: String { file }
    }

    static var brokenCases: [BrokenCase] {
        let url = fixtures.appendingPathComponent("broken/expectations.json")
        guard let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([BrokenCase].self, from: data) else { return [] }
        return cases
    }
}

import Testing
