import Foundation
import Testing

/// The render engine knows no anatomy (DESIGN.md's module table): the ClunealRender target
/// depends on no anatomy module in Package.swift, none of its sources imports one, and no
/// source file uses an anatomy word (in code, strings or comments). Anatomy is composed into a
/// `Scene` by ClunealFigures. The check reads the files themselves, and fails (rather than
/// passing on nothing) when it cannot find the target or its sources.
@Suite("Engine boundary")
struct EngineBoundaryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Modules the engine must not depend on or import.
    static let anatomyModules = ["ClunealAnatomy", "ClunealPalpation", "ClunealTeaching", "ClunealFigures"]
    /// Anatomy words, whole words, any case. "Cluneal" itself is the project's name and "body"
    /// the engine's coordinate frame, so neither is listed.
    static let anatomyWords = [
        "anatomy", "anatomical", "nerves?", "bones?", "fascia", "ligaments?", "muscles?", "gluteal", "gluteus", "sacrum", "sacral",
        "sacroiliac", "iliac", "ilium", "ischium", "ischial", "crests?", "psis", "coccyx", "femur", "femoral", "trochanters?",
        "lumbar", "vertebrae?", "spinous", "foramen", "foramina", "pelvis", "pelvic", "buttocks?", "thoracolumbar", "dermatomes?",
        "territory", "territories", "landmarks?", "tender", "injections?", "entrapment", "palpation", "palpated",
    ]

    /// The quoted names in the `dependencies:` list of `.target(name: "<name>", …)`.
    static func dependencies(of target: String, in manifest: String) -> [String]? {
        guard let start = manifest.range(of: ".target(name: \"\(target)\"") else { return nil }
        var depth = 0
        var end = start.lowerBound
        for i in manifest[start.lowerBound...].indices {
            if manifest[i] == "(" { depth += 1 }
            if manifest[i] == ")" {
                depth -= 1
                if depth == 0 { end = i; break }
            }
        }
        let declaration = manifest[start.upperBound..<end]
        guard let list = declaration.range(of: "dependencies:") else { return [] }
        return declaration[list.upperBound...].split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    @Test("Package.swift: ClunealRender depends on no anatomy module")
    func manifest() throws {
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let dependencies = try #require(Self.dependencies(of: "ClunealRender", in: manifest), "no .target(name: \"ClunealRender\" in Package.swift")
        #expect(dependencies.contains("BodyGeometry"), "the parser found \(dependencies)")
        for module in Self.anatomyModules {
            #expect(!dependencies.contains(module), "ClunealRender depends on \(module)")
        }
        // The figures module sits on both sides of the cut.
        let figures = try #require(Self.dependencies(of: "ClunealFigures", in: manifest))
        #expect(figures.contains("ClunealRender") && figures.contains("ClunealAnatomy"))
    }

    @Test("ClunealRender's sources import no anatomy module and use no anatomy word")
    func sources() throws {
        let folder = Self.root.appendingPathComponent("Sources/ClunealRender")
        let enumerator = try #require(FileManager.default.enumerator(atPath: folder.path))
        let files = enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files.count >= 30, "found only \(files.count) Swift files under \(folder.path)")
        // Swift's Regex, not NSRegularExpression: Foundation's CF regex leaks its pattern on Linux,
        // which fails the LeakSanitizer run.
        let words = try Regex("\\b(" + Self.anatomyWords.joined(separator: "|") + ")\\b").ignoresCase()
        var findings: [String] = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = String(line)
                for module in Self.anatomyModules where line.range(of: "import \(module)") != nil {
                    findings.append("\(file):\(n + 1): imports \(module)")
                }
                for match in line.matches(of: words) {
                    findings.append("\(file):\(n + 1): \"\(line[match.range])\"")
                }
            }
        }
        #expect(findings.isEmpty, "anatomy in the render engine:\n\(findings.joined(separator: "\n"))")
    }
}
