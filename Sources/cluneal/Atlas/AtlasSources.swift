import ArgumentParser
import ClunealAnatomy

/// `cluneal atlas sources`: the bibliography.
struct AtlasSources: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the published sources the atlas cites, with how many items cite each.")

    @OptionGroup var atlasOptions: AtlasOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    struct Cited: Encodable {
        var source: SourceEntry
        var citedBy: [String]
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let cited = atlas.sources.map { s in
                Cited(source: s, citedBy: atlas.items.filter { $0.sourceIds.contains(s.id) }.map(\.id))
            }
            if json {
                try StandardOutput.write(try JSONOutput.encode(cited))
                return
            }
            var out = ""
            for c in cited {
                out += "[\(c.source.id)] \(c.source.citation)\n"
                var facts = ["\(c.source.kind)", c.source.status]
                if let n = c.source.sample { facts.append(n) }
                out += "    \(facts.joined(separator: "; ")); cited by \(c.citedBy.count) item\(c.citedBy.count == 1 ? "" : "s")\n"
                if let u = c.source.url { out += "    read at: \(u)\n" }
                if let n = c.source.note { out += "    note: \(n)\n" }
            }
            try StandardOutput.write(out)
        }
    }
}
