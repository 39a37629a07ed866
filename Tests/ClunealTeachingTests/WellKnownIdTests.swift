@testable import ClunealAnatomy
import Foundation
import Testing

/// The atlas ids the code relies on are declared once (`WellKnownId`), required by the
/// validator, and never written as string literals elsewhere in the libraries.
@Suite("Well-known atlas ids")
struct WellKnownIdTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func defaultDocument() throws -> AtlasDocument {
        try JSONDecoder().decode(AtlasDocument.self, from: Data(contentsOf: root.appendingPathComponent("Atlas/adult-default.atlas.json")))
    }

    /// An atlas without one of them fails validation, naming the id and what needs it.
    @Test(arguments: WellKnownId.all)
    func anAtlasWithoutItFailsValidation(_ known: WellKnownId) throws {
        var doc = try Self.defaultDocument()
        switch known.kind {
        case .frame: doc.frames.removeAll { $0.id == known.id }
        case .landmark: doc.landmarks.removeAll { $0.id == known.id }
        case .structure: doc.structures.removeAll { $0.id == known.id }
        case .nerve: doc.nerves.removeAll { $0.id == known.id }
        case .entrapmentSite: doc.entrapmentSites.removeAll { $0.id == known.id }
        case .zone: doc.zones.removeAll { $0.id == known.id }
        case .lookAlike: doc.lookAlikes?.removeAll { $0.id == known.id }
        }
        let bytes = [UInt8](try JSONEncoder().encode(doc))
        let sources = AtlasInput(file: "sources.json", bytes: [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Atlas/sources.json"))))
        do {
            _ = try AtlasLoader.load(AtlasInput(file: "trimmed.atlas.json", bytes: bytes), sourceFiles: [sources])
            Issue.record("an atlas without \(known.id) validated")
        } catch {
            let wanted = "no \(known.kind.rawValue) with the id \"\(known.id)\"; the tool needs it for \(known.neededBy)"
            #expect(error.errors.contains { $0.description.contains(wanted) }, "\(error.errors.map(\.description))")
        }
    }

    @Test func theDefaultAtlasHasEveryOne() throws {
        _ = try AtlasLoader.load(AtlasInput(file: "a.json", bytes: [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Atlas/adult-default.atlas.json")))),
                                 sourceFiles: [AtlasInput(file: "s.json", bytes: [UInt8](try Data(contentsOf: Self.root.appendingPathComponent("Atlas/sources.json"))))])
        #expect(Set(WellKnownId.all.map { "\($0.kind):\($0.id)" }).count == WellKnownId.all.count)
    }

    /// No library source spells an atlas id as a literal: it uses the `WellKnownId` constant.
    /// (Walk-step ids that happen to share a landmark's name are not atlas ids.)
    @Test func noLibraryWritesAnAtlasIdAsALiteral() throws {
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("Atlas/adult-default.atlas.json"))) as? [String: Any] ?? [:]
        var ids = Set<String>()
        for case let list as [[String: Any]] in doc.values { for item in list { if let id = item["id"] as? String { ids.insert(id) } } }
        #expect(ids.count > 50)
        let libraries = ["BodyGeometry", "ClunealAnatomy", "ClunealPalpation", "ClunealRender", "ClunealTeaching"]
        let literal = try Regex(#""([a-z0-9][a-z0-9.-]*)""#)
        var found: [String] = []
        for library in libraries {
            let folder = Self.root.appendingPathComponent("Sources/\(library)")
            let files = FileManager.default.enumerator(atPath: folder.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
            for file in files where !file.hasSuffix("WellKnownId.swift") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") { continue }
                    for match in line.matches(of: literal) {
                        guard let id = match.output[1].substring.map(String.init), ids.contains(id) else { continue }
                        let before = line[..<match.range.lowerBound]
                        // Step ids of a walk (`add("psis", …)`), legend entries (`text("psis", …)`), and the frame kind "body".
                        if before.hasSuffix("add(") || before.hasSuffix("text(") || before.hasSuffix("case ") && code.contains("kind = .body") { continue }
                        if file.hasSuffix("Frame.swift") && code.contains("kindNames") { continue }
                        found.append("\(library)/\(file):\(n + 1): \(id)")
                    }
                }
            }
        }
        #expect(found.isEmpty, "atlas ids written as literals: \(found.joined(separator: ", "))")
    }
}
