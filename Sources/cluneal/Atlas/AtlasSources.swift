import ArgumentParser
import ClunealAnatomy

extension Bibliography.Format: ExpressibleByArgument {}

/// `cluneal atlas sources`: the bibliography, as a list or exported for a reference manager.
struct AtlasSources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the published sources the atlas cites, or export them (BibTeX, RIS, CSL-JSON).",
        discussion: """
            Without --format: each source's citation, whether it was verified against the \
            publication, how many atlas items cite it, and what the atlas takes from it. \
            --format bibtex|ris|csl-json writes the whole bibliography for Zotero, EndNote, \
            pandoc or LaTeX; the entry keys are the source ids the atlas cites.
            """)

    @OptionGroup var atlasOptions: AtlasOptions

    @Flag(help: "Print the list as JSON (each source with the ids of the items that cite it) instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Export the bibliography: \(Bibliography.Format.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: Bibliography.Format?

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "Write to this file (atomically) instead of standard output (-, the default).", valueName: "file"))
    var outputs: [OutputTarget] = []
    /// The one file `-o` names (``OutputTarget/single(_:)`` refuses a repeat in `validate()`).
    var outputPath: OutputTarget? { outputs.first }

    struct Cited: Encodable {
        var source: SourceEntry
        var citation: String
        var citedBy: [String]
    }

    func validate() throws {
        if json, let format { throw ValidationError("--json and --format \(format.rawValue) cannot be used together: --format csl-json is the bibliography as JSON.") }
        if let outputPath = try OutputTarget.single(outputs), outputPath.argument.isEmpty {
            throw ValidationError("--output needs a file path, not an empty string.")
        }
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let out: String
            if let format {
                do {
                    out = try Bibliography.export(atlas.sources, as: format)
                } catch {
                    throw CLIError(.software, "cannot encode the bibliography as \(format.rawValue): \(error)")
                }
            } else {
                let cited = atlas.sources.map { s in
                    Cited(source: s, citation: s.citation, citedBy: atlas.items.filter { $0.sourceIds.contains(s.id) }.map(\.id))
                }
                out = json ? try JSONOutput.encode(cited) : Self.text(cited)
            }
            if let outputPath {
                // The atlas and its bibliographies are inputs: exporting over one is refused.
                try OutputFiles.write([(outputPath, Array(out.utf8))], inputs: AtlasFiles.inputPaths(of: atlas))
            } else {
                try StandardOutput.write(out)
            }
        }
    }

    static func text(_ cited: [Cited]) -> String {
        var out = ""
        for c in cited {
            out += "[\(c.source.id)] \(c.citation)\n"
            let count = c.citedBy.count
            out += "    \(c.source.type.rawValue); \(c.source.status.rawValue); cited by \(count) item\(count == 1 ? "" : "s")\n"
            if let u = c.source.URL { out += "    read at: \(u)\n" }
            out += "    note: \(c.source.note)\n"
        }
        return out
    }
}
