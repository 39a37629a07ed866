import ArgumentParser
import ClunealAnatomy

/// `cluneal atlas list`: every item with its id, kind, names, side, fidelity and sources.
struct AtlasList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the atlas's landmarks, structures, nerves, entrapment sites, zones, injection sites and look-alikes.")

    @OptionGroup var atlasOptions: AtlasOptions

    @Option(help: "Only items of this kind.")
    var kind: ItemKind?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    enum ItemKind: String, ExpressibleByArgument, CaseIterable {
        case landmark, structure, nerve, zone
        case entrapmentSite = "entrapment-site"
        case injectionSite = "injection-site"
        case lookAlike = "look-alike"
    }

    struct Row: Encodable {
        var id: String
        var kind: String
        var subkind: String?
        var name: String?
        var latinName: String?
        var side: String?
        var fidelity: String?
        var sources: [String]
        var isDefault: Bool?
        var disputed: Bool?
    }

    struct Listing: Encodable {
        var atlas: AtlasReference
        var items: [Row]
        var notice: String
    }

    /// At most two source ids and a count of the rest, so the table fits a terminal.
    static func shortSources(_ ids: [String]) -> String {
        ids.count <= 2 ? ids.joined(separator: ",") : ids.prefix(2).joined(separator: ",") + " +\(ids.count - 2)"
    }

    func run() throws {
        try reportingErrors {
            let atlas = try atlasOptions.load()
            let rows = atlas.items.filter { kind == nil || $0.kind == kind?.rawValue }.map { item in
                var row = Row(id: item.id, kind: item.kind, subkind: item.subkind, name: item.names?.en, latinName: item.names?.latin,
                              side: item.laterality?.rawValue, fidelity: item.fidelity?.rawValue, sources: item.sourceIds)
                if case .zone(let z) = item {
                    row.isDefault = atlas.isDefault(z)
                    row.disputed = z.disputed
                    row.name = "\(atlas.site(z.site)?.names.en ?? z.site) — \(z.source)"
                }
                return row
            }
            if json {
                try StandardOutput.write(try JSONOutput.encode(Listing(atlas: AtlasReference(atlas), items: rows, notice: Notice.text)))
                return
            }
            var table = TextTable(columns: ["id", "kind", "side", "fidelity", "sources", "name"])
            for r in rows {
                var name = r.name ?? ""
                if r.isDefault == true { name += " [default]" }
                if r.disputed == true { name += " [disputed]" }
                table.add([r.id, r.subkind.map { "\(r.kind) (\($0))" } ?? r.kind, r.side ?? "", r.fidelity ?? "", Self.shortSources(r.sources), name])
            }
            try StandardOutput.write(EscapedText.text("Atlas \(atlas.id) \(atlas.version): \(rows.count) items\n\n" + table.render() + "\n\(Notice.text)\n"))
        }
    }
}
