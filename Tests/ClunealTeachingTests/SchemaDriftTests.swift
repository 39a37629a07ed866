@testable import ClunealAnatomy
import ClunealPalpation
import ClunealTeaching
import Foundation
import Testing

/// The committed JSON Schemas and the loaders describe one format: for every object in every
/// committed data file, the keys the loader reads are exactly the keys the schema lists, and
/// a misspelled key is refused by the loader with the nearest known key (scripts/check-schemas
/// runs the schemas themselves with jsonschema).
@Suite("Schemas and loaders agree")
struct SchemaDriftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct DataFile: Sendable, CustomTestStringConvertible {
        var path: String
        var schema: String
        var asked: @Sendable ([UInt8]) -> [JSONPath: Set<String>]?
        var decode: @Sendable (AtlasInput) throws -> Void
        var testDescription: String { path }
    }

    static let files: [DataFile] = [
        DataFile(path: "Atlas/adult-default.atlas.json", schema: "Atlas/atlas.schema.json",
                 asked: { KeyRecordingDecoder.askedKeys(AtlasDocument.self, in: $0) },
                 decode: { _ = try AtlasLoader.decode($0) }),
        DataFile(path: "Atlas/symptoms.json", schema: "Atlas/symptoms.schema.json",
                 asked: { KeyRecordingDecoder.askedKeys(SymptomCatalogueDocument.self, in: $0) },
                 decode: { _ = try JSONDocumentDecoder.decode(SymptomCatalogueDocument.self, from: $0) }),
        DataFile(path: "Atlas/guide.json", schema: "Atlas/guide.schema.json",
                 asked: { KeyRecordingDecoder.askedKeys(GuideDocument.self, in: $0) },
                 decode: { _ = try JSONDocumentDecoder.decode(GuideDocument.self, from: $0) }),
    ] + ["palpated", "petite-woman", "tall-man"].map { name in
        DataFile(path: "Samples/measurements/\(name).json", schema: "Atlas/measurements.schema.json",
                 asked: { KeyRecordingDecoder.askedKeys(MeasurementsDocument.self, in: $0) },
                 decode: { _ = try Measurements.decode($0) })
    }

    static func json(_ path: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(contentsOf: root.appendingPathComponent(path)))
    }

    /// Walks data and schema together, comparing each object's keys.
    static func compare(_ value: Any, _ schema: [String: Any], _ rootSchema: [String: Any], at path: JSONPath,
                        asked: [JSONPath: Set<String>], _ problems: inout [String]) {
        var s = schema
        while let ref = s["$ref"] as? String, ref.hasPrefix("#/$defs/"),
              let defs = rootSchema["$defs"] as? [String: Any], let target = defs[String(ref.dropFirst(8))] as? [String: Any] {
            s = target
        }
        if let object = value as? [String: Any], let properties = s["properties"] as? [String: Any] {
            let schemaKeys = Set(properties.keys)
            if let loaderKeys = asked[path], loaderKeys != schemaKeys {
                problems.append("\(path): only the loader reads \(loaderKeys.subtracting(schemaKeys).sorted()); only the schema lists \(schemaKeys.subtracting(loaderKeys).sorted())")
            }
            if s["additionalProperties"] as? Bool != false { problems.append("\(path): the schema allows unknown keys") }
            for (k, v) in object { if let sub = properties[k] as? [String: Any] { compare(v, sub, rootSchema, at: path.appending(k), asked: asked, &problems) } }
        } else if let array = value as? [Any], let items = s["items"] as? [String: Any] {
            for (i, v) in array.enumerated() { compare(v, items, rootSchema, at: path.appending(i), asked: asked, &problems) }
        }
    }

    @Test(arguments: files)
    func theLoaderReadsExactlyTheKeysTheSchemaLists(_ file: DataFile) throws {
        let bytes = [UInt8](try Data(contentsOf: Self.root.appendingPathComponent(file.path)))
        let asked = try #require(file.asked(bytes), "the key recorder could not decode \(file.path)")
        let schema = try #require(try Self.json(file.schema) as? [String: Any])
        var problems: [String] = []
        Self.compare(try Self.json(file.path), schema, schema, at: .root, asked: asked, &problems)
        #expect(problems.isEmpty, "\(file.path) vs \(file.schema): \(problems.joined(separator: "; "))")
        #expect(asked.count > 0)
    }

    /// The review's case: `palpation` misspelled `palpaton` in a landmark; and a misspelled key
    /// at the top of every file.
    @Test(arguments: files)
    func aMisspelledKeyIsRefusedWithTheNearestKnownOne(_ file: DataFile) throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent(file.path), encoding: .utf8)
        guard let brace = text.firstIndex(of: "{") else { Issue.record("no object"); return }
        var mutated = text
        mutated.insert(contentsOf: "\"zzUnknownKey\": 1, ", at: mutated.index(after: brace))
        #expect { try file.decode(AtlasInput(file: file.path, bytes: Array(mutated.utf8))) } throws: { error in
            String(describing: error).contains("unknown key \"zzUnknownKey\"")
        }
    }

    /// The bibliography (a CSL-JSON array) checks its own keys (`StrictKeys`, from each type's
    /// `CodingKeys`): those lists are exactly the schema's properties of an entry, a name and a date.
    @Test func theBibliographyKeysAreTheSchemaKeys() throws {
        let schema = try #require(try Self.json("Atlas/sources.schema.json") as? [String: Any])
        let defs = try #require(schema["$defs"] as? [String: Any])
        func properties(_ def: String) -> Set<String> {
            Set(((defs[def] as? [String: Any])?["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
        }
        #expect(Set(SourceEntry.CodingKeys.allCases.map(\.rawValue)) == properties("item"))
        #expect(Set(CSLName.CodingKeys.allCases.map(\.rawValue)) == properties("name"))
        #expect(Set(CSLDate.CodingKeys.allCases.map(\.rawValue)) == properties("date"))
        for def in ["item", "name", "date"] {
            #expect((defs[def] as? [String: Any])?["additionalProperties"] as? Bool == false, "\(def) allows unknown keys")
        }
        // And the loader refuses an unknown key in an entry.
        let text = try String(contentsOf: Self.root.appendingPathComponent("Atlas/sources.json"), encoding: .utf8)
        let brace = try #require(text.firstIndex(of: "{"))
        var mutated = text
        mutated.insert(contentsOf: "\"zzUnknownKey\": 1, ", at: mutated.index(after: brace))
        #expect { _ = try JSONDocumentDecoder.decode(SourceFileDocument.self, from: AtlasInput(file: "s.json", bytes: Array(mutated.utf8)), strict: false) } throws: { error in
            String(describing: error).contains("unknown key \"zzUnknownKey\"")
        }
    }

    @Test func aMisspelledAtlasKeyNamesTheNearestOne() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Atlas/adult-default.atlas.json"), encoding: .utf8)
        let range = try #require(text.range(of: "\"palpation\""))
        let mutated = text.replacingCharacters(in: range, with: "\"palpaton\"")
        #expect { _ = try AtlasLoader.decode(AtlasInput(file: "a.json", bytes: Array(mutated.utf8))) } throws: { error in
            let d = String(describing: error)
            return d.contains("unknown key \"palpaton\"; did you mean \"palpation\"?") && d.contains("a.json:")
        }
        let heigth = Array("{\"heigth\": \"190cm\"}".utf8)
        #expect { _ = try Measurements.decode(AtlasInput(file: "m.json", bytes: heigth)) } throws: { error in
            String(describing: error).contains("unknown key \"heigth\"; did you mean \"height\"?")
        }
    }

    /// The schema spells sex in lower case (an enum of "female" and "male"), so the loader does
    /// too; a capitalised value is refused with the spelling the schema wants, not a bare "invalid".
    @Test(arguments: ["Female", "MALE", "f", "woman"])
    func aSexTheSchemaRefusesIsRefusedWithTheRightSpelling(value: String) throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("Atlas/measurements.schema.json"))) as? [String: Any]
        let properties = try #require(schema?["properties"] as? [String: Any])
        let allowed = try #require((properties["sex"] as? [String: Any])?["enum"] as? [String])
        #expect(Set(allowed) == Set(Sex.allCases.map(\.rawValue)))
        #expect(!allowed.contains(value))
        for good in allowed {
            let m = try Measurements.decode(AtlasInput(file: "m.json", bytes: Array("{\"sex\": \"\(good)\"}".utf8)))
            #expect(m.sex?.rawValue == good)
        }
        let bytes = Array("{\"height\": \"170cm\",\n \"sex\": \"\(value)\"}".utf8)
        #expect { _ = try Measurements.decode(AtlasInput(file: "m.json", bytes: bytes)) } throws: { error in
            let d = String(describing: error)
            let meant = allowed.first { $0 == value.lowercased() }
            return d.contains("m.json:2") && d.contains("\"\(value)\" is not a valid sex (female or male)")
                && d.contains("did you mean") == (meant != nil) && (meant.map { d.contains("did you mean \"\($0)\"?") } ?? true)
        }
    }
}
